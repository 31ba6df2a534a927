"""Reading the calendar: one in-process WorkingCalendar, rebuilt only when the data changed.

Every change appends a CalendarChange row (services.py, and the seeding migration), and the log is
never edited, so (number of changes, newest id) is the calendar's revision: one query tells every
process, with no shared cache, whether its tables are current, and a transaction sees its own
uncommitted edits. The count matters: ids are handed out at insert, not at commit, so a change
committed after a later-numbered one leaves the newest id unchanged but the count does not.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max

from onewindow.workcalendar.arithmetic import WorkingCalendar
from onewindow.workcalendar.models import CalendarChange, CalendarDay, CalendarYear

_lock = threading.Lock()
_loaded: tuple[tuple[int, int], WorkingCalendar] | None = None


def calendar_cache_clear() -> None:
    """Forget this process's calendar; services call it on every write, because after a rollback
    SQLite may hand the same change id to a different change."""
    global _loaded
    _loaded = None


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
    global _loaded
    revision = _current_revision()
    loaded = _loaded
    if loaded is not None and loaded[0] == revision:
        return loaded[1]
    with _lock:
        if _loaded is not None and _loaded[0] == revision:
            return _loaded[1]
        calendar = _build()
        _loaded = (revision, calendar)
        return calendar


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
