"""The statistics over ten million cases on PostgreSQL: a month's and a year's figures by department
and by site from the roll-up (stats.selectors.figures), against the naive GROUP BY over the cases
table giving the same counts, in the same run (aim: under a tenth of it, and under a second).

The table: BENCH_STATS_CASES cases (10,000,000 by default) written by COPY-speed INSERT … SELECT
generate_series over three years (2024-01-01 to 2026-12-31), at 30 sites, of 60 items of 15
departments, by three channels; 96% accepted the day they came, 97% of those decided within
nine days, a promised date a week on. Then the roll-up of every day (services.rollup_days, as the
first periodic run would do it), and VACUUM ANALYZE.

    make bench                  # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_stats)
    BENCH_STATS_CASES=1000000 python bench/stats.py
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

CASES = int(os.environ.get("BENCH_STATS_CASES", "10000000"))
FIRST, LAST = date(2024, 1, 1), date(2026, 12, 31)
SITES, DEPARTMENTS, ITEMS_PER_DEPARTMENT = 30, 15, 4

support.setup(support.bench_url("stats", default=support.POSTGRES + "onewindow_bench_stats"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from onewindow.catalog.tests.factories import make_item, publish  # noqa: E402
from onewindow.org.models import Role, Site  # noqa: E402
from onewindow.org.tests.factories import make_department, make_hall, make_site, make_staff  # noqa: E402
from onewindow.stats import selectors, services  # noqa: E402


def _fetch(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _array(values) -> str:
    return "ARRAY[" + ", ".join(str(value) for value in values) + "]"


def fill(*, sites, versions, user_id) -> None:
    """CASES cases by INSERT … SELECT generate_series: every NOT NULL column gets a value."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'cases_case'"
            " AND is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO'"
        )
        required = dict(cursor.fetchall())
        span = (LAST - FIRST).days + 1
        count = len(versions)
        received = f"(date '{FIRST.isoformat()}' + (n %% {span}))"
        pick = f"(1 + (n / 7) %% {count})"
        columns = {
            **{name: support.FILLERS.get(kind, "''") for name, kind in required.items()},
            "site_id": f"({_array(sites)})[1 + (n / 3) %% {len(sites)}]",
            "item_id": f"({_array(v.item_id for v in versions)})[{pick}]",
            "version_id": f"({_array(v.pk for v in versions)})[{pick}]",
            "department_id": f"({_array(v.item.department_id for v in versions)})[{pick}]",
            "created_by_id": str(user_id),
            "receipt_number": "'R' || lpad(n::text, 12, '0')",
            "number": "CASE WHEN n %% 25 <> 0 THEN 'N' || lpad(n::text, 12, '0') END",
            "query_code": "'123456'",
            "channel": "(ARRAY['WINDOW', 'WINDOW', 'ONLINE', 'TOWNSHIP'])[1 + n %% 4]",
            "status": "CASE WHEN n %% 25 = 0 THEN 'RECEIVED' WHEN n %% 33 = 0 THEN 'ACCEPTED' ELSE 'COMPLETED' END",
            "applicant_kind": "'PERSON'",
            "applicant_name": "'申请人' || n",
            "id_number": "'21028319850312001X'",
            "contact_phone": "'13912345678'",
            "received_at": f"{received}::timestamp + time '09:30'",
            "received_date": received,
            "materials_date": received,
            "decision_due_date": f"{received} + 5",
            "accepted_date": f"CASE WHEN n %% 25 <> 0 THEN {received} END",
            "accepted_at": f"CASE WHEN n %% 25 <> 0 THEN {received}::timestamp + time '09:30' END",
            "promised_due_date": f"CASE WHEN n %% 25 <> 0 THEN {received} + 7 END",
            "statutory_due_date": f"CASE WHEN n %% 25 <> 0 THEN {received} + 28 END",
            "decided_date": f"CASE WHEN n %% 25 <> 0 AND n %% 33 <> 0 THEN {received} + (n %% 9) END",
            "decided_at": f"CASE WHEN n %% 25 <> 0 AND n %% 33 <> 0 THEN ({received} + (n %% 9))::timestamp + time '15:00' END",
            "decision": "CASE WHEN n %% 25 <> 0 AND n %% 33 <> 0 THEN 'APPROVED' ELSE '' END",
        }
        names = ", ".join(columns)
        values = ", ".join(columns.values())
        step = 1_000_000
        for first in range(1, CASES + 1, step):
            cursor.execute(
                f"INSERT INTO cases_case ({names}) SELECT {values} FROM generate_series(%s::integer, %s::integer) AS n",  # noqa: S608
                [first, min(CASES, first + step - 1)],
            )


NAIVE = """
SELECT {key},
       count(*) FILTER (WHERE accepted_date BETWEEN %(first)s AND %(last)s),
       count(*) FILTER (WHERE decided_date BETWEEN %(first)s AND %(last)s),
       count(*) FILTER (WHERE decided_date BETWEEN %(first)s AND %(last)s AND decided_date <= promised_due_date)
FROM cases_case
WHERE accepted_date BETWEEN %(first)s AND %(last)s OR decided_date BETWEEN %(first)s AND %(last)s
GROUP BY {key} ORDER BY {key}
"""


def main() -> None:
    call_command("migrate", verbosity=0)
    hall = make_hall()
    county = hall["county"]
    sites = [county.pk, hall["township"].pk] + [
        make_site(kind=Site.Kind.TOWNSHIP, parent=county).pk for _ in range(SITES - 2)
    ]
    versions = []
    for _number in range(DEPARTMENTS):
        department = make_department(site=county)
        reviewer = make_staff(site=county, roles=[Role.DEPARTMENT_REVIEWER], department=department).user
        for _item in range(ITEMS_PER_DEPARTMENT):
            version = make_item(department=department, user=reviewer)
            versions.append(publish(version, submitter=reviewer, approver=hall["office"].user, today=FIRST))
    started = time.perf_counter()
    fill(sites=sites, versions=versions, user_id=hall["clerk"].user_id)
    support.analyze()
    print(f"{CASES:,} cases written and analyzed in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    rows = services.rollup_days(FIRST, LAST)
    support.analyze()
    print(
        f"roll-up of {(LAST - FIRST).days + 1:,} days: {rows:,} rows in {time.perf_counter() - started:.0f} s"
    )

    periods = {
        "a month (2026-06)": (date(2026, 6, 1), date(2026, 6, 30)),
        "a year (2025)": (date(2025, 1, 1), date(2025, 12, 31)),
    }
    keys = {"department": ("department_id", "department"), "site": ("site_id", "site")}
    worst = 0.0
    for period, (first, last) in periods.items():
        for by, (column, _label) in keys.items():

            def ours(first=first, last=last, by=by):
                return selectors.figures(first=first, last=last, by=by)

            def naive(first=first, last=last, column=column):
                return _fetch(NAIVE.format(key=column), {"first": first, "last": last})

            mine = {row.group[column]: (row.accepted, row.completed, row.completed_on_time) for row in ours()}
            theirs = {row[0]: tuple(row[1:]) for row in naive()}
            assert mine == theirs, (period, by)
            reference = support.median_ms(naive, runs=5)
            measured = support.median_ms(ours, runs=9)
            worst = max(worst, measured / reference)
            print(
                f"{period} by {by}: roll-up {measured:8.1f} ms; naive GROUP BY over the cases {reference:9.1f} ms;"
                f" ratio {measured / reference:.3f}x (aim < 0.1x and < 1,000 ms)"
            )
    print(f"worst ratio: {worst:.3f}x")


if __name__ == "__main__":
    main()
