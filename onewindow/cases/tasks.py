"""Background work for cases (Celery; in-process when no broker is configured). The e-mail
outbox is the notifications app's (notifications.tasks)."""

from celery import shared_task

from onewindow.cases import services
from onewindow.cases.services import handling
from onewindow.common import clock


@shared_task(name="cases.accept_overdue")
def accept_overdue() -> list[str]:
    """Every morning: cases without an acceptance decision 5 working days after their materials
    came are accepted by law (行政许可法 art. 32), and supervision is warned. Returns their numbers."""
    return services.cases_accept_overdue(at=clock.now())


@shared_task(name="cases.settle_opinions")
def settle_opinions() -> list[str]:
    """Hourly: co-departments of joint cases silent past their limit are deemed to agree, or
    escalated when the item says silence is not consent. Returns the case numbers touched."""
    return handling.cases_settle_opinions(at=clock.now())
