"""The Hongqiao center's figures of its first year (seed 002; ../shared/DOMAIN.md §9): 81,108
accepted, 80,905 completed (99.75%), 57,587 of them immediate (71%), 22,345 of the promised cases
finished early (95%), about 305 a working day — reproduced from generated cases built to match,
through the roll-up, on 266 working days (the dates are this calendar's, the counts Hongqiao's)."""

from datetime import date
from decimal import Decimal

import chinese_calendar
import pytest

from onewindow.stats import selectors, services
from onewindow.stats.tests.factories import CaseSpec, write_cases
from onewindow.stats.tests.test_figures import items  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

ACCEPTED, COMPLETED, IMMEDIATE, EARLY = 81_108, 80_905, 57_587, 22_345


def test_hongqiao_first_year(hall, items):  # noqa: F811
    days = chinese_calendar.get_workdays(date(2025, 10, 9), date(2026, 11, 30))[:266]
    specs = []
    for number in range(ACCEPTED):
        day = days[number % len(days)]
        if number < IMMEDIATE:
            specs.append(
                CaseSpec(
                    items["immediate"], hall["county"].pk, day, accepted=day, decided=day, promised_due=day
                )
            )
        elif number < COMPLETED:
            early = number - IMMEDIATE < EARLY
            due = day if not early else date.fromordinal(day.toordinal() + 7)
            specs.append(
                CaseSpec(
                    items["promised"], hall["county"].pk, day, accepted=day, decided=day, promised_due=due
                )
            )
        else:
            specs.append(CaseSpec(items["promised"], hall["county"].pk, day, accepted=day))
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(days[0], days[-1])
    year = selectors.period_figures(first=days[0], last=days[-1])
    assert (year.accepted, year.completed, year.completed_immediate, year.completed_early) == (
        ACCEPTED,
        COMPLETED,
        IMMEDIATE,
        EARLY,
    )
    assert year.completion_rate == Decimal("99.75")
    assert year.immediate_share == Decimal("71.18")  # "71%"
    assert year.early_rate == Decimal("95.83")  # "95%" of the 23,318 promised cases finished
    assert (year.working_days, year.per_working_day) == (266, Decimal("304.9"))  # "about 305"
