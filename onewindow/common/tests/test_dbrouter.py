"""The read replica's rules (common/dbrouter.py), on any database: which reads may go to the
replica and which stay on the primary, and how DATABASE_REPLICA_URL configures it. The replica
itself — reads that really come from a standby — is stats/tests/test_replica.py's (PostgreSQL pass
with TEST_REPLICA_URL)."""

import json
import os
import subprocess
import sys
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, transaction

from onewindow.common import dbrouter
from onewindow.common.dbrouter import REPLICA, ReplicaRouter, reading_replica, reads_from
from onewindow.evaluations.models import Rating
from onewindow.stats.models import CaseFigure, CaseMonthFigure

router = ReplicaRouter()


@pytest.fixture
def replica_up(monkeypatch):
    """A replica configured and answering (nothing is read here: the router only names it)."""
    monkeypatch.setattr(dbrouter, "replica_configured", lambda: True)
    monkeypatch.setattr(dbrouter, "replica_usable", lambda: True)


def test_outside_a_block_every_read_is_the_primarys(replica_up):
    assert router.db_for_read(CaseFigure) == DEFAULT_DB_ALIAS
    assert reads_from() == DEFAULT_DB_ALIAS


def test_a_block_reads_the_replica_but_who_asks_from_the_primary(replica_up):
    with reading_replica():
        assert [router.db_for_read(model) for model in (CaseFigure, CaseMonthFigure, Rating)] == [REPLICA] * 3
        # A session or token made a moment ago must be found: never the replica's.
        assert router.db_for_read(Session) == DEFAULT_DB_ALIAS
        assert router.db_for_read(get_user_model()) == DEFAULT_DB_ALIAS
    assert router.db_for_read(CaseFigure) == DEFAULT_DB_ALIAS


def test_writes_go_to_the_primary_and_the_block_then_reads_the_primary(replica_up):
    assert router.db_for_write(CaseFigure) == DEFAULT_DB_ALIAS
    with reading_replica():
        assert router.db_for_read(CaseFigure) == REPLICA
        assert router.db_for_write(CaseFigure) == DEFAULT_DB_ALIAS
        assert router.db_for_read(CaseFigure) == DEFAULT_DB_ALIAS
        assert router.db_for_read(Rating) == DEFAULT_DB_ALIAS
    with reading_replica():
        assert router.db_for_read(CaseFigure) == REPLICA


def test_an_inner_block_follows_the_outer_one_even_after_a_write(replica_up):
    with reading_replica():
        with reading_replica():
            assert reads_from() == REPLICA
            router.db_for_write(CaseFigure)
        assert reads_from() == DEFAULT_DB_ALIAS


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_are_the_primarys(replica_up):
    with reading_replica():
        assert router.db_for_read(CaseFigure) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(CaseFigure) == DEFAULT_DB_ALIAS
        assert router.db_for_read(CaseFigure) == REPLICA
    # A block opened inside a transaction reads the primary throughout.
    with transaction.atomic(), reading_replica():
        assert router.db_for_read(CaseFigure) == DEFAULT_DB_ALIAS
    with transaction.atomic():
        pass
    assert reads_from() == DEFAULT_DB_ALIAS


def test_no_replica_or_one_unusable_means_the_primary(monkeypatch):
    monkeypatch.setattr(dbrouter, "replica_configured", lambda: False)
    with reading_replica():
        assert router.db_for_read(CaseFigure) == DEFAULT_DB_ALIAS
    monkeypatch.setattr(dbrouter, "replica_configured", lambda: True)
    monkeypatch.setattr(dbrouter, "replica_usable", lambda: False)
    with reading_replica():
        assert router.db_for_read(CaseFigure) == DEFAULT_DB_ALIAS


def test_as_a_decorator_and_per_thread(replica_up):
    @reading_replica()
    def view():
        seen = []
        other = threading.Thread(target=lambda: seen.append(router.db_for_read(CaseFigure)))
        other.start()
        other.join()
        return reads_from(), seen

    # Another thread (another request in the same process) is not in this request's block.
    assert view() == (REPLICA, [DEFAULT_DB_ALIAS])
    assert view() == (REPLICA, [DEFAULT_DB_ALIAS])
    assert reads_from() == DEFAULT_DB_ALIAS


def test_the_replica_is_never_migrated_and_relations_cross():
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "stats") is True
    assert router.allow_migrate(REPLICA, "stats", model_name="casefigure") is False
    assert router.allow_relation(CaseFigure(), Rating()) is True


def test_the_replica_is_asked_once_per_recheck_window(settings, monkeypatch):
    asked = []
    clock = {"now": 1000.0}
    monkeypatch.setattr(dbrouter, "replica_check", lambda: asked.append(1) or len(asked) == 1)
    monkeypatch.setattr(dbrouter.time, "monotonic", lambda: clock["now"])
    settings.ONEWINDOW_REPLICA_RECHECK_SECONDS = 5
    dbrouter.replica_health_forget()
    try:
        assert dbrouter.replica_usable() and dbrouter.replica_usable()
        assert len(asked) == 1
        clock["now"] += 6
        assert not dbrouter.replica_usable()  # the second answer: unusable
        assert len(asked) == 2
        settings.ONEWINDOW_REPLICA_RECHECK_SECONDS = 0
        dbrouter.replica_usable()
        assert len(asked) == 3
    finally:
        dbrouter.replica_health_forget()


def _settings_under(**environment) -> subprocess.CompletedProcess:
    """The production settings module read in a fresh interpreter with this environment."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("ONEWINDOW_", "DATABASE_"))}
    env.update(DJANGO_SETTINGS_MODULE="onewindow.config.settings", ONEWINDOW_DEBUG="1", **environment)
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({alias: {k: s.DATABASES[alias].get(k) for k in "
        "('HOST', 'PORT', 'NAME', 'OPTIONS', 'DISABLE_SERVER_SIDE_CURSORS', 'CONN_MAX_AGE')} "
        "for alias in s.DATABASES} | {'routers': s.DATABASE_ROUTERS}, default=str))"
    )
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def test_database_replica_url_adds_the_replica_and_its_router():
    run = _settings_under(
        DATABASE_URL="postgres://onewindow@db1:5432/onewindow",
        DATABASE_REPLICA_URL="postgres://reader@db2:5433/onewindow",
        ONEWINDOW_PGBOUNCER="1",
    )
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)
    assert answer["routers"] == ["onewindow.common.dbrouter.ReplicaRouter"]
    assert (answer["replica"]["HOST"], answer["replica"]["PORT"], answer["replica"]["NAME"]) == (
        "db2",
        5433,
        "onewindow",
    )
    assert answer["replica"]["OPTIONS"]["connect_timeout"] == 2
    assert answer["replica"]["CONN_MAX_AGE"] == answer["default"]["CONN_MAX_AGE"] == 60
    # Behind PgBouncer both pools lose server-side cursors and prepared statements.
    for alias in ("default", "replica"):
        assert answer[alias]["DISABLE_SERVER_SIDE_CURSORS"] is True
        assert answer[alias]["OPTIONS"]["prepare_threshold"] is None

    plain = json.loads(_settings_under(DATABASE_URL="postgres://onewindow@db1:5432/onewindow").stdout)
    assert set(plain) == {"default", "routers"} and plain["routers"] == []


def test_a_replica_of_sqlite_is_refused():
    run = _settings_under(DATABASE_REPLICA_URL="postgres://reader@db2:5433/onewindow")
    assert run.returncode != 0
    assert "DATABASE_REPLICA_URL is a PostgreSQL replica of a PostgreSQL DATABASE_URL." in run.stderr
