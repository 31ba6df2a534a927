"""Two sweeps at the same moment (a second beat worker, or a sweep run by hand) never warn twice or
open two records for one cause: the unique constraints decide, on PostgreSQL."""

from datetime import date

import pytest

from onewindow.cases.tests.factories import at
from onewindow.common.tests.concurrency import run_together
from onewindow.fees.tests.factories import accepted_case
from onewindow.notifications.models import Notification
from onewindow.supervision import services
from onewindow.supervision.models import LightWarning, Record

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_sweeps_together_write_everything_once(hall, version):
    for _ in range(6):
        accepted_case(hall, version, day=date(2026, 11, 16))
    moment = at(date(2026, 11, 24), 8)
    results = run_together([lambda: services.escalation_sweep(at=moment, batch_size=2)] * 2)
    assert all(not isinstance(result, Exception) for result in results), results
    assert sum(result.total for result in results) == 6
    assert LightWarning.objects.count() == 6 and Record.objects.count() == 6
    chief = Notification.objects.filter(user=hall["chief"].user).count()
    assert chief == 6
