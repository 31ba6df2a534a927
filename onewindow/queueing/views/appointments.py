"""预约取号 on the portal: choose a site, a category, a day and a slot with room, give name, ID
number and phone, and get a 6-digit code to check in with at the kiosk.

- /queue/appointments/ — the steps as one page (GET ?site=&category=&day=), the booking (POST);
- /queue/appointments/<token>/ — the confirmation: the code, the slot, the check-in rules, and
  the cancel button (POST …/cancel/); public, the unguessable token is the key, so the person's
  ID number and phone show masked;
- /queue/appointments/mine/ — a logged-in citizen's bookings.

Bookings made per client address are limited (APPOINTMENTS_PER_HOUR): one address books for a
family, a script would fill every slot with made-up ID numbers. A refusal by the service (slot
full or begun, beyond the horizon, not a working day, a no-show ban, booked already) is a form
error with the error's status code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.parsing import BadInput, parse_calendar_date, parse_id
from onewindow.common.privacy import mask_id_number, mask_name, mask_phone
from onewindow.org.models import Site
from onewindow.queueing import policy, selectors, services
from onewindow.queueing.limits import limit_count, limit_reached
from onewindow.queueing.models import Appointment, Category, SlotCapacity
from onewindow.queueing.views.kiosk import posted_control_characters

#: Bookings one client address may make in an hour.
APPOINTMENTS_PER_HOUR = 10
BOOKING_LIMIT = ("queueing-appointments", f"{APPOINTMENTS_PER_HOUR}/h")
#: The most bookings "my appointments" lists.
MINE_LIMIT = 100

#: Service error codes shown beside a field of the booking form (others above the form).
FIELD_OF_ERROR = {
    "queue_bad_id_number": "id_number",
    "queue_id_required": "id_number",
    "queue_bad_phone": "phone",
    "queue_phone_required": "phone",
    "queue_bad_name": "name",
    "queue_name_required": "name",
    "queue_slot_full": "slot",
    "queue_slot_past": "slot",
    "queue_bad_slot": "slot",
}

WEEKDAYS = (
    gettext_lazy("周一"),
    gettext_lazy("周二"),
    gettext_lazy("周三"),
    gettext_lazy("周四"),
    gettext_lazy("周五"),
    gettext_lazy("周六"),
    gettext_lazy("周日"),
)


class BookingForm(forms.Form):
    slot = forms.CharField(max_length=5, error_messages={"required": gettext_lazy("请选择预约时段。")})
    name = forms.CharField(
        label=gettext_lazy("姓名"),
        max_length=100,
        error_messages={"required": gettext_lazy("请填写姓名。")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    id_number = forms.CharField(
        label=gettext_lazy("身份证号码"),
        max_length=20,
        error_messages={"required": gettext_lazy("请填写身份证号码。")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "class": "mono"}
        ),
        help_text=gettext_lazy("到大厅签到时可刷此身份证；爽约将影响此后的网上预约。"),
    )
    phone = forms.CharField(
        label=gettext_lazy("手机号码"),
        max_length=20,
        error_messages={"required": gettext_lazy("请填写手机号码。")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "numeric"}),
    )

    def clean_slot(self) -> time:
        text = self.cleaned_data["slot"].strip()
        try:
            if len(text) == 5:
                return time.fromisoformat(text)
        except ValueError:
            pass
        raise forms.ValidationError(_("请选择预约时段。"))


def booking_categories() -> QuerySet[Category]:
    """Active categories that take appointments (a capacity per slot, or a slot's own), of
    active sites."""
    has_slot_capacity = Exists(SlotCapacity.objects.filter(category=OuterRef("pk"), capacity__gt=0))
    return (
        Category.objects.filter(is_active=True, site__is_active=True)
        .filter(Q(slot_capacity__gt=0) | has_slot_capacity)
        .order_by("sort_order", "prefix")
    )


def booking_sites() -> list[Site]:
    return list(Site.objects.filter(pk__in=booking_categories().values("site_id")).order_by("path"))


def day_label(day: date, today: date) -> str:
    weekday = WEEKDAYS[day.weekday()]
    if day == today:
        return _("今天 %(weekday)s") % {"weekday": weekday}
    if day == today + timedelta(days=1):
        return _("明天 %(weekday)s") % {"weekday": weekday}
    return str(weekday)


@dataclass
class Choice:
    """What the person has chosen so far, and what they may choose next."""

    sites: list[Site]
    site: Site | None = None
    categories: list[Category] = field(default_factory=list)
    category: Category | None = None
    days: list[dict] = field(default_factory=list)
    day: date | None = None
    slots: list = field(default_factory=list)
    error: str = ""
    status: int = 200

    def refuse(self, message: str, status: int = 400) -> Choice:
        self.error, self.status = message, status
        return self


def _choose(params, *, today: date, now, strict_day: bool) -> Choice:
    """The site, category and day in `params`, each checked against what may be booked. The day
    of a posted booking is only parsed (`strict_day` False): the service says what is wrong with it."""
    choice = Choice(sites=booking_sites())
    site_text = params.get("site", "").strip()
    if site_text:
        site_id = parse_id(site_text)
        choice.site = next((site for site in choice.sites if site.pk == site_id), None)
        if choice.site is None:
            return choice.refuse(_("没有这个可预约的服务中心，请从列表中选择。"), 404 if site_id else 400)
    elif len(choice.sites) == 1:
        choice.site = choice.sites[0]
    if choice.site is None:
        return choice
    choice.categories = list(booking_categories().filter(site=choice.site))
    category_text = params.get("category", "").strip()
    if category_text:
        category_id = parse_id(category_text)
        choice.category = next(
            (category for category in choice.categories if category.pk == category_id), None
        )
        if choice.category is None:
            return choice.refuse(
                _("本中心没有这个可预约的业务，请从列表中选择。"), 404 if category_id else 400
            )
    if choice.category is None:
        return choice
    bookable = selectors.bookable_days(today)
    choice.days = [{"day": day, "label": day_label(day, today)} for day in bookable]
    day_text = params.get("day", "").strip()
    if not day_text:
        return choice
    try:
        choice.day = parse_calendar_date(day_text, label=_("预约日期"))
    except BadInput as error:
        return choice.refuse(str(error))
    if strict_day and choice.day not in bookable:
        choice.day = None
        return choice.refuse(_("该日期不可预约，请从下列日期中选择。"))
    choice.slots = selectors.slots_for(choice.category, choice.day, now=now)
    return choice


def _initial(user) -> dict:
    if not user.is_authenticated:
        return {}
    return {
        "name": getattr(user, "full_name", ""),
        "id_number": getattr(user, "id_card_number", ""),
        "phone": getattr(user, "phone", ""),
    }


def _render_booking(request, choice: Choice, form: BookingForm, *, status: int | None = None):
    chosen_slot = form["slot"].value() if form.is_bound else ""
    return render(
        request,
        "queueing/appointment_book.html",
        {
            "choice": choice,
            "form": form,
            "chosen_slot": chosen_slot,
            "horizon_days": settings.ONEWINDOW_QUEUE_APPOINTMENT_DAYS,
            "early_minutes": settings.ONEWINDOW_QUEUE_CHECK_IN_EARLY_MINUTES,
            "late_minutes": settings.ONEWINDOW_QUEUE_CHECK_IN_LATE_MINUTES,
        },
        status=status or choice.status,
    )


def _add_service_error(form: BookingForm, error: DomainError) -> None:
    form.add_error(FIELD_OF_ERROR.get(error.code), error.message)


@never_cache
def appointments(request):
    """预约取号: the steps (GET) and the booking (POST)."""
    now = clock.now()
    today = timezone.localtime(now).date()
    if request.method == "POST" and posted_control_characters(request):
        choice = Choice(sites=booking_sites()).refuse(_("提交的内容含有不允许的控制字符，请删除后重新提交。"))
        return _render_booking(request, choice, BookingForm(initial=_initial(request.user)))
    if request.method != "POST":
        choice = _choose(request.GET, today=today, now=now, strict_day=True)
        return _render_booking(request, choice, BookingForm(initial=_initial(request.user)))
    choice = _choose(request.POST, today=today, now=now, strict_day=False)
    form = BookingForm(request.POST)
    if choice.error:
        return _render_booking(request, choice, form)
    if choice.category is None or choice.day is None:
        return _render_booking(request, choice.refuse(_("请先选择服务中心、业务和日期。")), form)
    group, rate = BOOKING_LIMIT
    if limit_reached(request, group=group, rate=rate):
        form.is_valid()
        form.add_error(None, _("本网络地址一小时内预约过多，请稍后再试，或到大厅现场取号。"))
        return _render_booking(request, choice, form, status=429)
    if not form.is_valid():
        return _render_booking(request, choice, form, status=400)
    data = form.cleaned_data
    try:
        appointment = services.appointment_book(
            category=choice.category,
            service_date=choice.day,
            slot_start=data["slot"],
            name=data["name"],
            id_number=data["id_number"],
            phone=data["phone"],
            at=now,
            channel=Appointment.Channel.PORTAL,
            user=request.user if request.user.is_authenticated else None,
        )
    except DomainError as error:
        _add_service_error(form, error)
        return _render_booking(request, choice, form, status=error.status_code)
    limit_count(request, group=group, rate=rate)
    messages.success(request, _("预约成功！请记下预约码，按时到大厅取号机签到。"))
    return redirect("queueing:appointment", token=appointment.token)


def _appointment_or_404(token: str) -> Appointment:
    appointment = selectors.appointment_by_token(token)
    if appointment is None:
        raise Http404(_("没有这个预约。"))
    return appointment


def _render_detail(request, appointment: Appointment, *, error: str = "", status: int = 200):
    now = clock.now()
    slot_start = timezone.make_aware(datetime.combine(appointment.service_date, appointment.slot_start))
    opens, closes = policy.check_in_window(
        slot_start,
        early_minutes=settings.ONEWINDOW_QUEUE_CHECK_IN_EARLY_MINUTES,
        late_minutes=settings.ONEWINDOW_QUEUE_CHECK_IN_LATE_MINUTES,
    )
    is_booked = appointment.status == Appointment.Status.BOOKED
    return render(
        request,
        "queueing/appointment_detail.html",
        {
            "appointment": appointment,
            "weekday": WEEKDAYS[appointment.service_date.weekday()],
            "name": mask_name(appointment.applicant_name),
            "id_number": mask_id_number(appointment.id_number),
            "phone": mask_phone(appointment.phone),
            "check_in_opens": timezone.localtime(opens),
            "check_in_closes": timezone.localtime(closes),
            "may_cancel": is_booked and slot_start > now,
            "ticket": appointment.ticket,
            "kiosk_url": reverse("queueing:kiosk-check-in", args=[appointment.site.code]),
            "early_minutes": settings.ONEWINDOW_QUEUE_CHECK_IN_EARLY_MINUTES,
            "late_minutes": settings.ONEWINDOW_QUEUE_CHECK_IN_LATE_MINUTES,
            "no_show_limit": settings.ONEWINDOW_QUEUE_NO_SHOW_LIMIT,
            "no_show_ban_days": settings.ONEWINDOW_QUEUE_NO_SHOW_BAN_DAYS,
            "error": error,
        },
        status=status,
    )


@never_cache
@require_GET
def appointment_detail(request, token: str):
    """The booking's confirmation: its code (large), day and slot, the check-in rules."""
    return _render_detail(request, _appointment_or_404(token))


@never_cache
@require_POST
def appointment_cancel(request, token: str):
    """Cancel the booking before its slot begins."""
    appointment = _appointment_or_404(token)
    try:
        services.appointment_cancel(appointment=appointment, at=clock.now())
    except DomainError as error:
        return _render_detail(request, appointment, error=error.message, status=error.status_code)
    messages.success(request, _("预约已取消。"))
    return redirect("queueing:appointment", token=appointment.token)


@never_cache
@login_required
@require_GET
def appointments_mine(request):
    """我的预约: the logged-in person's bookings, latest first."""
    rows = list(selectors.appointments_of_user(request.user)[:MINE_LIMIT])
    return render(request, "queueing/appointment_mine.html", {"appointments": rows, "limit": MINE_LIMIT})


urlpatterns = [
    path("queue/appointments/", appointments, name="appointments"),
    path("queue/appointments/mine/", appointments_mine, name="appointments-mine"),
    path("queue/appointments/<str:token>/", appointment_detail, name="appointment"),
    path("queue/appointments/<str:token>/cancel/", appointment_cancel, name="appointment-cancel"),
]
