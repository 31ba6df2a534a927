"""The case and payment-notice counters, each in its own model until now, copied into the one
numbering model (series × site × period) with their last values, so numbering goes on without a
gap or a repeat."""

from django.db import migrations

SERIES = (("cases", "CaseNumberCounter", "case"), ("fees", "PaymentNoticeCounter", "payment_notice"))


def copy_counters(apps, schema_editor):
    Counter = apps.get_model("common", "Counter")
    for app_label, model_name, series in SERIES:
        old = apps.get_model(app_label, model_name)
        Counter.objects.bulk_create(
            Counter(series=series, site_id=row.site_id, period=row.period, last_value=row.last_value)
            for row in old.objects.all()
        )


def copy_back(apps, schema_editor):
    Counter = apps.get_model("common", "Counter")
    for app_label, model_name, series in SERIES:
        old = apps.get_model(app_label, model_name)
        old.objects.bulk_create(
            old(site_id=row.site_id, period=row.period, last_value=row.last_value)
            for row in Counter.objects.filter(series=series)
        )
        Counter.objects.filter(series=series).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_counter"),
        ("cases", "0004_event_kinds_registry"),
        ("fees", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_counters, copy_back)]
