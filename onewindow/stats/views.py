"""统计分析 (/office/stats/): the seeds' figures over a period, for the sites the user may see
(a site with the sites under it), compared with the period just before and with the same period a
year earlier; broken down by department, site, item, channel, month or day, as a chart and a
table beside it; the same table as Excel."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import quote, urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from onewindow.common import clock
from onewindow.common.dbrouter import reading_replica
from onewindow.common.errors import bad_request_response
from onewindow.org.permissions import CONSOLE_ROLES, role_required
from onewindow.org.selectors import department_visible_to, site_visible_to
from onewindow.stats import export, selectors
from onewindow.stats.forms import GROUPINGS, FiguresForm

#: The summary's figures: (attribute, label, kind) — kind "count", "rate" (%), "number".
SUMMARY = [
    ("accepted", gettext_lazy("受理件数"), "count"),
    ("completed", gettext_lazy("办结件数"), "count"),
    ("completion_rate", gettext_lazy("办结率"), "rate"),
    ("immediate_share", gettext_lazy("即办件占比"), "rate"),
    ("early_rate", gettext_lazy("提前办结率"), "rate"),
    ("on_time_rate", gettext_lazy("按时办结率"), "rate"),
    ("overdue_completed", gettext_lazy("超期办结"), "count"),
    ("per_working_day", gettext_lazy("日均受理"), "number"),
    ("speed_up_rate", gettext_lazy("提速率"), "rate"),
    ("online_rate", gettext_lazy("网上申请率"), "rate"),
    ("correction_rate", gettext_lazy("补正告知率"), "rate"),
]


#: Figures that are better when they fall (shown green going down).
LOWER_IS_BETTER = {"overdue_completed", "correction_rate"}


def _form(request) -> FiguresForm:
    return FiguresForm(
        request.GET,
        sites=site_visible_to(request.user).order_by("path"),
        departments=department_visible_to(request.user).order_by("site__path", "name"),
        today=clock.today(),
    )


def _summary(periods: dict) -> list[dict]:
    cards = []
    for attribute, label, kind in SUMMARY:
        values = {name: getattr(figures, attribute) for name, figures in periods.items()}
        cards.append(
            {
                "label": str(label),
                "kind": kind,
                "value": values["now"],
                "previous": values["previous"],
                "last_year": values["last_year"],
                "change": _change(values["now"], values["previous"]),
                "change_year": _change(values["now"], values["last_year"]),
                "lower_is_better": attribute in LOWER_IS_BETTER,
            }
        )
    return cards


def _change(now, before):
    if now is None or before is None:
        return None
    return now - before


def _presets(today: date) -> list[tuple[str, date, date]]:
    month_start = today.replace(day=1)
    last_month_end = month_start - timedelta(days=1)
    quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    return [
        (_("本月"), month_start, today),
        (_("上月"), last_month_end.replace(day=1), last_month_end),
        (_("本季度"), quarter_start, today),
        (_("本年"), today.replace(month=1, day=1), today),
        (_("上一年"), date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
    ]


@role_required(*CONSOLE_ROLES)
@require_GET
@reading_replica()
def figures_page(request):
    form = _form(request)
    today = clock.today()
    context = {"section": "stats", "form": form, "presets": _presets(today)}
    if not form.is_valid():
        return render(request, "stats/figures.html", {**context, "rows": []}, status=400)
    data = form.cleaned_data
    first, last, by = data["from"], data["to"], data["by"]
    scope = selectors.scope_of(request.user, data)
    rows = selectors.labelled_rows(selectors.figures(first=first, last=last, by=by, **scope), by=by)
    query = {"from": first.isoformat(), "to": last.isoformat(), "by": by}
    for name in ("site", "department"):
        if data.get(name) is not None:
            query[name] = data[name].pk
    chart = [row for row in rows if row["figures"].accepted or row["figures"].completed]
    if by not in ("month", "day"):
        chart = sorted(chart, key=lambda row: -row["figures"].accepted)[:15]
    return render(
        request,
        "stats/figures.html",
        {
            **context,
            "first": first,
            "last": last,
            "group_label": dict(GROUPINGS)[by].replace("按", ""),
            "summary": _summary(selectors.compared(first, last, **scope)),
            "rows": rows,
            "query": urlencode(query),
            "chart": {
                "labels": [row["label"] for row in chart],
                "accepted": [row["figures"].accepted for row in chart],
                "completed": [row["figures"].completed for row in chart],
                "accepted_name": _("受理"),
                "completed_name": _("办结"),
            },
            "today": today,
        },
    )


@role_required(*CONSOLE_ROLES)
@require_GET
@reading_replica()
def figures_export(request):
    """The page's table as an Excel workbook."""
    form = _form(request)
    if not form.is_valid():
        message = "；".join(error for errors in form.errors.values() for error in errors)
        return bad_request_response(request, message=message, field=next(iter(form.errors), None))
    data = form.cleaned_data
    first, last, by = data["from"], data["to"], data["by"]
    scope = selectors.scope_of(request.user, data)
    rows = selectors.labelled_rows(selectors.figures(first=first, last=last, by=by, **scope), by=by)
    whole = selectors.period_figures(first=first, last=last, **scope)
    where = data["site"].name if data.get("site") is not None else _("全部服务中心")
    title = _("办件统计（%(where)s，%(first)s至%(last)s）") % {
        "where": where,
        "first": first.isoformat(),
        "last": last.isoformat(),
    }
    content = export.figures_workbook(
        rows, whole, title=title, group_label=dict(GROUPINGS)[by].replace("按", "")
    )
    response = HttpResponse(content, content_type=export.XLSX)
    filename = _("办件统计-%(first)s至%(last)s.xlsx") % {"first": first.isoformat(), "last": last.isoformat()}
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
