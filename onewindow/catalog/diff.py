"""A readable difference between two versions of an item: what a reviewer reads before approving.

Each version is first reduced to a snapshot of display texts (labels and values as the guide
shows them); the diff compares snapshots field by field and matches rows (materials, fee items,
steps) by name. Long texts carry character-level segments so the page can mark what changed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from onewindow.catalog.models import (
    FeeItem,
    ItemVersion,
    Material,
    ProcedureStep,
)


@dataclass(frozen=True)
class Segment:
    kind: str  # "same" | "insert" | "delete"
    text: str


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class RowChange:
    group: str
    name: str
    kind: str  # "added" | "removed" | "changed"
    fields: list[FieldChange] = field(default_factory=list)


def _yes_no(value: bool) -> str:
    return _("是") if value else _("否")


def _file(value) -> str:
    return value.name.rsplit("/", 1)[-1] if value else ""


def snapshot(version: ItemVersion) -> dict:
    """{"fields": {label: text}, "rows": {group: {name: {label: text}}}}."""
    meta = ItemVersion._meta

    def label(name: str) -> str:
        return str(meta.get_field(name).verbose_name)

    fields = {
        label("name"): version.name,
        label("item_type"): version.get_item_type_display(),
        label("case_kind"): version.get_case_kind_display(),
        label("co_departments"): "、".join(d.name for d in version.co_departments.all()),
        label("legal_basis"): version.legal_basis,
        label("conditions"): version.conditions,
        label("procedure"): version.procedure,
        label("statutory_limit"): f"{version.statutory_limit} {version.get_statutory_unit_display()}",
        label("statutory_note"): version.statutory_note,
        label("promised_limit"): f"{version.promised_limit} {version.get_promised_unit_display()}",
        label("promised_note"): version.promised_note,
        label("extension_limit"): "" if version.extension_limit is None else str(version.extension_limit),
        label("extension_basis"): version.extension_basis,
        label("service_objects"): version.service_objects_display(),
        label("handling_forms"): version.handling_forms_display(),
        label("is_online_capable"): _yes_no(version.is_online_capable),
        label("is_appointment_capable"): _yes_no(version.is_appointment_capable),
        label("visits_required"): str(version.visits_required),
        label("result_name"): version.result_name,
        label("result_sample"): _file(version.result_sample),
        label("address"): version.address,
        label("hours"): version.hours,
        label("consultation_phone"): version.consultation_phone,
        label("supervision_phone"): version.supervision_phone,
        label("faq"): version.faq,
        label("keywords"): "、".join(version.keyword_list()),
        label("themes"): "、".join(theme.name for theme in version.themes.all()),
    }
    rows = {
        str(Material._meta.verbose_name): {
            row.name: {
                str(Material._meta.get_field("issuer").verbose_name): row.issuer,
                _("份数"): _("原件%(originals)s份，复印件%(copies)s份")
                % {"originals": row.original_count, "copies": row.copy_count},
                str(Material._meta.get_field("necessity").verbose_name): row.get_necessity_display(),
                str(Material._meta.get_field("medium").verbose_name): row.get_medium_display(),
                str(Material._meta.get_field("source").verbose_name): row.get_source_display(),
                str(Material._meta.get_field("blank_form").verbose_name): _file(row.blank_form),
                str(Material._meta.get_field("sample_form").verbose_name): _file(row.sample_form),
                str(Material._meta.get_field("filling_notes").verbose_name): row.filling_notes,
                str(Material._meta.get_field("acceptance_standard").verbose_name): row.acceptance_standard,
            }
            for row in version.materials.all()
        },
        str(FeeItem._meta.verbose_name): {
            row.name: {
                _("收费标准"): str(row.standard_text),
                str(FeeItem._meta.get_field("legal_basis").verbose_name): row.legal_basis,
                str(FeeItem._meta.get_field("is_waivable").verbose_name): _yes_no(row.is_waivable),
                str(FeeItem._meta.get_field("waiver_basis").verbose_name): row.waiver_basis,
            }
            for row in version.fee_items.all()
        },
        str(ProcedureStep._meta.verbose_name): {
            row.name: {
                str(ProcedureStep._meta.get_field("limit_days").verbose_name): str(row.limit_days),
                str(ProcedureStep._meta.get_field("department").verbose_name): row.department.name
                if row.department
                else "",
                str(ProcedureStep._meta.get_field("description").verbose_name): row.description,
            }
            for row in version.steps.all()
        },
    }
    return {"fields": fields, "rows": rows}


def _segments(old: str, new: str) -> list[Segment]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    segments: list[Segment] = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", old[a_start:a_end]))
            continue
        if tag in ("delete", "replace"):
            segments.append(Segment("delete", old[a_start:a_end]))
        if tag in ("insert", "replace"):
            segments.append(Segment("insert", new[b_start:b_end]))
    return segments


def _field_changes(old: dict[str, str], new: dict[str, str]) -> list[FieldChange]:
    changes = []
    for label in dict.fromkeys([*old, *new]):
        before, after = old.get(label, ""), new.get(label, "")
        if before != after:
            changes.append(FieldChange(label, before, after, _segments(before, after)))
    return changes


def version_diff(old: ItemVersion, new: ItemVersion) -> tuple[list[FieldChange], list[RowChange]]:
    """What changed from `old` to `new`: changed fields, then added, removed and changed rows."""
    before, after = snapshot(old), snapshot(new)
    fields = _field_changes(before["fields"], after["fields"])
    rows: list[RowChange] = []
    for group in after["rows"]:
        old_rows, new_rows = before["rows"][group], after["rows"][group]
        for name, values in new_rows.items():
            if name not in old_rows:
                rows.append(RowChange(group, name, "added", _field_changes({}, values)))
            else:
                changed = _field_changes(old_rows[name], values)
                if changed:
                    rows.append(RowChange(group, name, "changed", changed))
        for name, values in old_rows.items():
            if name not in new_rows:
                rows.append(RowChange(group, name, "removed", _field_changes(values, {})))
    return fields, rows
