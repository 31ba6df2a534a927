"""Background work for the portal (Celery; in-process when no broker is configured)."""

from celery import shared_task

from onewindow.common import clock
from onewindow.portal import staging


@shared_task(name="portal.staged_uploads_purge")
def staged_uploads_purge() -> int:
    """Remove the online application's kept files nobody came back for (older than
    staging.STAGED_MAX_AGE). Returns how many were removed."""
    return staging.purge(now=clock.now())
