import os
import time
from datetime import date

import pytest

from onewindow.org import tasks
from onewindow.org.models import DutyAssignment


def test_the_nightly_task_fills_the_next_working_days_roster_in_process(seeded_calendar, hall, monkeypatch):
    # Given the evening of Wednesday 2026-09-30, before the National Day holiday (10-01 to 10-07)
    monkeypatch.setattr(tasks.clock, "today", lambda: date(2026, 9, 30))
    result = tasks.duty_roster_prepare_next_working_day.delay().get()
    # Then the roster is prepared for Thursday 10-08, the first working day after it
    assert result == {"date": "2026-10-08", "created": 4, "gaps": []}
    assert DutyAssignment.objects.filter(duty_date=date(2026, 10, 8)).count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_task_runs_on_a_redis_backed_worker(seeded_calendar, hall, settings):
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("set TEST_REDIS_URL (redis://127.0.0.1:6379/15) to run a real worker")
    from celery import Celery
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    # A fresh app configured as production is (Django settings + a Redis broker), running the
    # project's own task function: the shared app keeps eager mode for the rest of the suite.
    app = Celery("onewindow-redis-test")
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=None)
    app.task(name="org.duty_roster_prepare_next_working_day")(tasks.duty_roster_prepare_next_working_day.run)

    def close_worker_connections(**_kwargs):
        connections.close_all()  # the worker thread's own connections, so the test database can be dropped

    task_postrun.connect(close_worker_connections, weak=False)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        app.send_task("org.duty_roster_prepare_next_working_day")
        # The worker writes through its own database connection; wait for its rows.
        deadline = time.monotonic() + 30
        while DutyAssignment.objects.count() < 4 and time.monotonic() < deadline:
            time.sleep(0.2)
    task_postrun.disconnect(close_worker_connections)
    assert DutyAssignment.objects.count() == 4
    assert DutyAssignment.objects.values("duty_date").distinct().count() == 1
