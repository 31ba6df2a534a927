"""The demo center shows the complaints center at work: complaints in every state (about a case,
anonymous and late, answered and rated, in review, declined); loading it again adds nothing."""

import io

import pytest
from django.core.management import call_command

from onewindow.common import clock
from onewindow.complaints.demo import complaints_demo_load
from onewindow.complaints.models import Complaint, ComplaintEvent, Status
from onewindow.org.demo import COUNTY_CODE
from onewindow.org.models import Site

pytestmark = pytest.mark.django_db


def test_the_demo_has_complaints_in_every_state(seeded_calendar):
    call_command("demo", stdout=io.StringIO())
    county = Site.objects.get(code=COUNTY_CODE)
    complaints_demo_load(county=county, now=clock.now())  # (`demo` may have loaded them already)
    assert Complaint.objects.count() == 5
    assert set(Complaint.objects.values_list("status", flat=True)) == {
        Status.INVESTIGATING,
        Status.SUBMITTED,
        Status.CLOSED,
        Status.REVIEWING,
        Status.DECLINED,
    }
    assert Complaint.objects.filter(case__isnull=False, channel="HOTLINE").exists()
    late = Complaint.objects.get(status=Status.SUBMITTED)
    assert late.is_anonymous and late.due_date < clock.today() and late.attachments.count() == 1
    assert Complaint.objects.get(status=Status.CLOSED).rating == "SATISFIED"
    events = ComplaintEvent.objects.count()
    assert complaints_demo_load(county=county, now=clock.now()) == 0
    assert (Complaint.objects.count(), ComplaintEvent.objects.count()) == (5, events)
