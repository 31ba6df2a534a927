"""统计分析 (/office/stats/): the seeds' figures over a period, for the sites the user may see
(a site with the sites under it), compared with the period just before and with the same period a
year earlier; broken down by department, site, item, channel, month or day, as a chart and a
table beside it; the same table as Excel."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from onewindow.common import clock
from onewindow.common.dbrouter import reading_replica
from onewindow.common.errors import bad_request_response
from onewindow.org.models import Site
from onewindow.org.permissions import CONSOLE_ROLES, role_required
from onewindow.org.selectors import department_visible_to, site_visible_to
from onewindow.stats import export, reports, selectors, services
from onewindow.stats.forms import GROUPINGS, FiguresForm, ReportForm
from onewindow.stats.models import Report

#: The summary's figures: (attribute, label, kind) — kind "count", "rate" (%), "number".
SUMMARY = [
    ("accepted", gettext_lazy("受理件数"), "count"),
    ("completed", gettext_lazy("办结件数"), "count"),
    ("completion_rate", gettext_lazy("办结率"), "rate"),
    ("immediate_share", gettext_lazy("即办件占比"), "rate"),
    ("early_rate", gettext_lazy("提前办结率"), "rate"),
    ("on_time_rate", gettext_lazy("按时办结率"), "rate"),
    ("overdue_completed", gettext_lazy("超期办结"), "count"),
    ("open_overdue", gettext_lazy("期末超期未办结"), "count"),
    ("per_working_day", gettext_lazy("日均受理"), "number"),
    ("speed_up_rate", gettext_lazy("提速率"), "rate"),
    ("online_rate", gettext_lazy("网上申请率"), "rate"),
    ("correction_rate", gettext_lazy("补正告知率"), "rate"),
    ("satisfaction_rate", gettext_lazy("满意率"), "rate"),
    ("fees_net", gettext_lazy("收费金额（元，扣除退费）"), "money"),
]


#: Figures that are better when they fall (shown green going down).
LOWER_IS_BETTER = {"overdue_completed", "open_overdue", "correction_rate"}


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
    query = {"from": first.isoformat(), "to": last.isoformat(), "by": by}
    for name in ("site", "department"):
        if data.get(name) is not None:
            query[name] = data[name].pk
    if by in selectors.PEOPLE:
        people = selectors.people_figures(first=first, last=last, by=by, **scope)
        rows = [{"label": row.label, "figures": row} for row in people]
        chart = [row for row in rows if row["figures"].accepted or row["figures"].decided][:15]
        bars = ("accepted", "decided", _("受理"), _("办结（决定）"))
    else:
        rows = selectors.labelled_rows(selectors.figures(first=first, last=last, by=by, **scope), by=by)
        chart = [row for row in rows if row["figures"].accepted or row["figures"].completed]
        if by not in ("month", "day"):
            chart = sorted(chart, key=lambda row: -row["figures"].accepted)[:15]
        bars = ("accepted", "completed", _("受理"), _("办结"))
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
            "people": by in selectors.PEOPLE,
            "query": urlencode(query),
            "chart": {
                "labels": [row["label"] for row in chart],
                "accepted": [getattr(row["figures"], bars[0]) for row in chart],
                "completed": [getattr(row["figures"], bars[1]) for row in chart],
                "accepted_name": bars[2],
                "completed_name": bars[3],
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
    whole = selectors.period_figures(first=first, last=last, **scope)
    if by in selectors.PEOPLE:
        people = selectors.people_figures(first=first, last=last, by=by, **scope)
        rows = [{"label": row.label, "figures": row} for row in people]
    else:
        rows = selectors.labelled_rows(selectors.figures(first=first, last=last, by=by, **scope), by=by)
    where = data["site"].name if data.get("site") is not None else _("全部服务中心")
    title = _("办件统计（%(where)s，%(first)s至%(last)s）") % {
        "where": where,
        "first": first.isoformat(),
        "last": last.isoformat(),
    }
    group_label = dict(GROUPINGS)[by].replace("按", "")
    if by in selectors.PEOPLE:
        content = export.people_workbook(rows, title=title, group_label=group_label)
    else:
        content = export.figures_workbook(rows, whole, title=title, group_label=group_label)
    response = HttpResponse(content, content_type=export.XLSX)
    filename = _("办件统计-%(first)s至%(last)s.xlsx") % {"first": first.isoformat(), "last": last.isoformat()}
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# Reports -------------------------------------------------------------------------------------------


def _report_form(request, data=None) -> ReportForm:
    return ReportForm(
        data,
        sites=site_visible_to(request.user).filter(kind=Site.Kind.CENTER).order_by("path"),
        departments=department_visible_to(request.user).order_by("site__path", "name"),
        initial={"period": reports.last_finished("MONTH", clock.today()).strftime("%Y-%m")},
    )


@role_required(*CONSOLE_ROLES)
@require_http_methods(["GET", "POST"])
def reports_page(request):
    """统计报告: the reports made (monthly, quarterly, annual; the center's and each department's),
    each as PDF and Excel, and a form to make one now."""
    form = _report_form(request)
    status = 200
    if request.method == "POST":
        form = _report_form(request, request.POST)
        if form.is_valid():
            kind, start = form.cleaned_data["period"]
            try:
                report = services.report_generate(
                    kind=kind,
                    start=start,
                    site=form.cleaned_data["site"],
                    department=form.cleaned_data["department"],
                    at=clock.now(),
                    user=request.user,
                )
            except services.ReportError as error:
                form.add_error("period", str(error))
            else:
                messages.success(request, _("已生成《%(title)s》。") % {"title": report.title})
                return redirect("stats:report", pk=report.pk)
        status = 400
    kind = request.GET.get("kind", "")
    listed = selectors.reports_visible_to(request.user)
    if kind in Report.Kind.values:
        listed = listed.filter(kind=kind)
    page = Paginator(listed, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "stats/reports.html",
        {"section": "stats", "form": form, "page": page, "kinds": Report.Kind.choices, "kind": kind},
        status=status,
    )


def _visible_report(request, pk: int) -> Report:
    return get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)


@role_required(*CONSOLE_ROLES)
@require_GET
@reading_replica()
def report_page(request, pk: int):
    """One report as a page: its figures as they stand now (the roll-up is kept current), with
    the files kept as they were made."""
    report = _visible_report(request, pk)
    content = reports.content_of(
        kind=report.kind, start=report.period_start, site=report.site, department=report.department
    )
    chart_rows = [row for row in content.rows if row["figures"].accepted or row["figures"].completed][:15]
    return render(
        request,
        "stats/report.html",
        {
            "section": "stats",
            "report": report,
            "content": content,
            "summary": reports.summary_lines(content),
            "columns": reports.table_columns(),
            "rows": [reports.table_row(row["label"], row["figures"]) for row in content.rows],
            "months": [reports.table_row(row["label"], row["figures"]) for row in content.months],
            "total": reports.table_row(_("合计"), content.now),
            "chart": {
                "labels": [row["label"].split("（")[0] for row in chart_rows],
                "accepted": [row["figures"].accepted for row in chart_rows],
                "completed": [row["figures"].completed for row in chart_rows],
                "accepted_name": _("受理"),
                "completed_name": _("办结"),
            },
        },
    )


@role_required(*CONSOLE_ROLES)
@require_GET
def report_file(request, pk: int, extension: str):
    """The report's kept PDF or Excel file."""
    report = _visible_report(request, pk)
    stored = report.pdf if extension == "pdf" else report.xlsx
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404(_("报告文件已不存在，请重新生成。")) from None
    name = f"{report.title}.{extension}"
    return FileResponse(handle, as_attachment=extension == "xlsx", filename=name)


# The public page -----------------------------------------------------------------------------------


@require_GET
@reading_replica()
def public_statistics(request):
    """办件统计公示 (/statistics/): each month of the last twelve, of the whole hall (every site):
    accepted, completed and the seeds' rates, as the centers publish them (seed 003)."""
    today = clock.today()
    first = (today.replace(day=1) - timedelta(days=335)).replace(day=1)
    months = selectors.labelled_rows(selectors.figures(first=first, last=today, by="month"), by="month")
    year = selectors.period_figures(first=today.replace(month=1, day=1), last=today)
    return render(
        request,
        "stats/public.html",
        {
            "months": list(reversed(months)),
            "year": year,
            "today": today,
            "chart": {
                "labels": [row["label"] for row in months],
                "accepted": [row["figures"].accepted for row in months],
                "completed": [row["figures"].completed for row in months],
                "accepted_name": _("受理"),
                "completed_name": _("办结"),
            },
        },
    )
