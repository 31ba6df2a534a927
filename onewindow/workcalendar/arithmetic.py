"""Working-day arithmetic for Chinese legal time limits. Pure: imports nothing from Django.

A `WorkingCalendar` is built once from the holidays and make-up working days (调休上班) and then
answers every question in O(1): it precomputes, for every day from `first_year` to `last_year`,
whether the day is a working day and how many working days there have been since the origin.
Batches go through numpy with the same tables, so a million offsets cost two array lookups.

Rules (Administrative Licensing Law art. 82): limits are counted in working days, the start day is
not counted. `add(d, n)` is the n-th working day after d; `between(a, b)` counts the working days
in the half-open interval (a, b], so `between(d, add(d, n)) == n`.
Years with no announced arrangement fall back to Monday–Friday; `is_year_covered` tells callers
so that pages can say so plainly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class DateOutOfRange(ValueError):
    """The date or the result lies outside the years this calendar was built for."""


class WorkingCalendar:
    """Immutable working-day calendar. Build it with the holiday and make-up dates; query it."""

    __slots__ = (
        "first_year",
        "last_year",
        "covered_years",
        "_origin",
        "_size",
        "_is_working",
        "_cumulative",
        "_working_offsets",
        "_np_is_working",
        "_np_cumulative",
        "_np_working_offsets",
        "_origin_from_epoch",
    )

    def __init__(
        self,
        *,
        holidays: Iterable[date],
        makeup_workdays: Iterable[date],
        covered_years: Iterable[int] = (),
        first_year: int = 1990,
        last_year: int = 2200,
    ) -> None:
        if first_year > last_year:
            raise ValueError("first_year must not be after last_year")
        self.first_year = first_year
        self.last_year = last_year
        self.covered_years = frozenset(covered_years)
        self._origin = date(first_year, 1, 1).toordinal()
        self._size = date(last_year, 12, 31).toordinal() - self._origin + 1
        self._origin_from_epoch = self._origin - _EPOCH_ORDINAL

        offsets = np.arange(self._size, dtype=np.int64)
        # date.toordinal() of a Monday is ≡ 1 (mod 7); weekday() = (ordinal + 6) % 7.
        weekdays = (offsets + self._origin + 6) % 7
        is_working = weekdays < 5
        is_working[self._offsets_in_range(holidays)] = False
        is_working[self._offsets_in_range(makeup_workdays)] = True

        self._np_is_working = is_working
        self._np_cumulative = np.cumsum(is_working, dtype=np.int64)
        self._np_working_offsets = np.flatnonzero(is_working).astype(np.int64)
        # Python lists answer single calls faster than numpy scalars do.
        self._is_working = is_working.tolist()
        self._cumulative = self._np_cumulative.tolist()
        self._working_offsets = self._np_working_offsets.tolist()

    def _offsets_in_range(self, days: Iterable[date]) -> list[int]:
        result = []
        for day in days:
            offset = day.toordinal() - self._origin
            if 0 <= offset < self._size:
                result.append(offset)
        return result

    def _offset(self, day: date) -> int:
        offset = day.toordinal() - self._origin
        if not 0 <= offset < self._size:
            raise DateOutOfRange(
                f"{day.isoformat()} 超出工作日历范围（{self.first_year}–{self.last_year}年）。"
            )
        return offset

    # Queries -------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        return self._is_working[self._offset(day)]

    def is_year_covered(self, year: int) -> bool:
        """True when the year's holidays and make-up days are known; False means Monday–Friday."""
        return year in self.covered_years

    def uncovered_years(self, *days: date) -> list[int]:
        """The years from the earliest to the latest of `days` that fall back to Monday–Friday."""
        if not days:
            return []
        first, last = min(day.year for day in days), max(day.year for day in days)
        return [year for year in range(first, last + 1) if year not in self.covered_years]

    def add(self, start: date, working_days: int) -> date:
        """The `working_days`-th working day after `start` (before it, if negative); 0 gives `start`.

        The start day itself is never counted. Raises DateOutOfRange past the calendar's years.
        """
        offset = self._offset(start)
        if working_days == 0:
            return start
        cumulative = self._cumulative[offset]
        if working_days > 0:
            index = cumulative + working_days - 1
        else:
            index = cumulative - self._is_working[offset] + working_days
        if not 0 <= index < len(self._working_offsets):
            raise DateOutOfRange(f"{start.isoformat()} 加 {working_days} 个工作日超出工作日历范围。")
        return date.fromordinal(self._origin + self._working_offsets[index])

    def between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the start day is not counted; negative if end < start."""
        return self._cumulative[self._offset(end)] - self._cumulative[self._offset(start)]

    def next_working_day(self, day: date) -> date:
        """`day` itself if it is a working day, else the first working day after it."""
        return day if self.is_working_day(day) else self.add(day, 1)

    # Batches -------------------------------------------------------------------------------

    def _batch_offsets(self, starts: np.ndarray) -> np.ndarray:
        offsets = np.asarray(starts, dtype="datetime64[D]").astype(np.int64) - self._origin_from_epoch
        if offsets.size and (offsets.min() < 0 or offsets.max() >= self._size):
            raise DateOutOfRange(f"有日期超出工作日历范围（{self.first_year}–{self.last_year}年）。")
        return offsets

    def add_many(self, starts: np.ndarray, working_days: np.ndarray | int) -> np.ndarray:
        """Vectorised `add`: `starts` as datetime64[D] (or anything numpy converts), one offset or one each."""
        offsets = self._batch_offsets(starts)
        days = np.broadcast_to(np.asarray(working_days, dtype=np.int64), offsets.shape)
        cumulative = self._np_cumulative[offsets]
        index = np.where(days > 0, cumulative + days - 1, cumulative - self._np_is_working[offsets] + days)
        if index.size and (index.min() < 0 or index.max() >= self._np_working_offsets.size):
            raise DateOutOfRange("有结果超出工作日历范围。")
        result = self._np_working_offsets[index]
        result = np.where(days == 0, offsets, result)
        return (result + self._origin_from_epoch).astype("datetime64[D]")

    def between_many(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Vectorised `between`."""
        return (
            self._np_cumulative[self._batch_offsets(ends)] - self._np_cumulative[self._batch_offsets(starts)]
        )

    def is_working_day_many(self, days: np.ndarray) -> np.ndarray:
        return self._np_is_working[self._batch_offsets(days)]
