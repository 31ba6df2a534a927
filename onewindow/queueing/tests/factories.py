"""A small hall's queue for tests: two categories (A 市场准入 at windows 1 and 2, B 不动产 at
windows 1 and 3), three clerks on duty on Tuesday 2026-11-17."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from onewindow.cases.tests.factories import at
from onewindow.common.identifiers import id_card_check_character
from onewindow.org import services as org_services
from onewindow.queueing.models import Category
from onewindow.workcalendar.selectors import working_calendar

TUESDAY = date(2026, 11, 17)
WEDNESDAY = date(2026, 11, 18)
SATURDAY = date(2026, 11, 21)


def id_number(birth: str = "19900101", serial: str = "123") -> str:
    first = "330102" + birth + serial
    return first + id_card_check_character(first)


ELDERLY_ID = id_number("19500301", "456")  # 76 on the Tuesday
YOUNG_ID = id_number("19900101", "123")


def make_categories(hall) -> dict[str, Category]:
    county = hall["county"]
    first, second, third = hall["windows"]
    market = Category.objects.create(site=county, prefix="A", name="市场准入", sort_order=1, slot_capacity=2)
    market.windows.set([first, second])
    market.departments.set([hall["market"]])
    housing = Category.objects.create(
        site=county, prefix="B", name="不动产登记", sort_order=2, slot_capacity=2
    )
    housing.windows.set([first, third])
    housing.departments.set([hall["housing"]])
    return {"A": market, "B": housing}


def put_on_duty(hall, *, day: date = TUESDAY) -> None:
    calendar = working_calendar()
    first, second, third = hall["windows"]
    now = timezone.make_aware(datetime(2026, 11, 16, 8, 0))
    for window, staff in ((first, hall["clerk"]), (second, hall["market_a"]), (third, hall["housing_a"])):
        org_services.duty_assign(
            window=window, duty_date=day, staff=staff, actor=hall["office"].user, at=now, calendar=calendar
        )


def book(queue, *, prefix="A", day=TUESDAY, slot=(10, 0), booked_at=None, person="19900101", serial="123"):
    """An appointment in queue[prefix] on `day` at the slot starting at `slot` (hour, minute),
    booked the evening before unless `booked_at` is given."""
    from datetime import time

    from onewindow.queueing import services

    return services.appointment_book(
        category=queue[prefix],
        service_date=day,
        slot_start=time(*slot),
        name="李四",
        id_number=id_number(person, serial),
        phone="13800138000",
        at=booked_at or at(date.fromordinal(day.toordinal() - 1), 20, 0),
    )


__all__ = ["at", "book", "id_number", "make_categories", "put_on_duty"]
