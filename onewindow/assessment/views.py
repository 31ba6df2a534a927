"""Pages of assessment and attendance.

The office console (考核考勤, /office/assessment/): the month's rankings of windows and of staff
with each component's points, a score's explanation with the records behind it, the monthly
attendance sheet of a site, the department report (page and Excel) and the scheme and hours a site
keeps. The desk: 签到 / 签退. The portal: 红旗窗口 and 服务标兵 as published (/awards/)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from onewindow.assessment import export, permissions, selectors, services
from onewindow.assessment.forms import (
    AwardForm,
    ComputeForm,
    DepartmentReportForm,
    ExplainForm,
    HoursForm,
    PublishForm,
    RankingForm,
    RevokeForm,
    SchemeForm,
    SheetForm,
)
from onewindow.assessment.models import Award, Indicator, SubjectKind
from onewindow.assessment.rules import COMPLAINT_FIELDS, FINDING_FIELDS, SCHEME_FIELDS, hours_for, scheme_for
from onewindow.assessment.scoring import Indicator as Code
from onewindow.assessment.scoring import month_last_day, previous_month
from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.errors import bad_request_response
from onewindow.common.forms import add_service_error, error_text
from onewindow.common.parsing import parse_id
from onewindow.complaints.models import Result
from onewindow.org.permissions import CONSOLE_ROLES, role_required, staff_required
from onewindow.org.selectors import (
    access_for,
    department_visible_to,
    site_visible_to,
    staff_visible_to,
    window_visible_to,
)
from onewindow.supervision.models import Finding
from onewindow.workcalendar.selectors import working_calendar

PAGE_SIZE = 50


def _form_error(form) -> tuple[str, str | None]:
    field = next(iter(form.errors), None)
    message = "；".join(error for errors in form.errors.values() for error in errors)
    return message, field


def _scope_sites(user, site):
    """The site chosen and the sites under it, else every site the user sees."""
    visible = site_visible_to(user)
    return visible.filter(path__startswith=site.path) if site is not None else visible


def _months(today: date, *, count: int = 24) -> dict:
    """The month picker's choices: this month and the `count` − 1 before it, newest first."""
    choices, month = [], today.replace(day=1)
    for _step in range(count):
        choices.append(
            (f"{month:%Y-%m}", _("%(year)s年%(month)s月") % {"year": month.year, "month": month.month})
        )
        month = previous_month(month)
    return {"month_choices": choices, "month_values": [value for value, _label in choices]}


def _default_site(user):
    staff = access_for(user).staff
    return staff.site if staff is not None else site_visible_to(user).order_by("path").first()


# Rankings ------------------------------------------------------------------------------------------


@role_required(*CONSOLE_ROLES)
@require_GET
def rankings(request):
    today = clock.today()
    sites = site_visible_to(request.user).order_by("path")
    form = RankingForm(request.GET, sites=sites, today=today)
    context = {
        "section": "assessment",
        "tab": "rankings",
        "form": form,
        "indicators": Indicator.choices,
        **_months(today),
    }
    if not form.is_valid():
        return render(request, "assessment/rankings.html", {**context, "rows": []}, status=400)
    data = form.cleaned_data
    month, kind = data["month"], form.subject_kind
    scoped = _scope_sites(request.user, data.get("site"))
    scores = selectors.score_visible_to(request.user).filter(site__in=scoped)
    rows = selectors.ranking(scores, month=month, kind=kind)
    awards = selectors.month_awards(request.user, month=month)
    awarded = set()
    for award in awards:
        if award.status == Award.Status.REVOKED:
            continue
        if kind == SubjectKind.WINDOW and award.kind == Award.Kind.RED_FLAG_WINDOW:
            awarded.add(award.window_id)
        elif kind == SubjectKind.STAFF and award.kind == Award.Kind.MODEL_STAFF:
            awarded.add(award.staff_id)
    manage_site = data.get("site") or _default_site(request.user)
    return render(
        request,
        "assessment/rankings.html",
        {
            **context,
            "month": month,
            "kind": kind,
            "rows": rows,
            "awarded": awarded,
            "awards": awards,
            "has_drafts": any(award.status == Award.Status.DRAFT for award in awards),
            "runs": selectors.last_runs(month=month, sites=scoped),
            "can_manage": manage_site is not None and permissions.can_manage(request.user, manage_site),
            "manage_site": manage_site,
            "award_kind": Award.Kind.RED_FLAG_WINDOW
            if kind == SubjectKind.WINDOW
            else Award.Kind.MODEL_STAFF,
            "query": urlencode(
                {
                    "month": f"{month:%Y-%m}",
                    "kind": data["kind"],
                    **({"site": data["site"].pk} if data.get("site") else {}),
                }
            ),
            "today": today,
        },
    )


def _back_to_rankings(request):
    target = request.POST.get("next", "")
    if target.startswith("/office/assessment/") and "\n" not in target and "\\" not in target:
        return redirect(target)
    return redirect("assessment:rankings")


@role_required(*CONSOLE_ROLES)
@require_POST
def compute(request):
    form = ComputeForm(request.POST, sites=site_visible_to(request.user))
    if not form.is_valid():
        message, field = _form_error(form)
        return bad_request_response(request, message=message, field=field)
    data = form.cleaned_data
    try:
        run = services.scores_compute(
            month=data["month"], site=data["site"], at=clock.now(), user=request.user
        )
    except DomainError as error:
        if error.status_code == 403:
            raise PermissionDenied from None
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(month)s 考核已计算：%(windows)s 个窗口、%(staff)s 名工作人员，数据截至 %(through)s。")
            % {
                "month": f"{run.month:%Y-%m}",
                "windows": run.windows,
                "staff": run.staff,
                "through": run.through_date,
            },
        )
    query = urlencode({"month": data["month"].strftime("%Y-%m"), "site": data["site"].pk})
    return redirect(f"{reverse('assessment:rankings')}?{query}")


@role_required(*CONSOLE_ROLES)
@require_POST
def award_grant(request):
    form = AwardForm(
        request.POST, windows=window_visible_to(request.user), staff=staff_visible_to(request.user)
    )
    if not form.is_valid():
        message, field = _form_error(form)
        return bad_request_response(request, message=message, field=field)
    data = form.cleaned_data
    try:
        award = services.award_grant(
            user=request.user,
            month=data["month"],
            kind=data["kind"],
            window=data.get("window"),
            staff=data.get("staff"),
            at=clock.now(),
        )
    except DomainError as error:
        if error.status_code == 403:
            raise PermissionDenied from None
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("已评定%(kind)s：%(subject)s（待发布公示）。")
            % {
                "kind": award.get_kind_display(),
                "subject": award.staff.name if award.staff else str(award.window),
            },
        )
    return _back_to_rankings(request)


@role_required(*CONSOLE_ROLES)
@require_POST
def awards_publish(request):
    form = PublishForm(request.POST, sites=site_visible_to(request.user))
    if not form.is_valid():
        message, field = _form_error(form)
        return bad_request_response(request, message=message, field=field)
    try:
        count = services.awards_publish(
            user=request.user,
            month=form.cleaned_data["month"],
            site=form.cleaned_data["site"],
            at=clock.now(),
        )
    except DomainError as error:
        if error.status_code == 403:
            raise PermissionDenied from None
        messages.error(request, error.message)
    else:
        messages.success(request, _("已在门户网站公示 %(count)s 项评定。") % {"count": count})
    return _back_to_rankings(request)


@role_required(*CONSOLE_ROLES)
@require_POST
def award_revoke(request, pk: int):
    award = get_object_or_404(selectors.awards_visible_to(request.user), pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请写明撤销理由（至少4个字）。"))
        return _back_to_rankings(request)
    try:
        services.award_revoke(
            user=request.user, award=award, reason=form.cleaned_data["reason"], at=clock.now()
        )
    except DomainError as error:
        if error.status_code == 403:
            raise PermissionDenied from None
        messages.error(request, error.message)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("评定已撤销，门户网站不再公示。"))
    return _back_to_rankings(request)


# A score's explanation -----------------------------------------------------------------------------


def _deduction_lines(component) -> list[dict]:
    detail = component.detail or {}
    counts, points = detail.get("counts", {}), detail.get("points_each", {})
    labels = dict(Result.choices) if component.indicator == Code.COMPLAINTS else dict(Finding.Kind.choices)
    return [
        {
            "label": labels.get(kind, kind),
            "count": count,
            "points": f"{Decimal(str(points.get(kind, '0'))):.2f}",
        }
        for kind, count in counts.items()
        if count
    ]


@role_required(*CONSOLE_ROLES)
@require_GET
def score_detail(request, pk: int):
    score = get_object_or_404(selectors.score_visible_to(request.user), pk=pk)
    form = ExplainForm(request.GET)
    if not form.is_valid():
        message, field = _form_error(form)
        return bad_request_response(request, message=message, field=field)
    components = sorted(
        score.components.all(), key=lambda component: list(Indicator.values).index(component.indicator)
    )
    indicator = form.cleaned_data.get("indicator") or Indicator.ON_TIME
    records = selectors.records_of(score, indicator, user=request.user)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    kind = selectors.RECORD_KINDS[indicator]
    lines = page.object_list
    if kind == "cases":
        calendar = working_calendar()
        lines = [selectors.case_outcome(case, calendar=calendar) for case in page.object_list]
    return render(
        request,
        "assessment/score.html",
        {
            "section": "assessment",
            "tab": "rankings",
            "score": score,
            "label": selectors.subject_label(score),
            "components": [
                {
                    "component": component,
                    "label": Indicator(component.indicator).label,
                    "is_deduction": component.indicator in (Code.COMPLAINTS, Code.FINDINGS),
                    "deductions": _deduction_lines(component),
                    "not_applicable": (component.detail or {}).get("not_applicable", False),
                }
                for component in components
            ],
            "indicator": indicator,
            "indicator_label": Indicator(indicator).label,
            "record_kind": kind,
            "page": page,
            "lines": lines,
            "rankings_query": urlencode(
                {
                    "month": f"{score.month:%Y-%m}",
                    "kind": "window" if score.kind == SubjectKind.WINDOW else "staff",
                }
            ),
            "sheet_query": urlencode({"month": f"{score.month:%Y-%m}", "site": score.site_id}),
        },
    )


# Attendance --------------------------------------------------------------------------------------


def _sheet_form(request):
    today = clock.today()
    return SheetForm(request.GET, sites=site_visible_to(request.user).order_by("path"), today=today), today


@role_required(*CONSOLE_ROLES)
@require_GET
def attendance_sheet(request):
    form, today = _sheet_form(request)
    context = {"section": "assessment", "tab": "attendance", "form": form, **_months(today)}
    if not form.is_valid():
        return render(request, "assessment/attendance.html", {**context, "sheet": None}, status=400)
    site = form.cleaned_data.get("site") or _default_site(request.user)
    month = form.cleaned_data["month"]
    sheet = selectors.attendance_sheet(site=site, month=month, today=today) if site is not None else None
    return render(
        request,
        "assessment/attendance.html",
        {
            **context,
            "site": site,
            "month": month,
            "sheet": sheet,
            "query": urlencode({"month": f"{month:%Y-%m}", **({"site": site.pk} if site else {})}),
        },
    )


@role_required(*CONSOLE_ROLES)
@require_GET
def attendance_export(request):
    form, today = _sheet_form(request)
    if not form.is_valid():
        message, field = _form_error(form)
        return bad_request_response(request, message=message, field=field)
    site = form.cleaned_data.get("site") or _default_site(request.user)
    if site is None:
        raise PermissionDenied
    month = form.cleaned_data["month"]
    sheet = selectors.attendance_sheet(site=site, month=month, today=today)
    content = export.attendance_workbook(
        sheet, title=_("%(site)s %(month)s 考勤表") % {"site": site.name, "month": f"{month:%Y-%m}"}
    )
    return _xlsx(content, _("考勤表-%(month)s.xlsx") % {"month": f"{month:%Y-%m}"})


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=export.XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@staff_required
@require_POST
def sign(request, action: str):
    """The desk's 签到 / 签退 buttons: the staff member signs themselves, now."""
    staff = access_for(request.user).staff
    if staff is None:
        raise PermissionDenied
    try:
        if action == "in":
            result = services.attendance_sign_in(staff=staff, at=clock.now())
        else:
            result = services.attendance_sign_out(staff=staff, at=clock.now())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        (messages.success if result.changed else messages.info)(request, result.message)
    return redirect("desk:home")


# The department report ----------------------------------------------------------------------------


def _report(request):
    today = clock.today()
    form = DepartmentReportForm(
        request.GET,
        sites=site_visible_to(request.user).order_by("path"),
        departments=department_visible_to(request.user).order_by("site__path", "sort_order", "name"),
        today=today,
    )
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    year, month = data["year"], data.get("month")
    first = date(year, month or 1, 1)
    last = month_last_day(first) if month else date(year, 12, 31)
    sites = list(_scope_sites(request.user, data.get("site")).values_list("pk", flat=True))
    lines = selectors.department_report(
        sites=sites,
        first=first,
        last=last,
        departments=[data["department"].pk] if data.get("department") else None,
    )
    return form, {"first": first, "last": last, "lines": lines, "year": year, "month": month}


@role_required(*CONSOLE_ROLES)
@require_GET
def department_report(request):
    form, report = _report(request)
    context = {"section": "assessment", "tab": "departments", "form": form, "report": report}
    if report is None:
        return render(request, "assessment/departments.html", context, status=400)
    query = {
        key: value for key, value in request.GET.items() if key in ("year", "month", "site", "department")
    }
    return render(request, "assessment/departments.html", {**context, "query": urlencode(query)})


@role_required(*CONSOLE_ROLES)
@require_GET
def department_export(request):
    form, report = _report(request)
    if report is None:
        message, field = _form_error(form)
        return bad_request_response(request, message=message, field=field)
    period = f"{report['year']}年{report['month']}月" if report["month"] else f"{report['year']}年度"
    content = export.department_workbook(
        report["lines"], title=_("进驻部门窗口考核报表（%(period)s）") % {"period": period}
    )
    return _xlsx(content, _("部门考核-%(period)s.xlsx") % {"period": period})


# The scheme and the hours --------------------------------------------------------------------------


@role_required(*CONSOLE_ROLES)
def scheme(request):
    """A site's scheme and attendance hours: the office of the site or above edits them; the
    sections read them."""
    sites = site_visible_to(request.user).order_by("path")
    site_id = request.GET.get("site") or request.POST.get("site") or ""
    if site_id:
        pk = parse_id(site_id)
        if pk is None:
            return bad_request_response(request, message=_("服务中心编号无效。"), field="site")
        site = get_object_or_404(sites, pk=pk)
    else:
        site = _default_site(request.user)
        if site is None:
            raise PermissionDenied
    in_force = scheme_for(site)
    hours = hours_for(site)
    can_manage = permissions.can_manage(request.user, site)
    scheme_form = SchemeForm(initial={name: in_force.values[name] for name in SCHEME_FIELDS})
    hours_form = HoursForm(
        initial={
            "opens_at": hours.hours.opens,
            "closes_at": hours.hours.closes,
            "grace_minutes": hours.hours.grace_minutes,
        }
    )
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action == "scheme":
            scheme_form = SchemeForm(request.POST)
            if scheme_form.is_valid():
                try:
                    services.scheme_save(
                        site=site, user=request.user, at=clock.now(), values=scheme_form.cleaned_data
                    )
                except (ValidationError, DomainError) as error:
                    add_service_error(scheme_form, error)
                else:
                    messages.success(request, _("考核方案已保存，下次计算考核时生效。"))
                    return redirect(f"{reverse('assessment:scheme')}?site={site.pk}")
        elif action == "hours":
            hours_form = HoursForm(request.POST)
            if hours_form.is_valid():
                try:
                    services.attendance_rule_save(
                        site=site, user=request.user, at=clock.now(), **hours_form.cleaned_data
                    )
                except (ValidationError, DomainError) as error:
                    add_service_error(hours_form, error)
                else:
                    messages.success(request, _("考勤时间已保存。"))
                    return redirect(f"{reverse('assessment:scheme')}?site={site.pk}")
        else:
            return bad_request_response(request, message=_("无法识别的操作。"), field="action")
        status = 400
    return render(
        request,
        "assessment/scheme.html",
        {
            "section": "assessment",
            "tab": "scheme",
            "site": site,
            "sites": sites,
            "scheme": in_force,
            "hours": hours,
            "can_manage": can_manage,
            "scheme_form": scheme_form,
            "hours_form": hours_form,
            "weight_names": [name for name in SCHEME_FIELDS if name.startswith("weight_")],
            "deduction_names": [*COMPLAINT_FIELDS.values(), *FINDING_FIELDS.values()],
        },
        status=status,
    )


# The portal -------------------------------------------------------------------------------------


@require_GET
def awards_public(request):
    """红旗窗口 and 服务标兵 as published, month by month (names, staff numbers and windows only)."""
    return render(
        request, "assessment/awards_public.html", {"groups": selectors.published_awards(today=clock.today())}
    )
