"""The statistics and the public satisfaction figures read from a real streaming replica (the
PostgreSQL pass of `make test` with TEST_REPLICA_URL; .ci/replica starts one on 127.0.0.1:5433).

Data is written on the primary through the services, the test waits until the replica has
replayed the primary's WAL position, then asks the page or the API and checks on which server
the roll-up was read. Pausing the replica's replay shows the reads really come from the standby:
it answers with what it had when paused, while the primary has more."""

import fcntl
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from onewindow.common import dbrouter
from onewindow.common.dbrouter import REPLICA, reading_replica, reads_from
from onewindow.stats import services
from onewindow.stats.models import CaseFigure
from onewindow.stats.tests.factories import write_cases
from onewindow.stats.tests.test_figures import NOVEMBER, expected, generated, items  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.replica,
    pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA]),
]

QUERY = {"from": "2026-11-01", "to": "2026-11-30", "by": "department"}
#: The replica is one server for every pytest-xdist worker: one test at a time pauses its replay.
PAUSE_LOCK = "/tmp/onewindow-test-replica-pause.lock"  # noqa: S108 - a lock file shared by the workers


def _one(alias: str, sql: str, params=()):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def primary_position() -> str:
    return _one(DEFAULT_DB_ALIAS, "SELECT pg_current_wal_lsn()::text")


def caught_up(*, received_only: bool = False, timeout: float = 30) -> None:
    """Wait until the replica has replayed (or only received) everything the primary wrote."""
    position = primary_position()
    function = "pg_last_wal_receive_lsn" if received_only else "pg_last_wal_replay_lsn"
    deadline = time.monotonic() + timeout
    while True:
        try:
            if _one(REPLICA, f"SELECT {function}() >= %s::pg_lsn", [position]):  # noqa: S608 - one of two names
                return
        except OperationalError:  # the test database not there yet on the replica
            connections[REPLICA].close()
        assert time.monotonic() < deadline, f"the replica did not reach {position} in {timeout} s"
        time.sleep(0.01)


@contextmanager
def replay_paused() -> Iterator[None]:
    with open(PAUSE_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _one(REPLICA, "SELECT pg_wal_replay_pause()::text")
        try:
            yield
        finally:
            _one(REPLICA, "SELECT pg_wal_replay_resume()::text")


@pytest.fixture
def replica_reads(settings):
    """Reads under reading_replica() go to the replica (the suite keeps them on the primary)."""
    settings.ONEWINDOW_REPLICA_READS = True
    dbrouter.replica_health_forget()
    yield
    dbrouter.replica_health_forget()


@pytest.fixture
def november(hall, items, settings):  # noqa: F811
    from onewindow.cases.tests.factories import at

    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 11, 30), 17, 0)
    specs = generated(hall, items)
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(*NOVEMBER)
    caught_up()
    return specs


@contextmanager
def queries(*aliases: str) -> Iterator[dict[str, list[str]]]:
    """The SQL each server ran in the block: {"default": [...], "replica": [...]} (CaptureQueriesContext
    connects to each server first)."""
    seen: dict[str, list[str]] = {}
    with ExitStack() as stack:
        captures = {
            alias: stack.enter_context(CaptureQueriesContext(connections[alias]))
            for alias in aliases or (DEFAULT_DB_ALIAS, REPLICA)
        }
        yield seen
    seen.update(
        {alias: [query["sql"] for query in capture.captured_queries] for alias, capture in captures.items()}
    )


def read(seen: dict[str, list[str]], alias: str, table: str) -> bool:
    return any(f'"{table}"' in sql for sql in seen[alias])


def figures_api(user) -> dict:
    client = APIClient()
    client.force_authenticate(user)
    answer = client.get("/api/v1/stats/figures", QUERY)
    assert answer.status_code == 200
    return answer.json()


def test_the_replica_is_a_standby_of_the_primary_and_the_router_chooses_it(replica_reads):
    assert _one(REPLICA, "SELECT pg_is_in_recovery()") is True
    assert _one(DEFAULT_DB_ALIAS, "SELECT pg_is_in_recovery()") is False
    # The same test database, streamed (pytest-xdist's suffix included).
    assert _one(REPLICA, "SELECT current_database()") == _one(DEFAULT_DB_ALIAS, "SELECT current_database()")
    with reading_replica():
        assert reads_from() == REPLICA


def test_the_api_reads_the_rollup_from_the_replica(replica_reads, hall, november):
    with queries() as seen:
        answer = figures_api(hall["office"].user)
    counts = expected(november, *NOVEMBER)
    assert (answer["total"]["accepted"], answer["total"]["completed"]) == (
        counts["accepted"],
        counts["completed"],
    )
    assert read(seen, REPLICA, "stats_casemonthfigure") and read(seen, REPLICA, "stats_casefigure")
    assert not read(seen, DEFAULT_DB_ALIAS, "stats_casemonthfigure")
    assert not read(seen, DEFAULT_DB_ALIAS, "stats_casefigure")
    # Who asks (the token's user, the session) is the primary's.
    assert not any('"accounts_user"' in sql for sql in seen[REPLICA])


def test_the_page_and_its_export_read_the_replica(replica_reads, client, hall, november):
    client.force_login(hall["office"].user)
    with queries() as seen:
        page = client.get("/office/stats/", QUERY)
        export = client.get("/office/stats/export.xlsx", QUERY)
    assert page.status_code == 200 and export.status_code == 200
    assert f'<div class="value">{expected(november, *NOVEMBER)["accepted"]}</div>' in page.content.decode()
    assert read(seen, REPLICA, "stats_casemonthfigure")
    assert not read(seen, DEFAULT_DB_ALIAS, "stats_casemonthfigure")
    assert not read(seen, DEFAULT_DB_ALIAS, "stats_casefigure")


def test_the_public_satisfaction_figures_read_the_replica(replica_reads, hall):
    caught_up()
    with queries() as seen:
        assert APIClient().get("/api/v1/evaluations/satisfaction").status_code == 200
        assert APIClient().get("/satisfaction/").status_code == 200
    assert read(seen, REPLICA, "evaluations_rating")
    assert not read(seen, DEFAULT_DB_ALIAS, "evaluations_rating")


def test_a_paused_replica_answers_with_what_it_had_and_a_lagging_one_is_left_for_the_primary(
    replica_reads,
    settings,
    hall,
    november,
    items,  # noqa: F811 - the fixture
):
    user = hall["office"].user
    before = figures_api(user)["total"]["accepted"]
    more = [spec for spec in generated(hall, items, seed=7, count=30) if spec.accepted]
    with replay_paused():
        write_cases(more, user=hall["clerk"].user, prefix="R")
        services.rollup_days(*NOVEMBER)
        caught_up(received_only=True)
        # The standby has the WAL but has not replayed it: the figures it gives are the old ones.
        assert figures_api(user)["total"]["accepted"] == before
        # Behind by more than allowed: the reads go back to the primary, which has the new cases.
        settings.ONEWINDOW_REPLICA_MAX_LAG_SECONDS = 0
        with queries() as seen:
            assert figures_api(user)["total"]["accepted"] == before + len(more)
        assert read(seen, DEFAULT_DB_ALIAS, "stats_casemonthfigure")
        assert not read(seen, REPLICA, "stats_casemonthfigure")
        settings.ONEWINDOW_REPLICA_MAX_LAG_SECONDS = 30
    caught_up()
    with queries() as seen:
        assert figures_api(user)["total"]["accepted"] == before + len(more)
    assert read(seen, REPLICA, "stats_casemonthfigure")


def test_a_block_reads_what_it_wrote_from_the_primary(replica_reads, hall, items):  # noqa: F811
    version = items["promised"]
    row = {
        "site": hall["county"],
        "department": version.item.department,
        "item": version.item,
        "channel": "WINDOW",
    }
    caught_up()
    with replay_paused():
        with reading_replica():
            with transaction.atomic():
                written = CaseFigure.objects.create(day=date(2026, 11, 2), accepted=4, **row)
                assert CaseFigure.objects.filter(pk=written.pk).exists()  # in the transaction: the primary
            assert reads_from() == DEFAULT_DB_ALIAS  # the block wrote: the primary from now on
            assert CaseFigure.objects.filter(pk=written.pk).exists()
        with reading_replica():
            # A block that wrote nothing reads the replica, which has not replayed the row yet.
            assert reads_from() == REPLICA
            assert not CaseFigure.objects.filter(pk=written.pk).exists()
    caught_up()
    with reading_replica():
        assert CaseFigure.objects.filter(pk=written.pk).exists()


def test_an_unreachable_replica_leaves_the_reads_to_the_primary(replica_reads, hall, november):
    replica = connections[REPLICA]
    port = replica.settings_dict["PORT"]
    replica.close()
    replica.settings_dict["PORT"] = 1  # nothing listens there
    try:
        with queries(DEFAULT_DB_ALIAS) as seen:
            answer = figures_api(hall["office"].user)
        assert answer["total"]["accepted"] == expected(november, *NOVEMBER)["accepted"]
        assert read(seen, DEFAULT_DB_ALIAS, "stats_casemonthfigure")
        assert replica.connection is None  # it never answered
    finally:
        replica.close()
        replica.settings_dict["PORT"] = port
