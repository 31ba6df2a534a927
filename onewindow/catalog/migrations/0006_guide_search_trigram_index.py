"""The guide's search on PostgreSQL: a trigram index (pg_trgm, GIN) on the search text of approved
versions, so a search for three characters or more ("食品经营", "营业执照") reads the index instead
of every version. Nothing on SQLite, where the search reads the table.

pg_trgm takes no trigram from a one- or two-character pattern ("护照"), so for those the planner
keeps reading the table (a sequential scan: the index could only be read whole); the guide caches
each search's answer per catalog revision and day (catalog/selectors.py), so a common two-character
search is read once. pg_trgm takes CJK characters for word characters only when the database's
LC_CTYPE classifies them as letters: C.UTF-8 does (show_trgm('护照办理') gives five trigrams);
under a plain "C" LC_CTYPE it takes none from Chinese, and every search reads the table — still
right (the index is only ever a pre-filter), just no faster.

Not in the model's Meta: a GinIndex with gin_trgm_ops does not exist on SQLite, the default database.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "catalog_itemversion_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalog_itemversion"
        " USING gin (search_text gin_trgm_ops) WHERE status = 'APPROVED'"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_item_extension")]

    operations = [
        TrigramExtension(),  # CREATE EXTENSION IF NOT EXISTS pg_trgm; nothing on SQLite
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
