"""Gap-free numbers: one counter row per series, site and period (the year), incremented under
its row lock in the caller's transaction, so a rolled-back transaction gives its number back and
two clerks never get the same one. Take the number as late as the transaction allows: the row
stays locked until it commits, and every other number of that series at that site waits for it.
"""

from __future__ import annotations

from django.db import connection

from onewindow.common.models import Counter

#: The series in use (a later app adds its own name).
CASE = "case"
PAYMENT_NOTICE = "payment_notice"


def next_number(*, series: str, site, period: int) -> int:
    """Increment and return the series' counter at `site` for `period` (creating it at 1). Must
    run in a transaction: one statement (an upsert) that locks the row until the transaction ends."""
    if not connection.in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that uses the number")
    table = connection.ops.quote_name(Counter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (series, site_id, period, last_value) VALUES (%s, %s, %s, 1)"  # noqa: S608
            f" ON CONFLICT (series, site_id, period) DO UPDATE SET last_value = {table}.last_value + 1"
            " RETURNING last_value",
            [series, getattr(site, "pk", site), period],
        )
        return cursor.fetchone()[0]


def last_number(*, series: str, site, period: int) -> int:
    """The last number given (0 when none)."""
    counter = Counter.objects.filter(series=series, site=site, period=period).first()
    return counter.last_value if counter else 0
