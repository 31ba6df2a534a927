"""Reads that may come from the streaming read replica (DATABASE_REPLICA_URL, docs/adr/0015).

Only paths chosen by name read from the replica: a view or a block of code under
`reading_replica()` (a context manager and a decorator) — the statistics' page, export and API,
the public satisfaction page and API. Everything else, every write, and every read inside a
transaction on the primary reads the primary, so a service always reads what it wrote. Within a
`reading_replica()` block:

- a write sends the rest of the block's reads to the primary (read your writes);
- a read inside `transaction.atomic()` goes to the primary;
- who is asking (sessions, users, API tokens, login attempts) is read from the primary: a session
  or a token made a moment ago must be found;
- a replica that does not answer, is not receiving from the primary, or is more than
  ONEWINDOW_REPLICA_MAX_LAG_SECONDS behind sends the block to the primary (checked at most every
  ONEWINDOW_REPLICA_RECHECK_SECONDS per process, when a block starts).

Without DATABASE_REPLICA_URL, or with ONEWINDOW_REPLICA_READS off, the router is idle and every
read is the primary's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, Error, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
#: Apps whose rows say who is asking: always read from the primary.
WHO_ASKS = frozenset({"sessions", "accounts", "auth", "authtoken", "axes"})

# How far behind the replica is, in seconds: 0 when it has replayed everything it received (or is
# not a standby at all, e.g. promoted), else the age of the last transaction it replayed; and
# whether it is receiving from the primary (a standby cut off from its primary is stale for ever).
LAG_SQL = """
SELECT pg_is_in_recovery(),
       EXISTS (SELECT 1 FROM pg_stat_wal_receiver),
       COALESCE(CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                     ELSE EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())
                END, 0)::float
"""


@dataclass
class _Reads:
    """Where the reads of the current `reading_replica()` block go (None: the primary)."""

    alias: str | None


_reads: ContextVar[_Reads | None] = ContextVar("onewindow_replica_reads", default=None)
# When the replica was last asked (time.monotonic()) and whether it was usable.
_health: dict[str, tuple[float, bool]] = {}


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES and settings.ONEWINDOW_REPLICA_READS


def replica_lag() -> float | None:
    """Seconds the replica is behind the primary (0: caught up), or None when it cannot be asked
    or does not receive from the primary."""
    connection = connections[REPLICA]
    try:
        with connection.cursor() as cursor:
            cursor.execute(LAG_SQL)
            in_recovery, receiving, lag = cursor.fetchone()
    except Error as error:  # not answering, refused, broken: InterfaceError is not a DatabaseError
        logger.warning("read replica unavailable, reading the primary: %s", error)
        with suppress(Error):
            connection.close()
        return None
    if not in_recovery:
        return 0.0
    if not receiving:
        logger.warning("read replica is not receiving from the primary, reading the primary")
        return None
    return lag


def replica_check() -> bool:
    """Ask the replica now whether it may serve reads (answering, receiving, not too far behind)."""
    lag = replica_lag()
    usable = lag is not None and lag <= settings.ONEWINDOW_REPLICA_MAX_LAG_SECONDS
    if lag is not None and not usable:
        logger.warning("read replica %.1f s behind, reading the primary", lag)
    return usable


def replica_usable() -> bool:
    """Whether reads may go to the replica now (the answer is kept per process for
    ONEWINDOW_REPLICA_RECHECK_SECONDS: a replica that is down costs one request per window its
    connect timeout, not every request)."""
    now = time.monotonic()
    kept = _health.get(REPLICA)
    if kept is not None and now - kept[0] < settings.ONEWINDOW_REPLICA_RECHECK_SECONDS:
        return kept[1]
    usable = replica_check()
    _health[REPLICA] = (now, usable)
    return usable


def replica_health_forget() -> None:
    """Ask the replica again at the next block (tests, and after an operator's change)."""
    _health.clear()


@contextmanager
def reading_replica() -> Iterator[None]:
    """Send the reads of this block (or decorated view) to the read replica when one is configured
    and usable; see the module's rules. Nests: an inner block follows the outer one's choice."""
    outer = _reads.get()
    if outer is not None:
        yield
        return
    alias = None
    if replica_configured() and not connections[DEFAULT_DB_ALIAS].in_atomic_block and replica_usable():
        alias = REPLICA
    token = _reads.set(_Reads(alias))
    try:
        yield
    finally:
        _reads.reset(token)


def reads_from() -> str:
    """The alias a read of an ordinary model would use here (for tests and diagnostics)."""
    reads = _reads.get()
    if reads is None or reads.alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return reads.alias


class ReplicaRouter:
    """DATABASE_ROUTERS entry when DATABASE_REPLICA_URL is set."""

    def db_for_read(self, model, **hints) -> str:
        if model._meta.app_label in WHO_ASKS:
            return DEFAULT_DB_ALIAS
        return reads_from()

    def db_for_write(self, model, **hints) -> str:
        reads = _reads.get()
        if reads is not None:
            reads.alias = None
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # The replica holds the primary's rows: an object read from either may point to the other's.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
