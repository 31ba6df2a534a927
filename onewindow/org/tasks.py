"""Background work for the organisation (Celery; in-process when no broker is configured)."""

from celery import shared_task

from onewindow.common import clock
from onewindow.org import services
from onewindow.org.models import Site
from onewindow.workcalendar.selectors import working_calendar


@shared_task(name="org.duty_roster_prepare_next_working_day")
def duty_roster_prepare_next_working_day() -> dict:
    """Each evening, fill the next working day's roster of every site from its A/B posts, so the
    office starts the morning with only the gaps to cover. Returns {"date", "created", "gaps"}."""
    calendar = working_calendar()
    duty_date = calendar.add(clock.today(), 1)
    created, gaps = 0, []
    for site in Site.objects.filter(is_active=True, windows__isnull=False).distinct().order_by("path"):
        result = services.duty_roster_generate(
            site=site, duty_date=duty_date, actor=None, at=clock.now(), calendar=calendar
        )
        created += len(result.created)
        gaps.extend(f"{site.short_name or site.name} {window.number}" for window in result.gaps)
    return {"date": duty_date.isoformat(), "created": created, "gaps": gaps}
