"""The demo center has last month assessed: a roster with sign-ins, scores that explain themselves,
awards on the portal; loading it again adds nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from onewindow.assessment.models import AttendanceDay, Award, Score, ScoreRun, SubjectKind
from onewindow.assessment.scoring import previous_month
from onewindow.common import clock

pytestmark = pytest.mark.django_db


def test_the_demo_ranks_last_month_at_once(seeded_calendar, client):
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "考核排名：/office/assessment/" in out.getvalue()
    month = previous_month(clock.today())
    assert ScoreRun.objects.filter(month=month).count() == 1
    windows = Score.objects.filter(month=month, kind=SubjectKind.WINDOW)
    assert windows.count() >= 27 and Score.objects.filter(month=month, kind=SubjectKind.STAFF).count() >= 27
    # The counter's cases, the ratings, the roster and a finding are all behind the scores.
    assert windows.filter(components__indicator="ON_TIME", components__denominator__gt=0).count() >= 10
    assert windows.filter(components__indicator="SATISFACTION", components__denominator__gt=0).exists()
    assert windows.filter(components__indicator="FINDINGS", components__points__lt=0).exists()
    assert AttendanceDay.objects.filter(work_date__gte=month).count() > 300
    assert Award.objects.filter(month=month, status=Award.Status.PUBLISHED).count() == 3
    counts = (Score.objects.count(), AttendanceDay.objects.count(), Award.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Score.objects.count(), AttendanceDay.objects.count(), Award.objects.count()) == counts
    client.force_login(get_user_model().objects.get(username="office"))
    page = client.get("/office/assessment/").content.decode()
    assert 'class="assess-score"' in page
    assert "红旗窗口" in client.get("/awards/").content.decode()
