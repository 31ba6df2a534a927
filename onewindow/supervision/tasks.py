from celery import shared_task

from onewindow.common import clock


@shared_task(name="supervision.sweep")
def sweep() -> int:
    """Every ten minutes: warn about the cases whose clock turned yellow or red (each once), open a
    supervision record on red, escalate unanswered orders, then run the anomaly checks (each record
    once). Returns how many cases were warned about plus the records the checks opened."""
    from onewindow.supervision.checks import anomaly_sweep
    from onewindow.supervision.services import escalation_sweep, record_open

    at = clock.now()
    warned = escalation_sweep(at=at).total
    return warned + sum(anomaly_sweep(at=at, open_record=record_open).values())


@shared_task(name="supervision.push_deliver")
def deliver_due() -> dict:
    """Every minute, and after each commit that logged an event: deliver the events due to the
    efficiency supervision center (push.py). Returns the counts (sent, failed, dead, skipped);
    with no endpoint configured the events wait and nothing is sent."""
    from onewindow.supervision.push import push_deliver_due

    return push_deliver_due(at=clock.now())
