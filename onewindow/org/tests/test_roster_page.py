"""The duty roster offers, for each window, only the staff who can sit at it."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onewindow.org.models import DutyAssignment, Role
from onewindow.org.tests.factories import make_staff, make_window

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 23)
URL = f"/office/org/duty/?date={MONDAY.isoformat()}"


def _offered(page: str) -> dict[str, list[str]]:
    """Window number → the names offered in its assignment select."""
    offered = {}
    for number, row in re.findall(r'<tr class="[^"]*" data-window="([^"]+)">(.*?)</tr>', page, re.S):
        select = re.search(r'<select name="staff".*?</select>', row, re.S).group(0)
        offered[number] = [
            name.split(" · ")[0].strip()
            for name in re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)
        ]
    return offered


def _roster(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get(URL).content.decode()


def test_each_window_offers_only_the_staff_who_can_sit_at_it(seeded_calendar, hall):
    offered = _offered(_roster(hall["office"].user))
    # A comprehensive window: the hall's own window clerks, not the departments' staff
    assert offered["1"] == ["王秀英", "赵志强"]
    # A department's handling window: its A/B holders and that department's window staff
    assert offered["2"] == ["刘建国", "朱振华", "宋首席"]
    assert offered["3"] == ["梁磊"]


def test_a_fee_window_offers_fee_clerks_and_the_one_on_duty_stays_listed(seeded_calendar, hall):

    fee_window = make_window(site=hall["county"], number="4", kind="FEE")
    DutyAssignment.objects.create(
        window=fee_window,
        duty_date=MONDAY,
        staff=hall["agent"],
        source=DutyAssignment.Source.ASSIGNED,
        assigned_at=timezone.now(),
    )
    offered = _offered(_roster(hall["office"].user))
    assert offered["4"] == [hall["agent"].name, hall["fee"].name]


def test_the_roster_reads_a_constant_number_of_queries(seeded_calendar, hall, django_assert_num_queries):
    client = Client()
    client.force_login(hall["office"].user)
    with CaptureQueriesContext(connection) as before:
        client.get(URL)
    for number in range(5, 12):
        window = make_window(site=hall["county"], number=str(number), departments=[hall["market"]])
        make_staff(site=hall["county"], roles=[Role.WINDOW_CLERK], department=hall["market"])
        make_staff(site=hall["county"], roles=[Role.WINDOW_CLERK])
        assert window
    with django_assert_num_queries(len(before.captured_queries)):
        page = client.get(URL).content.decode()
    assert len(_offered(page)) == 3 + 7
