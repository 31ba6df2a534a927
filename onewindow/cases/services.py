"""Writing cases: intake and the acceptance decision of 行政许可法 art. 32.

Every service is one transaction that locks the case row first (`select_for_update`), checks the
move against `workflow.TRANSITIONS`, applies it and appends the event, so two clerks acting on one case
queue and the second sees the first's result. Time is an argument (`at`); dates are the hall's
local date of `at`.

Art. 32 outcomes: (1) not subject to licensing and (2) not competent → `case_refuse`; (3) error
corrected on the spot → `case_accept(corrected_on_the_spot=…)`; (4) correction notice →
`case_correction_notice`, then `case_resubmit`; (5) accept → `case_accept`. A case with no decision
5 working days after its materials were received is accepted as of that day (`cases_accept_overdue`).
"""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases import clocks, permissions, selectors, workflow
from onewindow.cases.models import (
    ApplicantKind,
    Case,
    CaseEvent,
    CaseMaterial,
    CaseNumberCounter,
    CaseStatus,
    Channel,
    CorrectionRequest,
    CreditRecord,
    IdType,
    Notice,
    Notification,
    RefusalKind,
)
from onewindow.catalog.models import CaseKind, ItemVersion, Material, ServiceObject
from onewindow.common import identifiers
from onewindow.common.api import DomainError, NotAllowed
from onewindow.org.models import Delegation, Role, Site, Staff
from onewindow.org.permissions import ORG_MANAGERS, user_is_network_office
from onewindow.org.selectors import access_for
from onewindow.workcalendar.selectors import working_calendar

Action = CaseEvent.Action
logger = logging.getLogger(__name__)
State = CaseMaterial.State

#: Who keeps the bad-credit list (the top-level center's, see keeps_credit_list).
CREDIT_LIST_ROLES = ORG_MANAGERS

#: Art. 32: the correction notice is due within 5 working days of receiving the materials.
DECISION_WORKING_DAYS = 5


class CaseError(DomainError):
    code = "case_invalid"


class WrongState(DomainError):
    code = "case_wrong_state"
    status_code = 409


class DecisionOverdue(DomainError):
    """The 5 working days passed without a decision: the case has just been accepted by law."""

    code = "case_decision_overdue"
    status_code = 409


class IdempotencyConflict(DomainError):
    code = "idempotency_key_reused"
    status_code = 409


# Input -------------------------------------------------------------------------------------

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
OTHER_ID = re.compile(r"^[A-Z0-9]{5,30}$")


@dataclass
class Applicant:
    kind: str
    name: str
    id_number: str
    contact_phone: str
    id_type: str = ""
    legal_representative: str = ""
    contact_name: str = ""
    contact_id_number: str = ""
    contact_email: str = ""


@dataclass
class MaterialEntry:
    """How one material stands at the counter. `material_id` is the catalog material's id."""

    material_id: int
    state: str
    originals: int | None = None
    copies: int | None = None
    problem: str = ""
    deferred_until: date | None = None
    file: object | None = None


@dataclass
class IntakeResult:
    case: Case
    is_replay: bool = False
    warnings: list[str] = field(default_factory=list)


def _check_online_identity(applicant: Applicant, *, user) -> None:
    """Online, the account holder is the one who applies: a person applies as themselves, an
    organisation through them as its 经办人 (compared after both numbers are normalised). Sign-up
    always registers the number; an account made without one (by an administrator) is not checked.
    Raises ValidationError."""
    own_id = getattr(user, "id_card_number", "")
    if not own_id:
        return
    if applicant.kind == ApplicantKind.PERSON and applicant.id_number != own_id:
        raise ValidationError(
            {"id_number": _("个人网上申请只能以本人身份提交（与账户登记的身份证号码一致）。")}
        )
    if applicant.kind == ApplicantKind.ORGANISATION and applicant.contact_id_number != own_id:
        raise ValidationError(
            {
                "contact_id_number": _(
                    "单位网上申请由账户本人作为经办人提交：经办人身份证号码须与账户登记的一致。"
                )
            }
        )


def clean_applicant(applicant: Applicant, *, version: ItemVersion, today: date) -> Applicant:
    """Normalise and check the applicant; raise ValidationError with a message per field."""
    errors: dict[str, str] = {}
    applicant.name = (applicant.name or "").strip()
    applicant.id_number = (applicant.id_number or "").strip().upper()
    applicant.contact_id_number = (applicant.contact_id_number or "").strip().upper()
    applicant.contact_phone = (applicant.contact_phone or "").strip().replace(" ", "")
    applicant.contact_name = (applicant.contact_name or "").strip()
    applicant.legal_representative = (applicant.legal_representative or "").strip()
    applicant.contact_email = (applicant.contact_email or "").strip()
    if applicant.kind not in ApplicantKind.values:
        errors["applicant_kind"] = _("请选择申请人类型：自然人或法人/其他组织。")
    if not applicant.name:
        errors["applicant_name"] = _("请填写申请人姓名或单位名称。")
    if applicant.kind == ApplicantKind.PERSON:
        applicant.legal_representative = ""
        applicant.id_type = applicant.id_type or IdType.RESIDENT_ID
        if applicant.id_type not in IdType.values:
            errors["id_type"] = _("证件类型无效。")
        elif applicant.id_type == IdType.RESIDENT_ID:
            try:
                applicant.id_number = identifiers.normalize_id_card_number(applicant.id_number, today=today)
            except identifiers.InvalidIdentifier as error:
                errors["id_number"] = str(error)
        elif not OTHER_ID.match(applicant.id_number):
            errors["id_number"] = _("证件号码应为5至30位字母或数字。")
        if ServiceObject.PERSON not in version.service_objects:
            errors["applicant_kind"] = _("本事项不面向自然人办理。")
    elif applicant.kind == ApplicantKind.ORGANISATION:
        applicant.id_type = ""
        try:
            applicant.id_number = identifiers.normalize_credit_code(applicant.id_number)
        except identifiers.InvalidIdentifier as error:
            errors["id_number"] = str(error)
        if not applicant.legal_representative:
            errors["legal_representative"] = _("请填写法定代表人（负责人）。")
        if not applicant.contact_name:
            errors["contact_name"] = _("法人办事请填写经办人姓名。")
        if not applicant.contact_id_number:
            errors["contact_id_number"] = _("法人办事请填写经办人身份证号码。")
        if set(version.service_objects) <= {ServiceObject.PERSON}:
            errors["applicant_kind"] = _("本事项仅面向自然人办理。")
    if applicant.contact_id_number and "contact_id_number" not in errors:
        try:
            applicant.contact_id_number = identifiers.normalize_id_card_number(
                applicant.contact_id_number, today=today
            )
        except identifiers.InvalidIdentifier as error:
            errors["contact_id_number"] = _("经办人") + str(error)
    if not PHONE.match(applicant.contact_phone):
        errors["contact_phone"] = _(
            "联系电话应为11位手机号码或带区号的固定电话，例如 13912345678 或 0411-89701234。"
        )
    if applicant.contact_email:
        try:
            validate_email(applicant.contact_email)
        except ValidationError:
            errors["contact_email"] = _("电子邮箱格式不正确。")
    if errors:
        raise ValidationError(errors)
    return applicant


# Dates -------------------------------------------------------------------------------------


def local_date(at: datetime) -> date:
    return timezone.localtime(at).date()


def promised_due_if_accepted(version: ItemVersion, on_date: date) -> date:
    return clocks.due_date(
        working_calendar(), start=on_date, days=version.promised_limit, unit=version.promised_unit
    )


# Helpers -----------------------------------------------------------------------------------


def _staff_of(user) -> Staff | None:
    return access_for(user).staff


def _locked(case: Case | int) -> Case:
    """The case (or case id) re-read under a lock on its own row."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("version", "item", "site", "department")
        .get(pk=getattr(case, "pk", case))
    )


def _event(
    case: Case,
    action: str,
    *,
    at: datetime,
    user=None,
    comment: str = "",
    from_status: str = "",
    to_status: str = "",
    is_public: bool = True,
    department=None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        action=action,
        at=at,
        actor=user,
        department=department or case.department,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        is_public=is_public,
    )


def _check_move(case: Case, action: str) -> str:
    """The status `action` leads to from the case's status (workflow.TRANSITIONS); raises
    WrongState if it may not."""
    target = workflow.target(case.status, action)
    if target is None:
        raise WrongState(
            _("办件 %(reference)s 当前为“%(status)s”，不能%(action)s。")
            % {
                "reference": case.reference,
                "status": case.get_status_display(),
                "action": Action(action).label,
            }
        )
    return target


def _move(
    case: Case,
    action: str,
    *,
    at: datetime,
    user=None,
    comment: str = "",
    fields=(),
    is_public: bool = True,
    department=None,
) -> Case:
    """Check the move, save the new status (and `fields`) and append the event."""
    target = _check_move(case, action)
    source = case.status
    case.status = target
    case.save(update_fields=["status", *fields])
    _event(
        case,
        action,
        at=at,
        user=user,
        comment=comment,
        from_status=source if source != target else "",
        to_status=target if source != target else "",
        is_public=is_public,
        department=department,
    )
    return case


def next_counter(site: Site, period: int, *, model=CaseNumberCounter) -> int:
    """Increment and return the site's counter for `period` (a year): case numbers, or another
    gap-free series kept in a model of the same shape (fees' payment notice numbers). The row
    stays locked until the transaction ends, so numbers come out without gaps."""
    counter, _created = model.objects.select_for_update().get_or_create(site=site, period=period)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


def site_code(site: Site) -> str:
    return re.sub(r"[^0-9A-Z]", "", site.code.upper()) or str(site.pk)


def _new_receipt_number(site: Site, on_date: date) -> str:
    """SJ + site + yymmdd + 6 random digits. Receipts need not be gap-free, so they take no lock
    (a counter row would make every intake at a site wait for the one before it to commit); the
    unique constraint catches the rare repeat and the intake is retried (case_receive)."""
    return f"SJ{site_code(site)}{on_date:%y%m%d}{secrets.randbelow(10**6):06d}"


#: Attempts at a fresh receipt number before an IntegrityError is passed on.
RECEIPT_ATTEMPTS = 4


def _new_case_number(site: Site, on_date: date) -> str:
    return f"{site_code(site)}-{on_date.year}-{next_counter(site, on_date.year):06d}"


def _notice_number(case: Case, kind: str, on_date: date) -> tuple[int, str]:
    sequence = case.notices.filter(kind=kind).count() + 1
    prefix = {
        Notice.Kind.ACCEPTANCE: "受",
        Notice.Kind.CORRECTION: "补",
        Notice.Kind.NON_ACCEPTANCE: "不受",
        Notice.Kind.SUSPENSION: "特",
        Notice.Kind.EXTENSION: "延",
        Notice.Kind.DECISION: "结",
        Notice.Kind.CERTIFICATE: "证",
        Notice.Kind.RETURN: "退",
        Notice.Kind.TERMINATION: "终",
    }[kind]
    suffix = "" if sequence == 1 else f"-{sequence}"
    return sequence, f"{prefix}〔{on_date.year}〕{case.reference}{suffix}号"


def _issue_notice(
    case: Case, kind: str, *, at: datetime, staff: Staff | None, has_new_requests=False
) -> Notice:
    on_date = local_date(at)
    sequence, number = _notice_number(case, kind, on_date)
    return Notice.objects.create(
        case=case,
        kind=kind,
        sequence=sequence,
        document_number=number,
        issued_at=at,
        issued_date=on_date,
        issued_by=staff,
        has_new_requests=has_new_requests,
    )


def notify_applicant(case: Case, *, subject: str, body: str, at: datetime) -> None:
    """In the applicant's account (if they have one), and to the outbox: SMS, and e-mail if given."""
    rows = [Notification(channel=Notification.Channel.SMS, address=case.contact_phone)]
    if case.applicant_user_id:
        rows.append(Notification(channel=Notification.Channel.IN_APP, user_id=case.applicant_user_id))
    if case.contact_email:
        rows.append(Notification(channel=Notification.Channel.EMAIL, address=case.contact_email))
    for row in rows:
        row.case, row.subject, row.body, row.created_at = case, subject, body, at
    Notification.objects.bulk_create(rows)
    if case.contact_email:
        from onewindow.cases.tasks import outbox_send_email

        transaction.on_commit(outbox_send_email.delay, robust=True)


def notification_mark_sent(*, notification: Notification, at: datetime, failure: str = "") -> Notification:
    """The gateway's report on an outbox message: sent, or failed with the reason."""
    if failure:
        notification.failure = failure.strip()[:300]
    else:
        notification.sent_at = at
        notification.failure = ""
    notification.save(update_fields=["sent_at", "failure"])
    return notification


def warn_supervision(case: Case, *, subject: str, body: str, at: datetime) -> None:
    """A warning on the case's (staff-only) timeline and in the supervision section's inbox at
    the case's site and every site above it."""
    _event(case, Action.WARNING, at=at, comment=body, is_public=False)
    supervisors = Staff.objects.filter(
        is_active=True, role_rows__role=Role.SUPERVISION_SECTION, site__path__in=case.site.lineage_paths
    ).values_list("user_id", flat=True)
    Notification.objects.bulk_create(
        Notification(
            channel=Notification.Channel.IN_APP,
            user_id=user_id,
            case=case,
            subject=subject,
            body=body,
            created_at=at,
        )
        for user_id in set(supervisors)
    )


def _progress_text(case: Case) -> str:
    return _("办件编号 %(reference)s，查询码 %(code)s。") % {
        "reference": case.reference,
        "code": case.query_code,
    }


# Intake ------------------------------------------------------------------------------------


def _checklist_problems(
    *, case: Case, lines: dict[int, CaseMaterial], materials: dict[int, Material], acceptance_date: date
) -> dict[str, str]:
    """Per material: a state its necessity does not allow, or a 容缺 the law does not allow."""
    errors: dict[str, str] = {}
    deferral_limit = None
    for material_id, line in lines.items():
        material = materials[material_id]
        key = f"material_{material_id}"
        if line.state == State.NOT_PROVIDED and material.necessity != Material.Necessity.OPTIONAL:
            errors[key] = _("“%(name)s”是必要材料，不能标为未提供；缺少请标为“缺少”。") % {
                "name": material.name
            }
        elif line.state == State.SHARED and material.source != Material.Source.SHARED:
            errors[key] = _("“%(name)s”不是部门共享材料，须由申请人提交。") % {"name": material.name}
        elif line.state == State.DEFERRED:
            if material.necessity != Material.Necessity.DEFERRABLE:
                errors[key] = _("“%(name)s”不在本事项的容缺材料清单内，不能容缺受理。") % {
                    "name": material.name
                }
                continue
            if deferral_limit is None:
                deferral_limit = promised_due_if_accepted(case.version, acceptance_date)
            if line.deferred_until is None:
                errors[key] = _("请填写“%(name)s”的补交期限。") % {"name": material.name}
            elif line.deferred_until < acceptance_date:
                errors[key] = _("“%(name)s”的补交期限不能早于今天。") % {"name": material.name}
            elif line.deferred_until > deferral_limit:
                errors[key] = _("“%(name)s”的补交期限不能晚于承诺办结日期 %(limit)s。") % {
                    "name": material.name,
                    "limit": deferral_limit.isoformat(),
                }
            elif record := selectors.bad_credit_record(case.id_number, on_date=acceptance_date):
                errors[key] = _("申请人在失信名单中（%(reason)s），不适用容缺受理。") % {
                    "reason": record.reason
                }
        elif (
            line.state in (State.MISSING, State.DEFECTIVE)
            and material.necessity == Material.Necessity.OPTIONAL
        ):
            line.state = State.NOT_PROVIDED  # an optional material is never asked for
    return errors


def _apply_entries(
    case: Case,
    entries: list[MaterialEntry],
    *,
    acceptance_date: date,
    lines: list[CaseMaterial] | None = None,
) -> None:
    """Update the case's checklist lines (read, or the `lines` just written) from `entries`;
    others keep their state. Validate, then save."""
    if not entries:
        return
    if lines is None:
        lines = _checklist(case)
    lines = {line.material_id: line for line in lines}
    materials = {material_id: line.material for material_id, line in lines.items()}
    errors = {}
    changed = []
    for entry in entries:
        line = lines.get(entry.material_id)
        if line is None:
            errors[f"material_{entry.material_id}"] = _("材料 %(id)s 不属于本事项。") % {
                "id": entry.material_id
            }
            continue
        if entry.state not in State.values:
            errors[f"material_{entry.material_id}"] = _("“%(name)s”的收取情况无效。") % {"name": line.name}
            continue
        line.state = entry.state
        material = materials[entry.material_id]
        if entry.state == State.RECEIVED:
            line.originals_received = material.original_count if entry.originals is None else entry.originals
            line.copies_received = material.copy_count if entry.copies is None else entry.copies
        line.problem = (entry.problem or "").strip()[:300]
        line.deferred_until = entry.deferred_until if entry.state == State.DEFERRED else None
        if entry.file is not None:
            line.file = entry.file
        changed.append(line)
    if errors:
        raise ValidationError(errors)
    errors = _checklist_problems(
        case=case,
        lines={line.material_id: line for line in changed},
        materials=materials,
        acceptance_date=acceptance_date,
    )
    if errors:
        raise ValidationError(errors)
    for line in changed:
        line.save()
    return list(lines.values())


def default_state(material: Material, channel: str) -> str:
    """A checklist line's state before the clerk touches it."""
    if material.source == Material.Source.SHARED:
        return State.SHARED
    if material.necessity == Material.Necessity.OPTIONAL:
        return State.NOT_PROVIDED
    return State.MISSING if channel == Channel.ONLINE else State.RECEIVED


def channel_for_site(site: Site) -> str:
    return {Site.Kind.TOWNSHIP: Channel.TOWNSHIP, Site.Kind.VILLAGE: Channel.VILLAGE}.get(
        site.kind, Channel.WINDOW
    )


def case_receive(
    *,
    version: ItemVersion,
    applicant: Applicant,
    materials: list[MaterialEntry],
    user,
    at: datetime,
    channel: str | None = None,
    note: str = "",
    idempotency_key: str | None = None,
    fingerprint: str = "",
    original: Case | None = None,
) -> IntakeResult:
    """Receive an application against `version` (the version in force, which the case keeps).
    With `original`, a returned case (退回件) of the same item and applicant, the new case is its
    resubmission (补办件).

    A window clerk (or chief representative) receives at their site; an applicant's own user
    applies online to the item's department's site. Unlisted materials take their defaults:
    received at the window, missing online, shared ones fetched by the department, optional
    ones not provided. With `idempotency_key`, a retry returns the first case (`is_replay`).
    Raises NotAllowed, CaseError, ValidationError (per field), IdempotencyConflict.
    """
    staff = _staff_of(user)
    if idempotency_key:
        existing = Case.objects.filter(created_by=user, idempotency_key=idempotency_key).first()
        if existing is not None:
            return _replay(existing, fingerprint)
    if staff is not None:
        if not permissions.can_receive(user):
            raise NotAllowed(_("只有窗口受理人员或首席代表可以收件。"))
        site = staff.site
        channel = channel or channel_for_site(site)
        if channel == Channel.ONLINE:
            raise CaseError(_("网上申请由申请人在门户提交。"), code="case_channel_invalid")
    else:
        if not user.is_authenticated:
            raise NotAllowed(_("请先登录再提交网上申请。"))
        site = version.item.department.site
        channel = Channel.ONLINE
        if not version.is_online_capable:
            raise CaseError(_("本事项暂不支持网上申请，请到窗口办理。"), code="item_not_online")
        if problems := _applicant_entries_problems(materials):
            raise ValidationError(problems)
    if channel not in Channel.values:
        raise CaseError(_("申请渠道无效。"), code="case_channel_invalid")
    on_date = local_date(at)
    if version.status != ItemVersion.Status.APPROVED or not (
        version.effective_date <= on_date
        and (version.effective_until is None or on_date < version.effective_until)
    ):
        raise CaseError(_("该事项版本当前不在有效期内，请按现行版本收件。"), code="item_not_in_force")
    applicant = clean_applicant(applicant, version=version, today=on_date)
    if staff is None:
        _check_online_identity(applicant, user=user)
    if original is not None:
        _check_original(original, version=version, applicant=applicant)
    for attempt in range(RECEIPT_ATTEMPTS):
        try:
            with transaction.atomic():
                case = _create_case(
                    version=version,
                    applicant=applicant,
                    materials=materials,
                    user=user,
                    staff=staff,
                    site=site,
                    channel=channel,
                    at=at,
                    note=note,
                    idempotency_key=idempotency_key or None,
                    fingerprint=fingerprint,
                    original=original,
                )
        except IntegrityError:
            existing = (
                Case.objects.filter(created_by=user, idempotency_key=idempotency_key).first()
                if idempotency_key
                else None
            )
            if existing is not None:
                return _replay(existing, fingerprint)  # a concurrent retry of the same request won
            if attempt == RECEIPT_ATTEMPTS - 1:
                raise
            continue  # the random receipt number was taken: draw another
        return IntakeResult(case=case)
    raise AssertionError("unreachable")


def _check_original(original: Case, *, version: ItemVersion, applicant: Applicant) -> None:
    """A resubmission (补办件) follows a case returned to the same applicant for the same item."""
    if original.status != CaseStatus.RETURNED:
        raise ValidationError(
            {"original": _("原办件 %(reference)s 不是退回件，不能补办。") % {"reference": original.reference}}
        )
    if original.item_id != version.item_id or original.id_number != applicant.id_number:
        raise ValidationError(
            {
                "original": _("补办件须与原退回件为同一申请人、同一事项（%(item)s）。")
                % {"item": original.version.name}
            }
        )


def _applicant_entries_problems(entries: list[MaterialEntry]) -> dict[str, str]:
    """An applicant hands in files; whether something is missing, defective or deferred (容缺) is
    the window's decision, never the applicant's."""
    return {
        f"material_{entry.material_id}": _("网上提交只能上传材料文件；缺件、容缺由窗口审查决定。")
        for entry in entries
        if entry.state != State.RECEIVED or not entry.file
    }


def _replay(existing: Case, fingerprint: str) -> IntakeResult:
    if fingerprint and existing.idempotency_fingerprint and fingerprint != existing.idempotency_fingerprint:
        raise IdempotencyConflict(
            _("该 Idempotency-Key 已用于另一份不同内容的申请（%(reference)s）。")
            % {"reference": existing.reference}
        )
    return IntakeResult(case=existing, is_replay=True)


def _create_case(
    *,
    version,
    applicant,
    materials,
    user,
    staff,
    site,
    channel,
    at,
    note,
    idempotency_key,
    fingerprint,
    original,
) -> Case:
    on_date = local_date(at)
    calendar = working_calendar()
    case = Case.objects.create(
        site=site,
        item=version.item,
        version=version,
        department=version.item.department,
        receipt_number=_new_receipt_number(site, on_date),
        query_code=f"{secrets.randbelow(10**6):06d}",
        channel=channel,
        status=CaseStatus.RECEIVED,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name,
        id_type=applicant.id_type,
        id_number=applicant.id_number,
        legal_representative=applicant.legal_representative,
        contact_name=applicant.contact_name,
        contact_id_number=applicant.contact_id_number,
        contact_phone=applicant.contact_phone,
        contact_email=applicant.contact_email,
        applicant_user=user if staff is None else None,
        note=(note or "").strip()[:300],
        received_at=at,
        received_date=on_date,
        received_by=staff,
        materials_date=on_date,
        decision_due_date=calendar.add(on_date, DECISION_WORKING_DAYS),
        created_by=user,
        idempotency_key=idempotency_key,
        idempotency_fingerprint=fingerprint,
        original=original,
    )
    lines = CaseMaterial.objects.bulk_create(
        [
            CaseMaterial(
                case=case,
                material=material,
                sort_order=index,
                name=material.name,
                necessity=material.necessity,
                state=default_state(material, channel),
            )
            for index, material in enumerate(version.materials.order_by("sort_order", "id"), start=1)
        ]
    )
    _apply_entries(case, materials, acceptance_date=on_date, lines=lines)
    case.checklist = lines  # as written, for the intake's answer without reading them back
    action = Action.SUBMITTED_ONLINE if channel == Channel.ONLINE else Action.RECEIVED
    comment = _("补办件，原退回件 %(reference)s") % {"reference": original.reference} if original else ""
    _event(case, action, at=at, user=user, to_status=CaseStatus.RECEIVED, comment=comment)
    if channel == Channel.ONLINE:
        notify_applicant(
            case,
            subject=_("网上申请已提交"),
            body=_("您申请的“%(item)s”已提交，申请编号 %(number)s。窗口将在 %(due)s 前完成预审。")
            % {"item": version.name, "number": case.receipt_number, "due": case.decision_due_date.isoformat()}
            + _progress_text(case),
            at=at,
        )
    return case


# The acceptance decision -------------------------------------------------------------------


def _require_decider(user, case: Case) -> Staff:
    if not permissions.can_decide_acceptance(user, case):
        raise NotAllowed(_("您不能对该办件作出受理决定。"))
    return _staff_of(user)


def _is_overdue(case: Case, on_date: date) -> bool:
    return case.status == CaseStatus.RECEIVED and on_date > case.decision_due_date


def _checklist(case: Case) -> list[CaseMaterial]:
    return list(case.materials.select_related("material"))


def _outstanding(lines: list[CaseMaterial]) -> list[CaseMaterial]:
    return [line for line in lines if line.is_outstanding]


def _pick_agent(case: Case, *, requested: Staff | None, fallback: Staff | None) -> Staff | None:
    """The requested agent if they are one; else the least-loaded case agent at the case's site,
    or the nearest site above it; else the accepting staff member (a township clerk 代办s himself)."""
    agents = Staff.objects.filter(
        is_active=True, role_rows__role=Role.CASE_AGENT, site__path__in=case.site.lineage_paths
    )
    if requested is not None:
        if not agents.filter(pk=requested.pk).exists():
            raise CaseError(
                _("%(name)s 不是本中心的全程代办人。") % {"name": requested.name}, code="agent_invalid"
            )
        return requested
    candidates = list(
        agents.annotate(load=Count("agent_cases", filter=Q(agent_cases__status=CaseStatus.ACCEPTED)))
        .select_related("site")
        .order_by("load", "pk")
    )
    if candidates:
        candidates.sort(key=lambda staff: (-len(staff.site.path), staff.load, staff.pk))
        return candidates[0]
    return fallback


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
    case.number = _new_case_number(case.site, accepted_date)
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
    _move(case, action, at=at, user=user, comment=comment, fields=fields)
    if case.agent is not None:
        _event(case, Action.AGENT_ASSIGNED, at=at, user=user, comment=case.agent.name, is_public=False)
    from onewindow.cases.handling import tasks_open

    tasks_open(case, on_date=accepted_date)
    _issue_notice(case, Notice.Kind.ACCEPTANCE, at=at, staff=staff)
    notify_applicant(
        case,
        subject=_("申请已受理"),
        body=_("您申请的“%(item)s”已于 %(date)s 受理，承诺办结日期 %(due)s。")
        % {"item": version.name, "date": accepted_date.isoformat(), "due": case.promised_due_date.isoformat()}
        + _progress_text(case),
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
        locked = _locked(case)
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

    def decide(locked: Case) -> Case:
        on_date = local_date(at)
        _check_move(locked, Action.ACCEPTED)
        lines = _checklist(locked)
        _apply_entries(locked, list(materials), acceptance_date=on_date, lines=lines)
        deferred = [line for line in lines if line.state == State.DEFERRED]
        if deferred and (
            problems := _checklist_problems(
                case=locked,
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
        note = (corrected_on_the_spot or "").strip()
        if note:
            _event(locked, Action.CORRECTED_ON_THE_SPOT, at=at, user=user, comment=note[:500])
        return _accept(
            locked, at=at, accepted_date=on_date, user=user, staff=staff, agent=agent, action=Action.ACCEPTED
        )

    with transaction.atomic():
        locked = _locked(case)
        if _is_overdue(locked, local_date(at)):
            return _auto_accept(locked, at=at)
        return decide(locked)


def case_correction_notice(
    *, case: Case, user, at: datetime, materials: list[MaterialEntry] = (), note: str = ""
) -> Notice:
    """The correction notice (补正材料告知书, art. 32 (4)): every missing or defective material at
    once. A later notice asking for a material the first did not is flagged and supervision is
    warned (一次性告知). Raises NotAllowed, WrongState, CaseError(nothing_to_correct),
    ValidationError, DecisionOverdue."""
    staff = _require_decider(user, case)

    def decide(locked: Case) -> Notice:
        _check_move(locked, Action.CORRECTION_NOTICE)
        lines = _checklist(locked)
        _apply_entries(locked, list(materials), acceptance_date=local_date(at), lines=lines)
        outstanding = _outstanding(lines)
        if not outstanding:
            raise CaseError(_("材料齐全，无需补正，请直接受理。"), code="nothing_to_correct")
        asked_before = set(
            CorrectionRequest.objects.filter(notice__case=locked).values_list("case_material_id", flat=True)
        )
        is_first = not locked.notices.filter(kind=Notice.Kind.CORRECTION).exists()
        new_lines = [] if is_first else [line for line in outstanding if line.pk not in asked_before]
        _move(locked, Action.CORRECTION_NOTICE, at=at, user=user, comment=(note or "").strip()[:500])
        notice = _issue_notice(
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
            + _progress_text(locked),
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
        _check_move(locked, Action.REFUSED)
        locked.refusal_kind = kind
        locked.refusal_reason = reason
        locked.competent_authority = competent_authority if kind == RefusalKind.NOT_COMPETENT else ""
        _move(
            locked,
            Action.REFUSED,
            at=at,
            user=user,
            comment=reason,
            fields=["refusal_kind", "refusal_reason", "competent_authority"],
        )
        notice = _issue_notice(locked, Notice.Kind.NON_ACCEPTANCE, at=at, staff=staff)
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
    elif problems := _applicant_entries_problems(materials):
        raise ValidationError(problems)
    with transaction.atomic():
        locked = _locked(case)
        _check_move(locked, Action.RESUBMITTED)
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
        _apply_entries(locked, list(materials), acceptance_date=on_date)
        for entry in supplied:
            request = requests[entry.material_id]
            request.supplied_at = at
            request.save(update_fields=["supplied_at"])
        locked.materials_date = on_date
        locked.decision_due_date = working_calendar().add(on_date, DECISION_WORKING_DAYS)
        names = "、".join(requests[entry.material_id].case_material.name for entry in supplied)
        _move(
            locked,
            Action.RESUBMITTED,
            at=at,
            user=user,
            comment=names,
            fields=["materials_date", "decision_due_date"],
        )
        return locked


def decision_authority(
    staff: Staff | None, *, case: Case, on_date: date, on_the_spot: bool | None = None
) -> Delegation | None:
    """The delegation letter (授权书) under which `staff` may decide the case's item on `on_date`.

    On the spot (an immediate item, 即办件): a chief representative's own letter, or for a window
    clerk of the item's own department, their department's chief representative's; a
    comprehensive window's clerk has none: he reviews, the chief representative approves
    (窗口审核、首席代表审批). After review (every other item): the chief representative of the
    lead department whose letter covers the item."""
    if staff is None:
        return None
    if on_the_spot is None:
        on_the_spot = case.is_immediate
    roles = set(staff.role_rows.values_list("role", flat=True))
    letters = Delegation.objects.filter(
        valid_from_date__lte=on_date,
        items__item_code=case.item.implementation_code,
        department_id=case.department_id,  # the lead department's letter, whatever others name
    ).filter(Q(valid_to_date__isnull=True) | Q(valid_to_date__gt=on_date))
    if on_the_spot:
        letters = letters.filter(items__may_decide_on_the_spot=True)
    if Role.CHIEF_REPRESENTATIVE in roles:
        return letters.filter(chief_representative=staff).first()
    if on_the_spot and Role.WINDOW_CLERK in roles and staff.department_id == case.department_id:
        return letters.filter(department_id=staff.department_id).first()
    return None


def case_decide_immediately(
    *, case: Case, user, at: datetime, decision: str, reason: str = "", result_number: str = ""
) -> Notice:
    """An immediate item (即办件) decided at the window, by a staff member whose delegation letter
    covers the item; the result is issued at once (handling.case_decide). Raises NotAllowed,
    WrongState, CaseError(not_immediate), ValidationError."""
    from onewindow.cases import handling

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
        locked = _locked(case)
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
                locked = _locked(pk)
                if _is_overdue(locked, today):
                    _auto_accept(locked, at=at)
                    numbers.append(locked.number)
        except Exception:  # one broken case must not hold back the law for the others
            logger.exception("automatic acceptance of case %s failed", pk)
    return numbers


# The bad-credit list ---------------------------------------------------------------------


def keeps_credit_list(user) -> bool:
    """The list is one for the whole network: the top-level center's office keeps it."""
    return user_is_network_office(user)


def credit_record_add(
    *, user, id_number: str, name: str, reason: str, source: str, listed_date: date
) -> CreditRecord:
    """Put an applicant on the bad-credit list (no 容缺受理 for them). The office only.
    Raises NotAllowed, ValidationError."""
    if not keeps_credit_list(user):
        raise NotAllowed(_("只有中心办公室可以维护失信名单。"))
    number = (id_number or "").strip().upper()
    errors = {}
    try:
        number = identifiers.normalize_id_card_number(number, today=listed_date)
    except identifiers.InvalidIdentifier:
        try:
            number = identifiers.normalize_credit_code(number)
        except identifiers.InvalidIdentifier as error:
            if len(number) == 18 or not OTHER_ID.match(number):  # 18 characters: a mistyped code
                errors["id_number"] = _("请填写有效的身份证号码、统一社会信用代码或其他证件号码。") + str(
                    error
                )
    if not (name or "").strip():
        errors["name"] = _("请填写名称。")
    if not (reason or "").strip():
        errors["reason"] = _("请写明失信情形。")
    if errors:
        raise ValidationError(errors)
    return CreditRecord.objects.create(
        id_number=number,
        name=name.strip(),
        reason=reason.strip()[:300],
        source=(source or "").strip()[:100],
        listed_date=listed_date,
        created_by=user,
    )


def credit_record_lift(*, user, record: CreditRecord, on_date: date) -> CreditRecord:
    """Take an applicant off the list from `on_date` (信用修复). Raises NotAllowed, CaseError."""
    if not keeps_credit_list(user):
        raise NotAllowed(_("只有中心办公室可以维护失信名单。"))
    if record.lifted_date is not None:
        raise CaseError(
            _("该记录已于 %(date)s 移出。") % {"date": record.lifted_date}, code="credit_already_lifted"
        )
    record.lifted_date = max(on_date, record.listed_date + timedelta(days=1))
    record.save(update_fields=["lifted_date"])
    return record
