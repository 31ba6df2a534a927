"""Shared by the PostgreSQL benchmarks: a fresh database, a million cases written with
generate_series, and the median of repeated runs. Import it after django.setup() for fill_cases."""

from __future__ import annotations

import statistics
import time

RUNS = 15


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


#: Values for the NOT NULL columns the generated rows do not set themselves.
FILLERS = {"boolean": "false", "integer": "0", "smallint": "0", "bigint": "0"}


def fill_cases(*, site_id, item_id, version_id, department_id, user_id, count: int) -> None:
    """Insert `count` open cases with generate_series: every NOT NULL column gets a value."""
    from django.db import connection

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


def median_ms(function) -> float:
    function()  # warm up
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)
