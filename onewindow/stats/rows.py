"""The roll-up's shape, shared by what writes it (services) and what reads it (selectors): the
columns a row is keyed on, the counters it sums, and the calendar's months."""

from __future__ import annotations

from datetime import date, timedelta

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
    "fees_collected",
    "fees_refunded",
)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)
