from celery import shared_task

from onewindow.common import clock


@shared_task(name="stats.rollup")
def rollup() -> int:
    """Every five minutes: rebuild the figures' roll-up from the last day finished through today
    (services.rollup_current). Returns the rows written."""
    from onewindow.stats.services import rollup_current

    return rollup_current(at=clock.now())
