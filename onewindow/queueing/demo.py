"""What `onewindow demo` loads for the queue (idempotent): the demo center's service categories
(A 企业开办 … G 绿色通道) with the windows that serve them, five working days of served tickets
for the KPIs, and — when today is a working day — people waiting now and two appointments, so the
kiosk, the displays, the desk and the floor have something to show."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from onewindow.common.identifiers import id_card_check_character
from onewindow.org.models import Site, Window, WindowPost
from onewindow.queueing import policy, services
from onewindow.queueing.models import Call, Category, Ticket
from onewindow.workcalendar.selectors import working_calendar

#: prefix, name, description, window numbers (org/demo.py COUNTY_WINDOWS), appointments per slot
CATEGORIES = [
    ("A", "企业开办", "设立登记、变更、注销、印章、发票、社保登记", ["4", "8", "9"], 4),
    ("B", "工程建设", "立项、规划、施工许可、竣工验收", ["5", "10", "11", "12", "13"], 3),
    ("C", "社会事务", "户籍、婚姻、社保、医保、救助", ["6", "14", "15", "16", "17"], 4),
    ("D", "不动产与公积金", "不动产登记、住房公积金", ["18", "19"], 4),
    ("E", "税务与缴费", "税务办理、缴费", ["24", "25", "26"], 2),
    ("F", "咨询与投诉", "政策咨询、投诉、档案与法律服务", ["1", "2", "3"], 0),
    ("G", "重大项目绿色通道", "由大厅工作人员发号", ["27"], 0),
]

#: (wait minutes, service minutes) in turn: most short, some long, as a real morning.
RHYTHM = [(4, 6), (7, 9), (12, 5), (3, 14), (18, 8), (9, 11), (25, 7), (6, 4), (35, 10), (11, 6)]


def _categories(county: Site) -> list[Category]:
    windows = {window.number: window for window in Window.objects.filter(site=county)}
    made = []
    for order, (prefix, name, description, numbers, capacity) in enumerate(CATEGORIES, start=1):
        category, _created = Category.objects.get_or_create(
            site=county,
            prefix=prefix,
            defaults={
                "name": name,
                "description": description,
                "slot_capacity": capacity,
                "sort_order": order,
            },
        )
        category.windows.set([windows[number] for number in numbers if number in windows])
        made.append(category)
    return made


def _served_day(categories: list[Category], day, staff_of) -> int:
    """A past day's queue: tickets issued through the day, each called and finished."""
    written = 0
    start = timezone.make_aware(datetime.combine(day, time(9, 0)))
    for index in range(36):
        category = categories[index % 5]
        wait, service = RHYTHM[(index + day.day) % len(RHYTHM)]
        issued = start + timedelta(minutes=index * 7)
        if timezone.localtime(issued).time() >= time(11, 30):
            issued += timedelta(minutes=120)  # the lunch break
        ticket = services.ticket_record(
            category=category,
            at=issued,
            source=Ticket.Source.KIOSK,
            person=services.Person(),
            priority_group="",
            lane=policy.WALK_IN_LANE,
            sort_key=policy.sort_key_at(issued),
        )
        window = category.windows.order_by("number")[index % max(1, category.windows.count())]
        staff = staff_of(window)
        if staff is None:
            continue
        called, finished = issued + timedelta(minutes=wait), issued + timedelta(minutes=wait + service)
        Call.objects.create(
            ticket=ticket,
            site_id=ticket.site_id,
            category=category,
            window=window,
            staff=staff,
            service_date=day,
            called_at=called,
            ended_at=finished,
            outcome=Call.Outcome.FINISHED,
            wait_seconds=wait * 60,
            service_seconds=service * 60,
        )
        Ticket.objects.filter(pk=ticket.pk).update(
            status=Ticket.Status.FINISHED,
            window=window,
            staff=staff,
            first_called_at=called,
            called_at=called,
            finished_at=finished,
        )
        written += 1
    return written


def queueing_demo_load(*, county: Site, now: datetime) -> int:
    """Returns how many tickets were written (0 when the demo already has a queue)."""
    categories = _categories(county)
    if Ticket.objects.filter(site=county).exists():
        return 0
    calendar = working_calendar()
    today = timezone.localtime(now).date()
    posts = {
        post.window_id: post.staff
        for post in WindowPost.objects.filter(
            window__site=county, post="A", active_to_date__isnull=True
        ).select_related("staff")
    }
    written = 0
    with transaction.atomic():
        day, past_days = today, []
        while len(past_days) < 5:
            day -= timedelta(days=1)
            if calendar.is_working_day(day):
                past_days.append(day)
        for day in reversed(past_days):
            written += _served_day(categories, day, lambda window: posts.get(window.pk))
        if calendar.is_working_day(today):
            for index, minutes in enumerate((42, 35, 26, 18, 12, 9, 6, 4, 2, 1)):
                issued = now - timedelta(minutes=minutes)
                if issued.date() != now.date():
                    continue
                category = categories[index % 4]
                services.ticket_record(
                    category=category,
                    at=issued,
                    source=Ticket.Source.KIOSK,
                    person=services.Person(name="李建华" if index == 0 else "", phone=""),
                    priority_group="ELDERLY" if index == 5 else "",
                    lane=policy.PRIORITY_LANE if index == 5 else policy.WALK_IN_LANE,
                    sort_key=policy.sort_key_at(issued),
                )
                written += 1
    _appointments(categories[0], today=today, now=now)
    return written


def _appointments(category: Category, *, today, now: datetime) -> None:
    """Two bookings on the next working day (the office sees them; the kiosk checks them in)."""
    day = working_calendar().next_working_day(today + timedelta(days=1))
    for index, (name, slot) in enumerate((("周晓梅", time(9, 30)), ("吴国强", time(10, 0)))):
        first = f"21028319{85 + index}0612{index:02d}1"
        try:
            services.appointment_book(
                category=category,
                service_date=day,
                slot_start=slot,
                name=name,
                id_number=first + id_card_check_character(first),
                phone=f"1390411{index:04d}",
                at=now,
            )
        except services.QueueError:
            return  # the hall's hours (a setting) have no such slot: the demo books none
