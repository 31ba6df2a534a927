"""The delivery receipt (送达回证) of a delivered case, as a one-page PDF in the notices' style
(cases.notices): the center's name and the title, a number (the case number + "-SD"), the facts of
the delivery — to whom, which documents (the decision and the certificate with their numbers), how,
where, when, who signed for it (the id number masked) and who delivered it — a line for the
recipient to sign when it was signed for at the window, and the QR code to the progress page (where
the service may be rated) beside the center's seal over the delivery date.

Drawn from the `Delivery` row and the case's notices, so a reprint is identical.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from onewindow.cases.models import Case, Delivery, Notice
from onewindow.cases.notices import (
    chinese_date,
    draw_body,
    draw_header,
    draw_qr_footer,
    notice_title,
)
from onewindow.common.pdf import ChineseDocument, pdf_response
from onewindow.common.privacy import mask_id_number

LABEL_FILL = (244, 246, 250)
#: The documents handed over: the result, not the earlier notices.
DELIVERED_KINDS = (Notice.Kind.DECISION, Notice.Kind.CERTIFICATE)


def not_delivered_message() -> str:
    return _("该办件的办理结果尚未送达，还没有送达回证。")


def delivery_of(case: Case) -> Delivery | None:
    """The case's delivery with who delivered it, or None before the result is delivered."""
    return Delivery.objects.select_related("delivered_by__user").filter(case=case).first()


def receipt_number(case: Case) -> str:
    return f"{case.reference}-SD"


def delivered_documents(case: Case) -> str:
    """The documents delivered, a line each with its number: 《准予行政许可决定书》（结〔2026〕…号）
    and 《食品经营许可证》（证照编号 …）, the certificate numbered as printed on it."""
    documents = []
    for notice in case.notices.filter(kind__in=DELIVERED_KINDS).order_by("issued_at", "id"):
        notice.case = case
        if notice.kind == Notice.Kind.CERTIFICATE and case.result_number:
            number = _("证照编号 %(number)s") % {"number": case.result_number}
        else:
            number = notice.document_number
        documents.append(f"《{notice_title(notice)}》（{number}）")
    return "\n".join(documents)


def _place(case: Case, delivery: Delivery) -> tuple[str, str]:
    """(label, value) of where the result was delivered."""
    if delivery.method == Delivery.Method.WINDOW:
        site = case.site
        return _("送达地点"), site.name + (f"（{site.address}）" if site.address else "")
    if delivery.method == Delivery.Method.MAIL:
        return _("邮寄地址"), delivery.address
    return _("送达地址"), delivery.address


def receipt_rows(case: Case, delivery: Delivery) -> list[tuple[str, str]]:
    local = timezone.localtime(delivery.delivered_at)
    rows = [
        (_("受送达人"), case.applicant_name),
        (_("办理事项"), case.version.name),
        (_("办件编号"), case.reference),
        (_("送达文书"), delivered_documents(case) or case.get_decision_display()),
        (_("送达方式"), delivery.get_method_display()),
        _place(case, delivery),
        (_("送达时间"), f"{chinese_date(local.date())} {local:%H:%M}"),
    ]
    if delivery.method == Delivery.Method.MAIL:
        rows += [(_("快递公司"), delivery.carrier), (_("运单号"), delivery.waybill_number)]
    if delivery.recipient_name:
        masked = mask_id_number(delivery.recipient_id_number)
        signer = delivery.recipient_name + (
            _("（证件号码 %(number)s）") % {"number": masked} if masked else ""
        )
        rows.append((_("签收人"), signer))
    rows.append((_("送达人"), delivery.delivered_by.name))
    return rows


def _table(document: ChineseDocument, rows: list[tuple[str, str]], *, signature: bool) -> None:
    """The facts as in the notices (cases.notices.draw_facts), with a last row for the recipient's
    signature and the date when the result was signed for at the window."""
    document.set_font("cjk", size=11)
    with document.table(
        col_widths=(40, 142),
        wrapmode=WrapMode.CHAR,
        line_height=7,
        first_row_as_headings=False,
        text_align=("LEFT", "LEFT"),
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label, style=FontFace(fill_color=LABEL_FILL))
            row.cell(value or "—")
        if signature:
            row = table.row()
            row.cell(_("受送达人签名"), style=FontFace(fill_color=LABEL_FILL))
            row.cell("\n\n" + _("年　　月　　日") + "　　", align="R")
    document.ln(3)


def delivery_receipt_pdf(*, case: Case, delivery: Delivery, base_url: str) -> bytes:
    """The 送达回证 as PDF bytes, in the name of the site that received the case.
    Raises common.pdf.FontMissing."""
    center = case.site.name
    number = receipt_number(case)
    title = _("送达回证")
    document = ChineseDocument(
        title=f"{title} {number}",
        footer=_("%(center)s · %(number)s · 本文书由系统生成，可凭编号和查询码核验")
        % {"center": center, "number": number},
    )
    document.set_auto_page_break(auto=True, margin=16)
    draw_header(document, center=center, title=title, number=number)
    draw_body(
        document,
        "　　"
        + _("本机关依法将“%(item)s”的办理结果送达受送达人，送达情况如下：") % {"item": case.version.name},
    )
    _table(document, receipt_rows(case, delivery), signature=delivery.method == Delivery.Method.WINDOW)
    if delivery.method == Delivery.Method.WINDOW:
        document.set_font("cjk", size=9)
        document.set_text_color(90, 90, 90)
        document.multi_cell(
            0,
            5,
            _("受送达人签收后，本回证由窗口留存归档。"),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        document.set_text_color(0, 0, 0)
    draw_qr_footer(document, case=case, center=center, day=delivery.delivered_date, base_url=base_url)
    return document.output_bytes()


def delivery_receipt_response(request, *, case: Case, delivery: Delivery) -> HttpResponse:
    """The receipt's PDF (inline), for the desk, the API and (could be) the applicant's pages.
    Check that the reader may see the case, and find the delivery with `delivery_of`, first."""
    return pdf_response(
        lambda: delivery_receipt_pdf(case=case, delivery=delivery, base_url=request.build_absolute_uri("/")),
        filename=f"{_('送达回证')}-{case.reference}.pdf",
    )
