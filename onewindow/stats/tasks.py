from celery import shared_task

from onewindow.common import clock


@shared_task(name="stats.rollup")
def rollup() -> int:
    """Every five minutes: rebuild the figures' roll-up from the last day finished through today
    (services.rollup_current). Returns the rows written."""
    from onewindow.stats.services import rollup_current

    return rollup_current(at=clock.now())


@shared_task(name="stats.reports")
def reports() -> int:
    """Daily: each center's and department's report of the last month, quarter and year that ended,
    if not made yet (services.reports_generate_due). Returns how many were made."""
    from onewindow.stats.services import reports_generate_due

    return reports_generate_due(at=clock.now())


@shared_task(name="stats.rollup_recheck")
def rollup_recheck() -> int:
    """Nightly: rebuild the last ONEWINDOW_STATS_NIGHTLY_DAYS days whole (a follow-up rating or an
    upheld appeal changes an earlier day's satisfaction; a refund approved late). Returns the rows."""
    from datetime import timedelta

    from django.conf import settings

    from onewindow.stats.services import rollup_days

    today = clock.today()
    return rollup_days(today - timedelta(days=settings.ONEWINDOW_STATS_NIGHTLY_DAYS), today)
