"""Tables range-partitioned by year on PostgreSQL (docs/adr/0015, "Partitions"): one partition per
calendar year of a date column (`<table>_y2026`, from 1 January to the next 1 January) and a
default partition (`<table>_default`) that takes any row no year partition holds yet.

- `partition_by_year` turns a plain table into a partitioned one (a migration's forward step) and
  `unpartition` turns it back; both work from what the database says about the table — columns,
  defaults, identity, check, unique and foreign-key constraints, indexes with their names, grants —
  never from a column list written here, so columns added to the model later need nothing more.
  The primary key gains the partition key ((id, day)): PostgreSQL wants every unique constraint of
  a partitioned table to hold it. Django still reads and writes by id. A table other tables point
  to, or with triggers of its own, is refused (a foreign key cannot point to a partitioned table's
  id alone).
- `ensure_years` adds the partitions of years that do not have one yet (the roll-up asks for the
  years it writes and the next one), moving any rows of those years out of the default partition.

SQLite has no partitions: every function here does nothing there.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import date

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

logger = logging.getLogger(__name__)

#: How long adding a partition waits for the table's lock before leaving it to the next run (the
#: rows meanwhile go to the default partition, where they count the same).
LOCK_TIMEOUT = "5s"


def _rows(cursor, sql: str, params=()) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


def _year_bounds(year: int) -> tuple[str, str]:
    return date(year, 1, 1).isoformat(), date(year + 1, 1, 1).isoformat()


def year_partitions(connection, table: str) -> set[int] | None:
    """The years `table` has a partition for, or None when it is not partitioned (or not on
    PostgreSQL)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        kind = _rows(cursor, "SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [table])
        if not kind or kind[0][0] != "p":
            return None
        names = _rows(
            cursor,
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = to_regclass(%s)",
            [table],
        )
    pattern = re.compile(rf"^{re.escape(table)}_y(\d{{4}})$")
    return {int(match.group(1)) for (name,) in names if (match := pattern.match(name))}


def _columns(cursor, table: str) -> list[str]:
    """The table's columns that take a value on insert (not generated), in order."""
    return [
        name
        for (name,) in _rows(
            cursor,
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
            " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
            [table],
        )
    ]


def _add_year(cursor, quote, table: str, key: str, year: int) -> None:
    """The year's partition; rows of that year already in the default partition move into it."""
    first, after = _year_bounds(year)
    name, default = f"{table}_y{year}", f"{table}_default"
    bounds = f"FOR VALUES FROM ('{first}') TO ('{after}')"
    in_year = f"{quote(key)} >= %s AND {quote(key)} < %s"
    stray = _rows(cursor, f"SELECT EXISTS (SELECT 1 FROM {quote(default)} WHERE {in_year})", [first, after])  # noqa: S608 - quoted names from the catalog
    if not stray[0][0]:
        cursor.execute(f"CREATE TABLE {quote(name)} PARTITION OF {quote(table)} {bounds}")
        return
    columns = ", ".join(quote(column) for column in _columns(cursor, table))
    moving = f"{table}_moving"
    cursor.execute(f"CREATE TEMPORARY TABLE {quote(moving)} (LIKE {quote(table)}) ON COMMIT DROP")
    cursor.execute(
        f"WITH moved AS (DELETE FROM {quote(default)} WHERE {in_year} RETURNING {columns})"  # noqa: S608 - quoted names from the catalog
        f" INSERT INTO {quote(moving)} ({columns}) SELECT {columns} FROM moved",
        [first, after],
    )
    cursor.execute(f"CREATE TABLE {quote(name)} PARTITION OF {quote(table)} {bounds}")
    cursor.execute(
        f"INSERT INTO {quote(table)} ({columns}) OVERRIDING SYSTEM VALUE SELECT {columns} FROM {quote(moving)}"  # noqa: S608 - quoted names from the catalog
    )
    cursor.execute(f"DROP TABLE {quote(moving)}")


def ensure_years(table: str, key: str, years: Iterable[int], *, using: str = DEFAULT_DB_ALIAS) -> list[int]:
    """Add the partitions `table` lacks for `years` (when it is partitioned); returns the years
    added. A lock not granted within LOCK_TIMEOUT leaves it to the next call (logged): rows of a
    year without a partition are kept, and counted, in the default partition."""
    connection = connections[using]
    existing = year_partitions(connection, table)
    if existing is None:
        return []
    missing = sorted(set(years) - existing)
    if not missing:
        return []
    quote = connection.ops.quote_name
    try:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
            # Two roll-ups adding the same year: the second finds it made.
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"onewindow.partitions:{table}"])
            existing = year_partitions(connection, table) or set()
            added = [year for year in missing if year not in existing]
            for year in added:
                _add_year(cursor, quote, table, key, year)
    except DatabaseError as error:
        logger.warning("partitions of %s for %s not added now: %s", table, missing, error)
        return []
    return added


def partition_by_year(connection, table: str, key: str, *, ahead: Iterable[int] = ()) -> None:
    """Rebuild `table` range-partitioned by the year of `key`: a partition for every year its rows
    have and for the years in `ahead`, and the default partition. Does nothing on SQLite or when
    the table is partitioned already."""
    if connection.vendor != "postgresql" or year_partitions(connection, table) is not None:
        return
    with connection.cursor() as cursor:
        span = _rows(
            cursor,
            f"SELECT EXTRACT(YEAR FROM min({connection.ops.quote_name(key)}))::int,"  # noqa: S608 - quoted names from the catalog
            f" EXTRACT(YEAR FROM max({connection.ops.quote_name(key)}))::int FROM {connection.ops.quote_name(table)}",
        )[0]
    years = set(ahead)
    if span[0] is not None:
        years |= set(range(span[0], span[1] + 1))
    _rebuild(connection, table, key, years=sorted(years))


def unpartition(connection, table: str, key: str) -> None:
    """Rebuild a table partitioned by `partition_by_year` as one plain table (its primary key
    without `key` again). Does nothing on SQLite or when the table is not partitioned."""
    if connection.vendor != "postgresql" or year_partitions(connection, table) is None:
        return
    _rebuild(connection, table, key, years=None)


def _rebuild(connection, table: str, key: str, *, years: list[int] | None) -> None:
    """Partition (`years` given) or unpartition (`years` None) `table`: rename it, create the new
    table like it, copy the rows, drop the old one, then give the new one the old one's
    constraints and indexes under their names."""
    quote = connection.ops.quote_name
    old = f"{table}_unconverted"
    with connection.cursor() as cursor:
        # Deferred foreign-key checks still pending in this transaction would block ALTER TABLE.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        referencing = _rows(
            cursor,
            "SELECT conname FROM pg_constraint WHERE contype = 'f' AND confrelid = %s::regclass",
            [table],
        )
        triggers = _rows(
            cursor, "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [table]
        )
        if referencing or triggers:
            raise ValueError(
                f"{table} is pointed to by {referencing} or has triggers {triggers}: not rebuilt"
            )
        # Indexes that are not a constraint's (pg_get_indexdef names the table by its current name).
        indexes = [
            sql.replace(" ON ONLY ", " ON ", 1)
            for (sql,) in _rows(
                cursor,
                "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = %s::regclass"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = i.indrelid"
                " AND c.conindid = i.indexrelid) ORDER BY i.indexrelid",
                [table],
            )
        ]
        constraints = _rows(
            cursor,
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = %s::regclass AND contype IN ('p', 'u', 'x', 'f') ORDER BY contype = 'f', oid",
            [table],
        )
        primary_key = [
            name
            for (name,) in _rows(
                cursor,
                "SELECT a.attname FROM pg_constraint c, unnest(c.conkey) WITH ORDINALITY k(attnum, n),"
                " pg_attribute a WHERE c.conrelid = %s::regclass AND c.contype = 'p'"
                " AND a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n",
                [table],
            )
        ]
        # (column, identity?, sequence, the sequence's own name) of identity and serial columns
        sequences = _rows(
            cursor,
            "SELECT attname, attidentity <> '', sequence::text, (SELECT relname FROM pg_class WHERE oid = sequence)"
            " FROM (SELECT attname, attidentity, pg_get_serial_sequence(%s, attname)::regclass AS sequence"
            " FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped) AS columns"
            " WHERE sequence IS NOT NULL",
            [table, table],
        )
        grants = _rows(
            cursor,
            "SELECT grantee, privilege_type FROM information_schema.role_table_grants"
            " WHERE table_schema = current_schema() AND table_name = %s AND grantee <> ("
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = %s::regclass)",
            [table, table],
        )
        columns = ", ".join(quote(column) for column in _columns(cursor, table))

        cursor.execute(f"ALTER TABLE {quote(table)} RENAME TO {quote(old)}")
        partitioned = f" PARTITION BY RANGE ({quote(key)})" if years is not None else ""
        cursor.execute(
            f"CREATE TABLE {quote(table)} (LIKE {quote(old)} INCLUDING ALL EXCLUDING INDEXES){partitioned}"
        )
        if years is not None:
            cursor.execute(f"CREATE TABLE {quote(table + '_default')} PARTITION OF {quote(table)} DEFAULT")
            for year in years:
                first, after = _year_bounds(year)
                cursor.execute(
                    f"CREATE TABLE {quote(f'{table}_y{year}')} PARTITION OF {quote(table)}"
                    f" FOR VALUES FROM ('{first}') TO ('{after}')"
                )
        cursor.execute(
            f"INSERT INTO {quote(table)} ({columns}) OVERRIDING SYSTEM VALUE SELECT {columns} FROM {quote(old)}"  # noqa: S608 - quoted names from the catalog
        )
        for column, identity, sequence, _name in sequences:
            if identity:
                # The new identity has a sequence of its own: carry on from where the old one was.
                state = _rows(cursor, f"SELECT last_value, is_called FROM {sequence}")[0]  # noqa: S608 - quoted names from the catalog
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s, %s)", [table, column, *state]
                )
            else:
                cursor.execute(f"ALTER SEQUENCE {sequence} OWNED BY {quote(table)}.{quote(column)}")
        cursor.execute(f"DROP TABLE {quote(old)}")
        for column, identity, _sequence, name in sequences:
            if identity:
                # Back to the old sequence's name (the new one got a suffix while the old existed).
                (new_sequence,) = _rows(cursor, "SELECT pg_get_serial_sequence(%s, %s)", [table, column])[0]
                cursor.execute(f"ALTER SEQUENCE {new_sequence} RENAME TO {quote(name)}")
        for name, kind, definition in constraints:
            if kind == "p":
                key_columns = [column for column in primary_key if column != key]
                if years is not None or not key_columns:
                    key_columns.append(key)
                definition = f"PRIMARY KEY ({', '.join(quote(column) for column in key_columns)})"
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        for sql in indexes:
            cursor.execute(sql)
        for grantee, privilege in grants:
            cursor.execute(
                f"GRANT {privilege} ON {quote(table)} TO {'PUBLIC' if grantee == 'PUBLIC' else quote(grantee)}"
            )
        cursor.execute(f"ANALYZE {quote(table)}")
