"""Traffic lights over a million open cases, on PostgreSQL: "every case yellow or red today" (the
supervision page's query: handling cases by their promised date, decided ones by their delivery
date) and the first page of the list, each against raw SQL giving the same answer over the same
table, measured in the same run.

Due dates are stored and moved only by suspensions and extensions, so the lights are two ranges
on the (status, due date) indexes instead of a scan that recomputes every case's clock. Two raw
SQL references: the plainest statement with the same answer (one OR) and the selector's own two
ranges by hand (the same plan, without the ORM). The open-case count is printed for scale only.

The table: 1,000,000 open cases (85% in handling, 5% suspended, 10% decided and not yet
delivered), due dates spread like a real hall's: most ahead, about 5% today or overdue; VACUUM
ANALYZE after loading, as autovacuum would have run by then.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_lights)
    BENCH_LIGHTS_DATABASE_URL=... python bench/lights.py    # dropped and created again: a *bench* name
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

CASES = int(os.environ.get("BENCH_LIGHT_CASES", "1000000"))

support.setup(support.bench_url("lights", default=support.POSTGRES + "onewindow_bench_lights"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from onewindow.cases import clocks, selectors  # noqa: E402
from onewindow.cases.models import HANDLING_STATUSES, Case, CaseStatus  # noqa: E402
from onewindow.cases.services import handling  # noqa: E402
from onewindow.cases.tests.factories import published_item  # noqa: E402
from onewindow.org.tests.factories import make_hall  # noqa: E402
from onewindow.workcalendar.selectors import working_calendar  # noqa: E402


def _fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def main() -> None:
    call_command("migrate", verbosity=0)
    hall = make_hall()
    version = published_item(hall, today=timezone.localdate())
    started = time.perf_counter()
    support.fill_cases(
        site_id=hall["county"].pk,
        item_id=version.item_id,
        version_id=version.pk,
        department_id=version.item.department_id,
        user_id=hall["clerk"].user_id,
        count=CASES,
    )
    support.analyze()
    print(f"{CASES:,} open cases written and analyzed in {time.perf_counter() - started:.0f} s")
    today = timezone.localdate()
    warning = handling.warning_days()
    until = clocks.yellow_until(working_calendar(), today=today, warning_days=warning)
    open_statuses = (*HANDLING_STATUSES, CaseStatus.COMPLETED)

    def count_open():
        return Case.objects.filter(status__in=open_statuses).count()

    def count_lit():
        return selectors.lit_count(Case.objects.all(), today=today, warning_days=warning)

    def count_lit_raw_or():
        return _fetch(
            "SELECT count(*) FROM cases_case WHERE (status = %s AND promised_due_date < %s)"
            " OR (status = %s AND delivery_due_date < %s)",
            [CaseStatus.ACCEPTED, until, CaseStatus.COMPLETED, until],
        )[0][0]

    ranges_sql = (
        ("SELECT count(*) FROM cases_case WHERE status = %s AND promised_due_date < %s", CaseStatus.ACCEPTED),
        (
            "SELECT count(*) FROM cases_case WHERE status = %s AND delivery_due_date < %s",
            CaseStatus.COMPLETED,
        ),
    )

    def count_lit_raw_ranges():
        return sum(_fetch(sql, [status, until])[0][0] for sql, status in ranges_sql)

    def first_page():
        return list(
            selectors.lit_in_handling(Case.objects.all(), today=today, warning_days=warning).select_related(
                "version", "department"
            )[:50]
        )

    # The same 50 rows with the same columns (the case, its version and its department), by hand.
    page_sql = (
        "SELECT c.*, v.*, d.* FROM cases_case c JOIN catalog_itemversion v ON v.id = c.version_id"
        " JOIN org_department d ON d.id = c.department_id WHERE c.status = %s AND c.promised_due_date < %s"
        " ORDER BY c.promised_due_date, c.id LIMIT 50"
    )

    def first_page_raw():
        return _fetch(page_sql, [CaseStatus.ACCEPTED, until])

    open_count, lit_count = count_open(), count_lit()
    assert count_lit_raw_or() == count_lit_raw_ranges() == lit_count
    assert [row[0] for row in first_page_raw()] == [case.pk for case in first_page()]
    scale = support.median_ms(count_open)
    raw_or = support.median_ms(count_lit_raw_or)
    raw_ranges = support.median_ms(count_lit_raw_ranges)
    lit = support.median_ms(count_lit)
    page_raw = support.median_ms(first_page_raw)
    page = support.median_ms(first_page)
    print(f"database: {connection.vendor}, open cases: {open_count:,}, yellow or red today: {lit_count:,}")
    print(f"count the open cases (for scale, not a reference)      median {scale:8.1f} ms")
    print(f"count yellow or red, raw SQL, one OR (reference)        median {raw_or:8.1f} ms")
    print(
        f"count yellow or red, raw SQL, the selector's 2 ranges   median {raw_ranges:8.1f} ms"
        f"  ({raw_ranges / raw_or:.2f}x the reference)"
    )
    print(
        f"count yellow or red, selectors.lit_count               median {lit:8.1f} ms"
        f"  ({lit / raw_or:.2f}x the reference, {lit / raw_ranges:.2f}x the same ranges by hand)"
    )
    print(f"first page in handling, raw SQL, same 50 rows (ref.)   median {page_raw:8.1f} ms")
    print(
        f"first page in handling (50, red first), ORM            median {page:8.1f} ms"
        f"  ({page / page_raw:.2f}x the reference)"
    )


if __name__ == "__main__":
    main()
