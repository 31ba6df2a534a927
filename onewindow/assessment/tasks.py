from celery import shared_task

from onewindow.assessment.scoring import previous_month
from onewindow.assessment.services import scores_compute_month_for_all
from onewindow.common import clock


@shared_task(name="assessment.monthly")
def monthly() -> list[dict]:
    """On the 1st of each month: last month's scores of every top-level site's tree
    (services.scores_compute_month_for_all). Returns each run's site, month and counts."""
    runs = scores_compute_month_for_all(month=previous_month(clock.today()), at=clock.now())
    return [
        {"site": run.site_id, "month": f"{run.month:%Y-%m}", "windows": run.windows, "staff": run.staff}
        for run in runs
    ]
