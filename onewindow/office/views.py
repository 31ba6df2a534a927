"""The management console's front page: what the center office must act on today."""

from django.shortcuts import render

from onewindow.cases import selectors as case_selectors
from onewindow.cases.services import handling
from onewindow.common import clock, keyset
from onewindow.common.errors import bad_request_response
from onewindow.org import selectors
from onewindow.org.models import WINDOW_ORDER
from onewindow.org.permissions import CONSOLE_ROLES, role_required
from onewindow.workcalendar.selectors import calendar_year_list, working_calendar


@role_required(*CONSOLE_ROLES)
def dashboard(request):
    today = clock.today()
    warning = handling.warning_days()
    try:  # the yellow and red cases: a page of 50 (keyset), the totals from index-only counts
        lit = case_selectors.lit_page_for_desk(request, today=today, warning_days=warning)
    except keyset.BadCursor as error:
        return bad_request_response(request, message=error.message, field="cursor")
    calendar = working_calendar()
    is_working_day = calendar.is_working_day(today)
    roster_date = calendar.next_working_day(today)
    windows = selectors.window_visible_to(request.user).filter(is_active=True)
    posts = selectors.posts_open_on(windows=windows, on_date=today)
    window_list = list(windows.order_by(*WINDOW_ORDER))
    missing_posts = [
        (window, (window.pk, "A") not in posts, (window.pk, "B") not in posts)
        for window in window_list
        if (window.pk, "A") not in posts or (window.pk, "B") not in posts
    ]
    years = {record.year: record for record in calendar_year_list()}
    return render(
        request,
        "office/dashboard.html",
        {
            "section": "dashboard",
            "today": today,
            "is_working_day": is_working_day,
            "site_count": selectors.site_visible_to(request.user).count(),
            "department_count": selectors.department_visible_to(request.user).count(),
            "window_count": len(window_list),
            "staff_count": selectors.staff_visible_to(request.user).filter(is_active=True).count(),
            "roster_date": roster_date,
            "gaps": selectors.windows_without_duty(user=request.user, duty_date=roster_date),
            "missing_posts": missing_posts,
            "calendar_years": [(year, years.get(year)) for year in (today.year, today.year + 1)],
            "lit_cases": lit.rows,
            "lit_counts": case_selectors.lit_counts_for(request.user, today=today, warning_days=warning),
            "next_cursor": lit.next_cursor,
            "is_first_page": not request.GET.get("cursor"),
        },
    )
