"""The office's calendar pages: the years, a year's month grid, entering and publishing a year."""

import calendar as month_calendar
from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.forms import submit_form
from onewindow.common.parsing import BadInput, parse_date
from onewindow.org.permissions import (
    CONSOLE_ROLES,
    calendar_manager_required,
    role_required,
    user_manages_calendar,
)
from onewindow.workcalendar import forms, selectors, services
from onewindow.workcalendar.models import CalendarDay


@role_required(*CONSOLE_ROLES)
def year_list(request):
    today = clock.today()
    form = forms.YearOpenForm(request.POST or None, initial={"year": today.year + 1})
    if request.method == "POST" and not user_manages_calendar(request.user):
        messages.error(request, _("只有中心办公室可以新建年度。"))
        return redirect("workcalendar:year-list")

    if request.method == "POST" and form.is_valid():
        try:
            record = services.calendar_year_open(
                year=form.cleaned_data["year"], actor=request.user, at=clock.now()
            )
        except DomainError as error:
            form.add_error("year", error.message)
        else:
            messages.success(request, _("年度已建立，请按国务院办公厅通知逐项录入放假安排，核对后发布。"))
            return redirect("workcalendar:year-detail", year=record.year)
    years = selectors.calendar_year_list()
    known = {record.year for record in years}
    return render(
        request,
        "workcalendar/year_list.html",
        {
            "section": "calendar",
            "years": years,
            "form": form,
            "today": today,
            "next_year_missing": today.year + 1 not in known,
            "next_year": today.year + 1,
            "can_manage": user_manages_calendar(request.user),
        },
    )


def _months(year: int, days: list[CalendarDay], today: date):
    recorded = {day.date: day for day in days}
    result = []
    for month in range(1, 13):
        weeks = []
        for week in month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                record = recorded.get(day)
                classes = []
                if record is not None:
                    classes.append("holiday" if record.kind == CalendarDay.Kind.HOLIDAY else "makeup")
                elif day.weekday() >= 5:
                    classes.append("weekend")
                if day == today:
                    classes.append("today")
                cells.append(
                    {"day": day, "classes": " ".join(classes), "title": record.name if record else ""}
                )
            weeks.append(cells)
        result.append({"month": month, "weeks": weeks})
    return result


@role_required(*CONSOLE_ROLES)
def year_detail(request, year: int):
    today = clock.today()
    overview = selectors.calendar_year_overview(year=year)
    can_manage = user_manages_calendar(request.user)
    arrangement_form = (
        forms.ArrangementForm(request.POST or None)
        if "arrangement" in request.POST
        else forms.ArrangementForm()
    )
    if request.method == "POST":
        if not can_manage:
            messages.error(request, _("只有中心办公室可以修改工作日历。"))
            return redirect("workcalendar:year-detail", year=year)
        response = submit_form(
            request,
            arrangement_form,
            lambda data: services.calendar_arrangement_add(
                year=year, actor=request.user, at=clock.now(), **data
            ),
            success_url=reverse("workcalendar:year-detail", args=[year]),
            success_message=_("放假安排已录入。"),
        )
        if response:
            return response
    festivals = []
    for day in overview.days:
        if not festivals or festivals[-1]["name"] != day.name:
            festivals.append({"name": day.name, "days": []})
        festivals[-1]["days"].append(day)
    return render(
        request,
        "workcalendar/year_detail.html",
        {
            "section": "calendar",
            "overview": overview,
            "year": year,
            "months": _months(year, overview.days, today),
            "festivals": festivals,
            "arrangement_form": arrangement_form,
            "publish_form": forms.PublishForm(),
            "changes": selectors.calendar_change_list(year=year),
            "can_manage": can_manage,
            "first_day": date(year, 1, 1),
            "previous_year": year - 1 if year > 1990 else None,
            "next_year": year + 1 if year < 2200 else None,
        },
    )


@require_POST
@calendar_manager_required
def year_publish(request, year: int):
    form = forms.PublishForm(request.POST)
    form.is_valid()
    try:
        services.calendar_year_publish(
            year=year,
            notice_reference=form.cleaned_data.get("notice_reference", ""),
            actor=request.user,
            at=clock.now(),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(year)s 年工作日历已发布生效。") % {"year": year})
    return redirect("workcalendar:year-detail", year=year)


@require_POST
@calendar_manager_required
def day_remove(request, year: int):
    try:
        day = parse_date(request.POST.get("day"))
        services.calendar_day_remove(day=day, actor=request.user, at=clock.now())
    except (BadInput, DomainError) as error:
        messages.error(request, getattr(error, "message", str(error)))
    else:
        messages.success(request, _("已删除 %(date)s。") % {"date": day.isoformat()})
    return redirect("workcalendar:year-detail", year=year)
