"""The anomaly checks of electronic supervision (异常检查): each a named rule that finds cases
breaking one of the hall's rules and opens a supervision record with the evidence. A site switches
any of them off in its rules (Policy.disabled_checks).

Each check is a function `(*, at, since=None) -> list[Anomaly]`: `at` is the moment of the check
(its local date is "today"), `since` the start of the window for the checks of acts already done
(a decision, a notice, a bill); None looks at the whole history (a backfill). A check of a state
that is still open (a step running late, a suspension not ended) looks at every open one whatever
`since`: they are few, found on an index range, and stay anomalous until they end. No check loads
cases to look at them: the database returns the rows that break the rule, except that the fee
check reads the window's bill lines to recompute each with fees.calculation.

`anomaly_sweep` runs them and opens one record per anomaly: the record's unique constraint on
(case, cause, cause key) decides, so running the sweep again, or with a clerk's action at the same
time, opens nothing twice (docs/adr/0012).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Case as Choose
from django.db.models import Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext as _

from onewindow.cases.models import (
    HANDLING_STATUSES,
    RUNNING_TASK_STATUSES,
    Case,
    CaseMaterial,
    CaseStatus,
    CorrectionRequest,
    Extension,
    Notice,
    Suspension,
    Task,
)
from onewindow.cases.selectors import decision_authority
from onewindow.cases.services.intake import DECISION_WORKING_DAYS
from onewindow.cases.transitions import local_date
from onewindow.catalog.models import CaseKind, FeeItem
from onewindow.fees import calculation
from onewindow.fees.models import NoticeLine, PaymentNotice
from onewindow.fees.services import standard_of
from onewindow.org.models import Delegation, DelegationItem, Department, Role, StaffRole
from onewindow.supervision.models import Cause, Record
from onewindow.supervision.selectors import Rules, all_policies, rules_for

#: Every check's code, as a site's rules name them (the causes other than the lights).
CHECK_CODES = tuple(cause.value for cause in Cause if cause not in (Cause.RED, Cause.DELIVERY_LATE))

#: How far back `anomaly_sweep` looks at acts already done when no `since` is given: a sweep
#: that runs hourly or daily may miss a few runs without missing an anomaly.
LOOKBACK = timedelta(days=7)

#: The statuses of a decided case (handling.case_decide, then delivery).
DECIDED_STATUSES = (CaseStatus.COMPLETED, CaseStatus.DELIVERED)

_CASE_RELATED = ("site", "department", "version", "item")


@dataclass(frozen=True)
class Anomaly:
    """One breach of a rule found by a check: the record it opens (services.record_open)."""

    case: Case
    cause: str
    cause_key: str
    summary: str
    evidence: dict
    department: Department | None = None  # the case's department when None


def _related(prefix: str) -> list[str]:
    return [f"{prefix}{name}" for name in _CASE_RELATED]


def _decided_since(since: datetime | None) -> Q:
    """Cases decided at or after `since`. A decided case's delivery is due 10 working days after
    its decision date, so the decision window is a range on the (status, delivery due date, id)
    index; the decision time then narrows it exactly."""
    decided = Q(status__in=DECIDED_STATUSES, decided_by__isnull=False)
    if since is None:
        return decided
    return decided & Q(delivery_due_date__gte=local_date(since), decided_at__gte=since)


# 1. STEP_OVERDUE ------------------------------------------------------------------------------


def step_overdue(*, at: datetime, since: datetime | None = None) -> list[Anomaly]:
    """环节超时: a running task (a step, an opinion, the forwarding, telling the applicant) of an
    accepted case past its due date. Open work only, whatever `since`: a range on the tasks'
    (status, due date) index; a suspended case's tasks are stopped and not late. One record per
    task, for the task's department."""
    today = local_date(at)
    tasks = (
        Task.objects.filter(
            status__in=RUNNING_TASK_STATUSES, due_date__lt=today, case__status=CaseStatus.ACCEPTED
        )
        .select_related("department", *_related("case__"))
        .order_by("due_date", "id")
    )
    anomalies = []
    for task in tasks:
        case = task.case
        department = task.department.short_name or task.department.name
        anomalies.append(
            Anomaly(
                case=case,
                cause=Cause.STEP_OVERDUE,
                cause_key=str(task.pk),
                summary=_("办件 %(reference)s 的“%(task)s”（%(department)s）已超过办理期限 %(due)s。")
                % {
                    "reference": case.reference,
                    "task": task.name,
                    "department": department,
                    "due": task.due_date.isoformat(),
                },
                evidence={
                    "task_id": task.pk,
                    "task": task.name,
                    "kind": task.kind,
                    "status": task.status,
                    "department": task.department.name,
                    "started_date": task.started_date.isoformat() if task.started_date else None,
                    "due_date": task.due_date.isoformat(),
                    "checked_on": today.isoformat(),
                },
                department=task.department,
            )
        )
    return anomalies


# 2. DECISION_OVERDUE --------------------------------------------------------------------------


def decision_overdue(*, at: datetime, since: datetime | None = None) -> list[Anomaly]:
    """收件后逾期未作受理决定 (行政许可法 art. 32): a case still waiting for the acceptance decision
    (RECEIVED) after its decision due date, or a case accepted by law because nobody decided in
    time (is_auto_accepted; accepted at or after `since`). One record per decision due date, so a
    case found waiting and then accepted by law is one record.

    A case waiting for the applicant's correction (CORRECTION) is not late: the correction notice
    was the hall's decision in time (art. 32 (4); a notice after the due date accepts the case by
    law instead), and the period starts again when the materials come back (case_resubmit).

    The waiting cases are a range on the (status, decision due date) index. The cases accepted by
    law carry no index on their acceptance time: that part reads the window's rows of the table."""
    today = local_date(at)
    waiting = Case.objects.filter(status=CaseStatus.RECEIVED, decision_due_date__lt=today)
    deemed = Case.objects.filter(is_auto_accepted=True)
    if since is not None:
        deemed = deemed.filter(accepted_at__gte=since)
    anomalies = []
    for query in (waiting, deemed):
        for case in query.select_related(*_CASE_RELATED).order_by("decision_due_date", "id"):
            values = {
                "reference": case.reference,
                "days": DECISION_WORKING_DAYS,
                "due": case.decision_due_date.isoformat(),
            }
            if case.is_auto_accepted:
                summary = (
                    _(
                        "办件 %(reference)s 收件后%(days)s个工作日内未作受理决定（期限 %(due)s），已依法视为受理。"
                    )
                    % values
                )
            else:
                summary = _("办件 %(reference)s 至今未作受理决定，受理决定期限 %(due)s 已过。") % values
            anomalies.append(
                Anomaly(
                    case=case,
                    cause=Cause.DECISION_OVERDUE,
                    cause_key=case.decision_due_date.isoformat(),
                    summary=summary,
                    evidence={
                        "status": case.status,
                        "materials_date": case.materials_date.isoformat(),
                        "decision_due_date": case.decision_due_date.isoformat(),
                        "auto_accepted": case.is_auto_accepted,
                        "accepted_date": case.accepted_date.isoformat() if case.accepted_date else None,
                        "checked_on": today.isoformat(),
                    },
                )
            )
    return anomalies


# 3. CORRECTION_NOT_ONCE -----------------------------------------------------------------------


def correction_not_once(*, at: datetime, since: datetime | None = None) -> list[Anomaly]:
    """补正未一次性告知 (art. 32 (4)): a correction notice asking for something an earlier notice of
    the case did not (acceptance.case_correction_notice flags the notice and each new request),
    issued at or after `since`. One record per notice. The notices carry no index on their issue
    time: the window's correction notices are read, the flagged ones returned."""
    new_requests = CorrectionRequest.objects.filter(notice=OuterRef("pk"), is_new=True)
    notices = Notice.objects.filter(kind=Notice.Kind.CORRECTION).filter(
        Q(has_new_requests=True) | Exists(new_requests)
    )
    if since is not None:
        notices = notices.filter(issued_at__gte=since)
    anomalies = []
    for notice in notices.select_related(*_related("case__")).order_by("issued_at", "id"):
        case = notice.case
        names = list(
            notice.requests.filter(is_new=True)
            .order_by("case_material__sort_order")
            .values_list("case_material__name", flat=True)
        )
        anomalies.append(
            Anomaly(
                case=case,
                cause=Cause.CORRECTION_NOT_ONCE,
                cause_key=str(notice.pk),
                summary=_("办件 %(reference)s 第%(sequence)s次补正告知要求了首次未告知的材料：%(names)s。")
                % {"reference": case.reference, "sequence": notice.sequence, "names": "、".join(names)},
                evidence={
                    "notice_id": notice.pk,
                    "document_number": notice.document_number,
                    "sequence": notice.sequence,
                    "issued_date": notice.issued_date.isoformat(),
                    "new_materials": names,
                },
            )
        )
    return anomalies


# 4. FEE_MISMATCH ------------------------------------------------------------------------------


def _standard_texts(item: FeeItem) -> set[str]:
    """The item's standard as printed in each of the hall's languages (the notice keeps the text
    in the language of the clerk who billed)."""
    texts = set()
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            texts.add(str(item.standard_text)[:300])
    return texts


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def fee_line_problems(line: NoticeLine) -> dict:
    """How a payment-notice line differs from its catalog fee item (empty when it does not):
    `version` the fee item is not of the case's item version; `calculation` the catalog's standard
    cannot give this line (a quantity, a rate or a waiver it refuses); `amount` the amounts
    differ from what fees.calculation gives for the line's quantity, chosen rate and waiver;
    `snapshot` the name, unit, standard, basis or waiver basis printed differ from the catalog."""
    item = line.fee_item
    case = line.notice.case
    problems: dict = {}
    if item.version_id != case.version_id:
        problems["version"] = {"fee_item_version": item.version_id, "case_version": case.version_id}
    try:
        expected = calculation.line_amount(
            standard_of(item),
            quantity=line.quantity,
            unit_price=line.unit_price,
            waived_amount=line.waived_amount,
        )
    except calculation.FeeInputError as error:
        problems["calculation"] = {"field": error.field, "code": error.code}
    else:
        charged = (line.amount, line.waived_amount, line.amount_due, line.unit_price)
        computed = (expected.amount, expected.waived_amount, expected.amount_due, expected.unit_price)
        if charged != computed:
            problems["amount"] = {
                "charged": _money(line.amount),
                "charged_due": _money(line.amount_due),
                "charged_unit_price": _money(line.unit_price),
                "expected": _money(expected.amount),
                "expected_due": _money(expected.amount_due),
                "expected_unit_price": _money(expected.unit_price),
            }
    differing = [
        field
        for field, printed, catalog in (
            ("name", line.name, item.name),
            ("unit", line.unit, item.unit),
            ("legal_basis", line.legal_basis, item.legal_basis),
            ("waiver_basis", line.waiver_basis, item.waiver_basis if line.waived_amount else ""),
        )
        if printed != catalog
    ]
    if line.standard not in _standard_texts(item):
        differing.append("standard")
    if differing:
        problems["snapshot"] = differing
    return problems


def _fee_problem_text(problems: dict) -> str:
    parts = []
    if "version" in problems:
        parts.append(_("收费项目不属于本办件适用的事项版本"))
    if "calculation" in problems:
        parts.append(_("按收费目录不能如此计费"))
    if "amount" in problems:
        parts.append(
            _("应收 %(charged)s 元，按收费目录应为 %(expected)s 元")
            % {"charged": problems["amount"]["charged"], "expected": problems["amount"]["expected"]}
        )
    if "snapshot" in problems:
        parts.append(_("收费项目名称、标准或依据与收费目录不一致"))
    return "；".join(parts)


def fee_mismatch(*, at: datetime, since: datetime | None = None) -> list[Anomaly]:
    """收费与目录不符: a line of a payment notice that is not cancelled, issued on or after `since`'s
    day (a range on the notices' (status, issue date) index), that differs from its catalog fee
    item (fee_line_problems). One record per line, for the collecting department.

    Through the services this cannot happen: fees.services.fee_quote takes only the fee items of
    the case's version (which never changes) and computes every amount with
    fees.calculation.line_amount, and an approved version's fee items are never edited
    (catalog.services.draft_save edits drafts only). The check is there for what the services do
    not guard: rows edited by hand or imported, and a later change of the arithmetic."""
    lines = NoticeLine.objects.filter(notice__status__in=PaymentNotice.LIVE_STATUSES)
    if since is not None:
        lines = lines.filter(notice__issued_date__gte=local_date(since))
    lines = lines.select_related("fee_item", "notice__department", *_related("notice__case__")).order_by(
        "notice_id", "sort_order", "id"
    )
    anomalies = []
    for line in lines.iterator(chunk_size=500):
        problems = fee_line_problems(line)
        if not problems:
            continue
        notice = line.notice
        anomalies.append(
            Anomaly(
                case=notice.case,
                cause=Cause.FEE_MISMATCH,
                cause_key=str(line.pk),
                summary=_("缴款通知书 %(notice)s 的“%(fee)s”与收费目录不符：%(problems)s。")
                % {"notice": notice.number, "fee": line.name, "problems": _fee_problem_text(problems)},
                evidence={
                    "notice": notice.number,
                    "line_id": line.pk,
                    "fee_item_id": line.fee_item_id,
                    "fee_item": line.fee_item.name,
                    "quantity": _money(line.quantity),
                    "problems": problems,
                },
                department=notice.department,
            )
        )
    return anomalies


# 5. MATERIAL_NOT_LISTED -----------------------------------------------------------------------


#: A checklist line not naming a material of its case's version: its catalog material belongs to
#: another version, or the name printed is not the material's.
_LINE_NOT_LISTED = ~Q(material__version_id=F("case__version_id")) | ~Q(name=F("material__name"))


def material_not_listed(*, at: datetime, since: datetime | None = None) -> list[Anomaly]:
    """索要目录外材料: a checklist line (CaseMaterial) of a case received at or after `since`, or a
    request of a correction notice issued at or after `since`, naming a material that is not among
    the case version's catalog materials: the line's catalog material belongs to another version,
    the name on it is not the catalog material's, or the request names another case's line. One
    record per line ("checklist:<id>") and per request ("request:<id>").

    Through the services this cannot happen: the checklist is copied from the version's materials
    when the case is received (intake.case_receive) and never gets other lines, and a correction
    notice asks only for the case's own outstanding lines. A line's material cannot be empty (the
    column is NOT NULL). The check is there for rows edited by hand or imported."""
    lines = CaseMaterial.objects.filter(_LINE_NOT_LISTED)
    if since is not None:
        lines = lines.filter(case__received_at__gte=since)  # the (received at, id) index
    requests = CorrectionRequest.objects.filter(
        ~Q(case_material__case_id=F("notice__case_id"))
        | ~Q(case_material__material__version_id=F("notice__case__version_id"))
        | ~Q(case_material__name=F("case_material__material__name"))
    )
    if since is not None:
        requests = requests.filter(notice__issued_at__gte=since)
    anomalies = []
    for line in lines.select_related("material", *_related("case__")).order_by("case_id", "sort_order"):
        case = line.case
        anomalies.append(
            Anomaly(
                case=case,
                cause=Cause.MATERIAL_NOT_LISTED,
                cause_key=f"checklist:{line.pk}",
                summary=_("办件 %(reference)s 的收件清单列有办事指南以外的材料：%(name)s。")
                % {"reference": case.reference, "name": line.name},
                evidence={
                    "case_material_id": line.pk,
                    "name": line.name,
                    "material_id": line.material_id,
                    "material": line.material.name,
                    "material_version": line.material.version_id,
                    "case_version": case.version_id,
                },
            )
        )
    for request in requests.select_related(
        "case_material__material", "notice", *_related("notice__case__")
    ).order_by("notice_id", "id"):
        case = request.notice.case
        line = request.case_material
        anomalies.append(
            Anomaly(
                case=case,
                cause=Cause.MATERIAL_NOT_LISTED,
                cause_key=f"request:{request.pk}",
                summary=_("办件 %(reference)s 的补正告知书 %(notice)s 要求了办事指南以外的材料：%(name)s。")
                % {"reference": case.reference, "notice": request.notice.document_number, "name": line.name},
                evidence={
                    "correction_request_id": request.pk,
                    "notice": request.notice.document_number,
                    "case_material_id": line.pk,
                    "case_material_case": line.case_id,
                    "name": line.name,
                    "material_id": line.material_id,
                    "material_version": line.material.version_id,
                    "case_version": case.version_id,
                },
            )
        )
    return anomalies


# 6. NO_DELEGATION -----------------------------------------------------------------------------


def _has_role(role: str) -> Exists:
    return Exists(StaffRole.objects.filter(staff_id=OuterRef("decided_by_id"), role=role))


def _letters() -> QuerySet[DelegationItem]:
    """The lead department's letters covering the case's item on its decision date (the rule of
    cases.selectors.decision_authority, as a subquery of the case)."""
    return DelegationItem.objects.filter(
        item_code=OuterRef("item__implementation_code"),
        delegation__department_id=OuterRef("department_id"),
        delegation__valid_from_date__lte=OuterRef("decided_date"),
    ).filter(
        Q(delegation__valid_to_date__isnull=True) | Q(delegation__valid_to_date__gt=OuterRef("decided_date"))
    )


def no_delegation(*, at: datetime, since: datetime | None = None) -> list[Anomaly]:
    """无授权作出决定: a case decided at or after `since` by someone the rule of
    cases.selectors.decision_authority would not let decide it on the decision date. That rule:
    after review, only a chief representative whose own letter (授权书) of the lead department
    covers the item; on the spot (an immediate item), a chief representative's own letter that
    lets him decide the item on the spot, or for a window clerk of the item's own department (not
    a chief representative) any such letter of that department. A decider who is neither, or
    whose letter did not cover the item that day, is flagged; a clerk deciding an immediate item
    under his department's letter is not.

    The database finds the candidates (a range on the decided cases' delivery due dates, each
    probed for a letter); each is confirmed with decision_authority itself. Roles are the decider's
    roles today (no history of roles is kept), so a checked window should be recent.

    Through the services this cannot happen (handling.case_decide asks decision_authority); it can
    when a letter is changed afterwards to end before the decision, or a row is edited by hand."""
    immediate = Q(version__case_kind=CaseKind.IMMEDIATE)
    may_decide = (
        (~immediate & Q(chief=True, own_letter=True))
        | (immediate & Q(chief=True, own_spot_letter=True))
        | (
            immediate
            & Q(chief=False, clerk=True, spot_letter=True, decided_by__department_id=F("department_id"))
        )
    )
    candidates = (
        Case.objects.filter(_decided_since(since))
        .annotate(
            chief=_has_role(Role.CHIEF_REPRESENTATIVE),
            clerk=_has_role(Role.WINDOW_CLERK),
            own_letter=Exists(
                _letters().filter(delegation__chief_representative_id=OuterRef("decided_by_id"))
            ),
            own_spot_letter=Exists(
                _letters().filter(
                    may_decide_on_the_spot=True, delegation__chief_representative_id=OuterRef("decided_by_id")
                )
            ),
            spot_letter=Exists(_letters().filter(may_decide_on_the_spot=True)),
        )
        # NULL (a decider without a department) falls to the default: not allowed.
        .annotate(allowed=Choose(When(may_decide, then=Value(True)), default=Value(False)))
        .filter(allowed=False)
        .select_related("decided_by__user", *_CASE_RELATED)
        .order_by("decided_at", "id")
    )
    anomalies = []
    for case in candidates:
        decider = case.decided_by
        if decision_authority(decider, case=case, on_date=case.decided_date) is not None:
            continue
        letters = list(
            Delegation.objects.filter(
                chief_representative=decider, items__item_code=case.item.implementation_code
            )
            .distinct()
            .order_by("valid_from_date", "id")
            .values("letter_number", "valid_from_date", "valid_to_date")
        )
        anomalies.append(
            Anomaly(
                case=case,
                cause=Cause.NO_DELEGATION,
                cause_key=case.decided_date.isoformat(),
                summary=_(
                    "办件 %(reference)s 由 %(name)s 于 %(date)s 作出决定，其时没有覆盖“%(item)s”的有效授权。"
                )
                % {
                    "reference": case.reference,
                    "name": decider.name,
                    "date": case.decided_date.isoformat(),
                    "item": case.version.name,
                },
                evidence={
                    "decided_by": decider.pk,
                    "decided_by_name": decider.name,
                    "decided_date": case.decided_date.isoformat(),
                    "roles": sorted(decider.role_rows.values_list("role", flat=True)),
                    "item_code": case.item.implementation_code,
                    "on_the_spot": case.is_immediate,
                    "letters": [
                        {
                            "letter_number": letter["letter_number"],
                            "valid_from": letter["valid_from_date"].isoformat(),
                            "valid_to": letter["valid_to_date"].isoformat()
                            if letter["valid_to_date"]
                            else None,
                        }
                        for letter in letters
                    ],
                },
            )
        )
    return anomalies


# 7. SUSPENSION_OVERRUN ------------------------------------------------------------------------


def suspension_overrun(*, at: datetime, since: datetime | None = None) -> list[Anomaly]:
    """特别程序超过申明期限 (art. 45): a special procedure still running after the end date the
    applicant was told (every running one, whatever `since`: at most one per case, on the partial
    unique index of running suspensions), or one that ended, at or after `since`, later than that
    date. One record per suspension, so one that overran while running and then ended late is one
    record."""
    today = local_date(at)
    running = Suspension.objects.filter(ended_at__isnull=True, expected_end_date__lt=today)
    ended = Suspension.objects.filter(ended_at__isnull=False, ended_date__gt=F("expected_end_date"))
    if since is not None:
        ended = ended.filter(ended_at__gte=since)
    anomalies = []
    for query in (running, ended):
        for suspension in query.select_related(*_related("case__")).order_by("expected_end_date", "id"):
            case = suspension.case
            values = {
                "reference": case.reference,
                "kind": suspension.get_kind_display(),
                "end": suspension.expected_end_date.isoformat(),
                "ended": suspension.ended_date.isoformat() if suspension.ended_date else "",
            }
            summary = (
                _("办件 %(reference)s 的%(kind)s预计 %(end)s 结束，实际 %(ended)s 才结束。") % values
                if suspension.ended_date
                else _("办件 %(reference)s 的%(kind)s预计 %(end)s 结束，至今尚未结束。") % values
            )
            anomalies.append(
                Anomaly(
                    case=case,
                    cause=Cause.SUSPENSION_OVERRUN,
                    cause_key=str(suspension.pk),
                    summary=summary,
                    evidence={
                        "suspension_id": suspension.pk,
                        "kind": suspension.kind,
                        "started_date": suspension.started_date.isoformat(),
                        "expected_days": suspension.expected_days,
                        "expected_end_date": suspension.expected_end_date.isoformat(),
                        "ended_date": suspension.ended_date.isoformat() if suspension.ended_date else None,
                        "checked_on": today.isoformat(),
                    },
                )
            )
    return anomalies


# 8. EXTENSION_UNAPPROVED ----------------------------------------------------------------------


def extension_unapproved(*, at: datetime, since: datetime | None = None) -> list[Anomaly]:
    """延长期限未经批准 (art. 42): a case whose decision period was extended by more working days
    than its approved extensions grant (cause key "days"), or an approved extension decided by the
    staff member who asked for it (cause key: the extension's id).

    The cases looked at are those in handling (the status index) and those decided at or after
    `since` (the decided cases' delivery due dates); the extensions, those approved at or after
    `since`. Through the services the days cannot exceed the approval: Case.extended_days is
    written only when an extension is approved (handling.extension_decide), with its days.

    Note that handling.extension_request(approve=True) lets a chief representative ask for an
    extension and approve it at once: such an extension has the same requester and approver and
    is flagged, so that someone other than its requester looks at it."""
    approved_days = Coalesce(
        Subquery(
            Extension.objects.filter(case=OuterRef("pk"), status=Extension.Status.APPROVED)
            .order_by()
            .values("case")
            .annotate(total=Sum("days"))
            .values("total")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )
    cases = (
        Case.objects.filter(Q(status__in=HANDLING_STATUSES) | _decided_since(since), extended_days__gt=0)
        .annotate(approved_days=approved_days)
        .filter(extended_days__gt=F("approved_days"))
        .select_related(*_CASE_RELATED)
        .order_by("id")
    )
    self_approved = Extension.objects.filter(
        status=Extension.Status.APPROVED, decided_by_id=F("requested_by_id")
    )
    if since is not None:
        self_approved = self_approved.filter(decided_at__gte=since)
    anomalies = []
    for case in cases:
        anomalies.append(
            Anomaly(
                case=case,
                cause=Cause.EXTENSION_UNAPPROVED,
                cause_key="days",
                summary=_(
                    "办件 %(reference)s 的办理期限延长了%(days)s%(unit)s，经批准的只有%(approved)s%(unit)s。"
                )
                % {
                    "reference": case.reference,
                    "days": case.extended_days,
                    "approved": case.approved_days,
                    "unit": case.version.extension_unit,
                },
                evidence={"extended_days": case.extended_days, "approved_days": case.approved_days},
            )
        )
    for extension in self_approved.select_related("decided_by__user", *_related("case__")).order_by(
        "decided_at", "id"
    ):
        case = extension.case
        anomalies.append(
            Anomaly(
                case=case,
                cause=Cause.EXTENSION_UNAPPROVED,
                cause_key=str(extension.pk),
                summary=_("办件 %(reference)s 延长办理期限%(days)s%(unit)s，由 %(name)s 申请并自行批准。")
                % {
                    "reference": case.reference,
                    "days": extension.days,
                    "unit": case.version.extension_unit,
                    "name": extension.decided_by.name,
                },
                evidence={
                    "extension_id": extension.pk,
                    "days": extension.days,
                    "requested_by": extension.requested_by_id,
                    "decided_by": extension.decided_by_id,
                    "decided_at": extension.decided_at.isoformat(),
                },
            )
        )
    return anomalies


# The sweep ------------------------------------------------------------------------------------

#: Every check by its code, in the order of the causes.
CHECKS: dict[str, Callable[..., list[Anomaly]]] = {
    Cause.STEP_OVERDUE.value: step_overdue,
    Cause.DECISION_OVERDUE.value: decision_overdue,
    Cause.CORRECTION_NOT_ONCE.value: correction_not_once,
    Cause.FEE_MISMATCH.value: fee_mismatch,
    Cause.MATERIAL_NOT_LISTED.value: material_not_listed,
    Cause.NO_DELEGATION.value: no_delegation,
    Cause.SUSPENSION_OVERRUN.value: suspension_overrun,
    Cause.EXTENSION_UNAPPROVED.value: extension_unapproved,
}

#: What opens a record (supervision.services.record_open's keywords; None when it existed).
RecordOpener = Callable[..., Record | None]


def _recorded(cause: str, anomalies: list[Anomaly], *, chunk: int = 500) -> set[tuple[int, str]]:
    """The (case, cause key) pairs among `anomalies` that already have a record: probed on the
    records' unique index, so a sweep does not try again what an earlier one opened."""
    case_ids = sorted({anomaly.case.pk for anomaly in anomalies})
    found: set[tuple[int, str]] = set()
    for start in range(0, len(case_ids), chunk):
        found.update(
            Record.objects.filter(cause=cause, case_id__in=case_ids[start : start + chunk]).values_list(
                "case_id", "cause_key"
            )
        )
    return found


def anomaly_sweep(
    *,
    at: datetime,
    open_record: RecordOpener,
    since: datetime | None = None,
    codes: list[str] | tuple[str, ...] | None = None,
) -> dict[str, int]:
    """Run the checks (`codes`, or all) and open a supervision record for each anomaly at a site
    whose rules do not switch that check off; returns the number of records opened per code.
    `since` starts the window of acts already done (default: LOOKBACK before `at`).

    `open_record` is supervision.services.record_open (the caller passes it: services imports
    this module for CHECK_CODES, so importing services here would close an import cycle). It
    returns None when the record exists, which the unique constraint decides: a second sweep, or
    two at once, open nothing twice. Locks no row; each record is its own transaction."""
    if codes is None:
        codes = CHECK_CODES
    unknown = sorted(set(codes) - set(CHECK_CODES))
    if unknown:
        raise ValueError(f"unknown anomaly checks: {', '.join(unknown)}")
    since = at - LOOKBACK if since is None else since
    policies = all_policies()
    rules: dict[int, Rules] = {}
    opened = {code: 0 for code in CHECK_CODES if code in codes}
    for code in opened:
        anomalies = CHECKS[code](at=at, since=since)
        recorded = _recorded(code, anomalies)
        for anomaly in anomalies:
            site = anomaly.case.site
            if site.pk not in rules:
                rules[site.pk] = rules_for(site, policies=policies)
            if code in rules[site.pk].disabled_checks:
                continue
            if (anomaly.case.pk, anomaly.cause_key[:60]) in recorded:
                continue
            record = open_record(
                case=anomaly.case,
                cause=anomaly.cause,
                cause_key=anomaly.cause_key,
                summary=anomaly.summary,
                evidence=anomaly.evidence,
                at=at,
                department=anomaly.department,
            )
            if record is not None:
                opened[code] += 1
    return opened
