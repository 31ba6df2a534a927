"""The assessment's arithmetic, pure (no Django): months, a day's attendance mark, and a score
from its measures and the scheme's weights (docs/adr/0017).

- A positive indicator is a rate (numerator ÷ denominator, 0 to 1). Its points are its weight ×
  the rate, the weights of the indicators that have data scaled up to 100: an indicator with
  nothing to divide by (a window that decided no promised case has no early-completion rate)
  neither earns nor loses, it hands its weight to the others in proportion.
- A deduction is a count × points each (complaints upheld, supervision findings by kind).
- The score is the positive points less the deductions, never below 0; every component's points
  are rounded to 0.01 first, so the explanation adds up to the score exactly.
- Attendance: a duty day (a working day on the roster) with no recorded absence is due; an
  absence (no sign-in) costs the whole day, arriving late half a day, leaving early (or not
  signing out) half a day; the rate is what is left of the days due.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

CENT = Decimal("0.01")
HALF = Decimal("0.5")
RATE_PLACES = Decimal("0.0001")


class Indicator(StrEnum):
    """The indicators of the scheme, in the order pages list them."""

    ON_TIME = "ON_TIME"
    EARLY = "EARLY"
    SATISFACTION = "SATISFACTION"
    ATTENDANCE = "ATTENDANCE"
    AB_COVERAGE = "AB_COVERAGE"
    ON_SITE = "ON_SITE"
    COMPLAINTS = "COMPLAINTS"
    FINDINGS = "FINDINGS"


POSITIVE = (
    Indicator.ON_TIME,
    Indicator.EARLY,
    Indicator.SATISFACTION,
    Indicator.ATTENDANCE,
    Indicator.AB_COVERAGE,
    Indicator.ON_SITE,
)
DEDUCTIONS = (Indicator.COMPLAINTS, Indicator.FINDINGS)


# Months ----------------------------------------------------------------------------------------


class BadMonth(ValueError):
    """A month that is not YYYY-MM within the years the hall can ask about."""


FIRST_YEAR, LAST_YEAR = 2000, 2199


def parse_month(text: str | None) -> date:
    """'2026-11' → date(2026, 11, 1). Raises BadMonth."""
    value = (text or "").strip()
    parts = value.split("-")
    if (
        len(parts) != 2
        or not all(part.isascii() and part.isdigit() for part in parts)
        or len(parts[0]) != 4
        or len(parts[1]) not in (1, 2)
    ):
        raise BadMonth(value)
    year, month = int(parts[0]), int(parts[1])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        raise BadMonth(value)
    return date(year, month, 1)


def month_last_day(month: date) -> date:
    return month.replace(day=month_calendar.monthrange(month.year, month.month)[1])


def previous_month(day: date) -> date:
    """The first day of the month before `day`'s."""
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def month_days(month: date) -> list[date]:
    return [month + timedelta(days=offset) for offset in range(month_last_day(month).day)]


def assessed_through(month: date, *, today: date) -> date | None:
    """The last day of `month` that can be assessed on `today`: the month's last day once it is
    over, else yesterday; None when no day of the month is over yet (its first day, or later)."""
    last = min(month_last_day(month), today - timedelta(days=1))
    return last if last >= month else None


# Attendance -------------------------------------------------------------------------------------


class Mark(StrEnum):
    """A staff member's day on the attendance sheet."""

    NORMAL = "NORMAL"  # on duty, in on time, out on time
    LATE = "LATE"
    EARLY = "EARLY"  # left before closing, or never signed out
    LATE_EARLY = "LATE_EARLY"
    ABSENT = "ABSENT"  # on duty, no sign-in, no recorded absence
    LEAVE = "LEAVE"  # on duty, recorded absence (leave, training, trip): not due
    PENDING = "PENDING"  # today, not over yet
    OFF = "OFF"  # a working day not on the roster (a sign-in is shown but not counted)
    REST = "REST"  # not a working day


@dataclass(frozen=True)
class Hours:
    """The hall's hours for attendance: in by `opens` (+ grace), out not before `closes`."""

    opens: time
    closes: time
    grace_minutes: int = 0

    def is_late(self, signed_in: time) -> bool:
        """Signed in after the opening minute plus the grace (to the minute, as a time clock
        prints it: 09:00:59 is 09:00)."""
        return _minute(signed_in) > _minute(self.opens) + self.grace_minutes

    def is_early(self, signed_out: time) -> bool:
        """Signed out before the closing minute."""
        return _minute(signed_out) < _minute(self.closes)


def _minute(moment: time) -> int:
    return moment.hour * 60 + moment.minute


DEFAULT_HOURS = Hours(opens=time(9, 0), closes=time(17, 0), grace_minutes=0)


@dataclass(frozen=True)
class DayFacts:
    """What is known of one staff member's day."""

    day: date
    is_working_day: bool
    on_duty: bool
    excused: bool
    signed_in: time | None = None  # local times
    signed_out: time | None = None


def day_mark(facts: DayFacts, *, hours: Hours, today: date) -> Mark:
    """The day's mark. A day is judged once it is over (before `today`); today shows a late
    arrival or an early sign-out at once, but no absence or missing sign-out yet. A sign-in
    outweighs a recorded absence (the staff member came after all)."""
    if facts.day > today:
        return Mark.PENDING if facts.on_duty and facts.is_working_day else Mark.OFF
    if not facts.is_working_day:
        return Mark.REST
    if not facts.on_duty:
        return Mark.OFF
    if facts.signed_in is None:
        if facts.excused:
            return Mark.LEAVE
        return Mark.PENDING if facts.day == today else Mark.ABSENT
    late = hours.is_late(facts.signed_in)
    early = facts.day < today if facts.signed_out is None else hours.is_early(facts.signed_out)
    if late and early:
        return Mark.LATE_EARLY
    if late:
        return Mark.LATE
    if early:
        return Mark.EARLY
    return Mark.PENDING if facts.day == today and facts.signed_out is None else Mark.NORMAL


@dataclass
class AttendanceTally:
    """The counts of a month's marks (of a staff member, or of a window's duty days)."""

    due: int = 0
    normal: int = 0
    late: int = 0
    early: int = 0  # left early or no sign-out (a day both late and early counts in both)
    absent: int = 0
    leave: int = 0

    def add(self, mark: Mark) -> None:
        if mark in (Mark.REST, Mark.OFF, Mark.PENDING):
            return
        if mark == Mark.LEAVE:
            self.leave += 1
            return
        self.due += 1
        if mark == Mark.ABSENT:
            self.absent += 1
        elif mark == Mark.NORMAL:
            self.normal += 1
        else:
            self.late += mark in (Mark.LATE, Mark.LATE_EARLY)
            self.early += mark in (Mark.EARLY, Mark.LATE_EARLY)

    @property
    def credited(self) -> Decimal:
        """Days due less a whole day per absence and half a day per late arrival or early leave."""
        lost = self.absent + HALF * (self.late + self.early)
        return max(Decimal(0), Decimal(self.due) - lost)


# Scores ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A positive indicator's numerator and denominator (Decimal: attendance counts half days)."""

    indicator: Indicator
    numerator: Decimal
    denominator: Decimal

    @property
    def value(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(self.numerator) / Decimal(self.denominator)).quantize(RATE_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class Deduction:
    """A deduction: how many of each kind, and the points each costs."""

    indicator: Indicator
    counts: dict[str, int]
    points_each: dict[str, Decimal]

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    @property
    def points(self) -> Decimal:
        total = sum(
            (Decimal(self.points_each.get(kind, 0)) * count for kind, count in self.counts.items()),
            Decimal(0),
        )
        return Decimal(total).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    """One component of a score as stored: the effective weight after handing on the weights of
    indicators without data, and the points (negative for a deduction)."""

    indicator: Indicator
    value: Decimal | None
    numerator: Decimal
    denominator: Decimal
    weight: Decimal
    effective_weight: Decimal
    points: Decimal


@dataclass(frozen=True)
class Result:
    lines: list[Line]
    positive: Decimal
    deducted: Decimal
    total: Decimal


def weights_problem(weights: dict[str, int]) -> str | None:
    """Why these positive weights cannot make a scheme, or None: each 0–100, summing to 100."""
    if any(not 0 <= weight <= 100 for weight in weights.values()):
        return "range"
    if sum(weights.values()) != 100:
        return "sum"
    return None


def score(
    measures: Iterable[Measure], deductions: Iterable[Deduction], *, weights: dict[str, int]
) -> Result | None:
    """The score of one subject; None when no weighted indicator has data (nothing to assess)."""
    measures = list(measures)
    weighted = [measure for measure in measures if weights.get(measure.indicator, 0) > 0]
    with_data = [measure for measure in weighted if measure.value is not None]
    share = sum(Decimal(weights[measure.indicator]) for measure in with_data)
    if not share:
        return None
    lines = []
    for measure in measures:
        weight = Decimal(weights.get(measure.indicator, 0))
        value = measure.value
        effective = (weight * 100 / share).quantize(CENT, ROUND_HALF_UP) if value is not None else Decimal(0)
        points = (
            (weight * 100 / share * value).quantize(CENT, ROUND_HALF_UP) if value is not None else Decimal(0)
        )
        lines.append(
            Line(
                measure.indicator,
                value,
                Decimal(measure.numerator),
                Decimal(measure.denominator),
                weight,
                effective,
                points,
            )
        )
    positive = sum((line.points for line in lines), Decimal(0))
    deducted = Decimal(0)
    for deduction in deductions:
        points = deduction.points
        deducted += points
        lines.append(
            Line(
                deduction.indicator,
                None,
                Decimal(deduction.count),
                Decimal(0),
                Decimal(0),
                Decimal(0),
                -points,
            )
        )
    total = max(Decimal(0), positive - deducted).quantize(CENT)
    return Result(
        lines=lines, positive=positive.quantize(CENT), deducted=deducted.quantize(CENT), total=total
    )


def ranks(totals: list[Decimal]) -> list[int]:
    """Competition ranks of totals already sorted best first: 98, 95, 95, 90 → 1, 2, 2, 4."""
    result = []
    for index, total in enumerate(totals):
        result.append(result[-1] if index and total == totals[index - 1] else index + 1)
    return result
