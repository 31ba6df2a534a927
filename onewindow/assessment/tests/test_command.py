"""`onewindow assessment_compute` and the monthly Celery task."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from onewindow.assessment import tasks
from onewindow.assessment.models import ScoreRun
from onewindow.cases.tests.factories import at

pytestmark = pytest.mark.django_db


def test_the_command_computes_a_month_and_refuses_bad_input(hall, seeded_calendar, settings):
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 12, 1), 2, 0)
    out = io.StringIO()
    call_command("assessment_compute", "--month", "2026-11", "--site", hall["county"].code, stdout=out)
    assert "测试县政务服务中心 2026-11：4 个窗口" in out.getvalue()
    assert ScoreRun.objects.get().through_date == date(2026, 11, 30)
    with pytest.raises(CommandError, match="格式应为 YYYY-MM"):
        call_command("assessment_compute", "--month", "2026-13")
    with pytest.raises(CommandError, match="没有机构代码"):
        call_command("assessment_compute", "--site", "nowhere")
    with pytest.raises(CommandError, match="尚未开始"):
        call_command("assessment_compute", "--month", "2027-01")


def test_the_monthly_task_assesses_last_month_of_every_tree(hall, seeded_calendar, settings):
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 12, 1), 2, 0)
    assert tasks.monthly.delay().get() == [
        {"site": hall["county"].pk, "month": "2026-11", "windows": 4, "staff": 0}
    ]
    assert "assessment.monthly" in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
