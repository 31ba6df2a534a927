"""The supervision order (督办函) or inquiry (质询函) as a one-page letter under the center's seal,
in the shape of the hall's other documents (cases.notices: header, signature and seal)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from onewindow.cases.notices import SEAL_RADIUS, chinese_date, draw_header, draw_signature
from onewindow.common.pdf import ChineseDocument
from onewindow.supervision.models import Order


def order_pdf(order: Order) -> bytes:
    """The letter as PDF bytes. Raises common.pdf.FontMissing."""
    center = order.site.name
    title = order.get_kind_display()
    document = ChineseDocument(
        title=f"{title} {order.number}",
        footer=_("%(center)s · %(number)s · 监督电话 %(phone)s")
        % {"center": center, "number": order.number, "phone": order.site.supervision_phone or "—"},
    )
    draw_header(document, center=center, title=title, number=order.number)
    document.ln(4)
    document.set_font("cjk", size=12)
    document.cell(
        0,
        8,
        _("%(department)s：") % {"department": order.department.name},
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    document.set_font("cjk", size=11.5)
    opening = _("　　经电子监察系统核查，现就“%(subject)s”一事%(verb)s如下：") % {
        "subject": order.subject,
        "verb": _("督办") if order.kind == Order.Kind.ORDER else _("提出质询"),
    }
    document.multi_cell(0, 7.5, opening, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if order.case_id:
        case = order.case
        document.multi_cell(
            0,
            7.5,
            _("　　涉及办件：%(number)s（%(item)s，申请人%(applicant)s），承诺办结日期 %(due)s。")
            % {
                "number": case.reference,
                "item": case.version.name,
                "applicant": case.applicant_name,
                "due": chinese_date(case.promised_due_date) if case.promised_due_date else "—",
            },
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    if order.record_id:
        document.multi_cell(
            0,
            7.5,
            _("　　关联督办件：%(reference)s（%(cause)s）。")
            % {"reference": order.record.reference, "cause": order.record.get_cause_display()},
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    for paragraph in order.body.splitlines():
        if paragraph.strip():
            document.multi_cell(0, 7.5, "　　" + paragraph.strip(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.multi_cell(
        0,
        7.5,
        _(
            "　　请于%(due)s前（%(days)s个工作日内）将落实情况书面回复中心监察科，并在系统中提交回复。逾期未回复的，报中心办公室按效能问责有关规定处理。"
        )
        % {"due": chinese_date(order.reply_due_date), "days": order.reply_days},
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    document.ln(4)
    height = 2 * SEAL_RADIUS + 10
    if document.get_y() + height > document.page_break_trigger:
        document.add_page()
    top = max(document.get_y() + 4, 190)
    bottom = draw_signature(
        document, x=155, top=top, width=70, issuer=center, day=order.issued_date, label=_("监察专用章")
    )
    document.set_y(bottom + 4)
    document.set_font("cjk", size=9)
    document.set_text_color(90, 90, 90)
    document.cell(
        0,
        5,
        _("经办：%(name)s（监察科）    抄送：中心办公室") % {"name": order.issued_by.name},
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    document.set_text_color(0, 0, 0)
    return document.output_bytes()
