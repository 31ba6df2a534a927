"""The pure arithmetic: months, marks, the tally, weights and scores, ranks."""

from datetime import date, time
from decimal import Decimal

import pytest

from onewindow.assessment.scoring import (
    AttendanceTally,
    BadMonth,
    DayFacts,
    Deduction,
    Hours,
    Indicator,
    Mark,
    Measure,
    assessed_through,
    day_mark,
    parse_month,
    ranks,
    score,
    weights_problem,
)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026",
        "2026-13",
        "2026-00",
        "26-11",
        "2026-011",
        "2026/11",
        "1999-12",
        "２０２６-11",
        "2026-1\x00",
    ],
)
def test_bad_months(text):
    with pytest.raises(BadMonth):
        parse_month(text)


def test_months():
    assert parse_month("2026-11") == parse_month(" 2026-11 ") == date(2026, 11, 1)
    assert parse_month("2026-2") == date(2026, 2, 1)
    assert assessed_through(date(2026, 11, 1), today=date(2026, 12, 1)) == date(2026, 11, 30)
    assert assessed_through(date(2026, 12, 1), today=date(2026, 12, 15)) == date(2026, 12, 14)
    assert assessed_through(date(2026, 12, 1), today=date(2026, 12, 1)) is None


def test_marks_and_grace():
    hours = Hours(opens=time(8, 30), closes=time(17, 0), grace_minutes=5)
    day = date(2026, 11, 2)

    def mark(signed_in=None, signed_out=None, *, today=date(2026, 11, 3), **facts):
        facts = {"is_working_day": True, "on_duty": True, "excused": False, **facts}
        return day_mark(
            DayFacts(day, signed_in=signed_in, signed_out=signed_out, **facts), hours=hours, today=today
        )

    assert mark(time(8, 35, 59), time(17, 0)) == Mark.NORMAL  # within the grace
    assert mark(time(8, 36), time(17, 0)) == Mark.LATE
    assert mark(time(8, 36), time(16, 59)) == Mark.LATE_EARLY
    assert mark(time(8, 0)) == Mark.EARLY  # never signed out
    assert mark() == Mark.ABSENT and mark(excused=True) == Mark.LEAVE
    assert mark(today=day) == Mark.PENDING and mark(time(8, 0), today=day) == Mark.PENDING
    assert mark(time(9, 0), today=day) == Mark.LATE
    assert mark(is_working_day=False) == Mark.REST and mark(on_duty=False) == Mark.OFF
    tally = AttendanceTally()
    for each in (Mark.NORMAL, Mark.LATE_EARLY, Mark.ABSENT, Mark.LEAVE, Mark.REST, Mark.OFF, Mark.PENDING):
        tally.add(each)
    assert (tally.due, tally.late, tally.early, tally.absent, tally.leave) == (3, 1, 1, 1, 1)
    assert tally.credited == Decimal(1)  # 3 − 1 − ½ − ½


def test_weights_must_make_100():
    assert weights_problem({"a": 50, "b": 50}) is None
    assert weights_problem({"a": 50, "b": 49}) == "sum"
    assert weights_problem({"a": 101, "b": -1}) == "range"


def test_a_score_hands_on_the_weight_of_an_indicator_without_data():
    weights = {Indicator.ON_TIME: 60, Indicator.SATISFACTION: 40}
    result = score(
        [
            Measure(Indicator.ON_TIME, Decimal(3), Decimal(4)),
            Measure(Indicator.SATISFACTION, Decimal(0), Decimal(0)),
        ],
        [Deduction(Indicator.COMPLAINTS, {"UPHELD": 2}, {"UPHELD": Decimal(5)})],
        weights=weights,
    )
    assert [line.effective_weight for line in result.lines[:2]] == [Decimal(100), Decimal(0)]
    assert (
        result.positive == Decimal("75.00")
        and result.deducted == Decimal(10)
        and result.total == Decimal("65.00")
    )
    assert score([Measure(Indicator.ON_TIME, Decimal(0), Decimal(0))], [], weights=weights) is None
    floor = score(
        [Measure(Indicator.ON_TIME, Decimal(0), Decimal(1))],
        [Deduction(Indicator.FINDINGS, {"REFERRAL": 1}, {"REFERRAL": Decimal(10)})],
        weights=weights,
    )
    assert floor.total == 0


def test_ranks_share_ties():
    assert ranks([Decimal(98), Decimal(95), Decimal(95), Decimal(90)]) == [1, 2, 2, 4]
    assert ranks([]) == []
