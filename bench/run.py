"""OneWindow benchmarks: every figure is a ratio against a reference measured in the same run.

    make bench

1. add-N-working-days, one call at a time, against chinese_calendar.find_workday (the package the
   holidays come from). Aim: at least 100× faster.
2. add-N-working-days for a batch of one million dates, against numpy.busday_offset given the same
   holidays and make-up days (a 7-day week mask with every day off listed as a holiday, which is
   how numpy expresses a Saturday that is worked). Aim: at least numpy's speed.
Both check that every answer agrees before timing, and both sides are timed the same way
(best of 5).
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import numpy as np
from chinese_calendar import constants

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from onewindow.workcalendar.arithmetic import WorkingCalendar  # noqa: E402

COVERED = range(2004, 2027)


def best_of(function, repeat: int = 5) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def bench_single_calls(calendar: WorkingCalendar, rng: np.random.Generator) -> dict:
    # find_workday first rolls a start on a day off forward to a working day and counts from there;
    # the law counts from the day after the start whatever it is. The two agree on starts that are
    # working days, so the calls timed are those: the same questions, the same answers.
    candidates = [
        date(2010, 1, 1) + timedelta(days=int(offset)) for offset in rng.integers(0, 5000, size=4000)
    ]
    starts = [start for start in candidates if calendar.is_working_day(start)][:2000]
    days = [int(value) for value in rng.integers(1, 30, size=len(starts))]
    ours_answers = [calendar.add(start, count) for start, count in zip(starts, days, strict=True)]
    theirs_answers = [
        chinese_calendar.find_workday(count, start) for start, count in zip(starts, days, strict=True)
    ]
    assert ours_answers == theirs_answers
    ours = best_of(lambda: [calendar.add(start, count) for start, count in zip(starts, days, strict=True)])
    theirs = best_of(
        lambda: [
            chinese_calendar.find_workday(count, start) for start, count in zip(starts, days, strict=True)
        ]
    )
    return {
        "calls": len(starts),
        "ours_per_call_us": ours / len(starts) * 1e6,
        "reference_per_call_us": theirs / len(starts) * 1e6,
        "speedup": theirs / ours,
    }


def bench_batch(calendar: WorkingCalendar, rng: np.random.Generator, size: int = 1_000_000) -> dict:
    first, last = np.datetime64("2004-01-01"), np.datetime64("2026-12-31")
    all_days = np.arange(first, last + 1, dtype="datetime64[D]")
    rest_days = all_days[~calendar.is_working_day_many(all_days)]
    busdaycal = np.busdaycalendar(weekmask="1111111", holidays=rest_days)
    starts = np.datetime64("2005-01-01") + rng.integers(0, 7300, size=size).astype("timedelta64[D]")
    offsets = rng.integers(1, 60, size=size)
    # roll="backward": a start on a day off counts from the working day before it, which is the
    # same as "the n-th working day after the start" (the start day is not counted).
    expected = np.busday_offset(starts, offsets, roll="backward", busdaycal=busdaycal)
    assert np.array_equal(calendar.add_many(starts, offsets), expected)
    ours = best_of(lambda: calendar.add_many(starts, offsets))
    theirs = best_of(lambda: np.busday_offset(starts, offsets, roll="backward", busdaycal=busdaycal))
    return {"size": size, "ours_ms": ours * 1e3, "reference_ms": theirs * 1e3, "speedup": theirs / ours}


def bench_build(rng) -> dict:
    build = best_of(
        lambda: WorkingCalendar(
            holidays=constants.holidays, makeup_workdays=constants.workdays, covered_years=COVERED
        )
    )
    return {"build_ms": build * 1e3}


def main() -> None:
    rng = np.random.default_rng(20261121)
    calendar = WorkingCalendar(
        holidays=constants.holidays, makeup_workdays=constants.workdays, covered_years=COVERED
    )
    single = bench_single_calls(calendar, rng)
    batch = bench_batch(calendar, rng)
    build = bench_build(rng)
    print("OneWindow benchmarks (ratios against a reference measured in the same run)")
    print(
        f"- calendar, one call at a time ({single['calls']} calls): "
        f"{single['ours_per_call_us']:.2f} µs vs chinese_calendar.find_workday {single['reference_per_call_us']:.1f} µs "
        f"→ {single['speedup']:.0f}× faster (aim ≥ 100×)"
    )
    print(
        f"- calendar, batch of {batch['size']:,}: {batch['ours_ms']:.1f} ms vs numpy.busday_offset {batch['reference_ms']:.1f} ms "
        f"→ {batch['speedup']:.2f}× numpy's speed (aim ≥ 1×)"
    )
    print(
        f"- calendar build from the holiday rows (1990–2200): {build['build_ms']:.1f} ms, once per process and per change"
    )
    status = single["speedup"] >= 100 and batch["speedup"] >= 1
    print("aims met" if status else "AIM MISSED")


if __name__ == "__main__":
    main()
