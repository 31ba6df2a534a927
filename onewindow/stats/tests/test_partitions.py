"""The day rows of the roll-up range-partitioned by year on PostgreSQL (migration 0003,
common/partitions.py): the roll-up adds the years it writes and the next one, rows waiting in the
default partition move to their year, a period reads only its years' partitions, and the
conversion keeps every row, id, column, constraint and index name — both ways."""

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from onewindow.cases.models import Channel
from onewindow.cases.tests.factories import published_item
from onewindow.common import partitions
from onewindow.stats import selectors, services
from onewindow.stats.models import CaseFigure
from onewindow.stats.tests.factories import CaseSpec, write_cases

TABLE, KEY = CaseFigure._meta.db_table, "day"

pytestmark = pytest.mark.django_db


def rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def where(pk: int) -> str:
    """The partition holding the row."""
    return rows(f"SELECT tableoid::regclass::text FROM {TABLE} WHERE id = %s", [pk])[0][0]  # noqa: S608


def figure(hall, version, day: date, **counts) -> CaseFigure:
    return CaseFigure.objects.create(
        day=day,
        site=hall["county"],
        department=version.item.department,
        item=version.item,
        channel=Channel.WINDOW,
        **counts,
    )


def test_the_rollup_of_a_new_year_counts_on_either_database(hall):
    version = published_item(hall)
    spec = CaseSpec(
        version=version, site_id=hall["county"].pk, received=date(2031, 3, 3), accepted=date(2031, 3, 3)
    )
    write_cases([spec, spec], user=hall["clerk"].user)
    assert services.rollup_days(date(2031, 3, 3), date(2031, 3, 3)) == 1
    row = CaseFigure.objects.get(day=date(2031, 3, 3))
    assert (row.received, row.accepted) == (2, 2)
    assert selectors.period_figures(first=date(2031, 3, 1), last=date(2031, 3, 31)).accepted == 2
    if connection.vendor == "postgresql":
        # The year's partition was added for the row, and the next year's ahead of it.
        assert where(row.pk) == f"{TABLE}_y2031"
        assert {2031, 2032} <= partitions.year_partitions(connection, TABLE)
    else:
        assert partitions.year_partitions(connection, TABLE) is None
        assert partitions.ensure_years(TABLE, KEY, [2040]) == []


@pytest.mark.postgres_only
def test_after_migrate_the_day_rows_are_partitioned_with_their_names_and_a_key_holding_the_day():
    assert rows("SELECT relkind FROM pg_class WHERE oid = %s::regclass", [TABLE]) == [("p",)]
    this_year = date.today().year
    assert {this_year, this_year + 1} <= partitions.year_partitions(connection, TABLE)
    assert rows("SELECT to_regclass(%s) IS NOT NULL", [f"{TABLE}_default"]) == [(True,)]
    constraints = dict(
        rows(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass",
            [TABLE],
        )
    )
    assert constraints[f"{TABLE}_pkey"] == "PRIMARY KEY (id, day)"
    assert constraints["stats_case_figure_unique"] == "UNIQUE (day, site_id, department_id, item_id, channel)"
    assert sum(name.endswith("_fk_org_site_id") for name in constraints) == 1
    indexes = {name for (name,) in rows("SELECT indexname FROM pg_indexes WHERE tablename = %s", [TABLE])}
    assert {"stats_case_figure_site_day", "stats_case_figure_dept_day"} <= indexes


@pytest.mark.postgres_only
def test_rows_waiting_in_the_default_partition_move_to_their_year(hall):
    version = published_item(hall)
    early = figure(hall, version, date(2033, 1, 1), accepted=3)
    late = figure(hall, version, date(2033, 12, 31), accepted=4)
    other = figure(hall, version, date(2035, 6, 1), accepted=5)
    assert {where(early.pk), where(late.pk), where(other.pk)} == {f"{TABLE}_default"}
    assert partitions.ensure_years(TABLE, KEY, [2032, 2033]) == [2032, 2033]
    assert (where(early.pk), where(late.pk), where(other.pk)) == (
        f"{TABLE}_y2033",
        f"{TABLE}_y2033",
        f"{TABLE}_default",
    )
    assert CaseFigure.objects.get(pk=late.pk).accepted == 4
    assert partitions.ensure_years(TABLE, KEY, [2033]) == []


@pytest.mark.postgres_only
def test_a_period_reads_only_its_years_partitions(hall):
    version = published_item(hall)
    for year in (2025, 2026, 2027):
        partitions.ensure_years(TABLE, KEY, [year])
        figure(hall, version, date(year, 6, 1), accepted=year - 2000)
    plan = CaseFigure.objects.filter(day__gte=date(2026, 3, 1), day__lte=date(2026, 9, 30)).explain()
    assert f"{TABLE}_y2026" in plan
    assert f"{TABLE}_y2025" not in plan and f"{TABLE}_y2027" not in plan and f"{TABLE}_default" not in plan
    assert selectors.period_figures(first=date(2026, 6, 1), last=date(2026, 6, 1)).accepted == 26


@pytest.mark.postgres_only
def test_the_conversion_keeps_rows_ids_columns_and_constraints_both_ways(hall):
    version = published_item(hall)
    kept = [figure(hall, version, date(year, 5, 4), accepted=year - 2000) for year in (2024, 2026)]
    # A column the model gains later is carried without naming it anywhere.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the rows' deferred checks, before ALTER TABLE
        cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN later integer NOT NULL DEFAULT 7")
        cursor.execute(f"UPDATE {TABLE} SET later = 8 WHERE id = %s", [kept[0].pk])  # noqa: S608

    partitions.unpartition(connection, TABLE, KEY)
    assert partitions.year_partitions(connection, TABLE) is None
    assert rows(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s", [f"{TABLE}_pkey"]
    ) == [("PRIMARY KEY (id)",)]
    assert rows(f"SELECT id, later FROM {TABLE} ORDER BY id") == [(kept[0].pk, 8), (kept[1].pk, 7)]  # noqa: S608

    partitions.partition_by_year(connection, TABLE, KEY, ahead=[2030])
    assert partitions.year_partitions(connection, TABLE) == {2024, 2025, 2026, 2030}
    assert [where(row.pk) for row in kept] == [f"{TABLE}_y2024", f"{TABLE}_y2026"]
    assert rows(f"SELECT id, later FROM {TABLE} ORDER BY id") == [(kept[0].pk, 8), (kept[1].pk, 7)]  # noqa: S608
    assert rows(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s", [f"{TABLE}_pkey"]
    ) == [("PRIMARY KEY (id, day)",)]
    # The identity goes on from where it was, under the sequence's old name; the ORM works as before.
    assert rows("SELECT pg_get_serial_sequence(%s, 'id')", [TABLE]) == [(f"public.{TABLE}_id_seq",)]
    new = figure(hall, version, date(2026, 5, 5), accepted=1)
    assert new.pk > kept[1].pk and where(new.pk) == f"{TABLE}_y2026"
    with pytest.raises(IntegrityError), transaction.atomic():
        figure(hall, version, date(2026, 5, 5), accepted=2)
