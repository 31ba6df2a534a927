"""The arithmetic agrees with a brute-force walk over chinese_calendar.is_workday."""

from datetime import date, timedelta

import chinese_calendar
import numpy as np
import pytest
from chinese_calendar import constants
from hypothesis import given, settings
from hypothesis import strategies as st

from onewindow.workcalendar.arithmetic import DateOutOfRange, WorkingCalendar

FIRST_YEAR, LAST_YEAR = 2004, 2026
CALENDAR = WorkingCalendar(
    holidays=constants.holidays,
    makeup_workdays=constants.workdays,
    covered_years=range(FIRST_YEAR, LAST_YEAR + 1),
)
# Walks stay inside the package's years: start far enough from both ends for 80 working days.
SAFE_DATES = st.dates(min_value=date(FIRST_YEAR, 5, 1), max_value=date(LAST_YEAR, 8, 1))


def walk(start: date, working_days: int) -> date:
    step = timedelta(days=1 if working_days > 0 else -1)
    day, remaining = start, abs(working_days)
    while remaining:
        day += step
        if chinese_calendar.is_workday(day):
            remaining -= 1
    return day


def count_between(start: date, end: date) -> int:
    sign, (low, high) = (1, (start, end)) if start <= end else (-1, (end, start))
    return sign * sum(
        chinese_calendar.is_workday(low + timedelta(days=offset))
        for offset in range(1, (high - low).days + 1)
    )


@settings(max_examples=3000, deadline=None)
@given(start=SAFE_DATES, working_days=st.integers(min_value=-80, max_value=80))
def test_add_agrees_with_a_day_by_day_walk(start, working_days):
    assert CALENDAR.add(start, working_days) == walk(start, working_days)


@settings(max_examples=2000, deadline=None)
@given(start=SAFE_DATES, span=st.integers(min_value=-120, max_value=120))
def test_between_agrees_with_counting_each_day(start, span):
    end = start + timedelta(days=span)
    assert CALENDAR.between(start, end) == count_between(start, end)


@settings(max_examples=1000, deadline=None)
@given(start=SAFE_DATES, working_days=st.integers(min_value=0, max_value=80))
def test_between_inverts_add(start, working_days):
    assert CALENDAR.between(start, CALENDAR.add(start, working_days)) == working_days


def test_every_covered_day_is_classified_as_the_package_does():
    day, last = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
    while day <= last:
        assert CALENDAR.is_working_day(day) is chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_spring_festival_2026_and_its_makeup_saturday():
    # Given the arrangement: 2026-02-14 (Saturday) is worked, 02-15 to 02-23 are off
    # When a case is accepted on Friday 2026-02-13 with a 2-working-day limit
    # Then it is due on 2026-02-24: the make-up Saturday counts, the festival does not
    assert CALENDAR.add(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert CALENDAR.between(date(2026, 2, 13), date(2026, 2, 24)) == 2
    assert CALENDAR.is_working_day(date(2026, 2, 14)) is True
    assert CALENDAR.is_working_day(date(2026, 2, 16)) is False


def test_the_start_day_is_not_counted_even_on_a_holiday():
    assert CALENDAR.add(date(2026, 10, 1), 1) == date(2026, 10, 8)
    assert CALENDAR.add(date(2026, 10, 8), 0) == date(2026, 10, 8)
    assert CALENDAR.add(date(2026, 10, 8), -1) == date(2026, 9, 30)


def test_an_uncovered_year_falls_back_to_monday_to_friday():
    assert CALENDAR.is_year_covered(2027) is False
    assert CALENDAR.add(date(2027, 2, 5), 1) == date(2027, 2, 8)  # Friday + 1 = Monday
    assert CALENDAR.between(date(2027, 3, 1), date(2027, 3, 8)) == 5


def test_batches_match_single_calls():
    rng = np.random.default_rng(20261121)
    starts = np.datetime64("2004-05-01") + rng.integers(0, 8000, size=5000).astype("timedelta64[D]")
    offsets = rng.integers(-60, 61, size=5000)
    expected = [
        CALENDAR.add(start.astype(date), int(offset)) for start, offset in zip(starts, offsets, strict=True)
    ]
    assert [value.astype(date) for value in CALENDAR.add_many(starts, offsets)] == expected
    ends = starts + rng.integers(-90, 91, size=5000).astype("timedelta64[D]")
    assert CALENDAR.between_many(starts, ends).tolist() == [
        CALENDAR.between(start.astype(date), end.astype(date))
        for start, end in zip(starts, ends, strict=True)
    ]
    assert CALENDAR.is_working_day_many(starts).tolist() == [
        CALENDAR.is_working_day(start.astype(date)) for start in starts
    ]


def test_dates_outside_the_calendar_are_refused_clearly():
    with pytest.raises(DateOutOfRange, match="1989-12-31"):
        CALENDAR.add(date(1989, 12, 31), 1)
    with pytest.raises(DateOutOfRange):
        CALENDAR.add(date(2200, 12, 30), 5)
    with pytest.raises(DateOutOfRange):
        CALENDAR.add_many(np.array(["1980-01-01"], dtype="datetime64[D]"), 1)
