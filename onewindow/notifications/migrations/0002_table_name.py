from django.db import migrations


class Migration(migrations.Migration):
    """The moved table takes the app's own name (cases_notification → notifications_notification)."""

    dependencies = [
        ("notifications", "0001_initial"),
        ("cases", "0006_notification_moved"),
    ]

    operations = [migrations.AlterModelTable(name="notification", table=None)]
