"""Writing the catalog: items, drafts, review and approval, withdrawal.

Keyword-only, one transaction each, validating before saving. Every command takes the acting
`user` and checks what they may do (catalog.permissions), so the office pages, the API and the
Excel import behave identically. The version workflow is the table `TRANSITIONS`; `_move()` is
the one place a version's status changes, and it appends an `ItemEvent` in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from onewindow.catalog import permissions
from onewindow.catalog.models import (
    LAW_EXTENSION_DAYS,
    LAW_JOINT_EXTENSION_DAYS,
    OPEN_STATUSES,
    ORGANISATION_OBJECTS,
    CaseKind,
    FeeItem,
    Item,
    ItemEvent,
    ItemVersion,
    Material,
    ProcedureStep,
    ServiceObject,
    step_kind_for,
)
from onewindow.common.api import DomainError, NotAllowed
from onewindow.org.models import Department

Status = ItemVersion.Status
Action = ItemEvent.Action


class CatalogError(DomainError):
    code = "catalog_invalid"


class WrongState(DomainError):
    code = "catalog_wrong_state"
    status_code = 409


#: The version workflow: (from status, action) → to status.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Action.SUBMIT): Status.SUBMITTED,
    (Status.RETURNED, Action.SUBMIT): Status.SUBMITTED,
    (Status.SUBMITTED, Action.RETURN): Status.RETURNED,
    (Status.SUBMITTED, Action.APPROVE): Status.APPROVED,
    (Status.DRAFT, Action.DISCARD): Status.DISCARDED,
    (Status.RETURNED, Action.DISCARD): Status.DISCARDED,
}

#: The version fields a draft carries (everything but identity, status and audit fields).
CONTENT_FIELDS = (
    "name",
    "item_type",
    "case_kind",
    "legal_basis",
    "conditions",
    "procedure",
    "statutory_limit",
    "statutory_unit",
    "statutory_note",
    "promised_limit",
    "promised_unit",
    "promised_note",
    "extension_limit",
    "extension_basis",
    "co_opinion_limit",
    "is_silence_consent",
    "service_objects",
    "handling_forms",
    "is_online_capable",
    "is_appointment_capable",
    "visits_required",
    "result_name",
    "result_sample",
    "address",
    "hours",
    "consultation_phone",
    "supervision_phone",
    "faq",
    "keywords",
    "change_summary",
)
MATERIAL_FIELDS = (
    "name",
    "issuer",
    "original_count",
    "copy_count",
    "necessity",
    "medium",
    "source",
    "blank_form",
    "sample_form",
    "filling_notes",
    "acceptance_standard",
)
FEE_FIELDS = (
    "name",
    "kind",
    "amount",
    "unit",
    "amount_min",
    "amount_max",
    "tiers",
    "legal_basis",
    "is_waivable",
    "waiver_basis",
)
STEP_FIELDS = ("name", "kind", "limit_days", "department", "description")


@dataclass
class VersionContent:
    """What an editor submits for a draft: the version's fields and its rows, in order.

    `fields` holds CONTENT_FIELDS (a missing key keeps the draft's value); `co_departments` and
    `themes` are lists of model instances; each row is a dict of the row model's fields. A file
    field holds an uploaded file, a stored file name to keep, or "" to clear.
    """

    fields: dict
    co_departments: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    materials: list[dict] = field(default_factory=list)
    fee_items: list[dict] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)


# Validation ---------------------------------------------------------------------------------


def _add(errors: dict, key: str, message: str) -> None:
    errors.setdefault(key, []).append(message)


def _extension_problems(errors, data: dict, *, statutory: int | None, case_kind: str | None) -> None:
    """An item's own extension: within art. 42 (10, or 15 for a joint item) unless its legal basis
    is named, and never longer than the limit it extends."""
    extension = data.get("extension_limit")
    if extension is None:
        return
    law_days = LAW_JOINT_EXTENSION_DAYS if case_kind == CaseKind.JOINT else LAW_EXTENSION_DAYS
    if extension > law_days and not str(data.get("extension_basis") or "").strip():
        _add(
            errors,
            "extension_basis",
            _("可延长%(days)s日超过《行政许可法》第四十二条的%(law)s个工作日，须写明法律、法规的延长依据。")
            % {"days": extension, "law": law_days},
        )
    if statutory is not None and extension > statutory:
        _add(
            errors,
            "extension_limit",
            _("可延长时限（%(extension)s）不得超过法定办结时限（%(statutory)s）。")
            % {"extension": extension, "statutory": statutory},
        )


def content_problems(*, department: Department, content: VersionContent) -> dict[str, list[str]]:
    """Every rule a version must satisfy, as {field: [messages]}; row problems are keyed
    `materials`, `fee_items` and `steps` and name the row. Empty when the content is valid."""
    errors: dict[str, list[str]] = {}
    data = content.fields
    for name in ("name", "legal_basis", "conditions", "procedure", "item_type", "case_kind"):
        if not str(data.get(name) or "").strip():
            _add(errors, name, _("此项为必填项。"))
    statutory, promised = data.get("statutory_limit"), data.get("promised_limit")
    if statutory is None:
        _add(errors, "statutory_limit", _("请填写法定办结时限。"))
    if promised is None:
        _add(errors, "promised_limit", _("请填写承诺办结时限。"))
    if statutory is not None and promised is not None:
        if data.get("statutory_unit") != data.get("promised_unit"):
            _add(errors, "promised_unit", _("承诺时限与法定时限须使用同一计时单位。"))
        elif promised > statutory:
            _add(
                errors,
                "promised_limit",
                _("承诺办结时限（%(promised)s）不得超过法定办结时限（%(statutory)s）。")
                % {"promised": promised, "statutory": statutory},
            )
    case_kind = data.get("case_kind")
    _extension_problems(errors, data, statutory=statutory, case_kind=case_kind)
    if promised is not None and case_kind == CaseKind.IMMEDIATE and promised != 0:
        _add(errors, "promised_limit", _("即办件当场办结，承诺时限应为0。"))
    if promised is not None and case_kind and case_kind != CaseKind.IMMEDIATE and promised < 1:
        _add(errors, "promised_limit", _("承诺件的承诺时限至少为1个工作日；当场办结的请选择“即办件”。"))
    if case_kind == CaseKind.JOINT and not content.co_departments:
        _add(errors, "co_departments", _("联办件须选择至少一个联办机构。"))
    if any(other.pk == department.pk for other in content.co_departments):
        _add(errors, "co_departments", _("联办机构不能包含实施部门本身。"))
    if not data.get("service_objects"):
        _add(errors, "service_objects", _("请至少选择一类服务对象。"))
    if not data.get("handling_forms"):
        _add(errors, "handling_forms", _("请至少选择一种办理形式。"))

    # Co-departments review in parallel with the lead: their steps count once, not in the sum.
    co_ids = {other.pk for other in content.co_departments}
    lead_steps = [step for step in content.steps if getattr(step.get("department"), "pk", None) not in co_ids]
    parallel = [int(step.get("limit_days") or 0) for step in content.steps if step not in lead_steps]
    step_total = max(sum(int(step.get("limit_days") or 0) for step in lead_steps), max(parallel, default=0))
    if promised is not None and content.steps and step_total > promised:
        message = _("各办理环节时限合计%(total)s个工作日，超过承诺时限%(promised)s个工作日。") % {
            "total": step_total,
            "promised": promised,
        }
        _add(errors, "steps", message)
        _add(errors, "promised_limit", message)

    _rows_unique(errors, "materials", content.materials, _("申请材料"))
    _rows_unique(errors, "fee_items", content.fee_items, _("收费项目"))
    for row in content.materials:
        if not str(row.get("name") or "").strip():
            _add(errors, "materials", _("每项申请材料都须填写名称。"))
    for row in content.fee_items:
        name = str(row.get("name") or "").strip() or _("（未命名）")
        for messages in fee_item_problems(row).values():
            for message in messages:
                _add(errors, "fee_items", _("收费项目“%(name)s”：") % {"name": name} + message)
    for row in content.steps:
        if not str(row.get("name") or "").strip():
            _add(errors, "steps", _("每个办理环节都须填写名称。"))
    return errors


def _rows_unique(errors: dict, key: str, rows: list[dict], label: str) -> None:
    seen: set[str] = set()
    for row in rows:
        name = str(row.get("name") or "").strip()
        if name and name in seen:
            _add(errors, key, _("%(label)s“%(name)s”重复。") % {"label": label, "name": name})
        seen.add(name)


def fee_item_problems(row: dict) -> dict[str, list[str]]:
    """One fee item's problems by field: a basis, a waiver basis when waivable, and the amounts
    its kind of standard needs."""
    errors: dict[str, list[str]] = {}
    if not str(row.get("legal_basis") or "").strip():
        _add(errors, "legal_basis", _("须填写收费依据。"))
    if row.get("is_waivable") and not str(row.get("waiver_basis") or "").strip():
        _add(errors, "waiver_basis", _("可减免的须填写减免依据。"))
    kind = row.get("kind") or FeeItem.Kind.FIXED
    if kind in (FeeItem.Kind.FIXED, FeeItem.Kind.PER_UNIT):
        amount = row.get("amount")
        if amount is None or amount == "" or not Decimal(amount).is_finite() or Decimal(amount) < 0:
            _add(errors, "amount", _("须填写不小于0的金额。"))
        if kind == FeeItem.Kind.PER_UNIT and not str(row.get("unit") or "").strip():
            _add(errors, "unit", _("按单位计费须填写计费单位。"))
    elif kind == FeeItem.Kind.RANGE:
        low, high = row.get("amount_min"), row.get("amount_max")
        if (
            low in (None, "")
            or high in (None, "")
            or not (Decimal(low).is_finite() and Decimal(high).is_finite())
            or Decimal(low) < 0
            or Decimal(low) > Decimal(high)
        ):
            _add(errors, "amount_max", _("区间收费须填写最低和最高金额，且最低不大于最高。"))
    elif kind == FeeItem.Kind.TIERED:
        tiers = row.get("tiers") or []
        bounds = [tier.get("up_to") for tier in tiers]
        closed = [bound for bound in bounds if bound is not None]
        if not tiers or closed != sorted(closed) or len(set(closed)) != len(closed) or None in bounds[:-1]:
            _add(errors, "tiers", _("分档收费须按上限从小到大逐档填写，“其余”只能在最后一档。"))
    return errors


def _raise_if_invalid(*, department: Department, content: VersionContent) -> None:
    errors = content_problems(department=department, content=content)
    if errors:
        raise ValidationError(errors)


# Writing a version's content ----------------------------------------------------------------


def derive_guide_fields(version: ItemVersion, *, department: Department, themes: list) -> None:
    """Set the columns the guide filters and searches on (audience flags, lower-cased search text)."""
    objects = set(version.service_objects or [])
    version.is_for_people = ServiceObject.PERSON in objects
    version.is_for_companies = bool(objects & ORGANISATION_OBJECTS)
    version.search_text = "\n".join(
        [
            version.name,
            " ".join(version.keyword_list()),
            version.result_name,
            department.name,
            " ".join(theme.name for theme in themes),
            version.item.implementation_code,
        ]
    ).lower()


def _assign_file(instance, field_name: str, value) -> None:
    if value is None:
        return
    if isinstance(value, File):
        getattr(instance, field_name).save(value.name.rsplit("/", 1)[-1], value, save=False)
    else:
        setattr(instance, field_name, value)


def _text(value):
    """Browsers send textarea line breaks as CRLF; store LF so versions compare by content."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


def _write_content(version: ItemVersion, content: VersionContent, *, department: Department) -> None:
    """Store `content` on the (editable) version, replacing its rows."""
    for name in CONTENT_FIELDS:
        if name in content.fields:
            if name == "result_sample":
                _assign_file(version, name, content.fields[name])
            else:
                setattr(version, name, _text(content.fields[name]))
    derive_guide_fields(version, department=department, themes=content.themes)
    version.save()
    version.co_departments.set(content.co_departments)
    version.themes.set(content.themes)
    version.materials.all().delete()
    version.fee_items.all().delete()
    version.steps.all().delete()
    for order, row in enumerate(content.materials, start=1):
        material = Material(version=version, sort_order=order)
        for name in MATERIAL_FIELDS:
            if name in ("blank_form", "sample_form"):
                _assign_file(material, name, row.get(name))
            elif name in row:
                setattr(material, name, _text(row[name]))
        material.save()
    FeeItem.objects.bulk_create(
        FeeItem(version=version, sort_order=order, **{k: _text(row[k]) for k in FEE_FIELDS if k in row})
        for order, row in enumerate(content.fee_items, start=1)
    )
    steps = []
    for order, row in enumerate(content.steps, start=1):
        fields = {k: _text(row[k]) for k in STEP_FIELDS if k in row}
        fields["kind"] = fields.get("kind") or step_kind_for(
            fields.get("name", "")
        )  # none given: its name says
        steps.append(ProcedureStep(version=version, sort_order=order, **fields))
    ProcedureStep.objects.bulk_create(steps)


def content_of(version: ItemVersion) -> VersionContent:
    """A version's content, as a draft made from it would start."""
    return VersionContent(
        fields={name: getattr(version, name) for name in CONTENT_FIELDS if name != "change_summary"}
        | {"result_sample": version.result_sample.name},
        co_departments=list(version.co_departments.all()),
        themes=list(version.themes.all()),
        materials=[
            {name: getattr(row, name) for name in MATERIAL_FIELDS}
            | {"blank_form": row.blank_form.name, "sample_form": row.sample_form.name}
            for row in version.materials.all()
        ],
        fee_items=[{name: getattr(row, name) for name in FEE_FIELDS} for row in version.fee_items.all()],
        steps=[{name: getattr(row, name) for name in STEP_FIELDS} for row in version.steps.all()],
    )


def _event(*, item: Item, version: ItemVersion | None, action: str, user, now: datetime, comment: str = ""):
    return ItemEvent.objects.create(
        item=item, version=version, action=action, actor=user, at=now, comment=comment
    )


def _locked(version: ItemVersion) -> ItemVersion:
    """Lock the item row (one editor or reviewer acts at a time) and re-read the version."""
    Item.objects.select_for_update().get(pk=version.item_id)
    return ItemVersion.objects.select_related("item__department__site").get(pk=version.pk)


def _recompute_validity(item: Item) -> None:
    """Store on each approved version the day it stops being in force: the earliest effective date
    of a higher-numbered approved version, or the item's withdrawal date, whichever comes first.
    (A version is in force on D when its effective date ≤ D < that day.)"""
    approved = list(item.versions.filter(status=Status.APPROVED).order_by("-number"))
    later_start = item.withdrawal_date
    for version in approved:  # newest first
        if version.effective_until != later_start:
            version.effective_until = later_start
            version.save(update_fields=["effective_until"])
        later_start = (
            version.effective_date if later_start is None else min(later_start, version.effective_date)
        )


def _new_item(
    *, department: Department, basic_code: str, implementation_code: str, handling_variant: str
) -> Item:
    """An unsaved item at the department's level, its fields checked. Raises ValidationError."""
    item = Item(
        department=department,
        basic_code=basic_code,
        implementation_code=implementation_code,
        handling_variant=handling_variant,
        level=department.site.level,
    )
    item.full_clean(exclude=["department"])
    return item


def _next_number(item: Item) -> int:
    return (item.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1


# Commands -----------------------------------------------------------------------------------


@transaction.atomic
def item_create(
    *,
    department: Department,
    basic_code: str,
    implementation_code: str,
    handling_variant: str,
    content: VersionContent,
    user,
    now: datetime,
) -> ItemVersion:
    """A new item and its first draft. Raises NotAllowed, ValidationError (field problems,
    including a code already in use)."""
    if not permissions.can_edit_department(user, department):
        raise NotAllowed(_("您不能为该部门新增事项。"))
    implementation_code = implementation_code.strip().upper()
    basic_code = basic_code.strip().upper()
    if Item.objects.filter(implementation_code=implementation_code).exists():
        raise ValidationError(
            {"implementation_code": [_("实施编码 %(code)s 已被使用。") % {"code": implementation_code}]}
        )
    item = _new_item(
        department=department,
        basic_code=basic_code,
        implementation_code=implementation_code,
        handling_variant=handling_variant,
    )
    _raise_if_invalid(department=department, content=content)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as error:  # a concurrent creation took the code first
        raise ValidationError(
            {"implementation_code": [_("实施编码 %(code)s 已被使用。") % {"code": implementation_code}]}
        ) from error
    version = ItemVersion(item=item, number=1, created_by=user, updated_by=user)
    _write_content(version, content, department=department)
    _event(item=item, version=version, action=Action.CREATE, user=user, now=now)
    return version


@transaction.atomic
def draft_open(*, item: Item, user, now: datetime) -> ItemVersion:
    """The item's open draft, or a new draft copied from its latest version. Raises NotAllowed."""
    if not permissions.can_edit_item(user, item):
        raise NotAllowed(_("您不能修改该事项。"))
    Item.objects.select_for_update().get(pk=item.pk)
    open_version = item.versions.filter(status__in=OPEN_STATUSES).first()
    if open_version is not None:
        return open_version
    latest = item.versions.exclude(status=Status.DISCARDED).order_by("-number").first()
    version = ItemVersion(item=item, number=_next_number(item), created_by=user, updated_by=user)
    _write_content(version, content_of(latest), department=item.department)
    _event(
        item=item,
        version=version,
        action=Action.CREATE,
        user=user,
        now=now,
        comment=_("由第%(number)s版修改") % {"number": latest.number},
    )
    return version


@transaction.atomic
def draft_save(*, version: ItemVersion, content: VersionContent, user, now: datetime) -> ItemVersion:
    """Replace an editable draft's content. Raises NotAllowed, WrongState, ValidationError."""
    version = _locked(version)
    item = version.item
    if not permissions.can_edit_item(user, item):
        raise NotAllowed(_("您不能修改该事项。"))
    if not version.is_editable:
        raise WrongState(
            _("第%(number)s版%(status)s，不能修改；请先新建草稿。")
            % {"number": version.number, "status": version.get_status_display()}
        )
    _raise_if_invalid(department=item.department, content=content)
    version.updated_by = user
    _write_content(version, content, department=item.department)
    _event(item=item, version=version, action=Action.EDIT, user=user, now=now)
    return version


def _move(*, version: ItemVersion, action: str, user, now: datetime, comment: str = "") -> ItemVersion:
    target = TRANSITIONS.get((version.status, action))
    if target is None:
        raise WrongState(
            _("第%(number)s版当前为“%(status)s”，不能%(action)s。")
            % {
                "number": version.number,
                "status": version.get_status_display(),
                "action": Action(action).label,
            }
        )
    version.status = target
    version.save(
        update_fields=[
            "status",
            "submitted_by",
            "approved_by",
            "approved_at",
            "effective_date",
            "change_summary",
            "updated_at",
        ]
    )
    _event(item=version.item, version=version, action=action, user=user, now=now, comment=comment)
    return version


@transaction.atomic
def version_submit(*, version: ItemVersion, user, now: datetime, summary: str = "") -> ItemVersion:
    """Send a draft to the center office for review. Raises NotAllowed, WrongState, ValidationError."""
    version = _locked(version)
    if not permissions.can_edit_item(user, version.item):
        raise NotAllowed(_("您不能提交该事项。"))
    _raise_if_invalid(department=version.item.department, content=content_of(version))
    version.submitted_by = user
    if summary.strip():
        version.change_summary = summary.strip()
    return _move(version=version, action=Action.SUBMIT, user=user, now=now, comment=version.change_summary)


@transaction.atomic
def version_return(*, version: ItemVersion, user, now: datetime, comment: str) -> ItemVersion:
    """The office sends a submitted version back with its comment. Raises NotAllowed, WrongState, CatalogError."""
    version = _locked(version)
    if not permissions.can_approve_item(user, version.item):
        raise NotAllowed(_("只有中心办公室可以审核事项。"))
    if not comment.strip():
        raise ValidationError({"comment": [_("退回时请写明修改意见。")]})
    return _move(version=version, action=Action.RETURN, user=user, now=now, comment=comment.strip())


@transaction.atomic
def version_approve(
    *,
    version: ItemVersion,
    user,
    now: datetime,
    today: date,
    effective_date: date | None = None,
    comment: str = "",
) -> ItemVersion:
    """The office approves a submitted version; it takes effect on `effective_date` (default today).
    The one who submitted may not approve their own submission. Raises NotAllowed, WrongState,
    ValidationError."""
    version = _locked(version)
    if not permissions.can_approve_item(user, version.item):
        raise NotAllowed(_("只有中心办公室可以审核事项。"))
    if version.submitted_by_id == user.pk and version.status == Status.SUBMITTED:
        raise NotAllowed(_("提交人不能批准自己提交的版本，请由另一位中心办公室人员审核。"))
    effective_date = effective_date or today
    if effective_date < today:
        raise ValidationError({"effective_date": [_("生效日期不能早于今天。")]})
    if version.item.withdrawal_date and version.item.withdrawal_date <= effective_date:
        raise CatalogError(
            _("该事项已定于%(date)s取消，请先撤销取消计划。") % {"date": version.item.withdrawal_date}
        )
    version.approved_by = user
    version.approved_at = now
    version.effective_date = effective_date
    version = _move(version=version, action=Action.APPROVE, user=user, now=now, comment=comment.strip())
    _recompute_validity(version.item)
    return version


@transaction.atomic
def draft_discard(*, version: ItemVersion, user, now: datetime) -> ItemVersion:
    """Abandon a draft (it stays in the history). An item's first version cannot be discarded
    once it is the only one. Raises NotAllowed, WrongState."""
    version = _locked(version)
    if not permissions.can_edit_item(user, version.item):
        raise NotAllowed(_("您不能修改该事项。"))
    if not version.item.versions.exclude(pk=version.pk).exclude(status=Status.DISCARDED).exists():
        raise CatalogError(_("这是该事项唯一的版本，不能作废；请修改后提交。"))
    return _move(version=version, action=Action.DISCARD, user=user, now=now)


@transaction.atomic
def item_withdraw(
    *, item: Item, user, now: datetime, today: date, withdrawal_date: date, reason: str
) -> Item:
    """The office withdraws (取消) an item from a date on; until then it stays in the guide.
    Raises NotAllowed, ValidationError."""
    if not permissions.can_approve_item(user, item):
        raise NotAllowed(_("只有中心办公室可以取消事项。"))
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.withdrawal_date is not None and item.withdrawal_date <= today:
        raise CatalogError(_("该事项已于%(date)s取消。") % {"date": item.withdrawal_date})
    errors = {}
    if withdrawal_date < today:
        errors["withdrawal_date"] = [_("取消日期不能早于今天。")]
    if not reason.strip():
        errors["reason"] = [_("请写明取消原因（如依据的文件）。")]
    if errors:
        raise ValidationError(errors)
    item.withdrawal_date = withdrawal_date
    item.withdrawal_reason = reason.strip()
    item.save(update_fields=["withdrawal_date", "withdrawal_reason"])
    _recompute_validity(item)
    _event(
        item=item,
        version=None,
        action=Action.WITHDRAW,
        user=user,
        now=now,
        comment=_("%(date)s起取消：%(reason)s") % {"date": withdrawal_date, "reason": item.withdrawal_reason},
    )
    return item


@transaction.atomic
def item_withdraw_cancel(*, item: Item, user, now: datetime, today: date) -> Item:
    """Call off a withdrawal that has not yet taken effect. Raises NotAllowed, CatalogError."""
    if not permissions.can_approve_item(user, item):
        raise NotAllowed(_("只有中心办公室可以取消事项。"))
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.withdrawal_date is None:
        raise CatalogError(_("该事项没有取消计划。"))
    if item.withdrawal_date <= today:
        raise CatalogError(_("该事项已于%(date)s取消，不能撤销。") % {"date": item.withdrawal_date})
    item.withdrawal_date = None
    item.withdrawal_reason = ""
    item.save(update_fields=["withdrawal_date", "withdrawal_reason"])
    _recompute_validity(item)
    _event(item=item, version=None, action=Action.WITHDRAW_CANCEL, user=user, now=now)
    return item


@transaction.atomic
def version_import(
    *,
    department: Department,
    basic_code: str,
    implementation_code: str,
    handling_variant: str,
    content: VersionContent,
    user,
    now: datetime,
    today: date,
) -> tuple[ItemVersion, bool]:
    """Load one item from a county's existing (already approved) list: the office's import is its
    approval, so the new version is approved and in force from `today`. Creates the item when the
    code is new. Returns (version, created). Raises NotAllowed, CatalogError, ValidationError."""
    if not permissions.can_approve_department(user, department):
        raise NotAllowed(_("只有中心办公室可以导入事项。"))
    _raise_if_invalid(department=department, content=content)
    item = Item.objects.select_for_update().filter(implementation_code=implementation_code).first()
    created = item is None
    if created:
        item = _new_item(
            department=department,
            basic_code=basic_code,
            implementation_code=implementation_code,
            handling_variant=handling_variant,
        )
        item.save()
    else:
        if item.department_id != department.pk:
            raise CatalogError(
                _("实施编码 %(code)s 已属于%(department)s。")
                % {"code": implementation_code, "department": item.department.name}
            )
        if item.versions.filter(status__in=OPEN_STATUSES).exists():
            raise CatalogError(_("该事项有未完成的草稿或待审核版本，请先处理后再导入。"))
        if item.withdrawal_date is not None:
            raise CatalogError(
                _("该事项已定于%(date)s取消，请先撤销取消计划。") % {"date": item.withdrawal_date}
            )
    version = ItemVersion(
        item=item,
        number=_next_number(item),
        created_by=user,
        updated_by=user,
        submitted_by=user,
        approved_by=user,
        approved_at=now,
        effective_date=today,
        status=Status.APPROVED,
    )
    _write_content(version, content, department=department)
    _recompute_validity(item)
    _event(
        item=item, version=version, action=Action.IMPORT, user=user, now=now, comment=_("Excel 导入并发布")
    )
    return version, created
