"""The streaming read replica under a province's writes (docs/adr/0015, "Carrying a province"): how far
behind the replica falls and how soon what was written can be read there.

Needs a replica of the primary (127.0.0.1:5432) streaming on 127.0.0.1:5433: `sudo .ci/replica`.
Not in `make bench` for that reason.

1. Single commits at a clerk's pace (a case and its event, one transaction each): the time from the
   commit on the primary until the replica has replayed it, median and worst of BENCH_REPLICA_COMMITS.
2. A province's working day at once: BENCH_REPLICA_CASES (70,000) cases received and accepted on one
   day, written by COPY (stats.demo.write_cases, one statement), then the day's roll-up
   (services.rollup_days), both as fast as the primary can: the WAL they make, the most the replica
   was behind while they ran (pg_stat_replication, sampled every 50 ms), and how long after each
   commit the replica had replayed it.
3. The day's figures read through reading_replica() (from the replica) and from the primary: the same
   answer, and their times.

    sudo .ci/replica && python bench/replica.py      # database onewindow_bench_replica, on both servers
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

CASES = int(os.environ.get("BENCH_REPLICA_CASES", "70000"))
COMMITS = int(os.environ.get("BENCH_REPLICA_COMMITS", "200"))
SITES, ITEMS = 60, 8
DAY = date(2026, 11, 17)

url = support.bench_url("replica", default=support.POSTGRES + "onewindow_bench_replica")
support.setup(url)
os.environ["DATABASE_REPLICA_URL"] = os.environ.get(
    "BENCH_REPLICA_REPLICA_URL", "postgres://postgres@127.0.0.1:5433/" + url.rsplit("/", 1)[1]
)

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402

from onewindow.cases.models import Case, CaseEvent  # noqa: E402
from onewindow.cases.tests.factories import published_item  # noqa: E402
from onewindow.common import dbrouter  # noqa: E402
from onewindow.org.models import Site  # noqa: E402
from onewindow.org.tests.factories import make_hall, make_site  # noqa: E402
from onewindow.stats import selectors, services  # noqa: E402
from onewindow.stats.demo import CaseSpec, write_cases  # noqa: E402

PRIMARY = support.POSTGRES + "postgres"


def one(alias: str, sql: str, params=None):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def position() -> str:
    return one("default", "SELECT pg_current_wal_lsn()::text")


def replayed_after(lsn: str, started: float) -> float:
    """Seconds from `started` until the replica has replayed `lsn`."""
    while not one("replica", "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn]):
        time.sleep(0.0005)
    return time.perf_counter() - started


class Lag:
    """The most the replica was behind while the block ran: bytes not replayed and replay_lag."""

    def __enter__(self):
        self.bytes, self.seconds, self._stop = 0, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._watch)
        self._thread.start()
        return self

    def _watch(self):
        with psycopg.connect(PRIMARY, autocommit=True) as watch:
            while not self._stop.is_set():
                behind, lag = watch.execute(
                    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn),"
                    " COALESCE(EXTRACT(EPOCH FROM replay_lag), 0) FROM pg_stat_replication"
                ).fetchone()
                self.bytes, self.seconds = max(self.bytes, int(behind)), max(self.seconds, float(lag))
                time.sleep(0.05)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MB"


def main() -> None:
    if one("replica", "SELECT pg_is_in_recovery()") is not True:
        raise SystemExit("127.0.0.1:5433 is not a standby of the primary: start it with `sudo .ci/replica`")
    call_command("migrate", verbosity=0)
    hall = make_hall()
    sites = [hall["county"].pk] + [
        make_site(kind=Site.Kind.TOWNSHIP, parent=hall["county"]).pk for _ in range(SITES - 1)
    ]
    versions = [published_item(hall, name=f"基准事项{number}") for number in range(ITEMS)]
    support.analyze()

    # 1. one small transaction at a time, as clerks write
    write_cases([CaseSpec(version=versions[0], site_id=sites[0], received=DAY)], user=hall["clerk"].user)
    case = Case.objects.latest("id")
    delays = []
    for _ in range(COMMITS):
        with transaction.atomic():
            CaseEvent.objects.create(case=case, action=CaseEvent.Action.REMINDED, at=case.received_at)
        started = time.perf_counter()
        delays.append(replayed_after(position(), started) * 1000)
        time.sleep(0.01)
    print(
        f"{COMMITS} single commits: replayed on the replica {statistics.median(delays):.1f} ms after the"
        f" commit (median), {max(delays):.1f} ms at worst"
    )

    # 2. a province's working day written at once
    specs = [
        CaseSpec(
            version=versions[number % ITEMS],
            site_id=sites[number % SITES],
            received=DAY,
            channel=("WINDOW", "ONLINE", "TOWNSHIP")[number % 3],
            accepted=DAY,
            decided=DAY if number % 2 else None,
            promised_due=DAY,
            statutory_due=DAY,
        )
        for number in range(CASES)
    ]
    for label, write in (
        (f"{CASES:,} cases (COPY)", lambda: write_cases(specs, user=hall["clerk"].user, prefix="P")),
        ("the day's roll-up", lambda: services.rollup_days(DAY, DAY)),
    ):
        before = position()
        with Lag() as lag:
            started = time.perf_counter()
            write()
            wrote = time.perf_counter() - started
            after = position()
            caught_up = replayed_after(after, time.perf_counter())
        wal = one("default", "SELECT pg_wal_lsn_diff(%s::pg_lsn, %s::pg_lsn)", [after, before])
        print(
            f"{label}: written in {wrote:.1f} s, {mb(int(wal))} of WAL; the replica at most {mb(lag.bytes)}"
            f" / {lag.seconds:.2f} s behind, and had replayed all of it {caught_up * 1000:.0f} ms after the commit"
        )

    # 3. the day's figures from the replica and from the primary
    def figures():
        return selectors.figures(first=DAY, last=DAY, by="department")

    def from_replica():
        with dbrouter.reading_replica():
            assert dbrouter.reads_from() == "replica"
            return figures()

    assert [row.counts for row in from_replica()] == [row.counts for row in figures()]
    assert sum(row.accepted for row in figures()) == CASES
    print(
        f"the day's figures by department: from the replica {support.median_ms(from_replica):.1f} ms,"
        f" from the primary {support.median_ms(figures):.1f} ms"
    )
    connection.close()


if __name__ == "__main__":
    main()
