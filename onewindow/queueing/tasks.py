"""The queue's periodic work (Celery beat, config/settings.py): alert the floor about long waits
every minute; every 15 minutes mark missed appointments as no-shows and close yesterday's queue."""

from celery import shared_task

from onewindow.common import clock
from onewindow.queueing import services


@shared_task(name="queueing.wait_alerts")
def wait_alerts() -> int:
    return services.wait_alerts_send(at=clock.now())


@shared_task(name="queueing.no_shows")
def no_shows() -> dict:
    now = clock.now()
    return {
        "no_shows": services.appointments_mark_no_shows(at=now),
        "expired_tickets": services.tickets_expire(at=now),
    }
