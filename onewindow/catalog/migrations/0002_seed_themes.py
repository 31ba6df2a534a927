from django.db import migrations

from onewindow.catalog import themes


def seed(apps, schema_editor):
    Theme = apps.get_model("catalog", "Theme")
    for audience, names in (("PEOPLE", themes.PEOPLE), ("COMPANIES", themes.COMPANIES)):
        for order, name in enumerate(names, start=1):
            Theme.objects.get_or_create(name=name, defaults={"audience": audience, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
