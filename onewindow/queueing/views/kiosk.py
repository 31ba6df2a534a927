"""The public side of the hall queue: the kiosk (取号机) and what a ticket's holder sees.

- /queue/kiosk/<site_code>/ — the touch screen: one large button per active category with the
  people waiting, an optional ID card number (a card reader types it; 60 and over are served
  first), phone, and a declared priority group; /take/ (POST) issues the ticket and opens its slip.
- /queue/kiosk/<site_code>/check-in/ — 预约签到: the 6-digit appointment code or the ID number.
- /queue/ticket/<token>/slip/ (and slip.pdf) — the 80 mm slip the kiosk prints; ?print=1 (the
  kiosk) prints at once and returns to the kiosk's home 20 s later.
- /queue/ticket/<token>/ — the live page the slip's QR code opens, refreshed every 10 s.

The kiosk never shows a bare error page for what a person did: a refusal (hall closed, a wrong ID
number, too many tickets) re-renders the kiosk with the message and the error's status code.

Limits per client address (cases.progress.client_address, as the rating forms count): the harm
is tickets in the queue, so issued tickets are counted, not attempts. The numbers are module
constants, not settings, because they follow from the machine rather than from a hall's policy:
a person at the screen needs several seconds and the printer a few more, so a kiosk issues at
most about ten tickets a minute, where a script issues hundreds. KIOSK_TICKETS_PER_MINUTE stops
a flood within the minute; KIOSK_TICKETS_PER_HOUR bounds a slow script to a busy kiosk's hour.
Check-in look-ups that find nothing are counted (a guessed code would check in someone else's
booking), as the progress page counts its failed look-ups.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.middleware import has_control_characters
from onewindow.common.parsing import parse_id
from onewindow.org.models import Site
from onewindow.queueing import selectors, services
from onewindow.queueing.limits import limit_count, limit_reached
from onewindow.queueing.models import PriorityGroup, Ticket
from onewindow.queueing.slip import qr_svg_data_uri, slip_of, slip_pdf_response, status_line

#: Tickets one address (one kiosk) may issue: per minute (a script) and per hour (a slow script).
KIOSK_TICKETS_PER_MINUTE = 10
KIOSK_TICKETS_PER_HOUR = 300
#: Check-in look-ups that find nothing, per address and hour.
KIOSK_CHECK_IN_FAILURES_PER_HOUR = 60
#: The kiosk returns to its home screen this many seconds after printing a slip.
SLIP_HOME_SECONDS = 20
#: The ticket's live page asks for its place this often.
TICKET_REFRESH_SECONDS = 10

#: Priority groups a person declares at the kiosk: the elderly are found from the ID card number,
#: the green channel is given by staff.
NOT_DECLARED = (PriorityGroup.ELDERLY, PriorityGroup.GREEN_CHANNEL)
#: Service error codes shown beside a kiosk field.
FIELD_OF_ERROR = {
    "queue_bad_id_number": "id_number",
    "queue_id_required": "id_number",
    "queue_bad_phone": "phone",
}


# Limits -------------------------------------------------------------------------------------------


TICKET_LIMITS = (
    ("queueing-kiosk-minute", f"{KIOSK_TICKETS_PER_MINUTE}/m"),
    ("queueing-kiosk-hour", f"{KIOSK_TICKETS_PER_HOUR}/h"),
)
CHECK_IN_LIMIT = ("queueing-check-in", f"{KIOSK_CHECK_IN_FAILURES_PER_HOUR}/h")


def posted_control_characters(request) -> bool:
    """A posted field's name or value carries a control character (a NUL byte fails PostgreSQL)."""
    return any(
        has_control_characters(name) or any(has_control_characters(value) for value in values)
        for name, values in request.POST.lists()
    )


# The kiosk ----------------------------------------------------------------------------------------


def _kiosk_site(site_code: str) -> Site:
    site = Site.objects.filter(code=site_code, is_active=True).first() if len(site_code) <= 20 else None
    if site is None:
        raise Http404(_("没有这个服务中心的取号机。"))
    return site


def declared_groups() -> list[tuple[str, str]]:
    """(value, label) of the priority groups a person may declare at the kiosk."""
    return [
        (value, PriorityGroup(value).label)
        for value in services.priority_groups()
        if value not in NOT_DECLARED
    ]


def _hours_text() -> str:
    return "、".join(f"{period.start:%H:%M}-{period.end:%H:%M}" for period in services.hall_periods())


def _kiosk_base(site: Site, *, tab: str) -> dict:
    at = clock.now()
    return {
        "site": site,
        "tab": tab,
        "now": at,
        "is_open": services.is_hall_open(at),
        "hours": _hours_text(),
        "home_url": reverse("queueing:kiosk", args=[site.code]),
        "idle_seconds": settings.ONEWINDOW_KIOSK_IDLE_SECONDS,
    }


def _render_kiosk(
    request, site: Site, *, values: dict | None = None, error: str = "", field: str = "", status: int = 200
) -> HttpResponse:
    context = _kiosk_base(site, tab="ticket")
    waiting = {
        row["prefix"]: row["waiting"]
        for row in selectors.hall_snapshot(site.pk, on_date=clock.today())["categories"]
    }
    context.update(
        {
            "categories": [
                {"category": category, "waiting": waiting.get(category.prefix, 0)}
                for category in selectors.kiosk_categories(site)
            ],
            "groups": declared_groups(),
            "elderly_age": settings.ONEWINDOW_QUEUE_PRIORITY_AGE
            if PriorityGroup.ELDERLY in services.priority_groups()
            else None,
            "values": values or {},
            "error": error,
            "error_field": field,
        }
    )
    return render(request, "queueing/kiosk.html", context, status=status)


@never_cache
@require_GET
def kiosk(request, site_code: str):
    """The kiosk's home screen: a button per category; tapping one takes a ticket."""
    return _render_kiosk(request, _kiosk_site(site_code))


@never_cache
def kiosk_take(request, site_code: str):
    """Issue a ticket in the category tapped (POST), then open its slip to print."""
    site = _kiosk_site(site_code)
    if request.method != "POST":
        return redirect("queueing:kiosk", site_code=site.code)
    if posted_control_characters(request):
        return _render_kiosk(request, site, error=_("输入的内容含有不允许的字符，请重新输入。"), status=400)
    post = request.POST
    values = {name: post.get(name, "").strip() for name in ("id_number", "phone", "priority_group")}
    chosen = post.getlist("category")
    category_id = parse_id(chosen[0]) if len(chosen) == 1 else None
    category = selectors.categories_of(site).filter(pk=category_id).first() if category_id else None
    if category is None:
        return _render_kiosk(request, site, values=values, error=_("请点选要办理的业务。"), status=400)
    group = values["priority_group"].upper()
    if group and group not in dict(declared_groups()):
        message = _("请从列出的优先类别中选择。")
        return _render_kiosk(request, site, values=values, error=message, field="priority_group", status=400)
    if any(limit_reached(request, group=name, rate=rate) for name, rate in TICKET_LIMITS):
        message = _("本机取号过于频繁，请稍候再试，或到咨询台请工作人员帮您取号。")
        return _render_kiosk(request, site, values=values, error=message, status=429)
    try:
        ticket = services.ticket_issue(
            category=category,
            at=clock.now(),
            source=Ticket.Source.KIOSK,
            id_number=values["id_number"],
            phone=values["phone"],
            priority_group=group,
        )
    except DomainError as error:
        field = FIELD_OF_ERROR.get(error.code, "")
        return _render_kiosk(
            request, site, values=values, error=error.message, field=field, status=error.status_code
        )
    for name, rate in TICKET_LIMITS:
        limit_count(request, group=name, rate=rate)
    return redirect(f"{reverse('queueing:ticket-slip', args=[ticket.token])}?print=1")


def _render_check_in(request, site: Site, *, value: str = "", error: str = "", status: int = 200):
    context = _kiosk_base(site, tab="check-in")
    context.update(
        {
            "value": value,
            "error": error,
            "early_minutes": settings.ONEWINDOW_QUEUE_CHECK_IN_EARLY_MINUTES,
            "late_minutes": settings.ONEWINDOW_QUEUE_CHECK_IN_LATE_MINUTES,
        }
    )
    return render(request, "queueing/kiosk_check_in.html", context, status=status)


@never_cache
def kiosk_check_in(request, site_code: str):
    """预约签到: today's booking by its code or the booker's ID number becomes a ticket served
    before walk-ins (within the check-in window around its slot)."""
    site = _kiosk_site(site_code)
    if request.method != "POST":
        return _render_check_in(request, site)
    if posted_control_characters(request):
        return _render_check_in(
            request, site, error=_("输入的内容含有不允许的字符，请重新输入。"), status=400
        )
    value = request.POST.get("code", "").strip()
    if not value:
        return _render_check_in(request, site, error=_("请输入 6 位预约码，或刷身份证。"), status=400)
    group, rate = CHECK_IN_LIMIT
    if limit_reached(request, group=group, rate=rate):
        message = _("本机签到查询失败次数过多，请到咨询台请工作人员帮您签到。")
        return _render_check_in(request, site, value=value, error=message, status=429)
    at = clock.now()
    try:
        appointment = services.appointment_find_for_check_in(site=site, code=value, at=at)
    except DomainError as error:
        limit_count(request, group=group, rate=rate)
        status = 404 if error.code == "queue_appointment_not_found" else error.status_code
        return _render_check_in(request, site, value=value, error=error.message, status=status)
    try:
        ticket = services.appointment_check_in(appointment=appointment, at=at)
    except DomainError as error:
        return _render_check_in(request, site, value=value, error=error.message, status=error.status_code)
    return redirect(f"{reverse('queueing:ticket-slip', args=[ticket.token])}?print=1")


# The slip and the ticket's live page ------------------------------------------------------------


def _ticket_or_404(token: str) -> Ticket:
    ticket = selectors.ticket_by_token(token)
    if ticket is None:
        raise Http404(_("没有这个排队号。"))
    return ticket


@never_cache
@require_GET
def ticket_slip(request, token: str):
    """The slip as an 80 mm page for the kiosk's thermal printer (the browser prints it)."""
    ticket = _ticket_or_404(token)
    slip = slip_of(ticket, base_url=request.build_absolute_uri("/"))
    from_kiosk = request.GET.get("print") == "1"
    return render(
        request,
        "queueing/slip.html",
        {
            "site": ticket.site,
            "ticket": ticket,
            "slip": slip,
            "qr": qr_svg_data_uri(slip.live_url),
            "print": from_kiosk,
            "now": clock.now(),
            "home_url": reverse("queueing:kiosk", args=[ticket.site.code]),
            # from the kiosk: back home SLIP_HOME_SECONDS after printing; else no return
            "idle_seconds": SLIP_HOME_SECONDS if from_kiosk else 0,
        },
    )


@never_cache
@require_GET
def ticket_slip_pdf(request, token: str):
    """The slip as a PDF 80 mm wide (a printer driver that takes PDFs, a reprint at the desk)."""
    return slip_pdf_response(_ticket_or_404(token), base_url=request.build_absolute_uri("/"))


def _place_context(ticket: Ticket) -> dict:
    ahead = selectors.people_ahead(ticket)
    is_live = ticket.status in (Ticket.Status.WAITING, Ticket.Status.CALLED)
    return {
        "ticket": ticket,
        "ahead": ahead,
        "status_line": status_line(ticket, ahead),
        "refresh_seconds": TICKET_REFRESH_SECONDS if is_live else None,
        "place_url": reverse("queueing:ticket-place", args=[ticket.token]),
        "now": clock.now(),
    }


@never_cache
@require_GET
def ticket_page(request, token: str):
    """The ticket's live page (public: the token is the key; the ID number is never shown)."""
    ticket = _ticket_or_404(token)
    return render(request, "queueing/ticket.html", {**_place_context(ticket), "site": ticket.site})


@never_cache
@require_GET
def ticket_place(request, token: str):
    """The live page's place (htmx, every TICKET_REFRESH_SECONDS while the ticket is live)."""
    return render(request, "queueing/_ticket_place.html", _place_context(_ticket_or_404(token)))


urlpatterns = [
    path("queue/kiosk/<str:site_code>/", kiosk, name="kiosk"),
    path("queue/kiosk/<str:site_code>/take/", kiosk_take, name="kiosk-take"),
    path("queue/kiosk/<str:site_code>/check-in/", kiosk_check_in, name="kiosk-check-in"),
    path("queue/ticket/<str:token>/", ticket_page, name="ticket"),
    path("queue/ticket/<str:token>/place/", ticket_place, name="ticket-place"),
    path("queue/ticket/<str:token>/slip/", ticket_slip, name="ticket-slip"),
    path("queue/ticket/<str:token>/slip.pdf", ticket_slip_pdf, name="ticket-slip-pdf"),
]
