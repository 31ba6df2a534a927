"""Receiving an application (收件): at the window or online, the applicant checked (identifiers in
ASCII, checksums, the online applicant as themselves), the checklist against the item's version,
a receipt number and the 5 working days to decide (行政许可法 art. 32). Safe to retry with an
idempotency key.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from onewindow.cases import clocks, permissions, selectors
from onewindow.cases.models import (
    ApplicantKind,
    Case,
    CaseEvent,
    CaseMaterial,
    CaseStatus,
    Channel,
    IdType,
)
from onewindow.cases.services.records import (
    notify_applicant,
    progress_text,
    site_code,
)
from onewindow.cases.transitions import (
    CaseError,
    case_event_append,
    local_date,
    staff_of,
)
from onewindow.catalog.models import ItemVersion, Material, ServiceObject
from onewindow.common import identifiers
from onewindow.common.api import DomainError, NotAllowed
from onewindow.org.models import Site
from onewindow.workcalendar.selectors import working_calendar

Action = CaseEvent.Action
State = CaseMaterial.State


#: Art. 32: the correction notice is due within 5 working days of receiving the materials.
DECISION_WORKING_DAYS = 5


class IdempotencyConflict(DomainError):
    code = "idempotency_key_reused"
    status_code = 409


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


def promised_due_if_accepted(version: ItemVersion, on_date: date) -> date:
    return clocks.due_date(
        working_calendar(), start=on_date, days=version.promised_limit, unit=version.promised_unit
    )


def _new_receipt_number(site: Site, on_date: date) -> str:
    """SJ + site + yymmdd + 6 random digits. Receipts need not be gap-free, so they take no lock
    (a counter row would make every intake at a site wait for the one before it to commit); the
    unique constraint catches the rare repeat and the intake is retried (case_receive)."""
    return f"SJ{site_code(site)}{on_date:%y%m%d}{secrets.randbelow(10**6):06d}"


#: Attempts at a fresh receipt number before an IntegrityError is passed on.
RECEIPT_ATTEMPTS = 4


def checklist_problems(
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


def checklist(case: Case) -> list[CaseMaterial]:
    """The case's checklist lines with their catalog materials."""
    return list(case.materials.select_related("material"))


def apply_entries(
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
        lines = checklist(case)
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
    errors = checklist_problems(
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
    staff = staff_of(user)
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
        if problems := applicant_entries_problems(materials):
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
            # A retry (or a concurrent twin) of a request already received: the unique key, not a
            # look-up beforehand, tells, so the first time costs nothing extra.
            existing = (
                Case.objects.filter(created_by=user, idempotency_key=idempotency_key).first()
                if idempotency_key
                else None
            )
            if existing is not None:
                return _replay(existing, fingerprint)
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


def applicant_entries_problems(entries: list[MaterialEntry]) -> dict[str, str]:
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
            for index, material in enumerate(version.materials.all(), start=1)  # in sort_order
        ]
    )
    apply_entries(case, materials, acceptance_date=on_date, lines=lines)
    case.checklist = lines  # as written, for the intake's answer without reading them back
    case.issued_notices = []  # none yet (the answer lists the notices a decision issues)
    action = Action.SUBMITTED_ONLINE if channel == Channel.ONLINE else Action.RECEIVED
    comment = _("补办件，原退回件 %(reference)s") % {"reference": original.reference} if original else ""
    case_event_append(case, action, at=at, user=user, to_status=CaseStatus.RECEIVED, comment=comment)
    if channel == Channel.ONLINE:
        notify_applicant(
            case,
            subject=_("网上申请已提交"),
            body=_("您申请的“%(item)s”已提交，申请编号 %(number)s。窗口将在 %(due)s 前完成预审。")
            % {"item": version.name, "number": case.receipt_number, "due": case.decision_due_date.isoformat()}
            + progress_text(case),
            at=at,
        )
    return case
