"""The day rows of the statistics' roll-up (stats_casefigure) range-partitioned by year on
PostgreSQL: a partition per year they have, this year's and the next, and a default partition
(docs/adr/0015, "Partitions"). The primary key becomes (id, day); Django keeps using id. Nothing
changes on SQLite, and nothing in Django's model state."""

from django.db import migrations
from django.utils import timezone

TABLE, KEY = "stats_casefigure", "day"


def partition(apps, schema_editor):
    from onewindow.common.partitions import partition_by_year

    year = timezone.localdate().year
    partition_by_year(schema_editor.connection, TABLE, KEY, ahead=[year, year + 1])


def unpartition(apps, schema_editor):
    from onewindow.common.partitions import unpartition

    unpartition(schema_editor.connection, TABLE, KEY)


class Migration(migrations.Migration):
    dependencies = [("stats", "0002_month_figures")]

    operations = [migrations.RunPython(partition, unpartition, elidable=False)]
