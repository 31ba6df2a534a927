"""Online application (网上申请), "my cases" and the public progress page.

An applicant signs up (accounts), fills in the item's form with the material uploads, and gets a
submission number; the window pre-reviews it within 5 working days like any counter intake
(cases.services) and the applicant is told in the app, by SMS and by e-mail (the outbox)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from onewindow.cases import selectors, services, workflow
from onewindow.cases.delivery_receipt import delivery_of, delivery_receipt_response, not_delivered_message
from onewindow.cases.forms import ApplicantForm
from onewindow.cases.models import ApplicantKind, Case, CaseEvent, CaseMaterial, CaseStatus, Notice
from onewindow.cases.notices import notice_response
from onewindow.cases.progress import TooManyAttempts, progress_lookup
from onewindow.cases.services import handling
from onewindow.catalog.forms import UploadField
from onewindow.catalog.models import Material
from onewindow.catalog.selectors import version_in_force
from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.forms import add_service_error, error_text
from onewindow.evaluations.views import case_rating_context
from onewindow.notifications.models import Notification
from onewindow.notifications.selectors import inbox_of
from onewindow.org.selectors import access_for
from onewindow.portal.forms import MaterialUploadsForm
from onewindow.portal.staging import StagedFile

State = CaseMaterial.State


def _applicant_only(request):
    """Staff use the desk, not the portal's application form."""
    if access_for(request.user).is_staff_member:
        messages.info(request, _("工作人员请在窗口工作台收件。"))
        return redirect("cases:intake")
    return None


def _uploads_form(materials, data=None, files=None):
    form = forms.Form(data, files)
    for material in materials:
        if material.source != Material.Source.SHARED:
            form.fields[f"file_{material.pk}"] = UploadField(label=material.name)
    return form


@login_required
def apply(request, code: str):
    redirect_staff = _applicant_only(request)
    if redirect_staff:
        return redirect_staff
    version = version_in_force(implementation_code=code, on_date=clock.today())
    if version is None:
        raise Http404
    if not version.is_online_capable:
        messages.warning(request, _("本事项暂不支持网上申请，请按办事指南到窗口办理。"))
        return redirect("portal:guide-item", code=code)
    user = request.user
    initial = {
        "applicant_kind": ApplicantKind.PERSON,
        "applicant_name": user.full_name,
        "id_number": user.id_card_number,
        "contact_phone": user.phone,
        "contact_email": user.email,
    }
    form = ApplicantForm(request.POST or None, initial=initial)
    uploads = MaterialUploadsForm(
        request.POST or None, request.FILES or None, materials=version.materials.all(), user=user
    )
    if request.method == "POST":
        forms_valid = form.is_valid() & uploads.is_valid()  # both, so every error shows at once
        if forms_valid:
            case = _submit_online(request, form=form, uploads=uploads, version=version)
            if case is not None:
                return redirect("portal:my-case", reference=case.reference)
        # Whatever went wrong, the files already chosen stay chosen for the next attempt.
        uploads.keep_uploads(now=clock.now())
    return render(
        request,
        "portal/apply.html",
        {
            "version": version,
            "form": form,
            "uploads": uploads,
            "material_rows": uploads.rows(),
            "has_errors": request.method == "POST",
        },
    )


def _submit_online(request, *, form, uploads, version) -> Case | None:
    """Hand the application to the service; None (with the error on the form) when it refuses."""
    opened = {
        material_id: chosen.open() if isinstance(chosen, StagedFile) else chosen
        for material_id, chosen in uploads.chosen.items()
    }
    entries = [
        services.MaterialEntry(material_id=material_id, state=State.RECEIVED, file=file)
        for material_id, file in opened.items()
    ]
    try:
        result = services.case_receive(
            version=version, applicant=form.applicant(), materials=entries, user=request.user, at=clock.now()
        )
    except (ValidationError, DomainError) as error:
        add_service_error(form, error)
        return None
    finally:
        for file in opened.values():
            if isinstance(file, File) and not isinstance(file, UploadedFile):
                file.close()
    uploads.discard_kept()
    messages.success(
        request,
        _("申请已提交，申请编号 %(number)s。窗口将在 %(due)s 前完成预审，结果会通知您。")
        % {"number": result.case.receipt_number, "due": result.case.decision_due_date.isoformat()},
    )
    return result.case


def _own_case(request, reference: str) -> Case:
    case = selectors.case_by_reference(Case.objects.filter(applicant_user=request.user), reference)
    if case is None:
        raise Http404
    return case


@login_required
def my_cases(request):
    notifications = list(inbox_of(request.user)[:20])
    unread = [message.pk for message in notifications if message.read_at is None]
    if unread:
        Notification.objects.filter(pk__in=unread).update(read_at=clock.now())
    return render(
        request,
        "portal/my_cases.html",
        {
            "cases": Case.objects.filter(applicant_user=request.user)
            .select_related("version", "department")
            .order_by("-received_at"),
            "notifications": notifications,
            "unread": set(unread),
        },
    )


@login_required
def my_case(request, reference: str):
    case = _own_case(request, reference)
    correction = (
        case.notices.filter(kind=Notice.Kind.CORRECTION).order_by("-sequence").first()
        if case.status == CaseStatus.CORRECTION
        else None
    )
    requested = (
        [
            request_row.case_material
            for request_row in correction.requests.select_related("case_material__material")
        ]
        if correction
        else []
    )
    uploads = _uploads_form(
        [line.material for line in requested], request.POST or None, request.FILES or None
    )
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        try:
            handling.case_withdraw(
                case=case, user=request.user, at=clock.now(), reason=request.POST.get("reason", "")
            )
        except (ValidationError, DomainError) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("申请已撤回。"))
        return redirect("portal:my-case", reference=case.reference)
    if request.method == "POST" and correction and uploads.is_valid():
        entries = [
            services.MaterialEntry(
                material_id=line.material_id,
                state=State.RECEIVED,
                file=uploads.cleaned_data[f"file_{line.material_id}"],
            )
            for line in requested
            if uploads.cleaned_data.get(f"file_{line.material_id}")
        ]
        try:
            services.case_resubmit(case=case, user=request.user, at=clock.now(), materials=entries)
        except (ValidationError, DomainError) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("补正材料已提交，窗口将在5个工作日内作出是否受理的决定。"))
            return redirect("portal:my-case", reference=case.reference)
    return render(
        request,
        "portal/my_case.html",
        {
            "case": case,
            "lines": case.materials.order_by("sort_order"),
            "notices": case.notices.all(),
            "timeline": selectors.public_timeline(case),
            "may_withdraw": workflow.target(case.status, CaseEvent.Action.WITHDRAWN) is not None,
            "correction": correction,
            "upload_rows": [
                (line, uploads[f"file_{line.material_id}"])
                for line in requested
                if f"file_{line.material_id}" in uploads.fields
            ],
            **case_rating_context(case),
            "rate_action": reverse("evaluations:rate-my-case", args=[case.reference]),
        },
    )


@login_required
def my_notice(request, reference: str, notice_id: int):
    case = _own_case(request, reference)
    notice = get_object_or_404(
        Notice.objects.select_related("case__version", "issued_by__user"), case=case, pk=notice_id
    )
    return notice_response(request, notice)


@login_required
def my_delivery_receipt(request, reference: str):
    """The applicant's copy of the delivery receipt (送达回证) once the result is delivered."""
    case = _own_case(request, reference)
    delivery = delivery_of(case)
    if delivery is None:
        raise Http404(not_delivered_message())
    return delivery_receipt_response(request, case=case, delivery=delivery)


def progress(request):
    """办件查询: number (or receipt number) and query code; a logged-in applicant also sees all of
    their own cases."""
    number = request.GET.get("number", "").strip()[:30]
    query_code = request.GET.get("query_code", "").strip()[:8]
    context = {"number": number, "query_code": query_code}
    if number or query_code:
        try:
            found = progress_lookup(request, number=number, query_code=query_code)
        except TooManyAttempts as error:
            context["error"] = str(error)
            return render(request, "portal/progress.html", context, status=429)
        if found is None:
            context["error"] = _("没有找到该办件，请核对办件编号（或收件编号）和查询码。")
        else:
            context["found"] = found
            # 好差评: the QR code on every notice leads here (via=qr), so the applicant can rate
            context.update(case_rating_context(found.case))
            context["rate_action"] = reverse("evaluations:rate-case")
            context["rate_hidden"] = [
                ("number", found.case.reference),
                ("query_code", query_code),
                ("via", "qr" if request.GET.get("via") == "qr" else "progress"),
            ]
    if request.user.is_authenticated and not access_for(request.user).is_staff_member:
        context["own_cases"] = (
            Case.objects.filter(applicant_user=request.user)
            .select_related("version")
            .order_by("-received_at")[:50]
        )
    return render(request, "portal/progress.html", context)
