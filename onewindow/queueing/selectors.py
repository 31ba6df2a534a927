"""What the queue shows: the displays' snapshots, a ticket's place ("N people ahead of you"), the
window's waiting list, the appointment slots with room, and the wait and service KPIs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Avg, Count, Max, Q, QuerySet
from django.db.models.functions import ExtractHour
from django.utils import timezone

from onewindow.common.privacy import mask_person_name
from onewindow.org.models import DutyAssignment, Site, Window
from onewindow.org.selectors import access_for, site_visible_to, window_visible_to
from onewindow.queueing import policy
from onewindow.queueing.models import Appointment, Call, Category, SlotCapacity, Ticket, WindowState
from onewindow.workcalendar.selectors import working_calendar

ID_MAX = 2**63 - 1
RECENT_CALLS = 8


def _today() -> date:
    from onewindow.common import clock

    return clock.today()


def site_exists(site_id: int) -> bool:
    return 0 < site_id <= ID_MAX and Site.objects.filter(pk=site_id, is_active=True).exists()


def window_exists(window_id: int) -> bool:
    return 0 < window_id <= ID_MAX and Window.objects.filter(pk=window_id, is_active=True).exists()


def categories_of(site: Site | int) -> QuerySet[Category]:
    return Category.objects.filter(site=site, is_active=True).order_by("sort_order", "prefix")


def kiosk_categories(site: Site | int) -> QuerySet[Category]:
    """The categories a citizen may take a ticket in at the kiosk (not those staff issue, such as
    the major-project green channel)."""
    return categories_of(site).filter(is_at_kiosk=True)


def category_visible_to(user) -> QuerySet[Category]:
    return Category.objects.filter(site__in=site_visible_to(user))


def window_categories(window: Window) -> QuerySet[Category]:
    return Category.objects.filter(windows=window, is_active=True).order_by("sort_order", "prefix")


def _waiting(on_date: date) -> QuerySet[Ticket]:
    return Ticket.objects.filter(service_date=on_date, status=Ticket.Status.WAITING)


def people_ahead(ticket: Ticket) -> int:
    """Waiting tickets of the ticket's category that come before it (lane, then sort key), on
    the partial index of waiting tickets."""
    if ticket.status != Ticket.Status.WAITING:
        return 0
    return (
        _waiting(ticket.service_date)
        .filter(category_id=ticket.category_id)
        .filter(
            Q(lane__lt=ticket.lane)
            | Q(lane=ticket.lane, sort_key__lt=ticket.sort_key)
            | Q(lane=ticket.lane, sort_key=ticket.sort_key, id__lt=ticket.pk)
        )
        .count()
    )


def ticket_by_token(token: str) -> Ticket | None:
    if not token or len(token) > 32:
        return None
    return Ticket.objects.select_related("category", "window", "site").filter(token=token).first()


def _call_row(call: Call) -> dict:
    return {
        "code": call.ticket.code,
        "window": call.window.number,
        "window_name": call.window.name,
        "name": mask_person_name(call.ticket.applicant_name) if call.ticket.applicant_name else "",
        "at": timezone.localtime(call.called_at).strftime("%H:%M"),
        "serving": call.outcome == Call.Outcome.SERVING,
    }


def hall_snapshot(site_id: int, *, on_date: date | None = None) -> dict:
    """The hall display: the latest calls (names masked 张*梅) and the waiting count of each
    category, with the windows serving."""
    on_date = on_date or _today()
    site = Site.objects.get(pk=site_id)
    calls = (
        Call.objects.filter(site_id=site_id, service_date=on_date)
        .select_related("ticket", "window")
        .order_by("-called_at", "-id")[:RECENT_CALLS]
    )
    waiting = dict(
        _waiting(on_date)
        .filter(site_id=site_id)
        .values_list("category_id")
        .annotate(count=Count("id"))
        .values_list("category_id", "count")
    )
    return {
        "site": site.short_name or site.name,
        "date": on_date.isoformat(),
        "calls": [_call_row(call) for call in calls],
        "categories": [
            {"prefix": category.prefix, "name": category.name, "waiting": waiting.get(category.pk, 0)}
            for category in categories_of(site_id)
        ],
        "waiting_total": sum(waiting.values()),
    }


def on_duty_staff(window: Window, on_date: date):
    duty = (
        DutyAssignment.objects.filter(window=window, duty_date=on_date).select_related("staff__user").first()
    )
    return duty.staff if duty else None


def window_snapshot(window_id: int, *, on_date: date | None = None) -> dict:
    """A window's display: its number and name, who is on duty, the number being served, and
    whether it is paused."""
    on_date = on_date or _today()
    window = Window.objects.get(pk=window_id)
    staff = on_duty_staff(window, on_date)
    call = (
        Call.objects.filter(window=window, outcome=Call.Outcome.SERVING)
        .select_related("ticket", "window")
        .first()
    )
    state = WindowState.objects.filter(window=window).first()
    return {
        "window": window.number,
        "name": window.name,
        "staff": (
            {
                "name": staff.name,
                "title": staff.title,
                "employee_number": staff.employee_number,
                "photo": bool(staff.photo),
                "id": staff.pk,
            }
            if staff
            else None
        ),
        "serving": _call_row(call) if call else None,
        "paused": bool(state and state.is_paused),
        "pause_reason": state.pause_reason if state else "",
        "categories": [category.name for category in window_categories(window)],
    }


def call_announcement(call_id: int, *, recall: bool = False) -> dict | None:
    """What the displays show and say for a call: '请 A001 号到 3 号窗口办理'."""
    call = Call.objects.select_related("ticket", "window").filter(pk=call_id).first()
    if call is None:
        return None
    row = _call_row(call)
    spoken_code = " ".join(call.ticket.code)  # letters and digits read one by one
    return {
        **row,
        "site_id": call.site_id,
        "window_id": call.window_id,
        "recall": recall,
        "speech": f"请 {spoken_code} 号，到 {call.window.number} 号窗口办理",
    }


def window_queue(window: Window, *, on_date: date, limit: int = 15) -> list[Ticket]:
    """The tickets this window would call next, in order."""
    return list(
        _waiting(on_date)
        .filter(category__windows=window, category__is_active=True)
        .filter(Q(target_window__isnull=True) | Q(target_window=window))
        .select_related("category")
        .order_by("lane", "sort_key", "id")[:limit]
    )


def window_waiting_count(window: Window, *, on_date: date) -> int:
    return (
        _waiting(on_date)
        .filter(category__windows=window, category__is_active=True)
        .filter(Q(target_window__isnull=True) | Q(target_window=window))
        .count()
    )


def duty_windows_of(user, on_date: date) -> list[Window]:
    """The windows the user is on duty at on `on_date` (the duty roster)."""
    staff = access_for(user).staff
    if staff is None:
        return []
    return list(Window.objects.filter(duties__staff=staff, duties__duty_date=on_date).order_by("number"))


# Appointment slots ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    start: object
    end: object
    capacity: int
    taken: int
    is_past: bool

    @property
    def left(self) -> int:
        return max(0, self.capacity - self.taken)

    @property
    def is_bookable(self) -> bool:
        return self.left > 0 and not self.is_past


def bookable_days(today: date) -> list[date]:
    """Working days from today to the horizon (ONEWINDOW_QUEUE_APPOINTMENT_DAYS working days)."""
    calendar = working_calendar()
    try:
        last = calendar.add(today, settings.ONEWINDOW_QUEUE_APPOINTMENT_DAYS)
    except ValueError:
        return []
    days, day = [], today
    while day <= last:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def slots_for(category: Category, service_date: date, *, now: datetime) -> list[Slot]:
    periods = policy.parse_hours(settings.ONEWINDOW_QUEUE_HOURS)
    overrides = dict(SlotCapacity.objects.filter(category=category).values_list("slot_start", "capacity"))
    taken = dict(
        Appointment.objects.filter(
            category=category,
            service_date=service_date,
            status__in=(Appointment.Status.BOOKED, Appointment.Status.CHECKED_IN, Appointment.Status.NO_SHOW),
        )
        .values_list("slot_start")
        .annotate(count=Count("id"))
        .values_list("slot_start", "count")
    )
    result = []
    for start, end in policy.slots_of_day(periods, minutes=settings.ONEWINDOW_QUEUE_SLOT_MINUTES):
        begins = timezone.make_aware(datetime.combine(service_date, start))
        result.append(
            Slot(
                start=start,
                end=end,
                capacity=overrides.get(start, category.slot_capacity),
                taken=taken.get(start, 0),
                is_past=begins <= now,
            )
        )
    return result


def appointment_by_token(token: str) -> Appointment | None:
    if not token or len(token) > 32:
        return None
    return Appointment.objects.select_related("category", "site", "ticket").filter(token=token).first()


def appointments_of_user(user) -> QuerySet[Appointment]:
    return (
        Appointment.objects.filter(user=user)
        .select_related("category", "site")
        .order_by("-service_date", "-slot_start")
    )


# KPIs ---------------------------------------------------------------------------------------------


GROUPINGS = {
    "category": ("category__prefix", "category__name"),
    "window": ("window__number", "window__name"),
    "staff": ("staff__employee_number", "staff__user__full_name"),
    "hour": ("hour",),
    "day": ("service_date",),
}


def calls_visible_to(user) -> QuerySet[Call]:
    return Call.objects.filter(window__in=window_visible_to(user))


def kpi_rows(calls: QuerySet[Call], *, by: str) -> list[dict]:
    """Wait time (called − queued) and service time (finished − called), averaged and at most, by
    category, window, staff member, hour of the day or day; in seconds."""
    keys = GROUPINGS[by]
    if by == "hour":
        calls = calls.annotate(hour=ExtractHour("called_at", tzinfo=timezone.get_current_timezone()))
    rows = (
        calls.values(*keys)
        .annotate(
            calls=Count("id"),
            served=Count("id", filter=Q(outcome=Call.Outcome.FINISHED)),
            skipped=Count("id", filter=Q(outcome=Call.Outcome.SKIPPED)),
            wait_average=Avg("wait_seconds"),
            wait_longest=Max("wait_seconds"),
            service_average=Avg("service_seconds", filter=~Q(outcome=Call.Outcome.SKIPPED)),
            service_longest=Max("service_seconds", filter=~Q(outcome=Call.Outcome.SKIPPED)),
        )
        .order_by(*keys)
    )
    return [
        {
            "key": " ".join(str(row[key]) for key in keys if row[key] is not None)
            if by != "hour"
            else f"{row['hour']:02d}:00",
            "calls": row["calls"],
            "served": row["served"],
            "skipped": row["skipped"],
            "wait_average": round(row["wait_average"] or 0),
            "wait_longest": row["wait_longest"] or 0,
            "service_average": round(row["service_average"] or 0),
            "service_longest": row["service_longest"] or 0,
        }
        for row in rows
    ]


@dataclass(frozen=True)
class LiveFigures:
    issued: int
    waiting: int
    serving: int
    finished: int
    no_show: int
    long_waits: list[Ticket]


def live_figures(site: Site, *, at: datetime) -> LiveFigures:
    """Today's figures for the floor: tickets issued, waiting, being served, finished, dropped
    after a skip, and the tickets waiting beyond ONEWINDOW_QUEUE_WAIT_ALERT_MINUTES."""
    today = timezone.localtime(at).date()
    counts = dict(
        Ticket.objects.filter(site=site, service_date=today)
        .values_list("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    since = at - timedelta(minutes=settings.ONEWINDOW_QUEUE_WAIT_ALERT_MINUTES)
    long_waits = list(
        _waiting(today)
        .filter(site=site, queued_at__lte=since)
        .select_related("category")
        .order_by("queued_at")[:50]
    )
    return LiveFigures(
        issued=sum(counts.values()),
        waiting=counts.get(Ticket.Status.WAITING, 0),
        serving=counts.get(Ticket.Status.CALLED, 0),
        finished=counts.get(Ticket.Status.FINISHED, 0),
        no_show=counts.get(Ticket.Status.NO_SHOW, 0),
        long_waits=long_waits,
    )
