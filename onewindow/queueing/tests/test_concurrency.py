"""A hundred windows calling at once on PostgreSQL: no ticket is called twice, none is passed
over, and the numbers given at two kiosks at once are gap-free."""

from datetime import datetime

import pytest
from django.utils import timezone

from onewindow.common.tests.concurrency import fresh_user, run_together
from onewindow.org.models import DutyAssignment, Role
from onewindow.org.tests.factories import make_staff, make_window
from onewindow.queueing import services
from onewindow.queueing.models import Call, Ticket
from onewindow.queueing.tests.factories import ELDERLY_ID, TUESDAY, at, make_categories

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

WINDOWS = 100
#: Threads acting for the windows (two windows each): PostgreSQL's default 100 connections are
#: shared with the other test worker, so a hundred windows are driven by fifty connections.
THREADS = 50
ROUNDS = 3


def test_a_hundred_windows_calling_at_once_call_each_ticket_once_in_order(hall, seeded_calendar):
    county = hall["county"]
    category = make_categories(hall)["A"]
    windows = [make_window(site=county, number=f"{100 + index}") for index in range(WINDOWS)]
    category.windows.add(*windows)
    clerks = [make_staff(site=county, roles=[Role.WINDOW_CLERK]) for _ in range(WINDOWS)]
    DutyAssignment.objects.bulk_create(
        DutyAssignment(
            window=window,
            duty_date=TUESDAY,
            staff=clerk,
            source=DutyAssignment.Source.ASSIGNED,
            assigned_by=hall["office"].user,
            assigned_at=timezone.make_aware(datetime(2026, 11, 16, 8)),
        )
        for window, clerk in zip(windows, clerks, strict=True)
    )
    total = WINDOWS * ROUNDS + 100
    for index in range(total):
        services.ticket_issue(
            category=category,
            at=at(TUESDAY, 9, 0).replace(second=index % 60, microsecond=index),
            id_number=ELDERLY_ID if index % 10 == 9 else "",
        )

    def desk(thread: int):
        pairs = [(windows[thread * 2 + side], clerks[thread * 2 + side].user_id) for side in (0, 1)]

        def run():
            called = []
            for round_number in range(ROUNDS):
                for window, user_id in pairs:
                    moment = at(TUESDAY, 10, round_number)
                    result = services.call_next(user=fresh_user(user_id), window=window, at=moment)
                    called.append(result.call.ticket_id)
            return called

        return run

    outcomes = run_together([desk(thread) for thread in range(THREADS)])
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert errors == []
    called = [ticket_id for outcome in outcomes for ticket_id in outcome]
    assert len(called) == len(set(called)) == WINDOWS * ROUNDS
    assert Call.objects.count() == WINDOWS * ROUNDS
    order = list(Ticket.objects.order_by("lane", "sort_key", "id").values_list("id", flat=True))
    assert set(called) == set(order[: WINDOWS * ROUNDS])  # the first 300 in the order of service
    waiting = set(Ticket.objects.filter(status=Ticket.Status.WAITING).values_list("id", flat=True))
    assert waiting == set(order[WINDOWS * ROUNDS :])


def test_two_kiosks_at_once_take_consecutive_numbers(hall, seeded_calendar):
    category = make_categories(hall)["A"]
    outcomes = run_together(
        [lambda: services.ticket_issue(category=category, at=at(TUESDAY, 9, 0)) for _ in range(20)]
    )
    assert sorted(outcome.number for outcome in outcomes) == list(range(1, 21))
