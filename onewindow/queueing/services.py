"""The queue's commands: issue a ticket, book / cancel / check in an appointment, and at a window
call next, recall, skip, transfer, pause, resume and finish. Each is one transaction; the displays
hear of it after the commit (queueing/broadcast.py).

Call-next is one statement that picks and locks the next ticket (`FOR UPDATE SKIP LOCKED` on
PostgreSQL, where a hundred windows calling at once never call one ticket twice nor skip one; on
SQLite the statement itself is serialised by the database's single writer).

Lock order (docs/adr/0010): a case before its tickets — finishing a ticket links the cases made
for it without locking them. Every command at a window first locks the window's state row, so a
window's commands (the desk, a second tab, the API) run one after the other; then the call it
serves, then that call's ticket.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases.models import Case
from onewindow.common.api import DomainError, NotAllowed
from onewindow.common.identifiers import InvalidIdentifier, normalize_id_card_number
from onewindow.common.privacy import mask_name
from onewindow.evaluations.services import service_push
from onewindow.notifications.services import inbox_send
from onewindow.org.models import DutyAssignment, Role, Site, Staff, Window
from onewindow.org.selectors import access_for, center_office_user_ids, site_visible_to
from onewindow.queueing import broadcast, policy
from onewindow.queueing.models import (
    Appointment,
    Call,
    Category,
    PriorityGroup,
    SlotCapacity,
    Ticket,
    TicketCase,
    TicketCounter,
    WindowState,
)
from onewindow.workcalendar.selectors import working_calendar

#: Who may call tickets at a window (on duty there by the roster).
CALLING_ROLES = (Role.WINDOW_CLERK, Role.CHIEF_REPRESENTATIVE, Role.FEE_CLERK, Role.CASE_AGENT)
#: Who may issue a ticket for someone (the guide desk, the floor) and the green channel.
ISSUING_ROLES = (Role.WINDOW_CLERK, Role.CHIEF_REPRESENTATIVE, Role.CENTER_OFFICE, Role.CASE_AGENT)


class QueueError(DomainError):
    code = "queue_invalid"


class HallClosed(QueueError):
    code = "queue_hall_closed"
    status_code = 409


class SlotFull(QueueError):
    code = "queue_slot_full"
    status_code = 409


class NoShowBan(QueueError):
    code = "queue_no_show_ban"
    status_code = 403


class NotOnDuty(NotAllowed):
    code = "queue_not_on_duty"


class WrongTicketState(QueueError):
    code = "queue_wrong_state"
    status_code = 409


class QueueEmpty(QueueError):
    code = "queue_empty"
    status_code = 404


# The hall's time ------------------------------------------------------------------------------


def local(at: datetime) -> datetime:
    return timezone.localtime(at)


def hall_periods() -> list[policy.Period]:
    return policy.parse_hours(settings.ONEWINDOW_QUEUE_HOURS)


def is_hall_open(at: datetime) -> bool:
    """A working day (the working calendar) and within the hall's hours."""
    moment = local(at)
    calendar = working_calendar()
    try:
        working = calendar.is_working_day(moment.date())
    except ValueError:
        return False
    return working and policy.is_open_at(hall_periods(), moment.time())


def _require_open(at: datetime) -> None:
    moment = local(at)
    try:
        working = working_calendar().is_working_day(moment.date())
    except ValueError:
        working = False
    if not working:
        raise HallClosed(_("今天（%(day)s）不是工作日，大厅不办公。") % {"day": moment.date().isoformat()})
    periods = hall_periods()
    if not policy.is_open_at(periods, moment.time()):
        hours = "、".join(f"{period.start:%H:%M}-{period.end:%H:%M}" for period in periods)
        raise HallClosed(_("现在不在办公时间（%(hours)s），暂停取号。") % {"hours": hours})


def priority_groups() -> list[str]:
    """The priority groups this hall's policy recognises (ONEWINDOW_QUEUE_PRIORITY_GROUPS)."""
    wanted = {part.strip().upper() for part in settings.ONEWINDOW_QUEUE_PRIORITY_GROUPS.split(",")}
    return [value for value in PriorityGroup.values if value in wanted]


def _clean_id_number(value: str, *, on_date: date, required: bool) -> str:
    value = (value or "").strip()
    if not value:
        if required:
            raise QueueError(_("请填写身份证号码。"), code="queue_id_required")
        return ""
    try:
        return normalize_id_card_number(value, today=on_date)
    except InvalidIdentifier as error:
        raise QueueError(str(error), code="queue_bad_id_number") from None


def _clean_phone(value: str, *, required: bool) -> str:
    digits = (value or "").strip().replace(" ", "").replace("-", "")
    if not digits:
        if required:
            raise QueueError(_("请填写手机号码。"), code="queue_phone_required")
        return ""
    if not (len(digits) == 11 and digits.isascii() and digits.isdigit() and digits.startswith("1")):
        raise QueueError(_("手机号码应为以 1 开头的 11 位数字。"), code="queue_bad_phone")
    return digits


def _clean_name(value: str, *, required: bool) -> str:
    name = (value or "").strip()
    if any(ord(character) < 32 for character in name):
        raise QueueError(_("姓名含有无效字符。"), code="queue_bad_name")
    if required and not name:
        raise QueueError(_("请填写姓名。"), code="queue_name_required")
    if len(name) > 100:
        raise QueueError(_("姓名过长。"), code="queue_bad_name")
    return name


# Tickets --------------------------------------------------------------------------------------


def _next_number(category: Category, service_date: date) -> int:
    """The category's next number on the day: one upsert, holding the counter row until commit
    (so a rolled-back ticket gives its number back: gap-free)."""
    table = TicketCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (category_id, service_date, last_number) VALUES (%s, %s, 1) "  # noqa: S608
            "ON CONFLICT (category_id, service_date) DO UPDATE "
            f"SET last_number = {table}.last_number + 1 RETURNING last_number",
            [category.pk, service_date],
        )
        return cursor.fetchone()[0]


@dataclass(frozen=True)
class Person:
    """Who takes a ticket (all optional at the kiosk)."""

    name: str = ""
    id_number: str = ""
    phone: str = ""


def ticket_record(
    *,
    category: Category,
    at: datetime,
    source: str,
    person: Person,
    priority_group: str,
    lane: int,
    sort_key: int,
    issued_by=None,
) -> Ticket:
    """Write a ticket as given, in the caller's transaction, without the kiosk's checks (the
    services above check first; the demo records a past day's queue with it)."""
    service_date = local(at).date()
    number = _next_number(category, service_date)
    ticket = Ticket.objects.create(
        site_id=category.site_id,
        category=category,
        issued_category=category,
        service_date=service_date,
        number=number,
        code=policy.ticket_code(category.prefix, number),
        token=secrets.token_urlsafe(18),
        source=source,
        priority_group=priority_group,
        lane=lane,
        sort_key=sort_key,
        status=Ticket.Status.WAITING,
        applicant_name=person.name,
        id_number=person.id_number,
        phone=person.phone,
        issued_at=at,
        queued_at=at,
        issued_by=issued_by,
    )
    broadcast.after_commit_hall(category.site_id)
    return ticket


def ticket_issue(
    *,
    category: Category,
    at: datetime,
    source: str = Ticket.Source.KIOSK,
    name: str = "",
    id_number: str = "",
    phone: str = "",
    priority_group: str = "",
    user=None,
) -> Ticket:
    """A new ticket in `category` (A001 …, gap-free per category and day). The ID card number
    (optional) gives priority to people 60 and over by its birth date; other priority groups are
    declared (the green channel only by staff). Raises HallClosed, QueueError."""
    _require_open(at)
    if not category.is_active:
        raise QueueError(_("该业务类别已停用。"), code="queue_category_inactive")
    today = local(at).date()
    person = Person(
        name=_clean_name(name, required=False),
        id_number=_clean_id_number(id_number, on_date=today, required=False),
        phone=_clean_phone(phone, required=False),
    )
    group = (priority_group or "").strip().upper()
    allowed = priority_groups()
    if group and group not in allowed:
        raise QueueError(
            _("不是本大厅认可的优先类别：%(group)s") % {"group": group}, code="queue_bad_priority"
        )
    is_staff_issue = is_issuing_staff(user, site_id=category.site_id)
    if (
        group == PriorityGroup.ELDERLY
        and not is_staff_issue
        and not (
            person.id_number
            and policy.is_elderly(person.id_number, on_date=today, age=settings.ONEWINDOW_QUEUE_PRIORITY_AGE)
        )
    ):
        raise QueueError(
            _("老年人优先按身份证号码的出生日期认定，请填写本人身份证号码。"), code="queue_bad_priority"
        )
    if not category.is_at_kiosk and not is_staff_issue:
        raise NotAllowed(_("“%(name)s”由大厅工作人员发号。") % {"name": category.name})
    if group == PriorityGroup.GREEN_CHANNEL and not is_staff_issue:
        raise NotAllowed(_("重大项目绿色通道号由大厅工作人员发放。"))
    if (
        not group
        and person.id_number
        and PriorityGroup.ELDERLY in allowed
        and policy.is_elderly(person.id_number, on_date=today, age=settings.ONEWINDOW_QUEUE_PRIORITY_AGE)
    ):
        group = PriorityGroup.ELDERLY
    if source == Ticket.Source.KIOSK and is_staff_issue:
        source = Ticket.Source.STAFF
    with transaction.atomic():
        return ticket_record(
            category=category,
            at=at,
            source=source,
            person=person,
            priority_group=group,
            lane=policy.lane_for(is_appointment=False, is_priority=bool(group)),
            sort_key=policy.sort_key_at(at),
            issued_by=user if is_staff_issue else None,
        )


def is_issuing_staff(user, *, site_id: int) -> bool:
    """Hall staff who may issue any ticket (the green channel, staff-only categories) at the
    site: their role, at a site in their scope."""
    if user is None or not user.is_authenticated:
        return False
    access = access_for(user)
    return access.has_role(*ISSUING_ROLES) and site_visible_to(user).filter(pk=site_id).exists()


# Appointments ---------------------------------------------------------------------------------


def appointment_horizon(today: date) -> date:
    """The last day one may book today: ONEWINDOW_QUEUE_APPOINTMENT_DAYS working days ahead."""
    calendar = working_calendar()
    return calendar.add(today, settings.ONEWINDOW_QUEUE_APPOINTMENT_DAYS)


def slot_capacity(category: Category, slot_start: time) -> int:
    override = SlotCapacity.objects.filter(category=category, slot_start=slot_start).first()
    return override.capacity if override is not None else category.slot_capacity


def no_show_ban_until(id_number: str, *, today: date) -> date | None:
    """The day bookings open again for a person with ONEWINDOW_QUEUE_NO_SHOW_LIMIT no-shows within
    30 days, if that day is after `today`; else None."""
    limit = settings.ONEWINDOW_QUEUE_NO_SHOW_LIMIT
    if limit <= 0:
        return None
    recent = list(
        Appointment.objects.filter(
            id_number=id_number,
            status=Appointment.Status.NO_SHOW,
            service_date__gte=today - timedelta(days=30 + settings.ONEWINDOW_QUEUE_NO_SHOW_BAN_DAYS),
        )
        .order_by("-service_date")
        .values_list("service_date", flat=True)[: limit * 4]
    )
    for index in range(len(recent) - limit + 1):
        latest, oldest = recent[index], recent[index + limit - 1]
        if (latest - oldest).days < 30:
            until = latest + timedelta(days=settings.ONEWINDOW_QUEUE_NO_SHOW_BAN_DAYS)
            return until if until > today else None
    return None


def _slot_bounds(service_date: date, slot_start: time) -> tuple[time, time]:
    for start, end in policy.slots_of_day(hall_periods(), minutes=settings.ONEWINDOW_QUEUE_SLOT_MINUTES):
        if start == slot_start:
            return start, end
    raise QueueError(
        _("没有 %(time)s 开始的预约时段。") % {"time": slot_start.strftime("%H:%M")}, code="queue_bad_slot"
    )


def appointment_book(
    *,
    category: Category,
    service_date: date,
    slot_start: time,
    name: str,
    id_number: str,
    phone: str,
    at: datetime,
    channel: str = Appointment.Channel.PORTAL,
    user=None,
) -> Appointment:
    """Book a slot: on a working day from today to ONEWINDOW_QUEUE_APPOINTMENT_DAYS working days
    ahead, a slot not yet begun, with room left; not for a person banned for no-shows, nor twice
    in a category and day. Raises QueueError, SlotFull, NoShowBan, HallClosed."""
    today = local(at).date()
    person = Person(
        name=_clean_name(name, required=True),
        id_number=_clean_id_number(id_number, on_date=today, required=True),
        phone=_clean_phone(phone, required=True),
    )
    if not category.is_active or category.slot_capacity == 0 and not category.slot_capacities.exists():
        raise QueueError(_("该业务类别不接受预约。"), code="queue_no_appointments")
    if service_date < today:
        raise QueueError(_("不能预约已经过去的日期。"), code="queue_date_past")
    horizon = appointment_horizon(today)
    if service_date > horizon:
        raise QueueError(
            _("最多可预约 %(days)s 个工作日内（至 %(last)s）。")
            % {"days": settings.ONEWINDOW_QUEUE_APPOINTMENT_DAYS, "last": horizon.isoformat()},
            code="queue_date_beyond",
        )
    if not working_calendar().is_working_day(service_date):
        raise HallClosed(_("%(day)s 不是工作日，不能预约。") % {"day": service_date.isoformat()})
    start, end = _slot_bounds(service_date, slot_start)
    if timezone.make_aware(datetime.combine(service_date, start)) <= at:
        raise QueueError(_("该时段已经开始，请选择以后的时段。"), code="queue_slot_past")
    ban = no_show_ban_until(person.id_number, today=today)
    if ban is not None:
        raise NoShowBan(
            _("近30天内爽约已达 %(count)s 次，%(day)s 前暂停网上预约，请现场取号。")
            % {"count": settings.ONEWINDOW_QUEUE_NO_SHOW_LIMIT, "day": ban.isoformat()}
        )
    with transaction.atomic():
        Category.objects.select_for_update().filter(pk=category.pk).first()  # one booker per category
        capacity = slot_capacity(category, start)
        taken = Appointment.objects.filter(
            category=category,
            service_date=service_date,
            slot_start=start,
            status__in=(Appointment.Status.BOOKED, Appointment.Status.CHECKED_IN, Appointment.Status.NO_SHOW),
        ).count()
        if taken >= capacity:
            raise SlotFull(
                _("%(day)s %(time)s 时段已约满，请选择其他时段。")
                % {"day": service_date.isoformat(), "time": start.strftime("%H:%M")}
            )
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    return Appointment.objects.create(
                        site_id=category.site_id,
                        category=category,
                        service_date=service_date,
                        slot_start=start,
                        slot_end=end,
                        applicant_name=person.name,
                        id_number=person.id_number,
                        phone=person.phone,
                        code=f"{secrets.randbelow(10**6):06d}",
                        token=secrets.token_urlsafe(18),
                        channel=channel,
                        status=Appointment.Status.BOOKED,
                        user=user if getattr(user, "is_authenticated", False) else None,
                        booked_at=at,
                    )
            except IntegrityError:
                if Appointment.objects.filter(
                    category=category,
                    service_date=service_date,
                    id_number=person.id_number,
                    status=Appointment.Status.BOOKED,
                ).exists():
                    raise QueueError(
                        _("您已预约该业务当天的时段，如需改时间请先取消原预约。"), code="queue_already_booked"
                    ) from None
        raise QueueError(_("预约繁忙，请稍后再试。"), code="queue_busy")


def appointment_cancel(*, appointment: Appointment, at: datetime) -> Appointment:
    """Cancel a booking before its slot begins. Raises WrongTicketState."""
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.status != Appointment.Status.BOOKED:
            raise WrongTicketState(
                _("该预约%(status)s，不能取消。") % {"status": appointment.get_status_display()}
            )
        if _slot_start_at(appointment) <= at:
            raise WrongTicketState(_("预约时段已经开始，不能再取消。"))
        appointment.status = Appointment.Status.CANCELLED
        appointment.cancelled_at = at
        appointment.save(update_fields=["status", "cancelled_at"])
        return appointment


def _slot_start_at(appointment: Appointment) -> datetime:
    return timezone.make_aware(datetime.combine(appointment.service_date, appointment.slot_start))


def appointment_find_for_check_in(*, site: Site, code: str, at: datetime) -> Appointment:
    """Today's booking at `site` by its 6-digit code or the booker's ID card number. Raises
    QueueError."""
    value = (code or "").strip().upper()
    today = local(at).date()
    booked = Appointment.objects.filter(site=site, service_date=today).select_related("category")
    if len(value) == 6 and value.isdigit():
        found = booked.filter(code=value)
    else:
        found = booked.filter(id_number=_clean_id_number(value, on_date=today, required=True))
    appointment = found.filter(status=Appointment.Status.BOOKED).order_by("slot_start").first()
    if appointment is None:  # checked in already (a double tap, a retry): check-in returns its ticket
        appointment = found.filter(status=Appointment.Status.CHECKED_IN).order_by("-checked_in_at").first()
    if appointment is None:
        raise QueueError(_("没有找到您今天在本中心待签到的预约。"), code="queue_appointment_not_found")
    return appointment


def appointment_check_in(*, appointment: Appointment, at: datetime) -> Ticket:
    """Turn a booking into a ticket served before walk-ins of its category, within the check-in
    window around its slot. Raises WrongTicketState, QueueError, HallClosed."""
    _require_open(at)
    with transaction.atomic():
        appointment = (
            Appointment.objects.select_for_update().select_related("category").get(pk=appointment.pk)
        )
        if appointment.status == Appointment.Status.CHECKED_IN and appointment.ticket_id is not None:
            return appointment.ticket  # a double tap or a retry: the same ticket, the same slip
        if appointment.status == Appointment.Status.CHECKED_IN and appointment.ticket_id is not None:
            return appointment.ticket  # a double tap or a retry: the same ticket, the same slip
        if appointment.status != Appointment.Status.BOOKED:
            raise WrongTicketState(
                _("该预约%(status)s，不能签到。") % {"status": appointment.get_status_display()}
            )
        if not appointment.category.is_active:
            raise QueueError(
                _("“%(name)s”已停止叫号，请到咨询台或取其他业务的号。") % {"name": appointment.category.name},
                code="queue_category_inactive",
            )
        slot_start = _slot_start_at(appointment)
        opens, closes = policy.check_in_window(
            slot_start,
            early_minutes=settings.ONEWINDOW_QUEUE_CHECK_IN_EARLY_MINUTES,
            late_minutes=settings.ONEWINDOW_QUEUE_CHECK_IN_LATE_MINUTES,
        )
        if at < opens:
            raise QueueError(
                _("预约时段 %(slot)s，请于 %(opens)s 后签到。")
                % {"slot": appointment.slot_start.strftime("%H:%M"), "opens": local(opens).strftime("%H:%M")},
                code="queue_check_in_early",
            )
        if at >= closes:
            raise QueueError(
                _("已超过签到时间（%(closes)s），预约失效，请取普通号。")
                % {"closes": local(closes).strftime("%H:%M")},
                code="queue_check_in_late",
            )
        ticket = ticket_record(
            category=appointment.category,
            at=at,
            source=Ticket.Source.APPOINTMENT,
            person=Person(appointment.applicant_name, appointment.id_number, appointment.phone),
            priority_group="",
            lane=policy.APPOINTMENT_LANE,
            sort_key=policy.sort_key_at(slot_start),
        )
        appointment.status = Appointment.Status.CHECKED_IN
        appointment.checked_in_at = at
        appointment.ticket = ticket
        appointment.save(update_fields=["status", "checked_in_at", "ticket"])
        return ticket


def appointments_mark_no_shows(*, at: datetime) -> int:
    """Bookings whose check-in window has closed unused become no-shows (爽约); returns how many."""
    late = timedelta(minutes=settings.ONEWINDOW_QUEUE_CHECK_IN_LATE_MINUTES)
    cutoff = local(at) - late  # just after midnight: yesterday's late slots, none of today's
    return Appointment.objects.filter(
        Q(service_date__lt=cutoff.date()) | Q(service_date=cutoff.date(), slot_start__lte=cutoff.time()),
        status=Appointment.Status.BOOKED,
    ).update(status=Appointment.Status.NO_SHOW)


def tickets_expire(*, at: datetime) -> int:
    """Tickets of earlier days still waiting when the hall closed: 闭厅未办理. A call left open
    overnight is closed as finished at its last moment."""
    today = local(at).date()
    with transaction.atomic():
        open_calls = Call.objects.filter(outcome=Call.Outcome.SERVING, service_date__lt=today)
        for call in open_calls.select_related("ticket"):
            _call_end(call, outcome=Call.Outcome.FINISHED, at=call.called_at)
            Ticket.objects.filter(pk=call.ticket_id).update(
                status=Ticket.Status.FINISHED, finished_at=call.called_at
            )
        return Ticket.objects.filter(service_date__lt=today, status=Ticket.Status.WAITING).update(
            status=Ticket.Status.EXPIRED
        )


# Calling at a window --------------------------------------------------------------------------


def _calling_staff(user, window: Window, at: datetime) -> Staff:
    """The user's staff record if they are on duty at `window` today. Raises NotOnDuty."""
    access = access_for(user)
    staff = access.staff
    if staff is None or not access.has_role(*CALLING_ROLES):
        raise NotOnDuty(_("只有窗口工作人员可以叫号。"))
    on_duty = DutyAssignment.objects.filter(window=window, duty_date=local(at).date(), staff=staff).exists()
    if not on_duty:
        raise NotOnDuty(
            _("您今天不在 %(window)s 号窗口值班，不能在此叫号。请按值班表到岗，或请中心办公室调整值班。")
            % {"window": window.number}
        )
    return staff


def _window_state(window: Window, at: datetime) -> WindowState:
    """The window's state row, locked (created on first use)."""
    state = WindowState.objects.select_for_update().filter(window=window).first()
    if state is None:
        try:
            with transaction.atomic():
                WindowState.objects.create(window=window, changed_at=at)
        except IntegrityError:
            pass
        state = WindowState.objects.select_for_update().get(window=window)
    return state


def open_call(window: Window) -> Call | None:
    return (
        Call.objects.filter(window=window, outcome=Call.Outcome.SERVING)
        .select_related("ticket", "ticket__category", "staff__user")
        .first()
    )


def _call_end(call: Call, *, outcome: str, at: datetime) -> None:
    call.outcome = outcome
    call.ended_at = at
    call.service_seconds = max(0, int((at - call.called_at).total_seconds()))
    call.save(update_fields=["outcome", "ended_at", "service_seconds"])


def _pick_sql(category_count: int) -> str:
    """The one statement of call-next. The window's categories are given as ids (not joined), so
    with one category the planner walks the partial index of waiting tickets in the order of
    service and stops at the first row it can lock."""
    ticket = Ticket._meta.db_table
    # OF t: lock the ticket only (were another table joined, its locked rows would make SKIP
    # LOCKED pass over every ticket another window is calling from: the 100-window test found it).
    lock = " FOR UPDATE OF t SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    categories = ", ".join(["%s"] * category_count)
    return (
        f"UPDATE {ticket} SET status = %s, window_id = %s, staff_id = %s, called_at = %s, "  # noqa: S608
        "first_called_at = COALESCE(first_called_at, %s), target_window_id = NULL "
        f"WHERE id = (SELECT t.id FROM {ticket} t "
        f"WHERE t.category_id IN ({categories}) AND t.service_date = %s AND t.status = %s "
        "AND (t.target_window_id IS NULL OR t.target_window_id = %s) "
        f"ORDER BY t.lane, t.sort_key, t.id LIMIT 1{lock}) "
        "AND status = %s RETURNING id"
    )


def _pick_next(*, window: Window, staff: Staff, at: datetime) -> int | None:
    """Mark the next ticket this window may serve as called, in one statement; its id, or None."""
    categories = list(
        Category.windows.through.objects.filter(window=window, category__is_active=True).values_list(
            "category_id", flat=True
        )
    )
    if not categories:
        return None
    waiting, called = Ticket.Status.WAITING, Ticket.Status.CALLED
    with connection.cursor() as cursor:
        cursor.execute(
            _pick_sql(len(categories)),
            [called, window.pk, staff.pk, at, at, *categories, local(at).date(), waiting, window.pk, waiting],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def _start_call(*, ticket_id: int, window: Window, staff: Staff, at: datetime) -> Call:
    ticket = Ticket.objects.get(pk=ticket_id)
    call = Call.objects.create(
        ticket=ticket,
        site_id=ticket.site_id,
        category_id=ticket.category_id,
        window=window,
        staff=staff,
        service_date=ticket.service_date,
        called_at=at,
        outcome=Call.Outcome.SERVING,
        wait_seconds=max(0, int((at - ticket.queued_at).total_seconds())),
    )
    broadcast.after_commit_call(call.pk)
    return call


@dataclass(frozen=True)
class FinishResult:
    ticket: Ticket
    cases: list[Case]


@dataclass(frozen=True)
class NextResult:
    """What call-next did: the ticket it finished (if the window was serving one) and the call it
    made (None when nobody else waits)."""

    call: Call | None
    finished: Ticket | None


def call_next(*, user, window: Window, at: datetime, case_ids: list[int] | None = None) -> NextResult:
    """Finish the ticket the window serves (if any, linking the cases made for it) and call the
    next one this window may serve: appointments checked in, then priority, then first come; only
    categories the window serves. Raises NotOnDuty, QueueError (paused), QueueEmpty (nothing to
    finish and nobody waiting)."""
    staff = _calling_staff(user, window, at)
    with transaction.atomic():
        state = _window_state(window, at)
        if state.is_paused:
            raise QueueError(_("本窗口已暂停服务，请先恢复服务再叫号。"), code="queue_window_paused")
        current = _serving_call(window)
        finished = _finish(current, user=user, window=window, at=at, case_ids=case_ids) if current else None
        picked = _pick_next(window=window, staff=staff, at=at)
        if picked is None:
            if finished is None:
                raise QueueEmpty(_("本窗口服务的业务类别暂无等候的号。"))
            return NextResult(call=None, finished=finished)
        call = _start_call(ticket_id=picked, window=window, staff=staff, at=at)
        return NextResult(call=call, finished=finished)


def _serving_call(window: Window) -> Call | None:
    """The call the window serves, locked (after the window's state: see the lock order)."""
    return (
        Call.objects.select_for_update(of=("self",))
        .filter(window=window, outcome=Call.Outcome.SERVING)
        .first()
    )


def _current_or_error(window: Window, at: datetime) -> Call:
    _window_state(window, at)
    current = _serving_call(window)
    if current is None:
        raise WrongTicketState(_("本窗口当前没有正在办理的号。"))
    return current


def call_recall(*, user, window: Window, at: datetime) -> Call:
    """Call the window's current ticket again (display and voice). Raises WrongTicketState."""
    _calling_staff(user, window, at)
    with transaction.atomic():
        call = _current_or_error(window, at)
        call.recall_count += 1
        call.save(update_fields=["recall_count"])
        broadcast.after_commit_call(call.pk, recall=True)
        return call


def call_skip(*, user, window: Window, at: datetime) -> Ticket:
    """过号: the person did not come. The first time the ticket goes back into its queue behind
    ONEWINDOW_QUEUE_SKIP_BEHIND waiting tickets; the second time it is dropped (过号未到)."""
    _calling_staff(user, window, at)
    with transaction.atomic():
        call = _current_or_error(window, at)
        ticket = Ticket.objects.select_for_update().get(pk=call.ticket_id)
        _call_end(call, outcome=Call.Outcome.SKIPPED, at=at)
        if ticket.skip_count >= 1:
            ticket.status = Ticket.Status.NO_SHOW
            ticket.finished_at = at
            ticket.save(update_fields=["status", "finished_at"])
        else:
            keys = list(
                Ticket.objects.filter(
                    category_id=ticket.category_id,
                    service_date=ticket.service_date,
                    status=Ticket.Status.WAITING,
                    lane=ticket.lane,
                )
                .order_by("sort_key", "id")
                .values_list("sort_key", flat=True)[: settings.ONEWINDOW_QUEUE_SKIP_BEHIND]
            )
            ticket.sort_key = policy.skip_sort_key(
                keys, behind=settings.ONEWINDOW_QUEUE_SKIP_BEHIND, own_key=ticket.sort_key
            )
            ticket.status = Ticket.Status.WAITING
            ticket.skip_count += 1
            ticket.queued_at = at
            ticket.save(update_fields=["sort_key", "status", "skip_count", "queued_at"])
        broadcast.after_commit_window(window.pk)
        broadcast.after_commit_hall(ticket.site_id)
        return ticket


def call_transfer(
    *,
    user,
    window: Window,
    at: datetime,
    category: Category | None = None,
    target_window: Window | None = None,
) -> Ticket:
    """Send the window's current ticket to another category and/or a given window: it waits there
    with the place it queued for. Raises QueueError, WrongTicketState."""
    _calling_staff(user, window, at)
    with transaction.atomic():
        call = _current_or_error(window, at)
        ticket = Ticket.objects.select_for_update().get(pk=call.ticket_id)
        category = category or Category.objects.get(pk=ticket.category_id)
        if category.site_id != ticket.site_id or not category.is_active:
            raise QueueError(_("只能转移到本中心在用的业务类别。"), code="queue_bad_transfer")
        if target_window is not None:
            if target_window.pk == window.pk:
                raise QueueError(_("不能转移到本窗口。"), code="queue_bad_transfer")
            if not category.windows.filter(pk=target_window.pk).exists():
                raise QueueError(
                    _("%(window)s 号窗口不办理“%(category)s”。")
                    % {"window": target_window.number, "category": category.name},
                    code="queue_bad_transfer",
                )
        elif category.pk == ticket.category_id:
            raise QueueError(_("请选择要转去的业务类别或窗口。"), code="queue_bad_transfer")
        _call_end(call, outcome=Call.Outcome.TRANSFERRED, at=at)
        ticket.category = category
        ticket.target_window = target_window
        ticket.status = Ticket.Status.WAITING
        ticket.queued_at = at
        ticket.save(update_fields=["category", "target_window", "status", "queued_at"])
        broadcast.after_commit_window(window.pk)
        broadcast.after_commit_hall(ticket.site_id)
        return ticket


def cases_made_during(call: Call, *, until: datetime) -> list[Case]:
    """The cases the call's clerk received at the site since the call began: what finishing
    links by default."""
    return list(
        Case.objects.filter(
            site_id=call.site_id,
            received_by_id=call.staff_id,
            received_at__gte=call.called_at,
            received_at__lte=until,
        ).order_by("received_at")[:20]
    )


def _finish(call: Call, *, user, window: Window, at: datetime, case_ids: list[int] | None) -> Ticket:
    ticket = Ticket.objects.select_for_update().get(pk=call.ticket_id)
    _call_end(call, outcome=Call.Outcome.FINISHED, at=at)
    ticket.status = Ticket.Status.FINISHED
    ticket.finished_at = at
    ticket.save(update_fields=["status", "finished_at"])
    candidates = cases_made_during(call, until=at)
    if case_ids is not None:
        wanted = set(case_ids)
        unknown = wanted - {case.pk for case in candidates}
        if unknown:
            raise QueueError(_("只能关联本次叫号后由您收件的办件。"), code="queue_bad_case_link")
        candidates = [case for case in candidates if case.pk in wanted]
    linked = set(TicketCase.objects.filter(case__in=candidates).values_list("case_id", flat=True))
    TicketCase.objects.bulk_create(
        [TicketCase(ticket=ticket, case=case) for case in candidates if case.pk not in linked]
    )
    # The window's tablet asks for a rating of this service, about its first case if any.
    service_push(user=user, window=window, at=at, case=candidates[0] if candidates else None)
    broadcast.after_commit_window(window.pk)
    return ticket


def call_finish(*, user, window: Window, at: datetime, case_ids: list[int] | None = None) -> FinishResult:
    """End the service of the window's current ticket: link the cases made for it (the given
    ids, or every case the clerk received since the call) and ask for a rating on the window's
    tablet. Raises WrongTicketState, QueueError."""
    _calling_staff(user, window, at)
    with transaction.atomic():
        call = _current_or_error(window, at)
        ticket = _finish(call, user=user, window=window, at=at, case_ids=case_ids)
        cases = [link.case for link in ticket.case_links.select_related("case")]
        return FinishResult(ticket=ticket, cases=cases)


def window_pause(*, user, window: Window, at: datetime, reason: str = "") -> WindowState:
    """暂停服务: the window stops calling (its display says so). Not while serving a ticket."""
    _calling_staff(user, window, at)
    with transaction.atomic():
        state = _window_state(window, at)
        if open_call(window) is not None:
            raise WrongTicketState(_("请先办结或转移当前的号，再暂停服务。"))
        state.is_paused = True
        state.pause_reason = _clean_name(reason, required=False)[:60]
        state.changed_at = at
        state.save(update_fields=["is_paused", "pause_reason", "changed_at"])
        broadcast.after_commit_window(window.pk)
        return state


def window_resume(*, user, window: Window, at: datetime) -> WindowState:
    _calling_staff(user, window, at)
    with transaction.atomic():
        state = _window_state(window, at)
        state.is_paused = False
        state.pause_reason = ""
        state.changed_at = at
        state.save(update_fields=["is_paused", "pause_reason", "changed_at"])
        broadcast.after_commit_window(window.pk)
        return state


# The floor: long waits ---------------------------------------------------------------------------


def wait_alerts_send(*, at: datetime) -> int:
    """Tickets waiting longer than ONEWINDOW_QUEUE_WAIT_ALERT_MINUTES since they joined the queue
    alert the center office (the floor) once each, one message per site; returns how many.

    The tickets are marked by one short UPDATE, committed before the messages are written: a
    waiting ticket's row is locked only for that statement, so call-next's SKIP LOCKED does not
    pass over the people who have waited longest while the job writes its messages."""
    since = at - timedelta(minutes=settings.ONEWINDOW_QUEUE_WAIT_ALERT_MINUTES)
    candidates = Ticket.objects.filter(
        service_date=local(at).date(),
        status=Ticket.Status.WAITING,
        queued_at__lte=since,
        alerted_at__isnull=True,
    )
    ids = list(candidates.values_list("pk", flat=True))
    if not ids:
        return 0
    marked = candidates.filter(pk__in=ids).update(alerted_at=at)  # a run alongside marks none twice
    if not marked:
        return 0
    late = list(Ticket.objects.filter(pk__in=ids, alerted_at=at).order_by("site_id", "queued_at"))
    by_site: dict[int, list[Ticket]] = {}
    for ticket in late:
        by_site.setdefault(ticket.site_id, []).append(ticket)
    with transaction.atomic():
        for site_id, tickets in by_site.items():
            site = Site.objects.get(pk=site_id)
            lines = [
                _("%(code)s 已等候 %(minutes)s 分钟%(who)s")
                % {
                    "code": ticket.code,
                    "minutes": int((at - ticket.queued_at).total_seconds() // 60),
                    "who": f"（{mask_name(ticket.applicant_name)}）" if ticket.applicant_name else "",
                }
                for ticket in tickets[:30]
            ]
            inbox_send(
                user_ids=center_office_user_ids(site),
                subject=_("大厅等候超时：%(count)s 个号等候超过 %(minutes)s 分钟")
                % {"count": len(tickets), "minutes": settings.ONEWINDOW_QUEUE_WAIT_ALERT_MINUTES},
                body="\n".join(lines),
                at=at,
            )
            broadcast.after_commit_hall(site_id)
    return len(late)
