from celery import shared_task

from onewindow.common import clock


@shared_task(name="supervision.sweep")
def sweep() -> int:
    """Every few minutes: warn about the cases whose clock turned yellow or red (each once) and
    open a supervision record on red. Returns how many cases were warned about."""
    from onewindow.supervision.services import escalation_sweep

    return escalation_sweep(at=clock.now()).total
