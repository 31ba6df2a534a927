"""Reading the calendar: one in-process WorkingCalendar, rebuilt only when the data changed.

Every change appends a CalendarChange row (services.py, and the seeding migration), and the log is
never edited, so (number of changes, newest id) is the calendar's revision: one query tells every
process, with no shared cache, whether its tables are current, and a transaction sees its own
uncommitted edits. The count matters: ids are handed out at insert, not at commit, so a change
committed after a later-numbered one leaves the newest id unchanged but the count does not.

The revision itself is asked at most once per ONEWINDOW_CALENDAR_RECHECK_SECONDS (5 s): a
calendar is published a few times a year, while every intake, acceptance and light reads it. The
process that writes a change sees it at once (calendar_cache_clear), and asks on every call until
the change is known to be committed or rolled back, so a rolled-back edit is never served.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max

from onewindow.workcalendar.arithmetic import WorkingCalendar
from onewindow.workcalendar.models import CalendarChange, CalendarDay, CalendarYear

_lock = threading.Lock()
_loaded: tuple[tuple[int, int], WorkingCalendar] | None = None
#: When this process last confirmed its calendar against the database (time.monotonic()).
_checked_at = float("-inf")
#: This process changed the calendar in a transaction not yet known to have ended: ask every time.
_unsettled = False


def calendar_cache_clear() -> None:
    """Forget this process's calendar; services call it on every write, because after a rollback
    SQLite may hand the same change id to a different change. Until the writing transaction
    commits (or a later check runs outside any transaction), the revision is asked on every call."""
    global _loaded, _unsettled
    _loaded = None
    _unsettled = True
    if connection.in_atomic_block:
        transaction.on_commit(_settle)


def _settle() -> None:
    global _unsettled
    _unsettled = False


def _current_revision() -> tuple[int, int]:
    revision = CalendarChange.objects.aggregate(count=Count("id"), newest=Max("id"))
    return revision["count"], revision["newest"] or 0


def _build() -> WorkingCalendar:
    published_years = set(CalendarYear.objects.filter(is_published=True).values_list("year", flat=True))
    holidays: list[date] = []
    makeup_workdays: list[date] = []
    for day, kind, year in CalendarDay.objects.values_list("date", "kind", "calendar_year"):
        if year not in published_years:
            continue  # a year still being entered does not move anybody's deadline yet
        (holidays if kind == CalendarDay.Kind.HOLIDAY else makeup_workdays).append(day)
    return WorkingCalendar(holidays=holidays, makeup_workdays=makeup_workdays, covered_years=published_years)


def working_calendar() -> WorkingCalendar:
    """The calendar in force: published years from the database, Monday–Friday elsewhere."""
    global _loaded, _checked_at
    loaded = _loaded
    if (
        loaded is not None
        and not _unsettled
        and time.monotonic() - _checked_at < settings.ONEWINDOW_CALENDAR_RECHECK_SECONDS
    ):
        return loaded[1]
    revision = _current_revision()
    if not connection.in_atomic_block:
        _settle()  # outside a transaction the database shows only committed changes
    if loaded is not None and loaded[0] == revision:
        _checked_at = time.monotonic()
        return loaded[1]
    with _lock:
        if _loaded is None or _loaded[0] != revision:
            _loaded = (revision, _build())
        _checked_at = time.monotonic()
        return _loaded[1]


@dataclass(frozen=True)
class YearOverview:
    year: int
    record: CalendarYear | None
    days: list[CalendarDay]

    @property
    def is_covered(self) -> bool:
        return self.record is not None and self.record.is_published

    @property
    def holiday_count(self) -> int:
        return sum(1 for day in self.days if day.kind == CalendarDay.Kind.HOLIDAY)

    @property
    def makeup_count(self) -> int:
        return len(self.days) - self.holiday_count


def calendar_year_overview(*, year: int) -> YearOverview:
    """The year's record (None if never opened) and the days of its arrangement, including a day
    off that spills into a neighbouring year (元旦 from 12-31)."""
    record = CalendarYear.objects.filter(year=year).select_related("published_by").first()
    days = list(CalendarDay.objects.filter(calendar_year=year).order_by("date"))
    return YearOverview(year=year, record=record, days=days)


def calendar_year_list() -> list[CalendarYear]:
    return list(CalendarYear.objects.select_related("published_by").order_by("-year"))


def calendar_change_list(*, year: int, limit: int = 50) -> list[CalendarChange]:
    return list(CalendarChange.objects.filter(year=year).select_related("changed_by")[:limit])
