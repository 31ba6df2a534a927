"""The demo catalog: the items of the YAML files in `demo_items/` (read by `demo_data.load_items`)
loaded into the demo center, each with real blank application forms (Excel workbooks generated
here), plus a little review history so the office console has something to do: one draft awaiting
review and one returned with a comment."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from onewindow.catalog import services
from onewindow.catalog.demo_data import load_items
from onewindow.catalog.models import Item, ItemVersion, Theme
from onewindow.org.models import DelegationItem, Department, Site

THIN = Side(style="thin", color="000000")


def blank_form(*, title: str, department: str, fields: list[str]) -> ContentFile:
    """A printable application form (.xlsx): title, one row per field to fill in, signature."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "申请表"
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 60
    sheet.merge_cells("A1:B1")
    sheet["A1"] = title
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.row_dimensions[1].height = 32
    sheet.merge_cells("A2:B2")
    sheet["A2"] = f"受理部门：{department}        编号：__________"
    for row, label in enumerate(fields, start=3):
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        sheet.cell(row=row, column=2, value="")
        sheet.row_dimensions[row].height = 28
        for column in (1, 2):
            sheet.cell(row=row, column=column).border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
            sheet.cell(row=row, column=column).alignment = Alignment(vertical="center")
    last = len(fields) + 4
    sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=2)
    sheet.cell(
        row=last, column=1, value="本人（单位）承诺所填内容及所附材料真实、有效，如有虚假愿承担法律责任。"
    )
    sheet.cell(row=last + 2, column=1, value="申请人（签字或盖章）：")
    sheet.cell(row=last + 2, column=2, value="年    月    日")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return ContentFile(buffer.getvalue(), name=f"{title}.xlsx")


def _content(
    entry: dict, *, departments: dict[str, Department], themes: dict[str, Theme]
) -> services.VersionContent:
    department = departments[entry["department"]]
    statutory, statutory_unit, statutory_note = entry["statutory"]
    promised, promised_unit, promised_note = entry["promised"]
    materials = []
    for material in entry["materials"]:
        row = {
            "name": material["name"],
            "issuer": material["issuer"],
            "original_count": material["originals"],
            "copy_count": material["copies"],
            "necessity": material["necessity"],
            "medium": material["medium"],
            "source": material["source"],
            "filling_notes": material.get("notes", ""),
            "acceptance_standard": material.get("standard", ""),
        }
        if material.get("form"):
            row["blank_form"] = blank_form(
                title=material["name"], department=department.name, fields=material["form"]
            )
        materials.append(row)
    fees = [
        {
            "name": fee["name"],
            "kind": fee["kind"],
            "amount": Decimal(fee["amount"]) if fee.get("amount") is not None else None,
            "unit": fee.get("unit") or "",
            "amount_min": Decimal(fee["min"]) if fee.get("min") is not None else None,
            "amount_max": Decimal(fee["max"]) if fee.get("max") is not None else None,
            "tiers": [{"up_to": up_to, "amount": amount} for up_to, amount in fee.get("tiers") or []],
            "legal_basis": fee["basis"],
            "is_waivable": fee["waivable"],
            "waiver_basis": fee.get("waiver_basis") or "",
        }
        for fee in entry["fees"]
    ]
    steps = [
        {
            "name": name,
            "limit_days": days,
            "department": departments[step_department] if step_department else None,
        }
        for name, days, step_department in entry["steps"]
    ]
    return services.VersionContent(
        fields={
            "name": entry["name"],
            "item_type": entry["type"],
            "case_kind": entry["case_kind"],
            "legal_basis": entry["legal_basis"],
            "conditions": entry["conditions"],
            "procedure": entry["procedure"],
            "statutory_limit": statutory,
            "statutory_unit": statutory_unit,
            "statutory_note": statutory_note,
            "promised_limit": promised,
            "promised_unit": promised_unit,
            "promised_note": promised_note,
            "service_objects": entry["service_objects"],
            "handling_forms": entry["handling_forms"],
            "is_online_capable": entry["online"],
            "is_appointment_capable": entry["appointment"],
            "visits_required": entry["visits"],
            "result_name": entry["result_name"],
            "faq": "\n\n".join(f"{question}\n{answer}" for question, answer in entry["faq"]),
            "keywords": " ".join(entry["keywords"]),
        },
        co_departments=[departments[name] for name in entry["co_departments"]],
        themes=[themes[name] for name in entry["themes"]],
        materials=materials,
        fee_items=fees,
        steps=steps,
    )


def implementation_code(department: Department, basic_code: str) -> str:
    """GB/T 39046 style: the department's credit code, the level digit, the basic code."""
    return f"{department.credit_code}{department.site.level}{basic_code}"


def catalog_demo_load(*, county: Site, today: date, now: datetime) -> int:
    """Load the demo items into `county` once; returns how many were created (0 when present)."""
    departments = {d.short_name: d for d in Department.objects.filter(site=county).select_related("site")}
    if Item.objects.filter(department__site=county).exists():
        return 0
    users = get_user_model().objects
    office, office2, reviewer = (
        users.get(username="office"),
        users.get(username="office2"),
        users.get(username="reviewer"),
    )
    themes = {theme.name: theme for theme in Theme.objects.all()}
    items = load_items()
    created = 0
    with transaction.atomic():
        for entry in items:
            department = departments[entry["department"]]
            services.version_import(
                department=department,
                basic_code=entry["basic_code"],
                implementation_code=implementation_code(department, entry["basic_code"]),
                handling_variant=entry["variant"],
                content=_content(entry, departments=departments, themes=themes),
                user=office,
                now=now,
                today=today,
            )
            created += 1
        _review_history(departments=departments, reviewer=reviewer, office=office, office2=office2, now=now)
        _link_delegations(county=county)
    return created


def _link_delegations(*, county: Site) -> None:
    """The demo's delegation letters name items by their catalog codes once the catalog exists."""
    codes = {
        name: code
        for code, name in ItemVersion.objects.filter(item__department__site=county, number=1).values_list(
            "item__implementation_code", "name"
        )
    }
    for delegated in DelegationItem.objects.filter(delegation__department__site=county):
        code = codes.get(delegated.item_name)
        if code and delegated.item_code != code:
            delegated.item_code = code
            delegated.save(update_fields=["item_code"])


def _review_history(*, departments, reviewer, office, office2, now) -> None:
    """A market-supervision draft waiting for the office, and one the office sent back."""
    market_items = list(
        Item.objects.filter(department=departments["市场监管"]).order_by("implementation_code")[:2]
    )
    if len(market_items) < 2:
        return
    waiting, returned = market_items
    draft = services.draft_open(item=waiting, user=reviewer, now=now)
    content = services.content_of(draft)
    content.fields["promised_note"] = "材料齐全的，窗口当场决定"
    content.fields["keywords"] = f"{content.fields['keywords']} 一业一证"
    content.fields["change_summary"] = "按“一业一证”改革补充关键词和时限说明"
    services.draft_save(version=draft, content=content, user=reviewer, now=now)
    services.version_submit(version=draft, user=reviewer, now=now)

    draft = services.draft_open(item=returned, user=reviewer, now=now)
    content = services.content_of(draft)
    content.fields["change_summary"] = "调整受理条件表述"
    content.fields["conditions"] = content.fields["conditions"] + "\n（其他条件以现场核查为准）"
    services.draft_save(version=draft, content=content, user=reviewer, now=now)
    services.version_submit(version=draft, user=reviewer, now=now)
    services.version_return(
        version=draft,
        user=office2,
        now=now,
        comment="“以现场核查为准”属于兜底条款，不符合清单管理要求，请删除。",
    )
