"""The ticket slip (排队号票): what the kiosk's 80 mm thermal printer prints, as an HTML page (the
kiosk prints it with the browser) and as a PDF of the same width, both drawn from one `Slip`.

The slip carries the center's name, the ticket's code in large type, its category, how many
people wait before it, when it was issued, its priority if any, and a QR code to the ticket's
live page (queueing:ticket), which is public: its unguessable token is the only key.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from onewindow.common.pdf import FAMILY, ChineseDocument, pdf_response
from onewindow.queueing import policy, selectors
from onewindow.queueing.models import Ticket

#: The roll's width and the printable margin either side (printers print about 72 mm of 80).
PAPER_WIDTH = 80
SIDE_MARGIN = 4
#: The page is drawn once on a long strip to measure it, then on a strip as long as the slip.
MEASURING_LENGTH = 400
BOTTOM_MARGIN = 6


def live_url(ticket: Ticket, *, base_url: str) -> str:
    """The ticket's live page as an absolute address: ONEWINDOW_PUBLIC_URL when set (the address
    citizens' phones reach), else the address the request came to, as the notices' QR codes."""
    base = (settings.ONEWINDOW_PUBLIC_URL or base_url or "").rstrip("/")
    return f"{base}{reverse('queueing:ticket', args=[ticket.token])}"


def priority_note(ticket: Ticket) -> str:
    """Why the ticket is served before walk-ins, or ''."""
    if ticket.lane == policy.APPOINTMENT_LANE:
        return _("预约签到 · 优先办理")
    if ticket.priority_group:
        return _("优先办理：%(group)s") % {"group": ticket.get_priority_group_display()}
    return ""


def status_line(ticket: Ticket, ahead: int) -> str:
    """The line under the category: the people ahead while waiting, else where the ticket is."""
    if ticket.status == Ticket.Status.WAITING:
        return _("前面还有 %(count)s 人") % {"count": ahead}
    if ticket.status == Ticket.Status.CALLED and ticket.window_id:
        return _("请到 %(window)s 号窗口办理") % {"window": ticket.window.number}
    return ticket.get_status_display()


@dataclass(frozen=True)
class Slip:
    center: str
    code: str
    category: str
    status: str
    ahead: int
    is_waiting: bool
    issued: str
    service_date: str
    priority: str
    live_url: str
    rules: tuple[str, ...]


def rules() -> tuple[str, ...]:
    return (
        _("请留意大厅叫号屏幕和语音提示。"),
        _("过号顺延 %(count)s 位；再次过号作废，请重新取号。")
        % {"count": settings.ONEWINDOW_QUEUE_SKIP_BEHIND},
        _("本号当日有效。"),
    )


def slip_of(ticket: Ticket, *, base_url: str) -> Slip:
    ahead = selectors.people_ahead(ticket)
    issued = timezone.localtime(ticket.issued_at)
    return Slip(
        center=ticket.site.name,
        code=ticket.code,
        category=ticket.category.name,
        status=status_line(ticket, ahead),
        ahead=ahead,
        is_waiting=ticket.status == Ticket.Status.WAITING,
        issued=issued.strftime("%Y-%m-%d %H:%M"),
        service_date=ticket.service_date.isoformat(),
        priority=priority_note(ticket),
        live_url=live_url(ticket, base_url=base_url),
        rules=rules(),
    )


def qr_png(text: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=1)
    buffer.seek(0)
    return buffer


def qr_svg_data_uri(text: str) -> str:
    """The QR code as an SVG data: address for the HTML slip's <img> (the pages' CSP allows
    data: images, not inline markup with styles)."""
    return segno.make(text, error="m").svg_data_uri(scale=4, border=2, dark="#000")


# The PDF ---------------------------------------------------------------------------------------


class SlipDocument(ChineseDocument):
    """A ChineseDocument on an 80 mm roll `length` mm long, without the page-number footer."""

    def __init__(self, *, title: str, length: float):
        self.slip_length = length  # read by add_page, which ChineseDocument's constructor calls
        super().__init__(title=title)
        self.set_auto_page_break(auto=False)
        self.set_margins(SIDE_MARGIN, SIDE_MARGIN, SIDE_MARGIN)
        self.set_xy(SIDE_MARGIN, SIDE_MARGIN)

    def add_page(self, *args, **kwargs):
        kwargs["format"] = (PAPER_WIDTH, self.slip_length)
        return super().add_page(*args, **kwargs)

    def footer(self):
        pass


def _centred(document: SlipDocument, text: str, *, size: float, height: float, grey: bool = False) -> None:
    document.set_font(FAMILY, size=size)
    if grey:
        document.set_text_color(90, 90, 90)
    document.multi_cell(0, height, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    document.set_text_color(0, 0, 0)


def _rule(document: SlipDocument, *, dashed: bool = False) -> None:
    y = document.get_y() + 1.5
    if dashed:
        document.set_dash_pattern(dash=1, gap=1)
    document.line(SIDE_MARGIN, y, PAPER_WIDTH - SIDE_MARGIN, y)
    document.set_dash_pattern()
    document.set_y(y + 2)


def _draw(document: SlipDocument, slip: Slip, *, qr: bytes) -> float:
    """Lay the slip out from the top; the y where it ends."""
    _centred(document, slip.center, size=11, height=5.5)
    _rule(document)
    _centred(document, _("排队号"), size=9, height=4.5, grey=True)
    _centred(document, slip.code, size=44, height=18)
    _centred(document, slip.category, size=14, height=7)
    _centred(document, slip.status, size=13, height=7)
    if slip.priority:
        _centred(document, slip.priority, size=11, height=6)
    _centred(document, _("取号时间：%(time)s") % {"time": slip.issued}, size=9, height=5, grey=True)
    _rule(document, dashed=True)
    size = 30
    top = document.get_y() + 1
    document.image(io.BytesIO(qr), x=(PAPER_WIDTH - size) / 2, y=top, w=size, h=size)
    document.set_y(top + size + 1)
    _centred(document, _("微信或浏览器扫码，随时查看排队进度"), size=8.5, height=4.5)
    _rule(document, dashed=True)
    for line in slip.rules:
        _centred(document, line, size=8.5, height=4.5)
    return document.get_y()


def slip_pdf(slip: Slip) -> bytes:
    """The slip as a one-page PDF, 80 mm wide and as long as its content."""
    title = _("排队号票 %(code)s") % {"code": slip.code}
    qr = qr_png(slip.live_url).getvalue()
    measuring = SlipDocument(title=title, length=MEASURING_LENGTH)
    length = _draw(measuring, slip, qr=qr) + BOTTOM_MARGIN
    document = SlipDocument(title=title, length=length)
    _draw(document, slip, qr=qr)
    return document.output_bytes()


def slip_pdf_response(ticket: Ticket, *, base_url: str) -> HttpResponse:
    slip = slip_of(ticket, base_url=base_url)
    return pdf_response(lambda: slip_pdf(slip), filename=f"排队号票-{slip.code}.pdf")
