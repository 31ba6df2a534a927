"""Keeping the roll-up (models.CaseFigure) current: a day is rebuilt whole from the cases — the
ones received, accepted and decided that day, and the correction notices issued — in one
transaction, so re-running any range gives exactly the same rows (docs/adr/0015). Celery beat
(`stats.rollup`, every 5 minutes) rebuilds from the last day it finished, going back
ONEWINDOW_STATS_RECHECK_DAYS, through today; `onewindow stats_rebuild` rebuilds any range."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min, Sum
from django.utils import timezone

from onewindow.cases.models import Case, CaseEvent
from onewindow.catalog.models import CaseKind, LimitUnit
from onewindow.common.partitions import ensure_years
from onewindow.stats.models import CaseFigure, CaseMonthFigure, Rollup
from onewindow.workcalendar.arithmetic import WorkingCalendar
from onewindow.workcalendar.selectors import working_calendar

ROLLUP = "cases"
KEY = ("site_id", "department_id", "item_id", "channel")
COUNTERS = (
    "received",
    "accepted",
    "correction_notices",
    "completed",
    "completed_immediate",
    "completed_promised",
    "completed_early",
    "completed_on_time",
    "days_used",
    "days_statutory",
)


@dataclass(frozen=True)
class Completion:
    """What one decided case adds to its day's row."""

    immediate: bool
    promised: bool
    early: bool
    on_time: bool
    days_used: int
    days_statutory: int


def completion_of(row: dict, *, calendar: WorkingCalendar) -> Completion:
    """The seeds' definitions for one decided case (`row`: decided_date, accepted_date, the due
    dates, suspended days and the version's kind and statutory limit):
    - immediate: an 即办件; promised: any other kind (承诺件, 联办件, 上报件);
    - early: a promised case decided before its promised date; on time: decided on or before the
      promised date (the statutory one when there is none; a case with neither is on time);
    - days used: working days from acceptance to decision, less the days suspended (特别程序);
      statutory days: the statutory limit in working days (a limit in natural days counted on
      the calendar from the acceptance)."""
    decided = row["decided_date"]
    accepted = row["accepted_date"] or decided
    immediate = row["version__case_kind"] == CaseKind.IMMEDIATE
    promised_due = row["promised_due_date"]
    due = promised_due or row["statutory_due_date"]
    limit = row["version__statutory_limit"] or 0
    if row["version__statutory_unit"] == LimitUnit.NATURAL_DAYS:
        limit = calendar.between(accepted, accepted + timedelta(days=limit))
    promised = not immediate
    return Completion(
        immediate=immediate,
        promised=promised,
        early=promised and promised_due is not None and decided < promised_due,
        on_time=due is None or decided <= due,
        days_used=max(0, calendar.between(accepted, decided) - (row["suspended_days"] or 0))
        if promised
        else 0,
        days_statutory=limit if promised else 0,
    )


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def figures_of_day(day: date, *, calendar: WorkingCalendar) -> dict[tuple, dict[str, int]]:
    """The day's rows, keyed by site, department, item and channel, from the cases."""
    rows: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTERS, 0))
    for counter, cases in (
        ("received", Case.objects.filter(received_date=day)),
        ("accepted", Case.objects.filter(accepted_date=day)),
    ):
        for group in cases.order_by().values(*KEY).annotate(n=Count("id")):
            rows[tuple(group[name] for name in KEY)][counter] += group["n"]
    start, end = _day_bounds(day)
    notices = CaseEvent.objects.filter(action=CaseEvent.Action.CORRECTION_NOTICE, at__gte=start, at__lt=end)
    case_key = [f"case__{name}" for name in KEY]
    for group in notices.order_by().values(*case_key).annotate(n=Count("id")):
        rows[tuple(group[name] for name in case_key)]["correction_notices"] += group["n"]
    decided = (
        Case.objects.filter(decided_date=day)
        .order_by()
        .values(
            *KEY,
            "decided_date",
            "accepted_date",
            "promised_due_date",
            "statutory_due_date",
            "suspended_days",
            "version__case_kind",
            "version__statutory_limit",
            "version__statutory_unit",
        )
    )
    for case in decided.iterator(chunk_size=5000):
        done = completion_of(case, calendar=calendar)
        row = rows[tuple(case[name] for name in KEY)]
        row["completed"] += 1
        row["completed_immediate"] += done.immediate
        row["completed_promised"] += done.promised
        row["completed_early"] += done.early
        row["completed_on_time"] += done.on_time
        row["days_used"] += done.days_used
        row["days_statutory"] += done.days_statutory
    return dict(rows)


def rollup_days(first: date, last: date) -> int:
    """Rebuild the roll-up of every day from `first` through `last` (each day in one
    transaction), then of the months they fall in; returns the day rows written."""
    calendar = working_calendar()
    # PostgreSQL: the years' partitions of the day rows, and the next year's ahead of it.
    ensure_years(CaseFigure._meta.db_table, "day", range(first.year, last.year + 2))
    written = 0
    day = first
    while day <= last:
        rows = figures_of_day(day, calendar=calendar)
        with transaction.atomic():
            CaseFigure.objects.filter(day=day).delete()
            CaseFigure.objects.bulk_create(
                CaseFigure(day=day, **dict(zip(KEY, key, strict=True)), **counts)
                for key, counts in rows.items()
            )
        written += len(rows)
        day += timedelta(days=1)
    month = first.replace(day=1)
    while month <= last:
        rollup_month(month)
        month = next_month(month)
    return written


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def rollup_month(month: date) -> int:
    """The month's rows (`month`: its first day), summed from its days' rows in one transaction;
    returns how many."""
    days = CaseFigure.objects.filter(day__gte=month, day__lt=next_month(month)).order_by()
    sums = days.values(*KEY).annotate(**{f"sum_{name}": Sum(name) for name in COUNTERS})
    with transaction.atomic():
        CaseMonthFigure.objects.filter(month=month).delete()
        rows = CaseMonthFigure.objects.bulk_create(
            CaseMonthFigure(
                month=month,
                **{name: row[name] for name in KEY},
                **{name: row[f"sum_{name}"] for name in COUNTERS},
            )
            for row in sums
        )
    return len(rows)


def rollup_current(*, at: datetime) -> int:
    """The periodic run: from the day after the last one finished, going back
    ONEWINDOW_STATS_RECHECK_DAYS (decisions and notices of earlier cases land on today, but a
    correction to a case may touch yesterday), through today; the first run starts at the first
    case. Returns the rows written."""
    today = timezone.localtime(at).date()
    state, _created = Rollup.objects.get_or_create(name=ROLLUP)
    if state.rebuilt_through is None:
        first = Case.objects.aggregate(first=Min("received_date"))["first"] or today
    else:
        first = min(state.rebuilt_through, today) - timedelta(days=settings.ONEWINDOW_STATS_RECHECK_DAYS)
    written = rollup_days(first, today)
    Rollup.objects.filter(pk=state.pk).update(rebuilt_through=today, rebuilt_at=at)
    return written
