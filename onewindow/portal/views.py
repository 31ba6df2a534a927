from django.shortcuts import render

from onewindow.common import clock
from onewindow.portal import selectors
from onewindow.workcalendar.selectors import working_calendar


def home(request):
    """The public home page: the hall, its network, its windows and whether it is open today."""
    today = clock.today()
    calendar = working_calendar()
    sites = selectors.public_sites()
    root = sites[0] if sites else None
    return render(
        request,
        "portal/home.html",
        {
            "today": today,
            "is_working_day": calendar.is_working_day(today),
            "next_working_day": calendar.add(today, 1),
            "root": root,
            "sites": sites,
            "windows": selectors.public_windows(site=root) if root else [],
            "festivals": selectors.upcoming_holidays(today=today),
        },
    )
