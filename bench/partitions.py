"""The statistics' day rows (stats_casefigure) partitioned by year (stats migration 0003) against
the same rows in one plain table with the same indexes, at a province's size (docs/adr/0015,
"Carrying a province"): BENCH_PARTITIONS_ROWS_PER_DAY day rows (16,000 by default) on every
weekday of 2024, 2025 and 2026, written with generate_series into two tables built LIKE the
migrated stats_casefigure (so columns added later come along), then VACUUM ANALYZE.

Measured, each answer checked equal between the two tables: the days at a period's ends by
department (what selectors.figures reads from the day rows), a county's month by day, a whole year
by day (the page's "by day" over a year), rebuilding one day (the roll-up's delete and insert, rolled
back), VACUUM ANALYZE of what the year's writes touch, and removing the oldest year.

    python bench/partitions.py                        # PostgreSQL at 127.0.0.1:5432 (onewindow_bench_partitions)
    BENCH_PARTITIONS_ROWS_PER_DAY=40000 python bench/partitions.py
"""

from __future__ import annotations

import os
import re
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

ROWS_PER_DAY = int(os.environ.get("BENCH_PARTITIONS_ROWS_PER_DAY", "16000"))
YEARS = (2024, 2025, 2026)
SITES, DEPARTMENTS = 300, 40

support.setup(support.bench_url("partitions", default=support.POSTGRES + "onewindow_bench_partitions"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

PLAIN, PARTED = "bench_plain", "bench_parted"
INDEXES = {  # as on stats_casefigure (models.CaseFigure and the foreign keys' indexes)
    "unique": "UNIQUE ({day}, site_id, department_id, item_id, channel)",
    "site_day": "(site_id, {day})",
    "dept_day": "(department_id, {day})",
    "site": "(site_id)",
    "dept": "(department_id)",
    "item": "(item_id)",
}


def run(sql: str, params=None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def create() -> None:
    like = "LIKE stats_casefigure INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY"
    run(f"CREATE TABLE {PLAIN} ({like})")
    run(f"CREATE TABLE {PARTED} ({like}) PARTITION BY RANGE (day)")
    run(f"CREATE TABLE {PARTED}_default PARTITION OF {PARTED} DEFAULT")
    for year in (*YEARS, YEARS[-1] + 1):
        run(
            f"CREATE TABLE {PARTED}_y{year} PARTITION OF {PARTED}"
            f" FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
        )


COLUMNS = (
    "day, site_id, department_id, item_id, channel, received, accepted, correction_notices, completed,"
    " completed_immediate, completed_promised, completed_early, completed_on_time, days_used, days_statutory"
)
# ROWS_PER_DAY rows of each weekday in [%(first)s, %(last)s]: 300 sites, 40 departments, an item
# per 300 rows (every NOT NULL counter set: Django's defaults are not the database's).
ROWS = f"""
SELECT d::date, 1 + n %% {SITES}, 1 + (n / {SITES}) %% {DEPARTMENTS}, 1 + n / {SITES},
       (ARRAY['WINDOW', 'ONLINE', 'TOWNSHIP'])[1 + n %% 3], 2 + n %% 3, 2 + n %% 3, n %% 2,
       1 + n %% 3, n %% 2, 1, n %% 2, 1, 3 + n %% 5, 20
FROM generate_series(%(first)s::date, %(last)s::date, interval '1 day') AS d,
     generate_series(0, %(rows)s - 1) AS n
WHERE extract(isodow FROM d) < 6
"""  # noqa: S608 - numbers of the bench


def fill(table: str, year: int) -> None:
    run(
        f"INSERT INTO {table} ({COLUMNS}) {ROWS}",  # noqa: S608 - the bench's own table names
        {"first": date(year, 1, 1), "last": date(year, 12, 31), "rows": ROWS_PER_DAY},
    )


def index(table: str, *, partitioned: bool) -> None:
    run(f"ALTER TABLE {table} ADD PRIMARY KEY (id{', day' if partitioned else ''})")
    for name, columns in INDEXES.items():
        unique = "UNIQUE " if columns.startswith("UNIQUE") else ""
        run(
            f"CREATE {unique}INDEX {table}_{name} ON {table} {columns.removeprefix('UNIQUE ').format(day='day')}"
        )


def size(relation: str) -> int:
    return run("SELECT pg_total_relation_size(%s)", [relation])[0][0]


def mb(size_bytes: int) -> str:
    return f"{size_bytes / 1024 / 1024:,.0f} MB"


QUERIES = {
    "the days at a period's ends (9 days) by department": (
        "SELECT department_id, sum(accepted), sum(completed) FROM {t}"
        " WHERE day BETWEEN '2026-06-22' AND '2026-06-30' GROUP BY 1 ORDER BY 1"
    ),
    "a county (5 sites), a month by day": (
        "SELECT day, sum(accepted), sum(completed) FROM {t} WHERE site_id IN (3, 4, 5, 6, 7)"
        " AND day BETWEEN '2026-06-01' AND '2026-06-30' GROUP BY 1 ORDER BY 1"
    ),
    "a whole year by day": (
        "SELECT day, sum(accepted), sum(completed) FROM {t} WHERE day BETWEEN '2025-01-01' AND '2025-12-31'"
        " GROUP BY 1 ORDER BY 1"
    ),
}

DAY = date(2026, 6, 15)


def rebuild(table: str) -> None:
    """The roll-up's rebuild of a day (delete its rows, insert them anew), rolled back."""
    with connection.cursor() as cursor:
        cursor.execute("BEGIN")
        try:
            cursor.execute(f"DELETE FROM {table} WHERE day = %s", [DAY])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {table} ({COLUMNS}) {ROWS}",  # noqa: S608
                {"first": DAY, "last": DAY, "rows": ROWS_PER_DAY},
            )
        finally:
            cursor.execute("ROLLBACK")


def compare(queries: dict[str, str], plain_table: str, parted_table: str) -> float:
    """Each query on both tables (the same answer checked), its median times and the partitions
    its plan reads; returns the worst ratio partitioned / plain."""
    worst = 0.0
    for name, sql in queries.items():
        plain, parted = sql.format(t=plain_table), sql.format(t=parted_table)
        assert run(plain) == run(parted), name
        reference = support.median_ms(lambda plain=plain: run(plain), runs=9)
        measured = support.median_ms(lambda parted=parted: run(parted), runs=9)
        worst = max(worst, measured / reference)
        plan = " ".join(line for (line,) in run(f"EXPLAIN {parted}"))
        scanned = set(re.findall(rf"\b{parted_table}_(y\d{{4}}|default)\b", plan))
        print(
            f"{name}: partitioned {measured:8.1f} ms, plain {reference:8.1f} ms, ratio {measured / reference:.2f}x"
            f" ({len(scanned)} partition(s) in the plan)"
        )
    return worst


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    call_command("migrate", verbosity=0)
    create()
    started = time.perf_counter()
    for year in YEARS:
        for table in (PLAIN, PARTED):
            fill(table, year)
    index(PLAIN, partitioned=False)
    index(PARTED, partitioned=True)
    support.analyze()
    rows = run(f"SELECT count(*) FROM {PLAIN}")[0][0]  # noqa: S608
    print(
        f"{rows:,} day rows in each table ({ROWS_PER_DAY:,} a weekday), written, indexed and analyzed in"
        f" {time.perf_counter() - started:.0f} s"
    )
    parts = {year: size(f"{PARTED}_y{year}") for year in YEARS}
    print(
        f"size: plain {mb(size(PLAIN))}; partitioned {mb(sum(parts.values()))}"
        f" ({', '.join(f'{year} {mb(value)}' for year, value in parts.items())}, with their indexes)"
    )

    worst = compare(QUERIES, PLAIN, PARTED)
    for table in (PARTED, PLAIN):
        took = support.median_ms(lambda table=table: rebuild(table), runs=5)
        print(f"rebuilding a day ({ROWS_PER_DAY:,} rows deleted and inserted), {table}: {took:.0f} ms")

    vacuum_part = timed(lambda: run(f"VACUUM ANALYZE {PARTED}_y2026"))
    vacuum_plain = timed(lambda: run(f"VACUUM ANALYZE {PLAIN}"))
    print(
        f"VACUUM ANALYZE of what this year's roll-up touches: the 2026 partition {vacuum_part:.0f} ms,"
        f" the plain table {vacuum_plain:.0f} ms"
    )

    with connection.cursor() as cursor:
        dropped = timed(lambda: cursor.execute(f"BEGIN; DROP TABLE {PARTED}_y2024; ROLLBACK;"))
        deleted = timed(
            lambda: cursor.execute(f"BEGIN; DELETE FROM {PLAIN} WHERE day < '2025-01-01'; ROLLBACK;")  # noqa: S608
        )
    print(
        f"removing 2024: dropping its partition {dropped:.0f} ms, deleting its rows from the plain table"
        f" {deleted:,.0f} ms"
    )
    print(f"worst read ratio partitioned / plain: {worst:.2f}x")
    cases()


# Cases by year? ---------------------------------------------------------------------------------
CASES = int(os.environ.get("BENCH_PARTITIONS_CASES", "5000000"))
CASE_YEARS = (2022, 2023, 2024, 2025, 2026)
#: The columns the roll-up and the lookups touch, and a filler standing for the case's other ~60.
CASE_TABLE = """(id bigint NOT NULL, receipt_number varchar(30) NOT NULL, site_id integer NOT NULL,
    received_date date NOT NULL, accepted_date date, decided_date date, status varchar(12) NOT NULL,
    other text NOT NULL)"""
CASE_ROWS = f"""
SELECT n, 'R' || lpad(n::text, 12, '0'), 1 + n %% {SITES}, received, received,
       CASE WHEN n %% 10 <> 0 THEN received + (n %% 9) END, 'COMPLETED', repeat('x', 200)
FROM (SELECT n, date '2022-01-01' + (n::bigint * 1825 / %(cases)s)::integer AS received
      FROM generate_series(1, %(cases)s) AS n) AS generated
"""  # noqa: S608 - numbers of the bench
CASE_QUERIES = {
    "cases: a day's accepted by site (the roll-up's GROUP BY)": (
        "SELECT site_id, count(*) FROM {t} WHERE accepted_date = '2025-06-16' GROUP BY 1 ORDER BY 1"
    ),
    "cases: a day's decided by site (not the partition key)": (
        "SELECT site_id, count(*) FROM {t} WHERE decided_date = '2025-06-16' GROUP BY 1 ORDER BY 1"
    ),
    "cases: a month received by site (the partition key)": (
        "SELECT site_id, count(*) FROM {t} WHERE received_date BETWEEN '2025-06-01' AND '2025-06-30'"
        " GROUP BY 1 ORDER BY 1"
    ),
    "cases: one case by id": "SELECT receipt_number FROM {t} WHERE id = 2345678",
    "cases: one case by receipt number": "SELECT id FROM {t} WHERE receipt_number = 'R000002345678'",
}


def cases() -> None:
    """The same measure for the cases (a narrow stand-in with the indexes the roll-up and the
    lookups use), partitioned by the year received against one table: what partitioning cases
    would buy."""
    plain, parted = "bench_cases_plain", "bench_cases_parted"
    run(f"CREATE TABLE {plain} {CASE_TABLE}")
    run(f"CREATE TABLE {parted} {CASE_TABLE} PARTITION BY RANGE (received_date)")
    for year in CASE_YEARS:
        run(
            f"CREATE TABLE {parted}_y{year} PARTITION OF {parted} FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
        )
    started = time.perf_counter()
    for table in (plain, parted):
        run(f"INSERT INTO {table} {CASE_ROWS}", {"cases": CASES})  # noqa: S608
    # A partitioned table's unique keys must hold the partition key: the receipt number is unique
    # only within its year there.
    for table, key in ((plain, ""), (parted, ", received_date")):
        run(f"ALTER TABLE {table} ADD PRIMARY KEY (id{key})")
        run(f"CREATE UNIQUE INDEX {table}_receipt ON {table} (receipt_number{key})")
        run(f"CREATE INDEX {table}_site_received ON {table} (site_id, received_date)")
        run(f"CREATE INDEX {table}_accepted ON {table} (accepted_date)")
        run(f"CREATE INDEX {table}_decided ON {table} (decided_date)")
    support.analyze()
    print(
        f"{CASES:,} cases over five years in each table, written and indexed in {time.perf_counter() - started:.0f} s"
    )
    worst = compare(CASE_QUERIES, plain, parted)
    print(f"cases: worst read ratio partitioned / plain: {worst:.2f}x")


if __name__ == "__main__":
    main()
