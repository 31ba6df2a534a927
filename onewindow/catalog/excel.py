"""The catalog as an Excel workbook (openpyxl): export what is in force, import a county's list.

Sheets: 事项 (one row per item), 申请材料, 收费项目 and 办理环节 (rows keyed by 实施编码). Choice
columns hold the Chinese labels a county's staff read (the codes are accepted too); yes/no columns
hold 是/否. Import is all-or-nothing: every row is checked first and each problem is reported with
its sheet, row number and reason; only a clean workbook is written, in one transaction.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from onewindow.catalog import permissions, selectors, services
from onewindow.catalog.forms import format_tiers, parse_tiers
from onewindow.catalog.models import (
    CaseKind,
    FeeItem,
    HandlingForm,
    HandlingVariant,
    ItemType,
    ItemVersion,
    LimitUnit,
    Material,
    ProcedureStep,
    ServiceObject,
    StepKind,
    Theme,
    choice_labels,
)
from onewindow.common.api import DomainError
from onewindow.org.models import Department
from onewindow.org.selectors import department_visible_to

ITEMS, MATERIALS, FEES, STEPS = "事项", "申请材料", "收费项目", "办理环节"
CODE = "实施编码"

#: (header, version/item attribute, kind) per sheet; kind says how the cell is read and written.
ITEM_COLUMNS = [
    (CODE, "implementation_code", "code"),
    ("基本编码", "basic_code", "code"),
    ("业务办理项", "handling_variant", HandlingVariant),
    ("实施部门", "department", "department"),
    ("事项名称", "name", "text"),
    ("事项类型", "item_type", ItemType),
    ("办件类型", "case_kind", CaseKind),
    ("联办机构", "co_departments", "departments"),
    ("设定依据", "legal_basis", "text"),
    ("受理条件", "conditions", "text"),
    ("办理流程", "procedure", "text"),
    ("法定办结时限", "statutory_limit", "int"),
    ("法定时限单位", "statutory_unit", LimitUnit),
    ("法定时限说明", "statutory_note", "text"),
    ("承诺办结时限", "promised_limit", "int"),
    ("承诺时限单位", "promised_unit", LimitUnit),
    ("承诺时限说明", "promised_note", "text"),
    ("服务对象", "service_objects", ServiceObject),
    ("办理形式", "handling_forms", HandlingForm),
    ("网上可办", "is_online_capable", "bool"),
    ("可预约", "is_appointment_capable", "bool"),
    ("到现场次数", "visits_required", "int"),
    ("审批结果名称", "result_name", "text"),
    ("办理地点", "address", "text"),
    ("办理时间", "hours", "text"),
    ("咨询电话", "consultation_phone", "text"),
    ("监督投诉电话", "supervision_phone", "text"),
    ("常见问题", "faq", "text"),
    ("关键词", "keywords", "text"),
    ("主题", "themes", "themes"),
    ("协办意见时限", "co_opinion_limit", "int"),
    ("协办逾期视为同意", "is_silence_consent", "bool"),
    ("可延长时限", "extension_limit", "int_or_blank"),
    ("延长依据", "extension_basis", "text"),
]
MATERIAL_COLUMNS = [
    (CODE, "implementation_code", "code"),
    ("材料名称", "name", "text"),
    ("出具单位", "issuer", "text"),
    ("原件份数", "original_count", "int"),
    ("复印件份数", "copy_count", "int"),
    ("必要性", "necessity", Material.Necessity),
    ("材料形式", "medium", Material.Medium),
    ("来源渠道", "source", Material.Source),
    ("填报须知", "filling_notes", "text"),
    ("受理标准", "acceptance_standard", "text"),
]
FEE_COLUMNS = [
    (CODE, "implementation_code", "code"),
    ("收费项目名称", "name", "text"),
    ("计费方式", "kind", FeeItem.Kind),
    ("金额（元）", "amount", "money"),
    ("计费单位", "unit", "text"),
    ("最低（元）", "amount_min", "money"),
    ("最高（元）", "amount_max", "money"),
    ("分档标准", "tiers", "tiers"),
    ("收费依据", "legal_basis", "text"),
    ("可减免", "is_waivable", "bool"),
    ("减免依据", "waiver_basis", "text"),
]
STEP_COLUMNS = [
    (CODE, "implementation_code", "code"),
    ("环节名称", "name", "text"),
    ("时限（工作日）", "limit_days", "int"),
    ("责任部门", "department", "department_or_blank"),
    ("办理标准", "description", "text"),
    ("环节类型", "kind", StepKind),
]
SHEETS = {ITEMS: ITEM_COLUMNS, MATERIALS: MATERIAL_COLUMNS, FEES: FEE_COLUMNS, STEPS: STEP_COLUMNS}
MULTI_CHOICE = ("service_objects", "handling_forms")
#: Largest whole numbers per column (the models' validators); others up to 999.
INT_LIMITS = {"visits_required": 9, "original_count": 99, "copy_count": 99, "co_opinion_limit": 99}
#: Columns added after the first workbooks went out: a workbook without them keeps the defaults
#: (an item's co-departments answer within 5 working days and silence is consent; a step's kind
#: follows its name).
OPTIONAL_COLUMNS = frozenset({"协办意见时限", "协办逾期视为同意", "环节类型", "可延长时限", "延长依据"})
#: Longest texts per sheet and column, from the models' max_length.
TEXT_LIMITS = {
    title: {
        field.name: field.max_length
        for field in model._meta.get_fields()
        if getattr(field, "max_length", None) and field.get_internal_type() == "CharField"
    }
    for title, model in (
        ("事项", ItemVersion),
        ("申请材料", Material),
        ("收费项目", FeeItem),
        ("办理环节", ProcedureStep),
    )
}
LIST_SEPARATORS = ("、", ",", "，", ";", "；")


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int
    reason: str

    def __str__(self) -> str:
        return _("“%(sheet)s”第%(row)s行：%(reason)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "reason": self.reason,
        }


class ImportFailed(DomainError):
    code = "catalog_import_failed"

    def __init__(self, problems: list[Problem]):
        super().__init__(_("导入失败，共%(count)s处问题，未导入任何内容。") % {"count": len(problems)})
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


# Export -------------------------------------------------------------------------------------


def _split(text: str) -> list[str]:
    for separator in LIST_SEPARATORS[1:]:
        text = text.replace(separator, LIST_SEPARATORS[0])
    return [part.strip() for part in text.split(LIST_SEPARATORS[0]) if part.strip()]


IDENTITY = ("implementation_code", "basic_code", "handling_variant")


def _cell(row, attribute: str, kind):
    """One cell's value for a version (items sheet) or one of its rows."""
    if attribute in IDENTITY:
        item = row.item if isinstance(row, ItemVersion) else row.version.item
        value = getattr(item, attribute)
        return str(HandlingVariant(value).label) if attribute == "handling_variant" else value
    if kind == "department":
        return row.item.department.name
    value = getattr(row, attribute)
    if kind == "department_or_blank":
        return value.name if value else ""
    if kind == "departments":
        return "、".join(department.name for department in value.all())
    if kind == "themes":
        return "、".join(theme.name for theme in value.all())
    if kind == "bool":
        return _("是") if value else _("否")
    if kind == "money":
        return float(value) if value is not None else None
    if kind == "tiers":
        return format_tiers(value or [])
    if isinstance(kind, type):
        if attribute in MULTI_CHOICE:
            return choice_labels(value, kind.choices)
        return str(dict(kind.choices).get(value, value))
    return value


def export_workbook(*, items, on_date: date) -> bytes:
    """The items in force on `on_date` among `items`, as .xlsx bytes."""
    versions = list(
        selectors.with_details(selectors.versions_in_force(on_date=on_date).filter(item__in=items))
    )
    versions.sort(key=lambda version: version.item.implementation_code)
    workbook = Workbook()
    workbook.remove(workbook.active)
    rows_by_sheet = {
        ITEMS: versions,
        MATERIALS: [row for version in versions for row in version.materials.all()],
        FEES: [row for version in versions for row in version.fee_items.all()],
        STEPS: [row for version in versions for row in version.steps.all()],
    }
    for title, columns in SHEETS.items():
        sheet = workbook.create_sheet(title)
        sheet.append([header for header, _attribute, _kind in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1F4E9A")
            cell.alignment = Alignment(vertical="center")
        for row in rows_by_sheet[title]:
            sheet.append([_cell(row, attribute, kind) for _header, attribute, kind in columns])
        sheet.freeze_panes = "B2"
        for index, (header, _attribute, _kind) in enumerate(columns, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
                12, len(header) * 2 + 4
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Import -------------------------------------------------------------------------------------


class _Reader:
    """Reads one sheet's rows into dicts, collecting problems instead of stopping at the first."""

    def __init__(
        self, *, departments: dict[str, Department], themes: dict[str, Theme], problems: list[Problem]
    ):
        self.departments = departments
        self.themes = themes
        self.problems = problems

    def rows(self, workbook, title: str, *, required: bool = True):
        if title not in workbook.sheetnames:
            if required:
                self.problems.append(Problem(title, 1, _("缺少工作表“%(sheet)s”。") % {"sheet": title}))
            return
        sheet = workbook[title]
        first = next(sheet.iter_rows(min_row=1, max_row=1), None)
        header = [str(cell.value or "").strip() for cell in first] if first else []
        columns = SHEETS[title]
        missing = [
            name for name, _attribute, _kind in columns if name not in header and name not in OPTIONAL_COLUMNS
        ]
        if missing:
            self.problems.append(
                Problem(title, 1, _("缺少列：%(columns)s") % {"columns": "、".join(missing)})
            )
            return
        positions = {name: header.index(name) for name, _attribute, _kind in columns if name in header}
        for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            if all(value in (None, "") for value in values):
                continue
            row, ok = {}, True
            for name, attribute, kind in columns:
                if name not in positions:
                    continue
                raw = values[positions[name]] if positions[name] < len(values) else None
                try:
                    row[attribute] = self.parse(raw, kind, attribute, title)
                except ValueError as error:
                    self.problems.append(Problem(title, number, f"{name}：{error}"))
                    ok = False
            if ok:
                yield number, row

    def parse(self, raw, kind, attribute, title):
        text = "" if raw is None else str(raw).strip()
        if kind == "code":
            if not text:
                raise ValueError(_("不能为空"))
            return text.upper()
        if kind == "text":
            limit = TEXT_LIMITS[title].get(attribute)
            if limit and len(text) > limit:
                raise ValueError(_("不能超过%(limit)s个字") % {"limit": limit})
            return text
        if kind == "int_or_blank":
            if not text:
                return None
            kind = "int"
        if kind == "int":
            if not text:
                raise ValueError(_("不能为空"))
            try:
                number = Decimal(text)
                whole = (
                    number.is_finite()
                    and number == number.to_integral_value()
                    and 0 <= number <= INT_LIMITS.get(attribute, 999)
                )
            except InvalidOperation as error:
                raise ValueError(_("“%(value)s”不是整数") % {"value": text}) from error
            if not whole:
                raise ValueError(
                    _("“%(value)s”应为0到%(limit)s之间的整数")
                    % {"value": text, "limit": INT_LIMITS.get(attribute, 999)}
                )
            return int(number)
        if kind == "money":
            if not text:
                return None
            try:
                amount = Decimal(text)
                if not amount.is_finite() or amount < 0 or amount >= 10**10:
                    raise InvalidOperation(text)
                amount = amount.quantize(Decimal("0.01"))
            except InvalidOperation as error:
                raise ValueError(_("“%(value)s”不是金额") % {"value": text}) from error
            return amount
        if kind == "bool":
            if text.lower() in ("是", "y", "yes", "1", "true"):
                return True
            if text.lower() in ("否", "n", "no", "0", "false", ""):
                return False
            raise ValueError(_("应填“是”或“否”"))
        if kind in ("department", "department_or_blank"):
            if not text and kind == "department_or_blank":
                return None
            department = self.departments.get(text)
            if department is None:
                raise ValueError(_("找不到部门“%(name)s”") % {"name": text})
            return department
        if kind == "departments":
            found = []
            for name in _split(text):
                if name not in self.departments:
                    raise ValueError(_("找不到部门“%(name)s”") % {"name": name})
                found.append(self.departments[name])
            return found
        if kind == "themes":
            found = []
            for name in _split(text):
                if name not in self.themes:
                    raise ValueError(_("没有主题“%(name)s”") % {"name": name})
                found.append(self.themes[name])
            return found
        if kind == "tiers":
            try:
                return parse_tiers(text)
            except ValidationError as error:
                raise ValueError("；".join(error.messages)) from error
        choices = kind
        by_label = {str(label): value for value, label in choices.choices}
        values = set(choices.values)
        if attribute in MULTI_CHOICE:
            parts = _split(text)
            if not parts:
                raise ValueError(_("不能为空"))
            return [self._choice(part, by_label, values) for part in parts]
        if not text:
            if attribute == "kind" and choices is StepKind:
                return ""  # the step's name says its kind
            raise ValueError(_("不能为空"))
        return self._choice(text, by_label, values)

    @staticmethod
    def _choice(text: str, by_label: dict, values: set):
        if text in by_label:
            return by_label[text]
        if text in values:
            return text
        raise ValueError(
            _("“%(value)s”不是可选值（%(choices)s）") % {"value": text, "choices": "、".join(by_label)}
        )


def import_workbook(upload, *, user, now: datetime, today: date) -> ImportResult:
    """Load a workbook: every row is checked, and only if none has a problem are all items written,
    each as an approved version in force from `today`. Raises ImportFailed (with every problem)."""
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFailed([Problem("—", 0, _("不是有效的 Excel 工作簿。"))]) from error
    departments: dict[str, Department] = {}
    for department in department_visible_to(user).select_related("site"):
        departments[department.name] = department
        if department.short_name:
            departments.setdefault(department.short_name, department)
    reader = _Reader(departments=departments, themes={t.name: t for t in Theme.objects.all()}, problems=[])
    items: dict[str, tuple[int, dict]] = {}
    for number, row in reader.rows(workbook, ITEMS):
        code = row["implementation_code"]
        if code in items:
            reader.problems.append(
                Problem(
                    ITEMS,
                    number,
                    _("实施编码 %(code)s 与第%(row)s行重复") % {"code": code, "row": items[code][0]},
                )
            )
            continue
        if not permissions.can_approve_department(user, row["department"]):
            reader.problems.append(
                Problem(
                    ITEMS,
                    number,
                    _("您不能导入%(department)s的事项") % {"department": row["department"].name},
                )
            )
            continue
        items[code] = (number, row)
    children: dict[str, dict[str, list]] = {
        code: {"materials": [], "fee_items": [], "steps": []} for code in items
    }
    for title, key in ((MATERIALS, "materials"), (FEES, "fee_items"), (STEPS, "steps")):
        for number, row in reader.rows(workbook, title, required=title != STEPS):
            code = row.pop("implementation_code")
            if code not in children:
                reader.problems.append(
                    Problem(title, number, _("“事项”表中没有实施编码 %(code)s") % {"code": code})
                )
                continue
            children[code][key].append(row)
    plans = []
    for code, (number, row) in items.items():
        content = services.VersionContent(
            fields={name: row[name] for name in services.CONTENT_FIELDS if name in row},
            co_departments=row["co_departments"],
            themes=row["themes"],
            **children[code],
        )
        for field_name, messages in services.content_problems(
            department=row["department"], content=content
        ).items():
            label = _label(field_name)
            for message in messages:
                reader.problems.append(Problem(ITEMS, number, f"{label}：{message}"))
        plans.append((number, row, content))
    if reader.problems:
        raise ImportFailed(reader.problems)
    if not plans:
        raise ImportFailed([Problem(ITEMS, 2, _("工作表中没有事项。"))])
    result = ImportResult()
    with transaction.atomic():
        for number, row, content in plans:
            try:
                _version, created = services.version_import(
                    department=row["department"],
                    basic_code=row["basic_code"],
                    implementation_code=row["implementation_code"],
                    handling_variant=row["handling_variant"],
                    content=content,
                    user=user,
                    now=now,
                    today=today,
                )
            except ValidationError as error:
                transaction.set_rollback(True)
                raise ImportFailed([Problem(ITEMS, number, "；".join(error.messages))]) from error
            except DomainError as error:
                transaction.set_rollback(True)
                raise ImportFailed([Problem(ITEMS, number, error.message)]) from error
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result


_LABELS = {attribute: header for header, attribute, _kind in ITEM_COLUMNS} | {
    "materials": MATERIALS,
    "fee_items": FEES,
    "steps": STEPS,
}


def _label(field_name: str) -> str:
    return _LABELS.get(field_name, field_name)
