"""The one-page guide (一次性告知单) a clerk hands out: what to bring, how long, what it costs,
where and when — as a PDF with the center's name, and a receipt line for the applicant."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf.enums import WrapMode
from fpdf.fonts import FontFace

from onewindow.catalog.models import ItemVersion
from onewindow.common.pdf import ChineseDocument


def _working_days(days: int) -> str:
    return ngettext("%(days)s个工作日", "%(days)s个工作日", days) % {"days": days}


def _limit(number: int, unit_label: str) -> str:
    return (
        _("当场办结") if number == 0 else _("%(number)s个%(unit)s") % {"number": number, "unit": unit_label}
    )


def notice_pdf(*, version: ItemVersion, center_name: str, on_date: date) -> bytes:
    """The one-page guide for `version` as PDF bytes. Raises common.pdf.FontMissing."""
    item = version.item
    site = item.department.site
    document = ChineseDocument(
        title=_("%(name)s 一次性告知单") % {"name": version.name},
        footer=_("%(center)s · 实施编码 %(code)s · 第%(number)s版 · 打印日期 %(date)s")
        % {
            "center": center_name,
            "code": item.implementation_code,
            "number": version.number,
            "date": on_date,
        },
    )
    document.set_font("cjk", size=10)
    document.set_text_color(90, 90, 90)
    document.cell(0, 5, center_name, align="C", new_x="LMARGIN", new_y="NEXT")
    document.set_text_color(0, 0, 0)
    document.set_font("cjk", size=16)
    document.cell(0, 9, version.name, align="C", new_x="LMARGIN", new_y="NEXT")
    document.set_font("cjk", size=11)
    document.cell(0, 6, _("一次性告知单"), align="C", new_x="LMARGIN", new_y="NEXT")
    document.ln(1)

    fee_text = "；".join(f"{fee.name} {fee.standard_text}" for fee in version.fee_items.all()) or _("不收费")
    document.facts(
        [
            (_("实施部门"), item.department.name),
            (_("办件类型"), version.get_case_kind_display()),
            (_("法定时限"), _limit(version.statutory_limit, version.get_statutory_unit_display())),
            (_("承诺时限"), _limit(version.promised_limit, version.get_promised_unit_display())),
            (_("到现场次数"), _("%(count)s次") % {"count": version.visits_required}),
            (_("收费"), fee_text),
        ]
    )

    document.heading(_("一、受理条件"))
    document.paragraph(version.conditions)

    document.heading(_("二、申请材料"))
    materials = list(version.materials.all())
    if materials:
        document.set_font("cjk", size=9)
        with document.table(
            col_widths=(8, 72, 30, 13, 13, 26),
            wrapmode=WrapMode.CHAR,
            text_align=("CENTER", "LEFT", "LEFT", "CENTER", "CENTER", "CENTER"),
            line_height=5,
            first_row_as_headings=True,
            headings_style=FontFace(emphasis="", fill_color=(232, 239, 250)),
        ) as table:
            table.row([_("序号"), _("材料名称"), _("出具单位"), _("原件"), _("复印件"), _("必要性")])
            for number, material in enumerate(materials, start=1):
                name = material.name + (_("（部门共享，免提交）") if material.source == "SHARED" else "")
                table.row(
                    [
                        str(number),
                        name,
                        material.issuer,
                        str(material.original_count),
                        str(material.copy_count),
                        material.get_necessity_display(),
                    ]
                )
    else:
        document.paragraph(_("无需提交申请材料。"))

    document.heading(_("三、办理流程"))
    steps = "  →  ".join(
        f"{step.name}（{_('当场') if step.limit_days == 0 else _working_days(step.limit_days)}）"
        for step in version.steps.all()
    )
    document.paragraph(steps or version.procedure)

    document.heading(_("四、办理地点与咨询"))
    document.facts(
        [
            (_("办理地点"), version.address or site.address),
            (_("办理时间"), version.hours or site.opening_hours),
            (_("咨询电话"), version.consultation_phone or item.department.phone or site.phone),
            (_("监督电话"), version.supervision_phone or site.supervision_phone),
        ]
    )
    document.ln(3)
    document.set_font("cjk", size=9.5)
    document.paragraph(
        _("以上为办理本事项需要的全部材料和要求，我中心一次性告知。材料齐全、符合法定形式的，窗口当场受理。")
    )
    document.ln(3)
    document.cell(90, 6, _("告知窗口（人）：________________"))
    document.cell(0, 6, _("申请人签收：________________"), new_x="LMARGIN", new_y="NEXT")
    document.cell(90, 6, _("告知日期：%(date)s") % {"date": on_date.strftime("%Y年%m月%d日")})
    return document.output_bytes()
