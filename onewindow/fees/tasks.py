"""Background work for fees (Celery; in-process when no broker is configured)."""

from datetime import timedelta

from celery import shared_task

from onewindow.common import clock
from onewindow.fees.models import BankRequestNonce

#: Nonces are kept far longer than a signed request stays valid, so every replay is refused.
NONCE_RETENTION = timedelta(days=1)


@shared_task(name="fees.forget_nonces")
def forget_nonces() -> int:
    """Delete bank request nonces older than a day (a request that old is refused as stale
    anyway). Returns how many were deleted."""
    deleted, _details = BankRequestNonce.objects.filter(seen_at__lt=clock.now() - NONCE_RETENTION).delete()
    return deleted
