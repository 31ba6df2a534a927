"""A case's clocks: working days used (suspended time excluded), remaining, the due date and the
traffic light. Pure arithmetic over a `WorkingCalendar`; nothing here touches the database.

Lights (电子监察): green within the limit, yellow from the warning point (by default the last
working day: fewer than `warning_days` working days left after today), red once overdue. A
stopped clock (suspended) shows no light; a finished one is red if it finished late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from onewindow.workcalendar.arithmetic import WorkingCalendar

GREEN, YELLOW, RED, PAUSED, DONE = "green", "yellow", "red", "paused", "done"


@dataclass(frozen=True)
class Clock:
    name: str
    start: date
    due: date
    used: int
    remaining: int
    light: str
    finished: date | None = None

    @property
    def is_overdue(self) -> bool:
        return self.light == RED


def light(calendar: WorkingCalendar, *, today: date, due: date, warning_days: int) -> str:
    """Green, yellow or red for a running clock due on `due`."""
    if today > due:
        return RED
    if calendar.between(today, due) < warning_days:
        return YELLOW
    return GREEN


def yellow_until(calendar: WorkingCalendar, *, today: date, warning_days: int) -> date:
    """Due dates in [today, this day) are yellow today; before today they are red. With a range
    on the stored due dates, "yellow or red today" is one indexed query."""
    return calendar.add(today, warning_days)


def clock(
    calendar: WorkingCalendar,
    *,
    name: str,
    start: date,
    due: date,
    today: date,
    warning_days: int,
    suspended_days: int = 0,
    paused_since: date | None = None,
    finished: date | None = None,
) -> Clock:
    """The clock of a limit that started on `start` (not counted) and is due on `due` (already
    moved by the ended suspensions, whose `suspended_days` are not counted as used). While
    suspended since `paused_since`, time stands at that day; once `finished`, at that day."""
    stop = finished or paused_since or today
    used = max(calendar.between(start, stop) - suspended_days, 0)
    remaining = calendar.between(stop, due) if stop <= due else -calendar.between(due, stop)
    if finished is not None:
        state = RED if finished > due else DONE
    elif paused_since is not None:
        state = PAUSED
    else:
        state = light(calendar, today=today, due=due, warning_days=warning_days)
    return Clock(
        name=name, start=start, due=due, used=used, remaining=remaining, light=state, finished=finished
    )


def suspended_working_days(calendar: WorkingCalendar, *, started: date, ended: date) -> int:
    """Working days a suspension stopped the clock: after its start day, up to and including its
    end day (the start day is not counted, as for every period in the law)."""
    return max(calendar.between(started, ended), 0)


def stopped_days_for(calendar: WorkingCalendar, *, since: date, started: date, ended: date) -> int:
    """The working days of a suspension (started..ended) that stopped a clock running since
    `since`: only those after both the clock's start and the suspension's."""
    return suspended_working_days(calendar, started=max(since, started), ended=ended) if ended > since else 0


#: The unit of a limit counted in calendar days (the catalog's LimitUnit.NATURAL_DAYS).
NATURAL_DAYS = "NATURAL_DAYS"


def due_date(calendar: WorkingCalendar, *, start: date, days: int, unit: str) -> date:
    """The day a limit of `days` started on `start` (not counted) ends. In working days: the
    `days`-th working day after `start`. In natural days: `start + days`, and a period that ends on
    a rest day ends on the next working day (民法典 art. 203, 民事诉讼法 art. 85)."""
    if unit == NATURAL_DAYS:
        return calendar.next_working_day(start + timedelta(days=days))
    return calendar.add(start, days)


def case_due_date(
    calendar: WorkingCalendar,
    *,
    accepted: date,
    limit: int,
    unit: str,
    extended_days: int = 0,
    suspended_working_days: int = 0,
    suspended_natural_days: int = 0,
) -> date:
    """A case clock's due date, from what moves it: the limit from acceptance, the extension (in
    the limit's unit) and the time its special procedures stopped it — counted in working days
    for a working-day limit, in natural days for a natural-day one. Computed from the start each
    time, so a natural-day period moved off a rest day is never moved twice."""
    stopped = suspended_natural_days if unit == NATURAL_DAYS else suspended_working_days
    return due_date(calendar, start=accepted, days=limit + extended_days + stopped, unit=unit)


def suspended_natural_days(*, started: date, ended: date) -> int:
    """Calendar days a suspension stopped a natural-day clock: after its start day, up to and
    including its end day."""
    return max((ended - started).days, 0)


def moved(calendar: WorkingCalendar, due: date, working_days: int) -> date:
    """`due` moved later by exactly `working_days` working days."""
    return calendar.add(due, working_days) if working_days else due
