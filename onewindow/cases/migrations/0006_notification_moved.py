from django.db import migrations


class Migration(migrations.Migration):
    """Notification moves to the notifications app with its table (state only here)."""

    dependencies = [
        ("cases", "0005_counters_in_common"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[], state_operations=[migrations.DeleteModel(name="Notification")]
        )
    ]
