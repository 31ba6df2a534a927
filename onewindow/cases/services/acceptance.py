"""The acceptance decision of 行政许可法 art. 32, each one transaction under the case's lock:
(1) not subject to licensing and (2) not competent → `case_refuse`; (3) error corrected on the spot
→ `case_accept(corrected_on_the_spot=…)`; (4) correction notice → `case_correction_notice`, then
`case_resubmit`; (5) accept → `case_accept`. A case with no decision 5 working days after its
materials came is accepted as of that day: when read (`case_apply_deemed_acceptance`), when
acted on, and by the hourly sweep (`cases_accept_overdue`).
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from onewindow.cases import clocks, permissions, selectors
from onewindow.cases.models import (
    Case,
    CaseEvent,
    CaseMaterial,
    CaseStatus,
    CorrectionRequest,
    Notice,
    RefusalKind,
)
from onewindow.cases.services import handling
from onewindow.cases.services.intake import (
    DECISION_WORKING_DAYS,
    IntakeResult,
    MaterialEntry,
    applicant_entries_problems,
    apply_entries,
    case_receive,
    checklist,
    checklist_problems,
)
from onewindow.cases.services.records import (
    new_case_number,
    notice_issue,
    notify_applicant,
    progress_text,
    warn_supervision,
)
from onewindow.cases.transitions import (
    CaseError,
    case_check_move,
    case_event,
    case_event_append,
    case_lock,
    case_transition,
    local_date,
    staff_of,
)
from onewindow.catalog.models import CaseKind
from onewindow.common.api import DomainError, NotAllowed
from onewindow.org.models import Role, Staff
from onewindow.org.selectors import role_holders_near
from onewindow.workcalendar.selectors import working_calendar

Action = CaseEvent.Action
State = CaseMaterial.State
logger = logging.getLogger(__name__)


class DecisionOverdue(DomainError):
    """The 5 working days passed without a decision: the case has just been accepted by law."""

    code = "case_decision_overdue"
    status_code = 409


def _require_decider(user, case: Case) -> Staff:
    if not permissions.can_decide_acceptance(user, case):
        raise NotAllowed(_("您不能对该办件作出受理决定。"))
    return staff_of(user)


def _is_overdue(case: Case, on_date: date) -> bool:
    return case.status == CaseStatus.RECEIVED and on_date > case.decision_due_date


def _outstanding(lines: list[CaseMaterial]) -> list[CaseMaterial]:
    return [line for line in lines if line.is_outstanding]


def _pick_agent(case: Case, *, requested: Staff | None, fallback: Staff | None) -> Staff | None:
    """The requested agent if they are one; else the least-loaded case agent at the case's site,
    or the nearest site above it; else the accepting staff member (a township clerk 代办s himself).
    An agent's load is the count of his cases in handling, on the (agent, status) index: never
    the cases he finished over the years."""
    agents = role_holders_near(case.site, Role.CASE_AGENT)
    if requested is not None:
        if requested.pk not in {staff.pk for staff in agents}:
            raise CaseError(
                _("%(name)s 不是本中心的全程代办人。") % {"name": requested.name}, code="agent_invalid"
            )
        return requested
    if not agents:
        return fallback
    nearest = len(agents[0].site.path)
    candidates = [staff for staff in agents if len(staff.site.path) == nearest]
    if len(candidates) > 1:
        loads = dict(
            Case.objects.filter(agent__in=candidates, status=CaseStatus.ACCEPTED)
            .order_by()
            .values_list("agent")
            .annotate(count=Count("pk"))
        )
        candidates.sort(key=lambda staff: (loads.get(staff.pk, 0), staff.pk))
    return candidates[0]


def _accept(
    case: Case,
    *,
    at: datetime,
    accepted_date: date,
    user,
    staff: Staff | None,
    agent: Staff | None,
    action: str,
    comment: str = "",
) -> Case:
    version = case.version
    calendar = working_calendar()
    case_check_move(case, action)
    case.accepted_at = at
    case.accepted_date = accepted_date
    case.accepted_by = staff
    case.is_auto_accepted = action == Action.AUTO_ACCEPTED
    case.promised_due_date = clocks.due_date(
        calendar, start=accepted_date, days=version.promised_limit, unit=version.promised_unit
    )
    case.statutory_due_date = clocks.due_date(
        calendar, start=accepted_date, days=version.statutory_limit, unit=version.statutory_unit
    )
    case.agent = _pick_agent(case, requested=agent, fallback=staff)
    handling.tasks_open(case, on_date=accepted_date)
    # The gap-free number as late as possible: its counter row stays locked until the transaction
    # commits, so only the case's row, its events, the notice and the message are written after it.
    case.number = new_case_number(case.site, accepted_date)
    fields = [
        "number",
        "accepted_at",
        "accepted_date",
        "accepted_by",
        "is_auto_accepted",
        "promised_due_date",
        "statutory_due_date",
        "agent",
    ]
    assigned = (
        [case_event(case, Action.AGENT_ASSIGNED, at=at, user=user, comment=case.agent.name, is_public=False)]
        if case.agent is not None
        else []
    )
    case_transition(case, action, at=at, user=user, comment=comment, fields=fields, also=assigned)
    # Accepted once in a case's life (RECEIVED → ACCEPTED): its acceptance notice is the first.
    case.issued_notices = [notice_issue(case, Notice.Kind.ACCEPTANCE, at=at, staff=staff, sequence=1)]
    notify_applicant(
        case,
        subject=_("申请已受理"),
        body=_("您申请的“%(item)s”已于 %(date)s 受理，承诺办结日期 %(due)s。")
        % {"item": version.name, "date": accepted_date.isoformat(), "due": case.promised_due_date.isoformat()}
        + progress_text(case),
        at=at,
    )
    return case


def _auto_accept(case: Case, *, at: datetime) -> Case:
    """Art. 32: no notice within 5 working days → accepted as of the day the materials came."""
    _accept(
        case,
        at=at,
        accepted_date=case.materials_date,
        user=None,
        staff=None,
        agent=None,
        action=Action.AUTO_ACCEPTED,
        comment=_("收件后5个工作日内未作受理决定，依法自收到材料之日（%(date)s）起视为受理。")
        % {"date": case.materials_date.isoformat()},
    )
    warn_supervision(
        case,
        subject=_("逾期未作受理决定"),
        body=_("办件 %(number)s（%(item)s）收件后5个工作日内未作受理决定，已视为受理。")
        % {"number": case.number, "item": case.version.name},
        at=at,
    )
    return case


def _decide_or_overdue(case: Case, at: datetime, decide):
    """Run `decide(locked_case)` in one transaction, unless the decision period has passed: then
    accept the case by law (committed) and raise DecisionOverdue."""
    with transaction.atomic():
        locked = case_lock(case)
        if not _is_overdue(locked, local_date(at)):
            return decide(locked)
        _auto_accept(locked, at=at)
    raise DecisionOverdue(
        _("受理决定期限（%(due)s）已过，依法视为受理：办件编号 %(number)s。")
        % {"due": locked.decision_due_date.isoformat(), "number": locked.number}
    )


def case_accept(
    *,
    case: Case,
    user,
    at: datetime,
    materials: list[MaterialEntry] = (),
    corrected_on_the_spot: str = "",
    agent: Staff | None = None,
) -> Case:
    """Accept (art. 32 (5)), after correcting errors on the spot if noted (art. 32 (3)). Every
    required material must be received, shared or properly deferred (容缺). Past the decision
    period this is the acceptance by law, dated the day the materials came.
    Raises NotAllowed, WrongState, CaseError(materials_outstanding), ValidationError."""
    staff = _require_decider(user, case)
    with transaction.atomic():
        locked = case_lock(case)
        if _is_overdue(locked, local_date(at)):
            return _auto_accept(locked, at=at)
        return _accept_checked(
            locked,
            lines=checklist(locked),
            user=user,
            staff=staff,
            at=at,
            materials=materials,
            corrected_on_the_spot=corrected_on_the_spot,
            agent=agent,
        )


def _accept_checked(
    case: Case,
    *,
    lines: list[CaseMaterial],
    user,
    staff: Staff,
    at: datetime,
    materials: list[MaterialEntry],
    corrected_on_the_spot: str,
    agent: Staff | None,
) -> Case:
    """Accept the locked (or just written) case: its checklist `lines` updated from `materials`
    and complete, or the reason it cannot be."""
    on_date = local_date(at)
    case_check_move(case, Action.ACCEPTED)
    apply_entries(case, list(materials), acceptance_date=on_date, lines=lines)
    deferred = [line for line in lines if line.state == State.DEFERRED]
    if deferred and (
        problems := checklist_problems(
            case=case,
            lines={line.material_id: line for line in deferred},
            materials={line.material_id: line.material for line in deferred},
            acceptance_date=on_date,
        )
    ):
        raise ValidationError(problems)  # 容缺 is judged on the day of acceptance
    outstanding = _outstanding(lines)
    if outstanding:
        raise CaseError(
            _("材料不齐，不能受理：%(names)s。请出具补正材料告知书，或按容缺受理。")
            % {"names": "、".join(line.name for line in outstanding)},
            code="materials_outstanding",
        )
    case.checklist = lines  # as it stands now, for the answer without reading it back
    note = (corrected_on_the_spot or "").strip()
    if note:
        case_event_append(case, Action.CORRECTED_ON_THE_SPOT, at=at, user=user, comment=note[:500])
    return _accept(
        case, at=at, accepted_date=on_date, user=user, staff=staff, agent=agent, action=Action.ACCEPTED
    )


#: What the window does with an application it has just received (case_intake).
INTAKE_OUTCOMES = ("receive", "accept", "correction")


def case_intake(
    *,
    outcome: str = "receive",
    corrected_on_the_spot: str = "",
    agent: Staff | None = None,
    **application,
) -> IntakeResult:
    """Receive at the window (case_receive's arguments) and decide at once in the same
    transaction: `accept` (art. 32 (5), 当场受理, after errors corrected on the spot) or
    `correction` (art. 32 (4), the correction notice); `receive` only receives. A decision that
    fails leaves no half-done case. A retry with the same idempotency key returns the first case
    as it is now, whatever was decided on it.
    Raises what case_receive and the decision raise, and CaseError(intake_outcome_invalid)."""
    if outcome not in INTAKE_OUTCOMES:
        raise CaseError(
            _("收件后的处理方式无效：%(outcome)s。") % {"outcome": outcome}, code="intake_outcome_invalid"
        )
    user, at = application["user"], application["at"]
    with transaction.atomic():
        result = case_receive(**application)
        case = result.case
        if result.is_replay or outcome == "receive":
            return result
        if outcome == "correction":
            notice = case_correction_notice(case=case, user=user, at=at)
            notice.case.issued_notices = [notice]
            return IntakeResult(case=notice.case, warnings=result.warnings)
        staff = _require_decider(user, case)
        # Written in this transaction, so no one else can see the row, let alone lock it.
        _accept_checked(
            case,
            lines=case.checklist,
            user=user,
            staff=staff,
            at=at,
            materials=(),
            corrected_on_the_spot=corrected_on_the_spot,
            agent=agent,
        )
    return result


def case_correction_notice(
    *, case: Case, user, at: datetime, materials: list[MaterialEntry] = (), note: str = ""
) -> Notice:
    """The correction notice (补正材料告知书, art. 32 (4)): every missing or defective material at
    once. A later notice asking for a material the first did not is flagged and supervision is
    warned (一次性告知). Raises NotAllowed, WrongState, CaseError(nothing_to_correct),
    ValidationError, DecisionOverdue."""
    staff = _require_decider(user, case)

    def decide(locked: Case) -> Notice:
        case_check_move(locked, Action.CORRECTION_NOTICE)
        lines = checklist(locked)
        apply_entries(locked, list(materials), acceptance_date=local_date(at), lines=lines)
        outstanding = _outstanding(lines)
        if not outstanding:
            raise CaseError(_("材料齐全，无需补正，请直接受理。"), code="nothing_to_correct")
        asked_before = set(
            CorrectionRequest.objects.filter(notice__case=locked).values_list("case_material_id", flat=True)
        )
        is_first = not locked.notices.filter(kind=Notice.Kind.CORRECTION).exists()
        new_lines = [] if is_first else [line for line in outstanding if line.pk not in asked_before]
        case_transition(
            locked, Action.CORRECTION_NOTICE, at=at, user=user, comment=(note or "").strip()[:500]
        )
        notice = notice_issue(
            locked, Notice.Kind.CORRECTION, at=at, staff=staff, has_new_requests=bool(new_lines)
        )
        CorrectionRequest.objects.bulk_create(
            CorrectionRequest(
                notice=notice,
                case_material=line,
                problem=line.problem
                or (_("缺少该材料") if line.state == State.MISSING else _("材料不符合要求")),
                is_new=line in new_lines,
            )
            for line in outstanding
        )
        if new_lines:
            warn_supervision(
                locked,
                subject=_("补正告知未一次性告知"),
                body=_("办件 %(reference)s 第%(sequence)s次补正告知要求了首次未告知的材料：%(names)s。")
                % {
                    "reference": locked.reference,
                    "sequence": notice.sequence,
                    "names": "、".join(line.name for line in new_lines),
                },
                at=at,
            )
        notify_applicant(
            locked,
            subject=_("请补正申请材料"),
            body=_("您申请的“%(item)s”需补正以下材料：%(names)s。")
            % {"item": locked.version.name, "names": "、".join(line.name for line in outstanding)}
            + progress_text(locked),
            at=at,
        )
        return notice

    return _decide_or_overdue(case, at, decide)


def case_refuse(
    *, case: Case, user, at: datetime, kind: str, reason: str, competent_authority: str = ""
) -> Notice:
    """Refuse (art. 32 (1) not subject to licensing, (2) not this authority's competence, naming
    the competent authority). Raises NotAllowed, WrongState, ValidationError, DecisionOverdue."""
    staff = _require_decider(user, case)
    errors = {}
    reason = (reason or "").strip()
    competent_authority = (competent_authority or "").strip()
    if kind not in RefusalKind.values:
        errors["kind"] = _("请选择不予受理的情形。")
    if not reason:
        errors["reason"] = _("请写明不予受理的理由。")
    if kind == RefusalKind.NOT_COMPETENT and not competent_authority:
        errors["competent_authority"] = _(
            "不属于本机关职权范围的，须告知申请人向有关行政机关申请：请填写有权机关。"
        )
    if errors:
        raise ValidationError(errors)

    def decide(locked: Case) -> Notice:
        case_check_move(locked, Action.REFUSED)
        locked.refusal_kind = kind
        locked.refusal_reason = reason
        locked.competent_authority = competent_authority if kind == RefusalKind.NOT_COMPETENT else ""
        case_transition(
            locked,
            Action.REFUSED,
            at=at,
            user=user,
            comment=reason,
            fields=["refusal_kind", "refusal_reason", "competent_authority"],
        )
        notice = notice_issue(locked, Notice.Kind.NON_ACCEPTANCE, at=at, staff=staff)
        notify_applicant(
            locked,
            subject=_("申请不予受理"),
            body=_("您申请的“%(item)s”不予受理：%(reason)s")
            % {"item": locked.version.name, "reason": reason},
            at=at,
        )
        return notice

    return _decide_or_overdue(case, at, decide)


def case_resubmit(*, case: Case, user, at: datetime, materials: list[MaterialEntry]) -> Case:
    """The applicant brings (or uploads) what the correction notice asked for. Only materials the
    latest notice asked for may be given; what is supplied is marked on the notice. The case waits
    for the window's decision again, with a new 5-working-day period from today.
    Raises NotAllowed, WrongState, CaseError(nothing_supplied), ValidationError."""
    is_applicant = case.applicant_user_id is not None and case.applicant_user_id == getattr(user, "pk", None)
    if not is_applicant:
        _require_decider(user, case)
    elif problems := applicant_entries_problems(materials):
        raise ValidationError(problems)
    with transaction.atomic():
        locked = case_lock(case)
        case_check_move(locked, Action.RESUBMITTED)
        notice = locked.notices.filter(kind=Notice.Kind.CORRECTION).order_by("-sequence").first()
        requests = {
            request.case_material.material_id: request
            for request in notice.requests.select_related("case_material")
        }
        errors = {
            f"material_{entry.material_id}": _("补正告知书未要求该材料。")
            for entry in materials
            if entry.material_id not in requests
        }
        if errors:
            raise ValidationError(errors)
        supplied = [entry for entry in materials if entry.state in (State.RECEIVED, State.DEFERRED)]
        if not supplied:
            raise CaseError(_("请至少登记一项已补正的材料。"), code="nothing_supplied")
        on_date = local_date(at)
        apply_entries(locked, list(materials), acceptance_date=on_date)
        for entry in supplied:
            request = requests[entry.material_id]
            request.supplied_at = at
            request.save(update_fields=["supplied_at"])
        locked.materials_date = on_date
        locked.decision_due_date = working_calendar().add(on_date, DECISION_WORKING_DAYS)
        names = "、".join(requests[entry.material_id].case_material.name for entry in supplied)
        case_transition(
            locked,
            Action.RESUBMITTED,
            at=at,
            user=user,
            comment=names,
            fields=["materials_date", "decision_due_date"],
        )
        return locked


def case_decide_immediately(
    *, case: Case, user, at: datetime, decision: str, reason: str = "", result_number: str = ""
) -> Notice:
    """An immediate item (即办件) decided at the window, by a staff member whose delegation letter
    covers the item; the result is issued at once (handling.case_decide). Raises NotAllowed,
    WrongState, CaseError(not_immediate), ValidationError."""
    if case.version.case_kind != CaseKind.IMMEDIATE:
        raise CaseError(
            _("“%(item)s”不是即办件，须按承诺件流程办理。") % {"item": case.version.name},
            code="not_immediate",
        )
    return handling.case_decide(
        case=case, user=user, at=at, decision=decision, reason=reason, result_number=result_number
    )


def case_apply_deemed_acceptance(*, case: Case, at: datetime) -> Case:
    """The case as the law has it at `at`: one left without an acceptance decision past its 5
    working days is accepted as of the day its materials came (art. 32), even before the periodic
    job has run, so a page or an API read never shows 待受理 for a case the law accepted. Returns
    the case (re-read and accepted when that happened)."""
    if not _is_overdue(case, local_date(at)):
        return case
    with transaction.atomic():
        locked = case_lock(case)
        if _is_overdue(locked, local_date(at)):
            _auto_accept(locked, at=at)
    return locked


def visible_case_as_of(user, reference: str, *, at: datetime) -> Case:
    """The case (by case or receipt number) if the user may see it, brought up to date with the
    law (`case_apply_deemed_acceptance`). Raises Http404."""
    return case_apply_deemed_acceptance(case=selectors.visible_case_or_404(user, reference), at=at)


def cases_accept_overdue(*, at: datetime, among: QuerySet[Case] | None = None) -> list[str]:
    """Accept by law every case (of `among`, or all) whose decision period ended before today;
    returns their numbers. Each case is its own transaction, so one failure does not hold back the
    rest. An index range on (status, decision_due_date): cheap when there are none."""
    today = local_date(at)
    numbers = []
    cases = Case.objects.all() if among is None else among
    pending = cases.filter(status=CaseStatus.RECEIVED, decision_due_date__lt=today).values_list(
        "pk", flat=True
    )
    for pk in list(pending):
        try:
            with transaction.atomic():
                locked = case_lock(pk)
                if _is_overdue(locked, today):
                    _auto_accept(locked, at=at)
                    numbers.append(locked.number)
        except Exception:  # one broken case must not hold back the law for the others
            logger.exception("automatic acceptance of case %s failed", pk)
    return numbers
