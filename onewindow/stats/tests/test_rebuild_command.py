from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from onewindow.stats.models import CaseFigure, Rollup
from onewindow.stats.tasks import rollup
from onewindow.stats.tests.factories import CaseSpec, write_cases
from onewindow.stats.tests.test_figures import items  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 17)


def test_the_command_rebuilds_a_range_and_refuses_bad_dates(hall, items):  # noqa: F811
    write_cases([CaseSpec(items["promised"], hall["county"].pk, DAY, accepted=DAY)], user=hall["clerk"].user)
    out = StringIO()
    call_command("stats_rebuild", "--from", "2026-11-17", "--to", "2026-11-17", stdout=out)
    assert "已重建 2026-11-17 至 2026-11-17 的统计汇总：1 行" in out.getvalue()
    assert CaseFigure.objects.get().accepted == 1
    for arguments, message in (
        (["--from", "2026-02-30"], "不是有效日期"),
        (["--from", "2026-11-18", "--to", "2026-11-17"], "早于起始日期"),
        (["--from", "1900-01-01", "--to", "2026-11-17"], "二十年"),
    ):
        with pytest.raises(CommandError, match=message):
            call_command("stats_rebuild", *arguments)


def test_the_periodic_task_keeps_the_rollup_current(hall, items, settings):  # noqa: F811
    from onewindow.cases.tests.factories import at

    settings.ONEWINDOW_FROZEN_NOW = at(DAY, 18, 0)
    write_cases([CaseSpec(items["promised"], hall["county"].pk, DAY, accepted=DAY)], user=hall["clerk"].user)
    assert rollup() == 1
    assert Rollup.objects.get().rebuilt_through == DAY
