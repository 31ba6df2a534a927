"""The office console's organisation pages. Every object is fetched through a visible-to selector."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.forms import apply_form_and_report, submit_form
from onewindow.common.parsing import BadInput, parse_calendar_date, parse_id
from onewindow.org import forms, selectors, services
from onewindow.org.models import WINDOW_ORDER, PostKind, Role, StaffAbsence
from onewindow.org.permissions import CONSOLE_ROLES, ORG_MANAGERS, role_required, user_has_role
from onewindow.workcalendar.selectors import working_calendar


def _can_manage(request) -> bool:
    return user_has_role(request.user, *ORG_MANAGERS)


@role_required(*CONSOLE_ROLES)
def site_tree(request):
    sites = selectors.site_visible_to(request.user).annotate(
        window_count=Count("windows", distinct=True),
        staff_count=Count("staff", distinct=True),
        department_count=Count("departments", distinct=True),
    )
    return render(request, "org/site_tree.html", {"sites": sites, "section": "sites"})


# Departments -------------------------------------------------------------------------------


@role_required(*CONSOLE_ROLES)
def department_list(request):
    departments = selectors.department_visible_to(request.user).annotate(
        window_count=Count("windows", distinct=True), staff_count=Count("staff", distinct=True)
    )
    return render(
        request,
        "org/department_list.html",
        {"departments": departments, "section": "departments", "can_manage": _can_manage(request)},
    )


@role_required(*ORG_MANAGERS)
def department_edit(request, pk: int | None = None):
    department = get_object_or_404(selectors.department_visible_to(request.user), pk=pk) if pk else None
    initial = (
        {
            "site": department.site,
            "name": department.name,
            "short_name": department.short_name,
            "credit_code": department.credit_code,
            "phone": department.phone,
            "head_name": department.head_name,
            "head_phone": department.head_phone,
            "sort_order": department.sort_order,
            "seals_own_certificates": department.seals_own_certificates,
        }
        if department
        else {"site": getattr(selectors.access_for(request.user).staff, "site", None)}
    )
    form = forms.DepartmentForm(
        request.POST or None, initial=initial, sites=selectors.site_visible_to(request.user)
    )
    response = submit_form(
        request,
        form,
        lambda data: services.department_save(department=department, **data),
        success_url=reverse("org:department-list"),
        success_message=_("部门已保存。"),
    )
    return response or render(
        request,
        "org/form.html",
        {
            "form": form,
            "section": "departments",
            "title": department.name if department else _("新增进驻部门"),
            "back_url": reverse("org:department-list"),
        },
    )


# Windows ---------------------------------------------------------------------------------


@role_required(*CONSOLE_ROLES)
def window_list(request):
    windows = selectors.window_visible_to(request.user).order_by(*WINDOW_ORDER)
    posts = selectors.posts_open_on(windows=windows, on_date=clock.today())
    rows = [(window, posts.get((window.pk, "A")), posts.get((window.pk, "B"))) for window in windows]
    return render(
        request,
        "org/window_list.html",
        {"rows": rows, "section": "windows", "can_manage": _can_manage(request)},
    )


@role_required(*ORG_MANAGERS)
def window_edit(request, pk: int | None = None):
    window = get_object_or_404(selectors.window_visible_to(request.user), pk=pk) if pk else None
    initial = (
        {
            "site": window.site,
            "number": window.number,
            "name": window.name,
            "kind": window.kind,
            "zone": window.zone,
            "departments": list(window.departments.all()),
            "is_active": window.is_active,
        }
        if window
        else {"site": getattr(selectors.access_for(request.user).staff, "site", None), "is_active": True}
    )
    form = forms.WindowForm(
        request.POST or None,
        initial=initial,
        sites=selectors.site_visible_to(request.user),
        departments=selectors.department_visible_to(request.user),
    )
    response = submit_form(
        request,
        form,
        lambda data: services.window_save(window=window, **data),
        success_url=reverse("org:window-list"),
        success_message=_("窗口已保存。"),
    )
    context = {
        "form": form,
        "section": "windows",
        "back_url": reverse("org:window-list"),
        "title": str(window) if window else _("新增窗口"),
    }
    if window is not None:
        today = clock.today()
        context["posts"] = window.posts.select_related("staff__user").order_by("post", "-active_from_date")
        context["post_form"] = forms.WindowPostForm(
            initial={"from_date": today},
            staff=selectors.staff_visible_to(request.user).filter(site=window.site, is_active=True),
        )
        context["window"] = window
    return response or render(request, "org/window_edit.html", context)


@require_POST
@role_required(*ORG_MANAGERS)
def window_post_assign(request, pk: int):
    window = get_object_or_404(selectors.window_visible_to(request.user), pk=pk)
    form = forms.WindowPostForm(
        request.POST, staff=selectors.staff_visible_to(request.user).filter(site=window.site)
    )
    apply_form_and_report(
        request,
        form,
        lambda data: services.window_post_assign(window=window, **data),
        success_message=lambda data: _("%(post)s已安排。") % {"post": PostKind(data["post"]).label},
    )
    return redirect("org:window-edit", pk=window.pk)


# Staff -------------------------------------------------------------------------------------


@role_required(*CONSOLE_ROLES)
def staff_list(request):
    sites = selectors.site_visible_to(request.user)
    filters = forms.StaffFilterForm(request.GET or None, sites=sites)
    staff = selectors.staff_visible_to(request.user).order_by("site__path", "employee_number")
    if filters.is_valid():
        if query := filters.cleaned_data["q"].strip():
            staff = staff.filter(
                Q(user__full_name__contains=query)
                | Q(employee_number__contains=query)
                | Q(user__username__contains=query)
            )
        if filters.cleaned_data["site"]:
            staff = staff.filter(site=filters.cleaned_data["site"])
        if filters.cleaned_data["role"]:
            staff = staff.filter(role_rows__role=filters.cleaned_data["role"])
    return render(
        request,
        "org/staff_list.html",
        {
            "staff_list": staff,
            "filters": filters,
            "section": "staff",
            "can_manage": _can_manage(request),
        },
    )


@role_required(*ORG_MANAGERS)
def staff_edit(request, pk: int | None = None):
    staff = get_object_or_404(selectors.staff_visible_to(request.user), pk=pk) if pk else None
    sites, departments = (
        selectors.site_visible_to(request.user),
        selectors.department_visible_to(request.user),
    )
    if staff:
        initial = {
            "full_name": staff.user.full_name,
            "site": staff.site,
            "department": staff.department,
            "title": staff.title,
            "phone": staff.user.phone,
            "is_active": staff.is_active,
            "roles": [row.role for row in staff.role_rows.all()],
        }
    else:
        initial = {"site": getattr(selectors.access_for(request.user).staff, "site", None)}
    form = forms.StaffForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        sites=sites,
        departments=departments,
        editing=staff is not None,
    )

    def save(data):
        if staff:
            return services.staff_update(staff=staff, **data)
        return services.staff_create(**data)

    response = submit_form(
        request, form, save, success_url=reverse("org:staff-list"), success_message=_("人员已保存。")
    )
    return response or render(
        request,
        "org/form.html",
        {
            "form": form,
            "section": "staff",
            "title": staff.name if staff else _("新增工作人员"),
            "back_url": reverse("org:staff-list"),
        },
    )


# Delegations ---------------------------------------------------------------------------------


@role_required(*CONSOLE_ROLES)
def delegation_list(request):
    today = clock.today()
    delegations = list(selectors.delegation_visible_to(request.user))
    for delegation in delegations:
        delegation.is_current = delegation.is_valid_on(today)
    return render(
        request,
        "org/delegation_list.html",
        {
            "delegations": delegations,
            "today": today,
            "section": "delegations",
            "can_manage": _can_manage(request),
        },
    )


@role_required(*ORG_MANAGERS)
def delegation_create(request):
    chiefs = selectors.staff_visible_to(request.user).filter(
        role_rows__role=Role.CHIEF_REPRESENTATIVE, is_active=True
    )
    form = forms.DelegationForm(
        request.POST or None, initial={"valid_from_date": clock.today()}, chief_representatives=chiefs
    )
    response = submit_form(
        request,
        form,
        lambda data: services.delegation_create(**data),
        success_url=reverse("org:delegation-list"),
        success_message=_("授权书已登记。"),
    )
    return response or render(
        request,
        "org/form.html",
        {
            "form": form,
            "section": "delegations",
            "title": _("登记首席代表授权书"),
            "back_url": reverse("org:delegation-list"),
        },
    )


# Duty roster -------------------------------------------------------------------------------


def _roster_date(request):
    try:
        return parse_calendar_date(
            request.GET.get("date") or request.POST.get("date") or clock.today().isoformat()
        )
    except BadInput as error:
        messages.error(request, str(error))
        return clock.today()


@role_required(*CONSOLE_ROLES)
def duty_roster(request):
    duty_date = _roster_date(request)
    sites = selectors.site_visible_to(request.user).filter(windows__isnull=False).distinct()
    site_id = parse_id(request.GET.get("site"))
    site = sites.filter(pk=site_id).first() if site_id else None
    site = site or sites.first()
    calendar = working_calendar()
    rows = selectors.duty_roster(user=request.user, duty_date=duty_date, site=site) if site else []
    staff = selectors.staff_visible_to(request.user).filter(site=site, is_active=True) if site else []
    absent = selectors.absent_staff_ids(staff_ids=[member.pk for member in staff], on_date=duty_date)
    on_hand = [member for member in staff if member.pk not in absent]
    context = {
        "section": "duty",
        "duty_date": duty_date,
        "site": site,
        "sites": sites,
        "rows": rows,
        "roster": [(row, selectors.duty_candidates(row, on_hand)) for row in rows],
        "gap_count": sum(1 for row in rows if row.duty is None),
        "assigned_count": sum(1 for row in rows if row.duty is not None),
        "is_working_day": calendar.is_working_day(duty_date),
        "previous_date": calendar.add(duty_date, -1),
        "next_date": calendar.add(duty_date, 1),
        "absences": selectors.absence_visible_to(request.user).filter(
            start_date__lte=duty_date, end_date__gt=duty_date
        ),
        "absence_form": forms.AbsenceForm(
            initial={"start_date": duty_date, "end_date": calendar.add(duty_date, 1)},
            staff=selectors.staff_visible_to(request.user).filter(site=site)
            if site
            else selectors.staff_visible_to(request.user),
        ),
        "can_manage": _can_manage(request),
    }
    return render(request, "org/duty_roster.html", context)


def _roster_redirect(site_id, duty_date):
    return redirect(f"{reverse('org:duty-roster')}?site={site_id}&date={duty_date.isoformat()}")


@require_POST
@role_required(*ORG_MANAGERS)
def duty_generate(request):
    duty_date = _roster_date(request)
    site = get_object_or_404(selectors.site_visible_to(request.user), pk=parse_id(request.POST.get("site")))
    try:
        result = services.duty_roster_generate(
            site=site, duty_date=duty_date, actor=request.user, at=clock.now(), calendar=working_calendar()
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        message = _("已按AB岗排班 %(count)s 个窗口。") % {"count": len(result.created)}
        if result.gaps:
            message += _("仍有 %(count)s 个窗口无人值守：%(windows)s") % {
                "count": len(result.gaps),
                "windows": "、".join(f"{window.number}号" for window in result.gaps),
            }
            messages.warning(request, message)
        else:
            messages.success(request, message)
    return _roster_redirect(site.pk, duty_date)


@require_POST
@role_required(*ORG_MANAGERS)
def duty_assign(request, window_id: int):
    duty_date = _roster_date(request)
    window = get_object_or_404(selectors.window_visible_to(request.user), pk=window_id)
    staff_id = request.POST.get("staff", "")
    try:
        if staff_id:
            staff = get_object_or_404(selectors.staff_visible_to(request.user), pk=parse_id(staff_id))
            services.duty_assign(
                window=window,
                duty_date=duty_date,
                staff=staff,
                actor=request.user,
                at=clock.now(),
                calendar=working_calendar(),
            )
            messages.success(
                request, _("%(window)s 已安排 %(name)s 值班。") % {"window": window, "name": staff.name}
            )
        else:
            services.duty_unassign(window=window, duty_date=duty_date)
            messages.success(request, _("已取消 %(window)s 的值班安排。") % {"window": window})
    except DomainError as error:
        messages.error(request, error.message)
    return _roster_redirect(window.site_id, duty_date)


@require_POST
@role_required(*ORG_MANAGERS)
def absence_record(request):
    form = forms.AbsenceForm(request.POST, staff=selectors.staff_visible_to(request.user))
    duty_date = _roster_date(request)
    apply_form_and_report(
        request,
        form,
        lambda data: services.staff_absence_record(**data),
        success_message=lambda data: (
            _("已登记 %(name)s 的%(kind)s。")
            % {"name": data["staff"].name, "kind": StaffAbsence.Kind(data["kind"]).label}
        ),
    )
    return _roster_redirect(parse_id(request.POST.get("site")) or "", duty_date)
