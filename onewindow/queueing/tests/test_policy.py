from datetime import date, time

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from onewindow.queueing import policy


def test_age_counts_whole_years_and_leap_birthdays():
    assert policy.age_on(date(1966, 11, 17), date(2026, 11, 17)) == 60
    assert policy.age_on(date(1966, 11, 18), date(2026, 11, 17)) == 59
    assert policy.age_on(date(1964, 2, 29), date(2024, 2, 28)) == 59
    assert policy.birth_date_of("33010219661317123X") is None


def test_slots_cut_each_period_and_drop_a_short_tail():
    periods = policy.parse_hours("09:00-10:10, 13:30-14:30")
    assert policy.slots_of_day(periods, minutes=30) == [
        (time(9, 0), time(9, 30)),
        (time(9, 30), time(10, 0)),
        (time(13, 30), time(14, 0)),
        (time(14, 0), time(14, 30)),
    ]


@pytest.mark.parametrize("text", ["", "9-12", "12:00-09:00", "09:00-12:00,11:00-13:00", "25:00-26:00"])
def test_unreadable_hours_are_refused(text):
    with pytest.raises(policy.BadHours):
        policy.parse_hours(text)


def test_skip_goes_behind_the_nth_waiting_or_to_the_end():
    assert policy.skip_sort_key([10, 20, 30, 40], behind=3, own_key=5) == 31
    assert policy.skip_sort_key([10], behind=3, own_key=5) == 11
    assert policy.skip_sort_key([], behind=3, own_key=5) == 5


def test_ticket_codes_have_at_least_three_digits():
    assert [policy.ticket_code("A", n) for n in (1, 42, 999, 1000)] == ["A001", "A042", "A999", "A1000"]


def test_the_system_check_refuses_bad_hours(settings):
    settings.ONEWINDOW_QUEUE_HOURS = "9点到12点"
    with pytest.raises(SystemCheckError, match="queueing.E001"):
        call_command("check")
