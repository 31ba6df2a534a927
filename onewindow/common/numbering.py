"""Gap-free numbers: one counter row per series, site and period (the year), incremented under
its row lock in the caller's transaction, so a rolled-back transaction gives its number back and
two clerks never get the same one. Take the number as late as the transaction allows: the row
stays locked until it commits, and every other number of that series at that site waits for it.
"""

from __future__ import annotations

from onewindow.common.models import Counter

#: The series in use (a later app adds its own name).
CASE = "case"
PAYMENT_NOTICE = "payment_notice"


def next_number(*, series: str, site, period: int) -> int:
    """Increment and return the series' counter at `site` for `period`. Must run in a transaction."""
    counter, _created = Counter.objects.select_for_update().get_or_create(
        series=series, site=site, period=period
    )
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


def last_number(*, series: str, site, period: int) -> int:
    """The last number given (0 when none)."""
    counter = Counter.objects.filter(series=series, site=site, period=period).first()
    return counter.last_value if counter else 0
