"""The demo center shows supervision at work: cases in every colour, warnings sent, records open,
one order to answer; loading it again adds nothing."""

import io

import pytest
from django.core.management import call_command

from onewindow.supervision.models import LightWarning, Order, Record

pytestmark = pytest.mark.django_db


def test_the_demo_has_lights_records_and_an_order(seeded_calendar):
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "监察大屏：/office/supervision/" in out.getvalue()
    # red today whatever the weekday (yellow only on a due day's working day)
    assert LightWarning.objects.filter(light="RED").exists()
    assert Record.objects.count() >= 4 and Record.objects.values("department").distinct().count() >= 2
    order = Order.objects.get()
    assert order.case is not None and order.status == Order.Status.ISSUED
    counts = (LightWarning.objects.count(), Record.objects.count(), Order.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (LightWarning.objects.count(), Record.objects.count(), Order.objects.count()) == counts
