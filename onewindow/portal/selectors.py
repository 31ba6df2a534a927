"""Public facts about the hall: what anybody may read without logging in."""

from datetime import date

from django.db.models import Prefetch

from onewindow.org.models import WINDOW_ORDER, Department, Site, Window
from onewindow.workcalendar.models import CalendarDay, CalendarYear


def public_sites():
    return list(Site.objects.filter(is_active=True).order_by("path"))


def public_windows(*, site: Site):
    return list(
        Window.objects.filter(site=site, is_active=True)
        .prefetch_related(Prefetch("departments", queryset=Department.objects.filter(is_active=True)))
        .order_by(*WINDOW_ORDER)
    )


def upcoming_holidays(*, today: date, limit: int = 4) -> list[dict]:
    """The next festivals from today, each with its first and last day off and make-up days."""
    published = CalendarYear.objects.filter(is_published=True).values("year")
    days = CalendarDay.objects.filter(
        date__gte=today, date__lte=date(today.year + 1, 12, 31), calendar_year__in=published
    ).order_by("date")
    festivals: list[dict] = []
    for day in days:  # a festival is a run of consecutive rows with the same name
        if not festivals or festivals[-1]["name"] != day.name:
            festivals.append({"name": day.name, "holidays": [], "makeup": []})
        festivals[-1]["holidays" if day.kind == CalendarDay.Kind.HOLIDAY else "makeup"].append(day.date)
    return [entry for entry in festivals if entry["holidays"]][:limit]
