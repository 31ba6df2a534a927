"""Supervision pages: the live board (and its full-screen mode for the supervision room), the
drill-down from a department to its yellow and red cases, orders and records with their forms, and
a department's own view in the desk. Each view checks permissions itself."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from onewindow.cases import selectors as case_selectors
from onewindow.cases.services import handling
from onewindow.common import clock, keyset
from onewindow.common.api import DomainError
from onewindow.common.errors import bad_request_response
from onewindow.common.forms import add_service_error, apply_form_and_report
from onewindow.common.pdf import pdf_response
from onewindow.org.models import Department, Role
from onewindow.org.permissions import role_required
from onewindow.org.selectors import access_for, department_visible_to, staff_visible_to
from onewindow.supervision import forms, permissions, push, selectors, services
from onewindow.supervision.documents import order_pdf
from onewindow.supervision.models import Finding, Order, PushEvent, Record

BOARD_ROLES = permissions.BOARD_ROLES
DEPARTMENT_ROLES = (Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_REVIEWER)


def _base(request) -> str:
    """The office's frame for the sections, the desk's for a department."""
    return "office/base_office.html" if permissions.can_see_board(request.user) else "desk/base_desk.html"


@role_required(*BOARD_ROLES)
def board(request):
    today = clock.today()
    return render(
        request,
        "supervision/board.html",
        {
            "section": "supervision",
            "perms_order": access_for(request.user).has_role(Role.SUPERVISION_SECTION),
            **selectors.board(request.user, today=today, warning_days=handling.warning_days()),
        },
    )


@role_required(*BOARD_ROLES)
def screen(request):
    """The board for the supervision room's display: large, no navigation, refreshing itself."""
    today = clock.today()
    return render(
        request,
        "supervision/screen.html",
        selectors.board(request.user, today=today, warning_days=handling.warning_days()),
    )


@role_required(*BOARD_ROLES)
def lit_cases(request):
    """The yellow or red cases of one department (or all), red oldest first: the board's drill-down."""
    today = clock.today()
    light = request.GET.get("light", "red")
    if light not in ("red", "yellow"):
        return bad_request_response(request, message=_("灯色须为 red 或 yellow。"), field="light")
    department = None
    if request.GET.get("department"):
        value = request.GET["department"]
        if not value.isascii() or not value.isdigit() or len(value) > 18:
            return bad_request_response(request, message=_("部门编号无效。"), field="department")
        department = get_object_or_404(Department, pk=int(value))
    cases = selectors.lit_for_board(
        request.user, today=today, warning_days=handling.warning_days(), light=light, department=department
    )
    try:
        page = keyset.paginate(
            cases,
            ordering=("promised_due_date", "id"),
            cursor=request.GET.get("cursor", ""),
            limit=50,
            name="board",
        )
    except keyset.BadCursor as error:
        return bad_request_response(request, message=error.message, field="cursor")
    for case in page.rows:
        case.light = light
    return render(
        request,
        "supervision/lit_cases.html",
        {
            "section": "supervision",
            "perms_order": access_for(request.user).has_role(Role.SUPERVISION_SECTION),
            "cases": page.rows,
            "next_cursor": page.next_cursor,
            "is_first_page": not request.GET.get("cursor"),
            "light": light,
            "department": department,
            "query_prefix": f"light={light}" + (f"&department={department.pk}" if department else ""),
        },
    )


def _issue_target(request):
    """The case (by number) or record an order is about, from the query or the form."""
    params = request.POST if request.method == "POST" else request.GET
    case = record = None
    if params.get("record", "").isdigit():
        record = get_object_or_404(selectors.records_visible_to(request.user), pk=int(params["record"]))
        case = record.case
    elif params.get("case"):
        reference = params["case"].strip()[:40]
        case = get_object_or_404(
            case_selectors.case_visible_to(request.user).filter(
                Q(number=reference) | Q(receipt_number=reference)
            )
        )
    return case, record


@role_required(Role.SUPERVISION_SECTION)
def order_new(request):
    case, record = _issue_target(request)
    if case is None and record is None:
        return bad_request_response(request, message=_("请从红灯办件或督办件发出督办函。"), field="case")
    initial = {
        "subject": _("办件超期未办结")
        if case and case.promised_due_date and case.promised_due_date < clock.today()
        else ""
    }
    form = forms.OrderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_issue(
                user=request.user,
                department=record.department if record else case.department,
                case=case,
                record=record,
                at=clock.now(),
                **form.cleaned_data,
            )
        except (ValidationError, DomainError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("已发出%(number)s。") % {"number": order.number})
            return redirect("supervision:order-detail", pk=order.pk)
    return render(
        request,
        "supervision/order_new.html",
        {"section": "supervision", "form": form, "case": case, "record": record},
    )


def _order_or_404(request, pk) -> Order:
    if not request.user.is_authenticated:
        raise PermissionDenied
    return get_object_or_404(selectors.orders_visible_to(request.user).prefetch_related("replies"), pk=pk)


@role_required(*BOARD_ROLES, *DEPARTMENT_ROLES)
def order_detail(request, pk):
    order = _order_or_404(request, pk)
    access = access_for(request.user)
    can_reply = (
        order.status == Order.Status.ISSUED
        and access.staff
        and access.staff.department_id == order.department_id
    )
    can_review = order.status == Order.Status.REPLIED and permissions.can_keep_rules(request.user, order.site)
    if request.method == "POST":
        if request.POST.get("action") == "reply":
            form = forms.ReplyForm(request.POST, request.FILES)
            apply_form_and_report(
                request,
                form,
                lambda data: services.order_reply(
                    order=order,
                    user=request.user,
                    text=data["text"],
                    attachment=data["attachment"],
                    at=clock.now(),
                ),
                success_message=lambda data: _("已回复，等待监察科审核。"),
            )
        else:
            form = forms.ReviewForm(request.POST)
            apply_form_and_report(
                request,
                form,
                lambda data: services.order_review(order=order, user=request.user, at=clock.now(), **data),
                success_message=lambda data: _("已采纳，督办函办结。") if data["accept"] else _("已退回。"),
            )
        return redirect("supervision:order-detail", pk=order.pk)
    return render(
        request,
        "supervision/order_detail.html",
        {
            "base": _base(request),
            "section": "supervision",
            "order": order,
            "light": selectors.order_light(order, today=clock.today()),
            "reply_form": forms.ReplyForm() if can_reply else None,
            "review_form": forms.ReviewForm() if can_review else None,
        },
    )


@role_required(*BOARD_ROLES, *DEPARTMENT_ROLES)
def order_letter(request, pk):
    order = _order_or_404(request, pk)
    return pdf_response(lambda: order_pdf(order), filename=f"{order.number}.pdf")


@role_required(*BOARD_ROLES, *DEPARTMENT_ROLES)
def record_detail(request, pk):
    record = get_object_or_404(selectors.records_visible_to(request.user), pk=pk)
    can_explain = record.status == Record.Status.OPEN and permissions.can_explain(request.user, record)
    can_review = record.status == Record.Status.EXPLAINED and permissions.can_review(request.user, record)
    if request.method == "POST":
        if request.POST.get("action") == "explain":
            apply_form_and_report(
                request,
                forms.ExplainForm(request.POST),
                lambda data: services.record_explain(
                    record=record, user=request.user, explanation=data["explanation"], at=clock.now()
                ),
                success_message=lambda data: _("情况说明已提交。"),
            )
        else:
            apply_form_and_report(
                request,
                forms.ReviewForm(request.POST),
                lambda data: services.record_review(
                    record=record,
                    user=request.user,
                    accept=data["accept"],
                    conclusion=data["comment"],
                    at=clock.now(),
                ),
                success_message=lambda data: _("督办件已办结。") if data["accept"] else _("已退回。"),
            )
        return redirect("supervision:record-detail", pk=record.pk)
    return render(
        request,
        "supervision/record_detail.html",
        {
            "base": _base(request),
            "section": "supervision",
            "record": record,
            "orders": selectors.orders_visible_to(request.user).filter(record=record),
            "explain_form": forms.ExplainForm() if can_explain else None,
            "review_form": forms.ReviewForm() if can_review else None,
            "can_order": access_for(request.user).has_role(Role.SUPERVISION_SECTION),
        },
    )


@role_required(*DEPARTMENT_ROLES)
def department_desk(request):
    """A department's own supervision: its yellow and red cases, records to explain, orders to
    answer."""
    today = clock.today()
    department = access_for(request.user).staff.department
    return render(
        request,
        "supervision/department.html",
        {
            "department": department,
            **selectors.department_board(request.user, today=today, warning_days=handling.warning_days()),
        },
    )


@role_required(Role.CENTER_OFFICE, Role.SUPERVISION_SECTION, Role.ADMINISTRATOR)
def push_log(request):
    """The log of events for the efficiency supervision center, with a resend button."""
    events = selectors.push_events_visible_to(request.user)
    if request.method == "POST":
        value = request.POST.get("event", "")
        event = (
            get_object_or_404(events, pk=int(value))
            if value.isascii() and value.isdigit() and len(value) < 18
            else None
        )
        if event is None:
            return bad_request_response(request, message=_("请选择要重新推送的事件。"), field="event")
        try:
            push.push_resend(event=event, user=request.user, at=clock.now())
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已重新排队推送。"))
        return redirect(request.get_full_path())
    status = request.GET.get("status", "")
    if status:
        if status not in PushEvent.Status.values:
            return bad_request_response(request, message=_("状态无效。"), field="status")
        events = events.filter(status=status)
    try:
        page = keyset.paginate(
            events,
            ordering=("-created_at", "-id"),
            cursor=request.GET.get("cursor", ""),
            limit=50,
            name="push-log",
        )
    except keyset.BadCursor as error:
        return bad_request_response(request, message=error.message, field="cursor")
    return render(
        request,
        "supervision/push_log.html",
        {
            "section": "supervision",
            "events": page.rows,
            "next_cursor": page.next_cursor,
            "status": status,
            "statuses": PushEvent.Status.choices,
            "configured": push.is_configured(),
        },
    )


@role_required(*BOARD_ROLES, *DEPARTMENT_ROLES)
def findings(request):
    """Accountability: the section records findings; a subject appeals once; the office decides."""
    access = access_for(request.user)
    can_record = access.has_role(Role.SUPERVISION_SECTION)
    visible = selectors.findings_visible_to(request.user)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "record" and can_record:
            form = _finding_form(request, request.POST)
            apply_form_and_report(
                request,
                form,
                lambda data: services.finding_record(
                    user=request.user,
                    kind=data["kind"],
                    basis=data["basis"],
                    evidence=data["evidence"],
                    staff=data["staff"] if not data["department"] else None,
                    department=data["department"],
                    at=clock.now(),
                ),
                success_message=lambda data: _("问责已认定，已告知被问责方。"),
            )
        elif action in ("appeal", "decide") and request.POST.get("finding", "").isdigit():
            finding = get_object_or_404(visible, pk=int(request.POST["finding"]))
            if action == "appeal":
                apply_form_and_report(
                    request,
                    forms.AppealForm(request.POST),
                    lambda data: services.finding_appeal(
                        finding=finding, user=request.user, text=data["text"], at=clock.now()
                    ),
                    success_message=lambda data: _("申诉已提交，由中心办公室复核。"),
                )
            else:
                apply_form_and_report(
                    request,
                    forms.AppealDecisionForm(request.POST),
                    lambda data: services.finding_decide_appeal(
                        finding=finding, user=request.user, at=clock.now(), **data
                    ),
                    success_message=lambda data: _("复核意见已记录。"),
                )
        else:
            return bad_request_response(request, message=_("无法识别的操作。"), field="action")
        return redirect("supervision:findings")
    try:
        page = keyset.paginate(
            visible,
            ordering=("-recorded_at", "-id"),
            cursor=request.GET.get("cursor", ""),
            limit=50,
            name="findings",
        )
    except keyset.BadCursor as error:
        return bad_request_response(request, message=error.message, field="cursor")
    rows = [
        (
            finding,
            finding.appeal == Finding.Appeal.NONE and services.finding_subject_is(request.user, finding),
            finding.appeal == Finding.Appeal.PENDING and access.has_role(Role.CENTER_OFFICE),
        )
        for finding in page.rows
    ]
    return render(
        request,
        "supervision/findings.html",
        {
            "base": _base(request),
            "section": "supervision",
            "rows": rows,
            "next_cursor": page.next_cursor,
            "form": _finding_form(request) if can_record else None,
            "appeal_form": forms.AppealForm(),
            "decision_form": forms.AppealDecisionForm(),
        },
    )


def _finding_form(request, data=None):
    return forms.FindingForm(
        data,
        departments=department_visible_to(request.user).filter(is_active=True),
        staff=staff_visible_to(request.user).filter(is_active=True).select_related("user"),
    )
