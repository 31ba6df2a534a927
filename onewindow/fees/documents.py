"""The payment notice (缴款通知书) as PDF, and the reconciliation and fiscal report as Excel.

The notice carries what the bank counter and the applicant need: its number (also as a QR code
the counter can scan), the payer, the case, the collecting department, each fee with its standard,
quantity, amount and waiver, the total in figures and in capitals (大写), and the payee's fiscal
account. A cancelled notice reprints with 作废 across it; a paid one shows the bank's transaction.
"""

from __future__ import annotations

import io
from decimal import Decimal

import cn2an
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from onewindow.cases.notices import RED, SEAL_RADIUS, chinese_date, draw_header, draw_signature, qr_png
from onewindow.common.pdf import ChineseDocument
from onewindow.fees.models import PaymentNotice
from onewindow.fees.selectors import FiscalReport, Reconciliation

HEADING_FILL = (244, 246, 250)


def yuan_in_capitals(amount: Decimal) -> str:
    """人民币大写: 90.00 → 玖拾元整, 0 → 零元整."""
    if amount == 0:
        return "零元整"
    return cn2an.an2cn(f"{amount:.2f}", "rmb")


def payment_qr_text(notice: PaymentNotice) -> str:
    """What the notice's QR code says: enough for a bank counter's scanner to look it up."""
    return f"ONEWINDOW-PAY|{notice.number}|{notice.total:.2f}"


def _grid(document: ChineseDocument, rows: list[tuple[str, str, str, str]]) -> None:
    document.set_font("cjk", size=10.5)
    with document.table(
        col_widths=(26, 65, 26, 65),
        wrapmode=WrapMode.CHAR,
        line_height=7,
        first_row_as_headings=False,
        text_align=("LEFT", "LEFT", "LEFT", "LEFT"),
    ) as table:
        for first_label, first, second_label, second in rows:
            row = table.row()
            row.cell(first_label, style=FontFace(fill_color=HEADING_FILL))
            row.cell(first or "—")
            row.cell(second_label, style=FontFace(fill_color=HEADING_FILL))
            row.cell(second or "—")


def _lines_table(document: ChineseDocument, notice: PaymentNotice) -> None:
    document.set_font("cjk", size=10)
    with document.table(
        col_widths=(10, 44, 44, 18, 22, 22, 22),
        wrapmode=WrapMode.CHAR,
        line_height=6.5,
        text_align=("CENTER", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        headings_style=FontFace(emphasis="", fill_color=HEADING_FILL),
    ) as table:
        table.row(
            [
                _("序号"),
                _("收费项目"),
                _("收费标准"),
                _("数量"),
                _("应收（元）"),
                _("减免（元）"),
                _("应缴（元）"),
            ]
        )
        for index, line in enumerate(notice.lines.all(), start=1):
            quantity = f"{line.quantity.normalize():f}{line.unit}"
            standard = line.standard
            if line.unit_price is not None:
                standard = _("%(standard)s，适用 %(price)s 元") % {
                    "standard": standard,
                    "price": line.unit_price,
                }
            table.row(
                [
                    str(index),
                    line.name,
                    standard,
                    quantity,
                    f"{line.amount:,.2f}",
                    f"{line.waived_amount:,.2f}" if line.waived_amount else "—",
                    f"{line.amount_due:,.2f}",
                ]
            )
        row = table.row()
        row.cell(
            _("合计（大写）%(capitals)s") % {"capitals": yuan_in_capitals(notice.total)},
            colspan=4,
            align="LEFT",
        )
        row.cell(f"{notice.gross_amount:,.2f}")
        row.cell(f"{notice.waived_amount:,.2f}" if notice.waived_amount else "—")
        row.cell(f"¥{notice.total:,.2f}")


def _waivers(document: ChineseDocument, notice: PaymentNotice) -> None:
    waived = [line for line in notice.lines.all() if line.waived_amount]
    if not waived:
        return
    document.ln(2)
    document.set_font("cjk", size=9.5)
    for line in waived:
        document.multi_cell(
            0,
            5.2,
            _("减免：%(name)s %(amount)s 元。理由：%(reason)s。依据：%(basis)s")
            % {
                "name": line.name,
                "amount": line.waived_amount,
                "reason": line.waiver_reason,
                "basis": line.waiver_basis,
            },
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )


def _stamp(document: ChineseDocument, text: str) -> None:
    """A large red status stamp (作废 / 已缴款) under the notice's body, clear of its figures."""
    document.set_text_color(*RED)
    document.set_draw_color(*RED)
    document.set_font("cjk", size=36)
    centre = document.get_y() + 16
    with document.rotation(12, 105, centre):
        width = document.get_string_width(text)
        document.set_line_width(1.2)
        document.rect(105 - width / 2 - 6, centre - 11, width + 12, 22)
        document.text(105 - width / 2, centre + 5, text)
    document.set_y(centre + 20)
    document.set_text_color(0, 0, 0)
    document.set_draw_color(0, 0, 0)
    document.set_line_width(0.2)


def payment_notice_pdf(notice: PaymentNotice) -> bytes:
    """The notice as PDF bytes. Raises common.pdf.FontMissing."""
    case = notice.case
    center = notice.site.name
    title = _("缴款通知书")
    document = ChineseDocument(
        title=f"{title} {notice.number}",
        footer=_("%(center)s · 缴款通知书 %(number)s · 票款分离：窗口开票，银行收款，不收现金")
        % {"center": center, "number": notice.number},
    )
    document.set_auto_page_break(auto=True, margin=16)
    draw_header(document, center=center, title=title, number=_("No. %(number)s") % {"number": notice.number})
    document.set_font("cjk", size=10)
    document.cell(
        0,
        6,
        _("开具日期：%(date)s    执收单位：%(department)s")
        % {"date": chinese_date(notice.issued_date), "department": notice.department.name},
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    document.ln(1)
    _grid(
        document,
        [
            (_("缴款人"), notice.payer_name, _("办件编号"), case.reference),
            (
                _("办理事项"),
                case.version.name,
                _("应缴金额"),
                _("¥%(total)s 元") % {"total": f"{notice.total:,.2f}"},
            ),
            (_("收款人全称"), notice.payee_name, _("账号"), notice.payee_account),
            (_("开户银行"), notice.payee_bank, _("经办人"), notice.issued_by.name),
        ],
    )
    document.ln(4)
    _lines_table(document, notice)
    _waivers(document, notice)
    # The QR code and the instructions (x 16–130) beside the center's name and date under its
    # seal (x 142–182), all below the table.
    document.ln(4)
    top = document.get_y()
    if top + 2 * SEAL_RADIUS > document.page_break_trigger:
        document.add_page()
        top = document.get_y()
    document.image(qr_png(payment_qr_text(notice)), x=16, y=top + 5, w=30, h=30)
    document.set_xy(50, top + 6)
    document.set_font("cjk", size=9.5)
    document.multi_cell(
        80,
        5.2,
        _(
            "缴款须知：\n1. 请持本通知书到大厅银行收费窗口缴款，银行扫码或凭通知书号收款；\n"
            "2. 款项直接缴入财政专户，窗口和部门不收取现金；\n"
            "3. 缴款后凭银行回单领取办理结果；本通知书不作收款凭证。"
        ),
    )
    bottom = draw_signature(
        document, x=162, top=top, width=60, issuer=center, day=notice.issued_date, label=_("收费专用章")
    )
    document.set_y(bottom + 2)
    if notice.status == PaymentNotice.Status.CANCELLED:
        _stamp(document, _("作废"))
        document.set_font("cjk", size=9.5)
        document.multi_cell(
            0,
            5.2,
            _("本通知书已于 %(date)s 作废：%(reason)s")
            % {"date": chinese_date(timezone.localdate(notice.cancelled_at)), "reason": notice.cancel_reason},
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    elif notice.status == PaymentNotice.Status.PAID:
        payment = notice.payment
        _stamp(document, _("已缴款"))
        document.set_font("cjk", size=9.5)
        document.cell(
            0,
            5.2,
            _("已于 %(at)s 在%(bank)s缴款，流水号 %(transaction)s")
            % {
                "at": f"{timezone.localtime(payment.paid_at):%Y-%m-%d %H:%M}",
                "bank": payment.bank.name,
                "transaction": payment.transaction_id,
            },
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    return document.output_bytes()


# Excel ------------------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E9A")
_SUBTOTAL_FILL = PatternFill("solid", fgColor="E8EFFA")
_MONEY = "#,##0.00"


def _sheet_header(sheet, title: str, columns: list[tuple[str, int]]) -> None:
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append([name for name, _width in columns])
    for index, (_name, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=3, column=index)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A4"


def _money_cells(sheet, row_number: int, first: int, last: int) -> None:
    for column in range(first, last + 1):
        sheet.cell(row=row_number, column=column).number_format = _MONEY


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fiscal_report_workbook(report: FiscalReport, *, center: str) -> bytes:
    """财政报表: one row per department and fee item, a subtotal per department, the total."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("财政报表")
    _sheet_header(
        sheet,
        _("%(center)s 非税收入报表 %(period)s") % {"center": center, "period": report.label},
        [
            (_("执收单位"), 24),
            (_("收费项目"), 30),
            (_("笔数"), 8),
            (_("应收（元）"), 14),
            (_("减免（元）"), 14),
            (_("实收（元）"), 14),
            (_("退付（元）"), 14),
            (_("净收入（元）"), 14),
        ],
    )

    def append(row, *, fill=None, bold=False):
        sheet.append(
            [
                row.department,
                row.fee_name,
                row.count,
                row.gross,
                row.waived,
                row.collected,
                row.refunded,
                row.net,
            ]
        )
        number = sheet.max_row
        _money_cells(sheet, number, 4, 8)
        if fill or bold:
            for column in range(1, 9):
                cell = sheet.cell(row=number, column=column)
                cell.font = Font(bold=True)
                if fill:
                    cell.fill = fill

    for block in report.departments:
        for row in block.rows:
            append(row)
        append(block.subtotal, fill=_SUBTOTAL_FILL)
    append(report.total, bold=True)
    return _save(workbook)


def reconciliation_workbook(result: Reconciliation, *, center: str) -> bytes:
    """对账: the day's figures and banks on one sheet, every mismatch on another."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("对账汇总")
    _sheet_header(
        sheet,
        _("%(center)s 收费对账 %(date)s") % {"center": center, "date": result.on_date.isoformat()},
        [
            (_("项目"), 28),
            (_("笔数"), 10),
            (_("金额（元）"), 16),
            (_("对账单笔数"), 12),
            (_("对账单金额（元）"), 18),
        ],
    )
    figures = [
        (_("开具缴款通知书"), result.issued),
        (_("作废"), result.cancelled),
        (_("全额减免"), result.waived),
        (_("银行确认缴款"), result.paid),
        (_("日终未缴"), result.outstanding),
        (_("批准退款"), result.refunded),
    ]
    for label, figure in figures:
        sheet.append([str(label), figure.count, figure.total])
        _money_cells(sheet, sheet.max_row, 3, 3)
    for day in result.banks:
        sheet.append(
            [day.bank.name, day.payment_count, day.payment_total, day.statement_count, day.statement_total]
        )
        _money_cells(sheet, sheet.max_row, 3, 5)
    mismatches = workbook.create_sheet(_("差异明细"))
    _sheet_header(
        mismatches,
        _("差异明细 %(date)s（%(count)s 笔）")
        % {"date": result.on_date.isoformat(), "count": len(result.mismatches)},
        [
            (_("差异类型"), 26),
            (_("银行"), 20),
            (_("交易流水号"), 24),
            (_("缴款通知书号"), 22),
            (_("本系统金额"), 14),
            (_("对账单金额"), 14),
            (_("对账单行号"), 10),
        ],
    )
    for item in result.mismatches:
        mismatches.append(
            [
                item.label,
                item.bank.name,
                item.transaction_id,
                item.notice_number,
                item.our_amount,
                item.bank_amount,
                item.line_number,
            ]
        )
        _money_cells(mismatches, mismatches.max_row, 5, 6)
    return _save(workbook)
