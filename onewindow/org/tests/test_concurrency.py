"""Concurrent clerks on PostgreSQL: row locks make exactly one win and lose nothing."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from onewindow.common.tests.concurrency import run_together
from onewindow.org import services
from onewindow.org.models import DutyAssignment, WindowPost
from onewindow.org.tests.factories import make_staff
from onewindow.workcalendar.selectors import working_calendar

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_eight_offices_giving_one_post_leave_exactly_one_holder(seeded_calendar, hall):
    window = hall["windows"][2]
    candidates = [make_staff(site=hall["county"]) for _ in range(8)]
    outcomes = run_together(
        [
            (
                lambda person=person: services.window_post_assign(
                    window=window, post="B", staff=person, from_date=date(2026, 6, 1)
                )
            )
            for person in candidates
        ]
    )
    open_posts = WindowPost.objects.filter(window=window, post="B", active_to_date__isnull=True)
    assert open_posts.count() == 1
    # Every office either succeeded in turn or was told why: nobody got a database error.
    assert all(isinstance(outcome, (WindowPost, ValidationError)) for outcome in outcomes), outcomes
    assert sum(1 for outcome in outcomes if isinstance(outcome, WindowPost)) >= 1


def test_generating_the_roster_twice_at_once_assigns_each_window_once(seeded_calendar, hall):
    calendar = working_calendar()
    outcomes = run_together(
        [
            lambda: services.duty_roster_generate(
                site=hall["county"], duty_date=date(2026, 11, 23), actor=None, at=NOW, calendar=calendar
            )
            for _ in range(4)
        ]
    )
    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert DutyAssignment.objects.filter(duty_date=date(2026, 11, 23)).count() == 3
    assert sum(len(outcome.created) for outcome in outcomes) == 3


def test_two_clerks_putting_one_person_on_two_windows_at_once(seeded_calendar, hall):
    calendar = working_calendar()
    person = make_staff(site=hall["county"])
    outcomes = run_together(
        [
            (
                lambda window=window: services.duty_assign(
                    window=window,
                    duty_date=date(2026, 11, 23),
                    staff=person,
                    actor=None,
                    at=NOW,
                    calendar=calendar,
                )
            )
            for window in hall["windows"]
        ]
    )
    assert DutyAssignment.objects.filter(staff=person, duty_date=date(2026, 11, 23)).count() == 1
    assert sum(1 for outcome in outcomes if isinstance(outcome, DutyAssignment)) == 1
    assert all(isinstance(outcome, (DutyAssignment, services.OrgError)) for outcome in outcomes), outcomes
