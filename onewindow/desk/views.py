"""The staff workbench: where a clerk starts the day."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from onewindow.assessment.selectors import attendance_today
from onewindow.common import clock, keyset
from onewindow.common.errors import bad_request_response
from onewindow.common.parsing import BadInput, parse_date, parse_int
from onewindow.notifications.selectors import inbox_of
from onewindow.notifications.services import inbox_mark_read
from onewindow.org import selectors
from onewindow.org.models import DutyAssignment, Role
from onewindow.org.permissions import staff_required
from onewindow.workcalendar.arithmetic import DateOutOfRange
from onewindow.workcalendar.selectors import working_calendar


@staff_required
def home(request):
    access = selectors.access_for(request.user)
    today = clock.today()
    calendar = working_calendar()
    staff = access.staff
    horizon = calendar.add(today, 5)
    my_duties = (
        list(
            DutyAssignment.objects.select_related("window").filter(
                staff=staff, duty_date__gte=today, duty_date__lte=horizon
            )
        )
        if staff
        else []
    )
    today_duty = next((duty for duty in my_duties if duty.duty_date == today), None)
    my_posts = (
        [
            post
            for post in selectors.posts_open_on(windows=staff.site.windows.all(), on_date=today).values()
            if post.staff_id == staff.pk
        ]
        if staff
        else []
    )
    delegations = (
        [
            delegation
            for delegation in selectors.delegation_visible_to(request.user).filter(chief_representative=staff)
            if delegation.is_valid_on(today)
        ]
        if staff and access.has_role(Role.CHIEF_REPRESENTATIVE)
        else []
    )
    roster_date = calendar.next_working_day(today)
    roster = selectors.duty_roster(user=request.user, duty_date=roster_date, site=staff.site) if staff else []
    return render(
        request,
        "desk/home.html",
        {
            "today": today,
            "is_working_day": calendar.is_working_day(today),
            "next_working_day": calendar.add(today, 1),
            "staff": staff,
            "roles": sorted(access.roles),
            "today_duty": today_duty,
            "attendance": attendance_today(staff, today=today) if staff else None,
            "my_duties": my_duties,
            "my_posts": my_posts,
            "delegations": delegations,
            "roster": roster,
            "roster_date": roster_date,
            "due_days": 20,
            "due_date_result": calendar.add(today, 20),
        },
    )


@staff_required
def due_date(request):
    """htmx partial: the date N working days after a start date (the counter's quick reckoner)."""
    context = {}
    try:
        start = parse_date(request.GET.get("start"), label=_("起算日期"))
        days = parse_int(request.GET.get("days"), label=_("工作日数"), minimum=0, maximum=400)
        result = working_calendar().add(start, days)
    except (BadInput, DateOutOfRange) as error:
        context["error"] = str(error)
    else:
        context.update({"start": start, "days": days, "result": result})
    return render(request, "desk/_due_date.html", context)


@staff_required
def inbox(request):
    """My messages: warnings, supervision records and orders, reminders; newest first, unread in
    bold; opening the page does not mark them read, the button does."""
    if request.method == "POST":
        marked = inbox_mark_read(user=request.user, at=clock.now())
        messages.success(request, _("已将 %(count)s 条消息标为已读。") % {"count": marked})
        return redirect("desk:inbox")
    try:
        page = keyset.paginate(
            inbox_of(request.user),
            ordering=("-id",),
            cursor=request.GET.get("cursor", ""),
            limit=50,
            name="inbox",
        )
    except keyset.BadCursor as error:
        return bad_request_response(request, message=error.message, field="cursor")
    return render(
        request,
        "desk/inbox.html",
        {
            "rows": page.rows,
            "next_cursor": page.next_cursor,
            "unread": inbox_of(request.user).filter(read_at__isnull=True).count(),
        },
    )
