"""The calendar a process holds: asked of the database at most once per recheck window, yet never
stale for the process that changed it, and never showing a rolled-back change."""

from datetime import UTC, date, datetime

import pytest
from django.db import transaction

from onewindow.workcalendar import selectors, services
from onewindow.workcalendar.models import CalendarChange

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def window(settings, monkeypatch, seeded_calendar):
    """A 60-second recheck window, a settled process and a clock the test moves."""
    settings.ONEWINDOW_CALENDAR_RECHECK_SECONDS = 60
    clock = {"now": 1000.0}
    monkeypatch.setattr(selectors.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(selectors, "_unsettled", False)
    monkeypatch.setattr(selectors, "_checked_at", float("-inf"))
    selectors.working_calendar()  # loaded and checked now
    return clock


def _publish_2027():
    services.calendar_year_open(year=2027, actor=None, at=NOW)
    services.calendar_arrangement_add(
        year=2027,
        name="春节",
        first_date=date(2027, 2, 5),
        last_date=date(2027, 2, 13),
        makeup_dates=[date(2027, 2, 20)],
        actor=None,
        at=NOW,
    )
    services.calendar_year_publish(year=2027, notice_reference="国办发明电〔2026〕7号", actor=None, at=NOW)


def test_within_the_window_the_calendar_costs_no_query(window, django_assert_num_queries):
    with django_assert_num_queries(0):
        for _ in range(3):
            selectors.working_calendar()
    window["now"] += 61
    with django_assert_num_queries(1):  # the revision, unchanged: nothing rebuilt
        selectors.working_calendar()


def test_another_process_change_is_seen_once_the_window_has_passed(window):
    # Another process wrote a change (it is not this process's write: no cache clear here)
    CalendarChange.objects.create(
        year=2030, action=CalendarChange.Action.YEAR_OPENED, detail="", changed_at=NOW
    )
    first = selectors.working_calendar()
    window["now"] += 30
    assert selectors.working_calendar() is first  # still trusted inside the window
    window["now"] += 31
    assert selectors.working_calendar() is not first  # asked again, the revision moved, rebuilt


def test_the_writing_process_sees_its_change_at_once_and_never_a_rolled_back_one(window):
    assert selectors.working_calendar().is_year_covered(2027) is False
    with pytest.raises(RuntimeError), transaction.atomic():
        _publish_2027()
        assert selectors.working_calendar().is_year_covered(2027) is True  # at once, inside the window
        raise RuntimeError("the clerk's transaction fails")
    assert selectors.working_calendar().is_year_covered(2027) is False  # the rollback is not served
    _publish_2027()
    assert selectors.working_calendar().is_year_covered(2027) is True
