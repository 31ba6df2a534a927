"""The queue's rules as pure functions (no Django): who is served first, where a skipped ticket goes
back in, the appointment slots of a day and when an appointment may check in.

Order of service at a window (call next): lane first — an appointment that checked in (0), then
priority (1: people 60 and over by the ID card's birth date, pregnant women, people with
disabilities, servicemen, the major-project green channel), then everyone else (2) — and within a
lane the sort key, which is the ticket's place in the day's issue order (so a transferred ticket
keeps the place it queued for) or, after a skip, one past the ticket it was put behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

APPOINTMENT_LANE = 0
PRIORITY_LANE = 1
WALK_IN_LANE = 2


def birth_date_of(id_number: str) -> date | None:
    """The birth date an 18-digit resident ID number holds (positions 7–14), or None."""
    if len(id_number) != 18 or not id_number[:14].isdigit():
        return None
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def age_on(birth: date, on_date: date) -> int:
    """Whole years from `birth` to `on_date` (a birthday on 29 February counts from 1 March)."""
    years = on_date.year - birth.year
    if (on_date.month, on_date.day) < (birth.month, birth.day):
        years -= 1
    return years


def is_elderly(id_number: str, *, on_date: date, age: int) -> bool:
    """True if the ID number's holder is `age` or older on `on_date`."""
    birth = birth_date_of(id_number)
    return birth is not None and age_on(birth, on_date) >= age


def lane_for(*, is_appointment: bool, is_priority: bool) -> int:
    if is_appointment:
        return APPOINTMENT_LANE
    return PRIORITY_LANE if is_priority else WALK_IN_LANE


def sort_key_at(moment: datetime) -> int:
    """The sort key of a ticket queued at `moment` (an aware datetime): microseconds since 1970,
    so a skipped ticket fits one microsecond behind another without renumbering the queue."""
    return int(moment.timestamp()) * 1_000_000 + moment.microsecond


def skip_sort_key(keys_waiting_behind: list[int], *, behind: int, own_key: int) -> int:
    """Where a skipped ticket goes back in: just behind the `behind`-th ticket waiting in its lane
    (or at the end if fewer wait). `keys_waiting_behind` are the sort keys of the lane's waiting
    tickets in order."""
    if not keys_waiting_behind:
        return own_key
    anchor = keys_waiting_behind[min(behind, len(keys_waiting_behind)) - 1]
    return anchor + 1


def ticket_code(prefix: str, number: int) -> str:
    """A001 … A999, then A1000: at least three digits, as hall displays show them."""
    return f"{prefix}{number:03d}"


@dataclass(frozen=True)
class Period:
    start: time
    end: time


class BadHours(ValueError):
    """The hall's hours setting cannot be read."""


def parse_hours(text: str) -> list[Period]:
    """'09:00-12:00,13:30-17:30' → the periods, in order; raises BadHours."""
    periods = []
    for part in (piece.strip() for piece in text.split(",")):
        if not part:
            continue
        try:
            start_text, end_text = part.split("-")
            start, end = time.fromisoformat(start_text.strip()), time.fromisoformat(end_text.strip())
        except ValueError:
            raise BadHours(f"无法识别的办公时段：{part!r}（应为 09:00-12:00）") from None
        if end <= start:
            raise BadHours(f"办公时段 {part!r} 的结束早于开始")
        if periods and start < periods[-1].end:
            raise BadHours(f"办公时段 {part!r} 与前一时段重叠或顺序颠倒")
        periods.append(Period(start, end))
    if not periods:
        raise BadHours("未设置办公时段")
    return periods


def is_open_at(periods: list[Period], moment: time) -> bool:
    return any(period.start <= moment < period.end for period in periods)


def slots_of_day(periods: list[Period], *, minutes: int) -> list[tuple[time, time]]:
    """The appointment slots: each period cut into `minutes`-long slots (a shorter last slot is
    dropped: nobody books ten minutes before closing)."""
    slots = []
    step = timedelta(minutes=minutes)
    for period in periods:
        cursor = datetime.combine(date.min, period.start)
        end = datetime.combine(date.min, period.end)
        while cursor + step <= end:
            slots.append((cursor.time(), (cursor + step).time()))
            cursor += step
    return slots


def check_in_window(
    slot_start: datetime, *, early_minutes: int, late_minutes: int
) -> tuple[datetime, datetime]:
    """From when to when (exclusive) an appointment for the slot starting at `slot_start` may check
    in at the kiosk."""
    return slot_start - timedelta(minutes=early_minutes), slot_start + timedelta(minutes=late_minutes)
