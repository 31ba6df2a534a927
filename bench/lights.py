"""Traffic lights over a million open cases, on PostgreSQL: "every case yellow or red today" (the
supervision page's query: handling cases by their promised date, decided ones by their delivery
date), against counting the open cases, measured in the same run on the same table.

Due dates are stored and moved only by suspensions and extensions, so the lights are two ranges
on the (status, due date) indexes instead of a scan that recomputes every case's clock.

The table: 1,000,000 open cases (85% in handling, 5% suspended, 10% decided and not yet
delivered), due dates spread like a real hall's: most ahead, about 5% today or overdue.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_lights)
    DATABASE_URL=... python bench/lights.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

CASES = int(os.environ.get("BENCH_LIGHT_CASES", "1000000"))
RUNS = 15
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/onewindow_bench_lights"

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("ONEWINDOW_DEBUG", "0")
os.environ.setdefault("ONEWINDOW_SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("ONEWINDOW_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("ONEWINDOW_VAR_DIR", tempfile.mkdtemp(prefix="onewindow-bench-"))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_LIGHTS_DATABASE_URL", DEFAULT_URL)
os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.config.settings"


def _recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


_recreate_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from onewindow.cases import handling, selectors  # noqa: E402
from onewindow.cases.models import HANDLING_STATUSES, Case, CaseStatus  # noqa: E402
from onewindow.cases.tests.factories import published_item  # noqa: E402
from onewindow.org.tests.factories import make_hall  # noqa: E402

#: Values for the NOT NULL columns the generated rows do not set themselves.
FILLERS = {"boolean": "false", "integer": "0", "smallint": "0", "bigint": "0"}


def _fill_cases(*, site_id, item_id, version_id, department_id, user_id, count: int) -> None:
    """Insert `count` open cases with generate_series: every NOT NULL column gets a value."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'cases_case'"
            " AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'"
        )
        required = dict(cursor.fetchall())
        generated = {
            "site_id": str(site_id),
            "item_id": str(item_id),
            "version_id": str(version_id),
            "department_id": str(department_id),
            "created_by_id": str(user_id),
            "receipt_number": "'B' || lpad(n::text, 12, '0')",
            "query_code": "'123456'",
            "channel": "'WINDOW'",
            "status": "CASE WHEN n %% 20 = 0 THEN 'SUSPENDED' WHEN n %% 10 = 1 THEN 'COMPLETED' ELSE 'ACCEPTED' END",
            "applicant_kind": "'PERSON'",
            "applicant_name": "'基准申请人' || n",
            "id_number": "'21028319850312001X'",
            "contact_phone": "'13912345678'",
            "received_at": "now() - interval '10 days'",
            "received_date": "current_date - 10",
            "materials_date": "current_date - 10",
            "decision_due_date": "current_date - 5",
        }
        # Most due dates ahead; 1 in 25 overdue by up to 10 days, 1 in 100 due today.
        due = "current_date + CASE WHEN n %% 25 = 3 THEN -1 - (n %% 10) WHEN n %% 100 = 7 THEN 0 ELSE 1 + (n %% 60) END"
        optional = {
            "number": "'210283-B-' || lpad(n::text, 9, '0')",
            "accepted_date": "current_date - 10",
            "accepted_at": "now() - interval '10 days'",
            "promised_due_date": due,
            "statutory_due_date": due + " + 20",
            "decided_date": "CASE WHEN n %% 10 = 1 THEN current_date - 1 END",
            "delivery_due_date": "CASE WHEN n %% 10 = 1 THEN " + due + " END",
        }
        columns = {
            **{name: FILLERS.get(kind, "''") for name, kind in required.items()},
            **generated,
            **optional,
        }
        names = ", ".join(columns)
        values = ", ".join(columns.values())
        cursor.execute(
            f"INSERT INTO cases_case ({names}) SELECT {values} FROM generate_series(1, %s) AS n",  # noqa: S608
            [count],
        )
    # As autovacuum would have by now: statistics and the visibility map (index-only scans).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cases_case")


def _median_ms(function) -> float:
    function()  # warm up
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    call_command("migrate", verbosity=0)
    hall = make_hall()
    version = published_item(hall, today=timezone.localdate())
    started = time.perf_counter()
    _fill_cases(
        site_id=hall["county"].pk,
        item_id=version.item_id,
        version_id=version.pk,
        department_id=version.item.department_id,
        user_id=hall["clerk"].user_id,
        count=CASES,
    )
    print(f"{CASES:,} open cases written in {time.perf_counter() - started:.0f} s")
    today = timezone.localdate()
    warning = handling.warning_days()
    open_statuses = (*HANDLING_STATUSES, CaseStatus.COMPLETED)

    def count_open():
        return Case.objects.filter(status__in=open_statuses).count()

    def count_lit():
        return selectors.lit_count(Case.objects.all(), today=today, warning_days=warning)

    def first_page():
        return list(
            selectors.lit_in_handling(Case.objects.all(), today=today, warning_days=warning).select_related(
                "version", "department"
            )[:50]
        )

    open_count, lit_count = count_open(), count_lit()
    reference = _median_ms(count_open)
    lit = _median_ms(count_lit)
    page = _median_ms(first_page)
    print(f"database: {connection.vendor}, open cases: {open_count:,}, yellow or red today: {lit_count:,}")
    print(f"count the open cases (reference)        median {reference:8.1f} ms")
    print(
        f"count every case yellow or red today    median {lit:8.1f} ms  ({lit / reference:.2f}x the reference)"
    )
    print(
        f"first page in handling (50, red first)  median {page:8.1f} ms  ({page / reference:.2f}x the reference)"
    )


if __name__ == "__main__":
    main()
