"""The center office's queue pages: the live floor (today's figures, every window's state, the long
waits, a ticket issued for someone), the KPIs with their Excel export, and the service categories
with their per-slot appointment capacity.

Who: the floor and the KPIs, the console's roles (center office, business and supervision
sections, administrators) over the sites they may see; the categories, the center office and
administrators. A site is chosen with ?site=<id> among the sites the user may see (else their
own); any other id is a 404."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.errors import bad_request_response
from onewindow.common.parsing import parse_id
from onewindow.common.privacy import mask_name
from onewindow.org.models import WINDOW_ORDER, DutyAssignment, Site, Window
from onewindow.org.permissions import CONSOLE_ROLES, ORG_MANAGERS, role_required
from onewindow.org.selectors import access_for, site_visible_to
from onewindow.queueing import categories as category_services
from onewindow.queueing import export, selectors, services
from onewindow.queueing.forms import KPI_GROUPINGS, CategoryForm, KpiForm, TicketIssueForm
from onewindow.queueing.models import Call, Category, SlotCapacity, Ticket, WindowState

#: The session key under which the floor remembers the ticket it just issued (shown once).
ISSUED_KEY = "queueing_floor_issued"


def url_or_blank(*names: str, args=()) -> str:
    """The first of the URL names that exists (the pages of other modules), else ""."""
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return ""


def slip_url(ticket: Ticket) -> str:
    return url_or_blank("queueing:slip", "queueing:ticket-slip", args=[ticket.token])


def _sites(request):
    return site_visible_to(request.user).filter(is_active=True).order_by("path")


def _site_for(request, raw: str | None) -> Site:
    """The site named by ?site= among those the user may see, else their own, else the first."""
    sites = _sites(request)
    if raw:
        pk = parse_id(raw)
        site = sites.filter(pk=pk).first() if pk else None
        if site is None:
            raise Http404(_("没有这个服务中心，或您无权查看。"))
        return site
    staff = access_for(request.user).staff
    own = sites.filter(pk=staff.site_id).first() if staff else None
    site = own or sites.first()
    if site is None:
        raise Http404(_("没有可查看的服务中心。"))
    return site


# The floor ---------------------------------------------------------------------------------------------


def _waiting_by_window(
    site: Site, windows: list[Window], today: date
) -> tuple[dict[int, int], dict[int, int]]:
    """How many wait for each window (the categories it serves, and tickets sent to it) and in
    each category, from two grouped queries instead of one count per window."""
    served = defaultdict(set)
    for category_id, window_id in Category.windows.through.objects.filter(
        category__site=site, category__is_active=True
    ).values_list("category_id", "window_id"):
        served[window_id].add(category_id)
    counts = (
        Ticket.objects.filter(
            site=site, service_date=today, status=Ticket.Status.WAITING, category__is_active=True
        )
        .values_list("category_id", "target_window_id")
        .annotate(count=Count("id"))
        .values_list("category_id", "target_window_id", "count")
    )
    by_window: dict[int, int] = defaultdict(int)
    by_category: dict[int, int] = defaultdict(int)
    for category_id, target_id, count in counts:
        by_category[category_id] += count
        for window in windows:
            if category_id in served[window.pk] and target_id in (None, window.pk):
                by_window[window.pk] += count
    return by_window, by_category


def floor_context(site: Site) -> dict:
    """What the live part of the floor shows (refreshed every 15 seconds)."""
    now, today = clock.now(), clock.today()
    figures = selectors.live_figures(site, at=now)
    windows = list(Window.objects.filter(site=site, is_active=True).order_by(*WINDOW_ORDER))
    duties = {
        duty.window_id: duty.staff
        for duty in DutyAssignment.objects.filter(window__in=windows, duty_date=today).select_related(
            "staff__user"
        )
    }
    calls = {
        call.window_id: call
        for call in Call.objects.filter(window__in=windows, outcome=Call.Outcome.SERVING).select_related(
            "ticket"
        )
    }
    states = {state.window_id: state for state in WindowState.objects.filter(window__in=windows)}
    by_window, by_category = _waiting_by_window(site, windows, today)
    served_categories = defaultdict(list)
    for category in selectors.categories_of(site).prefetch_related("windows"):
        for window in category.windows.all():
            served_categories[window.pk].append(category.prefix)
    rows = []
    for window in windows:
        call, state = calls.get(window.pk), states.get(window.pk)
        rows.append(
            {
                "window": window,
                "staff": duties.get(window.pk),
                "call": call,
                "serving_minutes": int((now - call.called_at).total_seconds() // 60) if call else None,
                "is_paused": bool(state and state.is_paused),
                "pause_reason": state.pause_reason if state else "",
                "waiting": by_window.get(window.pk, 0),
                "categories": served_categories.get(window.pk, []),
            }
        )
    long_waits = [
        {
            "ticket": ticket,
            "minutes": int((now - ticket.queued_at).total_seconds() // 60),
            "name": mask_name(ticket.applicant_name),
        }
        for ticket in figures.long_waits
    ]
    return {
        "site": site,
        "figures": figures,
        "window_rows": rows,
        "long_waits": long_waits,
        "alert_minutes": settings.ONEWINDOW_QUEUE_WAIT_ALERT_MINUTES,
        "category_rows": [
            {"category": category, "waiting": by_category.get(category.pk, 0)}
            for category in selectors.categories_of(site)
        ],
        "now": now,
    }


def _may_issue(user) -> bool:
    return access_for(user).has_role(*services.ISSUING_ROLES)


def _issue_form(request, site: Site, data=None) -> TicketIssueForm:
    return TicketIssueForm(data, site=site, may_green_channel=_may_issue(request.user))


def _render_floor(request, site: Site, *, form: TicketIssueForm | None = None, status: int = 200):
    issued = None
    issued_pk = request.session.pop(ISSUED_KEY, None) if request.method == "GET" else None
    if issued_pk:
        issued = Ticket.objects.filter(pk=issued_pk, site=site).select_related("category").first()
    may_issue = _may_issue(request.user)
    return render(
        request,
        "queueing/floor.html",
        {
            "section": "queue",
            "tab": "floor",
            "sites": _sites(request),
            "issue_form": (form or _issue_form(request, site)) if may_issue else None,
            "issued": issued,
            "issued_slip": slip_url(issued) if issued else "",
            "hall_display": url_or_blank("queueing:display-hall", args=[site.code]),
            "kiosk": url_or_blank("queueing:kiosk", args=[site.code]),
            **floor_context(site),
        },
        status=status,
    )


@role_required(*CONSOLE_ROLES)
@require_GET
def floor(request):
    """大厅实况: today's figures, the windows, the long waits (refreshed every 15 s), and a
    ticket issued for someone."""
    return _render_floor(request, _site_for(request, request.GET.get("site")))


@role_required(*CONSOLE_ROLES)
@require_GET
def floor_live(request):
    """The live part alone (htmx poll)."""
    site = _site_for(request, request.GET.get("site"))
    return render(request, "queueing/_floor_live.html", floor_context(site))


@role_required(*CONSOLE_ROLES)
@require_POST
def floor_issue(request):
    """A ticket for someone (the guide desk; the green channel): then its slip to print."""
    site = _site_for(request, request.POST.get("site"))
    if not _may_issue(request.user):
        raise PermissionDenied(_("只有中心办公室和窗口工作人员可以代取号。"))
    form = _issue_form(request, site, request.POST)
    if not form.is_valid():
        return _render_floor(request, site, form=form, status=400)
    data = form.cleaned_data
    try:
        ticket = services.ticket_issue(
            category=data["category"],
            at=clock.now(),
            source=Ticket.Source.STAFF,
            name=data["name"],
            id_number=data["id_number"],
            phone=data["phone"],
            priority_group=data["priority_group"],
            user=request.user,
        )
    except DomainError as error:
        form.add_error(form.ERROR_FIELDS.get(error.code), error.message)
        return _render_floor(request, site, form=form, status=error.status_code)
    request.session[ISSUED_KEY] = ticket.pk
    messages.success(
        request,
        _("已取号 %(code)s（%(category)s），前面还有 %(ahead)s 人。")
        % {"code": ticket.code, "category": ticket.category.name, "ahead": selectors.people_ahead(ticket)},
    )
    return redirect(f"{reverse('queueing:floor')}?{urlencode({'site': site.pk})}")


# KPIs -----------------------------------------------------------------------------------------------------


def _kpi_form(request) -> KpiForm:
    return KpiForm(request.GET, sites=_sites(request), today=clock.today())


def _kpi_rows(request, form: KpiForm) -> list[dict]:
    data = form.cleaned_data
    calls = selectors.calls_visible_to(request.user).filter(
        service_date__gte=data["from"], service_date__lte=data["to"]
    )
    if data.get("site") is not None:
        calls = calls.filter(site=data["site"])
    return selectors.kpi_rows(calls, by=data["by"])


def _group_label(by: str) -> str:
    return {
        "category": _("业务类别"),
        "window": _("窗口"),
        "staff": _("工作人员"),
        "hour": _("时段"),
        "day": _("日期"),
    }[by]


def _shown(rows: list[dict]) -> list[dict]:
    """The rows with their times as minutes:seconds and the width of their bar (calls)."""
    most = max((row["calls"] for row in rows), default=0)
    return [
        {
            **row,
            "wait_average_text": export.minutes_seconds(row["wait_average"]),
            "wait_longest_text": export.minutes_seconds(row["wait_longest"]),
            "service_average_text": export.minutes_seconds(row["service_average"]),
            "service_longest_text": export.minutes_seconds(row["service_longest"]),
            "bar": round(100 * row["calls"] / most) if most else 0,
        }
        for row in rows
    ]


def _totals(rows: list[dict]) -> dict | None:
    if not rows:
        return None
    calls = sum(row["calls"] for row in rows)
    return {
        "calls": calls,
        "served": sum(row["served"] for row in rows),
        "skipped": sum(row["skipped"] for row in rows),
        "wait_average_text": export.minutes_seconds(
            sum(row["wait_average"] * row["calls"] for row in rows) / calls if calls else 0
        ),
        "wait_longest_text": export.minutes_seconds(max(row["wait_longest"] for row in rows)),
        "service_longest_text": export.minutes_seconds(max(row["service_longest"] for row in rows)),
    }


@role_required(*CONSOLE_ROLES)
@require_GET
def kpis(request):
    """统计分析: calls, served, skipped, waits and services, by category, window, staff member,
    hour or day, over the dates chosen (today by default, at most 366 days)."""
    form = _kpi_form(request)
    context = {"section": "queue", "tab": "kpis", "form": form, "groupings": KPI_GROUPINGS}
    if not form.is_valid():
        return render(request, "queueing/kpis.html", {**context, "rows": []}, status=400)
    rows = _kpi_rows(request, form)
    data = form.cleaned_data
    query = {"from": data["from"].isoformat(), "to": data["to"].isoformat(), "by": data["by"]}
    if data.get("site") is not None:
        query["site"] = data["site"].pk
    return render(
        request,
        "queueing/kpis.html",
        {
            **context,
            "rows": _shown(rows),
            "totals": _totals(rows),
            "group_label": _group_label(data["by"]),
            "query": urlencode(query),
            "first": data["from"],
            "last": data["to"],
        },
    )


@role_required(*CONSOLE_ROLES)
@require_GET
def kpis_export(request):
    """The same table as an Excel workbook."""
    form = _kpi_form(request)
    if not form.is_valid():
        message = "；".join(error for errors in form.errors.values() for error in errors)
        return bad_request_response(request, message=message, field=next(iter(form.errors), None))
    data = form.cleaned_data
    period = (
        data["from"].isoformat()
        if data["from"] == data["to"]
        else _("%(first)s至%(last)s") % {"first": data["from"].isoformat(), "last": data["to"].isoformat()}
    )
    where = data["site"].name if data.get("site") is not None else _("全部服务中心")
    title = _("排队叫号统计（%(where)s，%(period)s，%(by)s）") % {
        "where": where,
        "period": period,
        "by": dict(KPI_GROUPINGS)[data["by"]],
    }
    content = export.kpi_workbook(_kpi_rows(request, form), title=title, group_label=_group_label(data["by"]))
    response = HttpResponse(content, content_type=export.XLSX)
    filename = _("排队叫号统计-%(period)s.xlsx") % {"period": period}
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# Categories ------------------------------------------------------------------------------------------------


@role_required(*ORG_MANAGERS)
@require_GET
def category_list(request):
    """业务类别: the site's categories with their windows, departments and capacity."""
    site = _site_for(request, request.GET.get("site"))
    rows = list(
        Category.objects.filter(site=site)
        .prefetch_related("windows", "departments", "slot_capacities")
        .order_by("-is_active", "sort_order", "prefix")
    )
    for category in rows:
        category.window_list = sorted(
            category.windows.all(), key=lambda window: (len(window.number), window.number)
        )
        category.overrides = sorted(category.slot_capacities.all(), key=lambda row: row.slot_start)
    return render(
        request,
        "queueing/categories.html",
        {"section": "queue", "tab": "categories", "site": site, "sites": _sites(request), "rows": rows},
    )


def _category_form(request, site: Site, category: Category | None):
    overrides = (
        dict(SlotCapacity.objects.filter(category=category).values_list("slot_start", "capacity"))
        if category
        else {}
    )
    initial = None
    if category is not None:
        initial = {
            "prefix": category.prefix,
            "name": category.name,
            "description": category.description,
            "windows": list(category.windows.all()),
            "departments": list(category.departments.all()),
            "slot_capacity": category.slot_capacity,
            "sort_order": category.sort_order,
            "is_active": category.is_active,
        }
    return CategoryForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        site=site,
        slot_starts=category_services.slot_starts(),
        overrides=overrides,
    )


def _category_page(request, site: Site, category: Category | None):
    form = _category_form(request, site, category)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if category is None:
                    category = category_services.category_create(site=site, **form.values())
                    messages.success(request, _("已新建业务类别“%(name)s”。") % {"name": category.name})
                else:
                    category = category_services.category_update(
                        category=category, today=clock.today(), **form.values()
                    )
                    messages.success(request, _("已保存业务类别“%(name)s”。") % {"name": category.name})
            except DomainError as error:
                field = {
                    "queue_bad_prefix": "prefix",
                    "queue_prefix_taken": "prefix",
                    "queue_prefix_in_use": "prefix",
                    "queue_foreign_window": "windows",
                    "queue_inactive_window": "windows",
                    "queue_foreign_department": "departments",
                    "queue_category_busy": "is_active",
                }.get(error.code)
                form.add_error(field, error.message)
                status = error.status_code
            else:
                return redirect(f"{reverse('queueing:categories')}?{urlencode({'site': site.pk})}")
        else:
            status = 400
    return render(
        request,
        "queueing/category_form.html",
        {
            "section": "queue",
            "tab": "categories",
            "site": site,
            "category": category,
            "form": form,
            "slot_minutes": settings.ONEWINDOW_QUEUE_SLOT_MINUTES,
        },
        status=status,
    )


@role_required(*ORG_MANAGERS)
def category_new(request):
    site = _site_for(request, request.GET.get("site") or request.POST.get("site"))
    return _category_page(request, site, None)


@role_required(*ORG_MANAGERS)
def category_edit(request, pk: int):
    category = get_object_or_404(
        Category.objects.select_related("site").filter(site__in=site_visible_to(request.user)), pk=pk
    )
    return _category_page(request, category.site, category)


urlpatterns = [
    path("office/queue/", floor, name="floor"),
    path("office/queue/live/", floor_live, name="floor-live"),
    path("office/queue/issue/", floor_issue, name="floor-issue"),
    path("office/queue/kpis/", kpis, name="kpis"),
    path("office/queue/kpis/export.xlsx", kpis_export, name="kpis-export"),
    path("office/queue/categories/", category_list, name="categories"),
    path("office/queue/categories/new/", category_new, name="category-new"),
    path("office/queue/categories/<id:pk>/", category_edit, name="category-edit"),
]
