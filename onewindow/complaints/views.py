"""Complaints pages: the public web form and tracking page (mobile-first), the desk's inbox,
registration form and complaint page with its actions, and the office's filtered list with its
Excel export; plus the card on the desk's case page and the section on the supervision board.
Each view checks permissions itself; the services decide."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from onewindow.common import clock, keyset
from onewindow.common.api import DomainError
from onewindow.common.errors import bad_request_response
from onewindow.common.files import file_response
from onewindow.common.forms import add_service_error, apply_form_and_report
from onewindow.common.spreadsheet import XLSX
from onewindow.complaints import documents, forms, permissions, selectors, services, tracking
from onewindow.complaints.models import Channel, Complaint, ComplaintAttachment, Status
from onewindow.org.models import Role
from onewindow.org.permissions import role_required
from onewindow.org.selectors import access_for, department_visible_to, staff_visible_to

#: The session key of the last complaint filed from this browser (the receipt page shows it).
FILED_SESSION_KEY = "complaints_filed"


# The public side ---------------------------------------------------------------------------------------


def _initial_for(request) -> dict:
    """The web form prefilled from ?case= and ?window= (a QR code at a window, a link from a
    case), and from the logged-in applicant's account."""
    initial: dict = {}
    case = request.GET.get("case", "").strip()[:30]
    if case:
        initial["case"] = case
    window = request.GET.get("window", "")
    if window.isascii() and window.isdigit() and len(window) <= 18:
        found = forms.public_windows().filter(pk=int(window)).first()
        if found is not None:
            initial["window"] = found.pk
            first = found.departments.filter(is_active=True).first()
            if first is not None and found.departments.count() == 1:
                initial["department"] = first.pk
    user = request.user
    if user.is_authenticated and not access_for(user).is_staff_member:
        initial.update(
            complainant_name=user.get_full_name(),
            complainant_phone=getattr(user, "phone", ""),
            complainant_email=user.email,
        )
    return initial


def complaint_new(request):
    """投诉: the public web form. A client address may file ONEWINDOW_COMPLAINTS_PER_HOUR an hour;
    beyond it the page says so (429) and nothing is written."""
    form = forms.ComplaintForm(request.POST or None, request.FILES or None, initial=_initial_for(request))
    if request.method == "POST":
        try:
            tracking.filing_check(request)
        except tracking.TooManyComplaints as error:
            return render(
                request, "complaints/new.html", {"form": form, "limit_error": str(error)}, status=429
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = services.complaint_file(
                    user=request.user,
                    channel=Channel.WEB,
                    title=data["title"],
                    content=data["content"],
                    is_anonymous=data["is_anonymous"],
                    complainant_name=data["complainant_name"],
                    complainant_phone=data["complainant_phone"],
                    complainant_email=data["complainant_email"],
                    case_reference=data["case"],
                    department=data["department"],
                    window=data["window"],
                    person_description=data["person_description"],
                    attachments=data["attachments"],
                    at=clock.now(),
                )
            except (ValidationError, DomainError) as error:
                add_service_error(form, error)
            else:
                tracking.filing_count(request)
                request.session[FILED_SESSION_KEY] = {
                    "number": complaint.number,
                    "query_code": complaint.query_code,
                    "accept_due_date": complaint.accept_due_date.isoformat(),
                    "is_anonymous": complaint.is_anonymous,
                    "channels": list(services.recipients_of(complaint)),
                }
                return redirect("complaints:filed")
    return render(request, "complaints/new.html", {"form": form})


def complaint_filed(request):
    """The receipt: the number and query code of the complaint just filed from this browser."""
    filed = request.session.get(FILED_SESSION_KEY)
    if not filed:
        return redirect("complaints:new")
    track_url = (
        reverse("complaints:track")
        + "?"
        + urlencode({"number": filed["number"], "query_code": filed["query_code"]})
    )
    return render(request, "complaints/filed.html", {"filed": filed, "track_url": track_url})


def _track_url(number: str, query_code: str) -> str:
    return reverse("complaints:track") + "?" + urlencode({"number": number, "query_code": query_code})


def complaint_track(request):
    """投诉查询: by number and query code, the status, dates, answer, and the forms to rate the
    handling and to ask for a review. Failed look-ups are limited per client address (429)."""
    params = request.POST if request.method == "POST" else request.GET
    number = params.get("number", "").strip()[:40]
    query_code = params.get("query_code", "").strip()[:8]
    context: dict = {"number": number, "query_code": query_code}
    if not (number or query_code):
        return render(request, "complaints/track.html", context)
    try:
        complaint = tracking.complaint_lookup(request, number=number, query_code=query_code)
    except tracking.TooManyAttempts as error:
        context["error"] = str(error)
        return render(request, "complaints/track.html", context, status=429)
    if complaint is None:
        context["error"] = _("没有找到该投诉，请核对投诉编号和查询码。")
        return render(
            request, "complaints/track.html", context, status=404 if request.method == "POST" else 200
        )
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "rate":
            apply_form_and_report(
                request,
                forms.RateForm(request.POST),
                lambda data: services.complaint_rate(
                    complaint=complaint, user=request.user, at=clock.now(), **data
                ),
                success_message=lambda data: _("感谢您的评价。"),
            )
        elif action == "review":
            apply_form_and_report(
                request,
                forms.ReviewRequestForm(request.POST),
                lambda data: services.complaint_review_request(
                    complaint=complaint, user=request.user, reason=data["reason"], at=clock.now()
                ),
                success_message=lambda data: _("复核申请已提交，中心办公室将作出复核决定。"),
            )
        else:
            return bad_request_response(request, message=_("无法识别的操作。"), field="action")
        return redirect(_track_url(complaint.number, complaint.query_code))
    context.update(
        complaint=complaint,
        light=selectors.light_of(complaint, today=clock.today()),
        timeline=selectors.timeline(complaint, public_only=True),
        rate_form=forms.RateForm() if selectors.can_rate(complaint) else None,
        review_form=forms.ReviewRequestForm() if selectors.can_request_review(complaint) else None,
    )
    return render(request, "complaints/track.html", context)


# The desk ------------------------------------------------------------------------------------------------


def _base(request) -> str:
    """The office's frame for the business section (who reads the office list), else the desk's."""
    access = access_for(request.user)
    if access.has_role(Role.BUSINESS_SECTION) and not permissions.handles_complaints(request.user):
        return "office/base_office.html"
    return "desk/base_desk.html"


@role_required(*permissions.DESK_ROLES)
def desk_inbox(request):
    """The supervision section's inbox: to accept, to assign, to investigate (mine and all),
    reviews to decide; oldest deadline first. A chief representative: the department's."""
    today = clock.today()
    context = selectors.inbox(request.user, today=today)
    for key in ("to_accept", "to_assign", "mine", "investigating", "reviewing", "about_department"):
        if key in context:
            selectors.shown_for(request.user, context[key])
    return render(
        request,
        "complaints/inbox.html",
        {
            "today": today,
            "can_register": permissions.can_register(request.user),
            **context,
        },
    )


def _staff_choices(request):
    return staff_visible_to(request.user).filter(is_active=True).order_by("department", "employee_number")


@role_required(Role.SUPERVISION_SECTION, Role.ADMINISTRATOR)
def desk_register(request):
    """The section registers a complaint received by phone, letter, e-mail, in person or from
    the 12345 hotline."""
    form = forms.RegisterForm(
        request.POST or None,
        request.FILES or None,
        staff=_staff_choices(request),
        initial=_initial_for(request),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.complaint_file(
                user=request.user,
                channel=data["channel"],
                hotline_order_number=data["hotline_order_number"],
                title=data["title"],
                content=data["content"],
                is_anonymous=data["is_anonymous"],
                complainant_name=data["complainant_name"],
                complainant_phone=data["complainant_phone"],
                complainant_email=data["complainant_email"],
                case_reference=data["case"],
                department=data["department"],
                window=data["window"],
                staff=data["staff"],
                person_description=data["person_description"],
                attachments=data["attachments"],
                at=clock.now(),
            )
        except (ValidationError, DomainError) as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("已登记投诉 %(number)s，查询码 %(code)s。")
                % {"number": complaint.number, "code": complaint.query_code},
            )
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "complaints/register.html", {"form": form})


def _detail_forms(request, complaint: Complaint) -> dict:
    """The action forms the user may use on the complaint now."""
    user = request.user
    found: dict = {}
    if complaint.status == Status.SUBMITTED and permissions.can_accept(user, complaint):
        found["accept_form"] = forms.AcceptForm(complaint=complaint)
        found["decline_form"] = forms.DeclineForm()
    if complaint.status in (Status.ACCEPTED, Status.INVESTIGATING) and permissions.can_assign(
        user, complaint
    ):
        found["assign_form"] = forms.AssignForm(
            complaint=complaint, initial={"investigator": complaint.investigator_id}
        )
    if complaint.status == Status.INVESTIGATING and permissions.can_answer(user, complaint):
        found["answer_form"] = forms.AnswerForm(complaint=complaint, staff=_staff_choices(request))
    if complaint.status == Status.REVIEWING and permissions.can_decide_review(user, complaint):
        found["review_form"] = forms.ReviewDecisionForm()
    return found


def _act(request, complaint: Complaint) -> None:
    """Apply the posted action, reporting the outcome as a message."""
    action = request.POST.get("action", "")
    at = clock.now()
    user = request.user
    if action == "accept":
        apply_form_and_report(
            request,
            forms.AcceptForm(request.POST, complaint=complaint),
            lambda data: services.complaint_accept(complaint=complaint, user=user, at=at, **data),
            success_message=lambda data: _("已受理。"),
        )
    elif action == "decline":
        apply_form_and_report(
            request,
            forms.DeclineForm(request.POST),
            lambda data: services.complaint_decline(
                complaint=complaint, user=user, reason=data["reason"], at=at
            ),
            success_message=lambda data: _("已决定不予受理，已告知投诉人。"),
        )
    elif action == "assign":
        apply_form_and_report(
            request,
            forms.AssignForm(request.POST, complaint=complaint),
            lambda data: services.complaint_assign(
                complaint=complaint, user=user, investigator=data["investigator"], at=at
            ),
            success_message=lambda data: _("已分派给%(name)s调查。") % {"name": data["investigator"].name},
        )
    elif action == "answer":
        apply_form_and_report(
            request,
            forms.AnswerForm(request.POST, complaint=complaint, staff=_staff_choices(request)),
            lambda data: services.complaint_answer(
                complaint=complaint,
                user=user,
                investigation=data["investigation"],
                result=data["result"],
                reply=data["reply"],
                staff=data["result_staff"],
                window=data["result_window"],
                department=data["result_department"],
                at=at,
            ),
            success_message=lambda data: _("已答复投诉人。"),
        )
    elif action == "review":
        apply_form_and_report(
            request,
            forms.ReviewDecisionForm(request.POST),
            lambda data: services.complaint_review_decide(complaint=complaint, user=user, at=at, **data),
            success_message=lambda data: (
                _("复核成立，已退回重新调查。") if data["uphold"] else _("已维持原答复，投诉办结。")
            ),
        )
    else:
        raise ValueError(action)


@role_required(*permissions.DESK_ROLES, Role.BUSINESS_SECTION)
def desk_detail(request, pk: int):
    """A complaint's page: the facts, the complainant (masked unless the user handles it), the
    attachments, the timeline, and the actions the user may take now."""
    complaint = get_object_or_404(selectors.complaints_visible_to(request.user), pk=pk)
    if request.method == "POST":
        if request.POST.get("action", "") not in ("accept", "decline", "assign", "answer", "review"):
            return bad_request_response(request, message=_("无法识别的操作。"), field="action")
        _act(request, complaint)
        return redirect("complaints:detail", pk=complaint.pk)
    handles = permissions.handles(request.user, complaint)
    today = clock.today()
    return render(
        request,
        "complaints/detail.html",
        {
            "base": _base(request),
            "complaint": complaint,
            "complainant": selectors.complainant_shown(complaint, masked=not handles),
            "handles": handles,
            "light": selectors.light_of(complaint, today=today),
            "timeline": selectors.timeline(complaint, public_only=not handles),
            "attachments": list(complaint.attachments.all()) if handles else [],
            "attachment_count": complaint.attachments.count(),
            "reply_channels": services.recipients_of(complaint),
            **_detail_forms(request, complaint),
        },
    )


@role_required(*permissions.DESK_ROLES, Role.BUSINESS_SECTION)
def desk_attachment(request, pk: int, attachment_id: int):
    """An attachment, for those who handle the complaint (it may carry personal data)."""
    complaint = get_object_or_404(selectors.complaints_visible_to(request.user), pk=pk)
    if not permissions.handles(request.user, complaint):
        raise PermissionDenied
    attachment = get_object_or_404(ComplaintAttachment, complaint=complaint, pk=attachment_id)
    stem = attachment.name.rsplit(".", 1)[0] or attachment.name
    return file_response(attachment.file, download_name=f"{complaint.number}-{stem}")


# The office ------------------------------------------------------------------------------------------------


def _filtered(request):
    """The office list's filter form and the complaints it selects (None when the form is wrong)."""
    form = forms.FilterForm(
        request.GET or None, departments=department_visible_to(request.user).filter(is_active=True)
    )
    visible = selectors.complaints_visible_to(request.user)
    if request.GET and not form.is_valid():
        return form, None
    filters = form.filters() if form.is_bound else selectors.Filters()
    return form, selectors.filtered(visible, filters, today=clock.today())


@role_required(*permissions.OFFICE_ROLES)
def office_list(request):
    """The complaints at the user's reach, newest first, with filters (status, channel, result,
    department, light, registration dates) and an Excel export of the filtered list."""
    form, complaints = _filtered(request)
    if complaints is None:
        return render(
            request,
            "complaints/office_list.html",
            {"section": "complaints", "form": form, "rows": []},
            status=400,
        )
    try:
        page = keyset.paginate(
            complaints,
            ordering=("-registered_at", "-id"),
            cursor=request.GET.get("cursor", ""),
            limit=50,
            name="office-complaints",
        )
    except keyset.BadCursor as error:
        return bad_request_response(request, message=error.message, field="cursor")
    rows = selectors.shown_for(request.user, selectors.with_lights(page.rows, today=clock.today()))
    query = form.filters().query if form.is_bound else {}
    return render(
        request,
        "complaints/office_list.html",
        {
            "section": "complaints",
            "form": form,
            "rows": rows,
            "next_cursor": page.next_cursor,
            "is_first_page": not request.GET.get("cursor"),
            "query": urlencode(query),
        },
    )


#: The most rows one export carries.
EXPORT_LIMIT = 10000


@role_required(*permissions.OFFICE_ROLES)
def office_export(request):
    """The filtered list as an Excel workbook (masked unless the user handles complaints)."""
    form, complaints = _filtered(request)
    if complaints is None:
        return bad_request_response(request, message=_("筛选条件有误。"), field="filters")
    rows = selectors.with_lights(
        complaints.order_by("-registered_at", "-id")[:EXPORT_LIMIT], today=clock.today()
    )
    masked = {complaint.pk: not permissions.handles(request.user, complaint) for complaint in rows}
    today = clock.today()
    content = documents.complaints_workbook(
        rows, title=_("投诉登记表（%(date)s 导出）") % {"date": today.isoformat()}, masked=masked
    )
    response = HttpResponse(content, content_type=XLSX)
    filename = _("投诉-%(date)s.xlsx") % {"date": today.isoformat()}
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# Other apps' pages ---------------------------------------------------------------------------------------------


def case_panel_context(request, case) -> dict | None:
    """The complaints card on the desk's case page: the complaints about the case the user may
    see (masked unless they handle them); hidden when there are none."""
    rows = selectors.about_case(request.user, case)
    if not rows:
        return None
    selectors.shown_for(request.user, selectors.with_lights(rows, today=clock.today()))
    return {"case_complaints": rows}


def board_section_context(request, today) -> dict | None:
    """The late complaints on the supervision board (hidden when none is late or due soon)."""
    return selectors.late_for_board(request.user, today=today)
