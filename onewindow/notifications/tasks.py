"""Background work for notifications (Celery; in-process when no broker is configured): the
e-mail outbox goes out by SMTP when a host is configured."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from onewindow.common import clock
from onewindow.notifications.models import Notification


@shared_task(name="notifications.outbox_send_email")
def outbox_send_email(limit: int = 200) -> int:
    """Send pending e-mails through Django's mail backend when an SMTP host is configured
    (ONEWINDOW_EMAIL_HOST); otherwise they wait in the outbox for a gateway (GET /api/v1/outbox).
    Returns how many were sent."""
    if not settings.ONEWINDOW_SEND_EMAIL:
        return 0
    sent = 0
    for message_id in list(
        Notification.objects.filter(channel=Notification.Channel.EMAIL, sent_at__isnull=True, failure="")
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    ):
        with transaction.atomic():  # one message per transaction: a failure never re-sends the others
            message = (
                Notification.objects.select_for_update(skip_locked=True)
                .filter(pk=message_id, sent_at__isnull=True, failure="")
                .first()
            )
            if message is None:
                continue  # another worker has it
            try:
                send_mail(message.subject, message.body, None, [message.address])
            except Exception as error:  # noqa: BLE001 - a bad address or a refusing server: keep it, say why
                message.failure = str(error)[:300] or error.__class__.__name__
                message.save(update_fields=["failure"])
                continue
            message.sent_at = clock.now()
            message.save(update_fields=["sent_at"])
            sent += 1
    return sent
