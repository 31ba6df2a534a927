from celery import shared_task

from onewindow.common import clock


@shared_task(name="evaluations.daily")
def daily() -> dict:
    """Every hour: invite the applicants of newly finished cases to rate them (SMS, once per case),
    and count the cases left unrated ONEWINDOW_RATING_DEFAULT_DAYS days as 基本满意 (defaulted).
    Safe to run again at any time. Returns both counts."""
    from onewindow.evaluations.services import invitations_send, ratings_default

    at = clock.now()
    return {"invited": invitations_send(at=at), "defaulted": ratings_default(at=at)}
