"""The counter's pages (under /desk/cases/): the intake list, the fast intake form, the case page
with the acceptance decision, and the notices to print. Same services as the API."""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from onewindow.cases import selectors, services
from onewindow.cases.delivery_receipt import delivery_of, delivery_receipt_response, not_delivered_message
from onewindow.cases.forms import CreditRecordForm, DecideForm, IntakeForm, RefuseForm, checklist_from_post
from onewindow.cases.models import Case, CaseMaterial, CaseStatus, Channel, CreditRecord, Notice
from onewindow.cases.notices import notice_response, notice_title
from onewindow.cases.permissions import INTAKE_ROLES, can_decide_acceptance
from onewindow.catalog.models import Material
from onewindow.catalog.selectors import guide_search, version_in_force
from onewindow.common import clock, keyset
from onewindow.common.api import DomainError
from onewindow.common.errors import bad_request_response
from onewindow.common.files import file_response
from onewindow.common.forms import add_service_error, error_text, submit_form
from onewindow.org.models import Role
from onewindow.org.permissions import role_required, staff_required
from onewindow.org.selectors import access_for
from onewindow.workcalendar.selectors import working_calendar

State = CaseMaterial.State
#: The checklist's choices, in the order a clerk reads them (lazy: built at import, shown in the
#: language of each request).
STATE_CHOICES = [
    (State.RECEIVED, gettext_lazy("已收")),
    (State.MISSING, gettext_lazy("缺少")),
    (State.DEFECTIVE, gettext_lazy("不符合要求")),
    (State.DEFERRED, gettext_lazy("容缺后补")),
    (State.NOT_PROVIDED, gettext_lazy("未提供")),
    (State.SHARED, gettext_lazy("部门共享")),
]


def _states_for(material: Material) -> list[tuple[str, str]]:
    """The choices that make sense for a material: optional ones may be not provided, only listed
    ones may be deferred, shared ones are fetched by the department."""
    allowed = {State.RECEIVED, State.MISSING, State.DEFECTIVE}
    if material.necessity == Material.Necessity.OPTIONAL:
        allowed.add(State.NOT_PROVIDED)
    if material.necessity == Material.Necessity.DEFERRABLE:
        allowed.add(State.DEFERRED)
    if material.source == Material.Source.SHARED:
        allowed.add(State.SHARED)
    return [(value, label) for value, label in STATE_CHOICES if value in allowed]


def _visible_case(request, reference: str) -> Case:
    return services.visible_case_as_of(request.user, reference, at=clock.now())


@staff_required
def case_list(request):
    """Today's intake at my reach (newest first, 50 to a page with a link to earlier ones), online
    applications waiting for pre-review, decisions due soon, corrections awaited; or a search.
    Each list is a page of index ranges, one per scope arm (selectors.case_scope_arms)."""
    today = clock.today()
    query = request.GET.get("q", "").strip()[:60]
    now = clock.now()
    for arm in selectors.case_scope_arms(request.user):  # what the law accepted shows as accepted
        services.cases_accept_overdue(at=now, among=arm)
    calendar = working_calendar()
    try:
        page = selectors.case_list_page(
            request.user,
            search=query,
            where=None if query else Q(received_date=today),
            cursor=request.GET.get("cursor", ""),
            limit=CASE_LIST_PAGE,
        )
    except keyset.BadCursor as error:
        return bad_request_response(request, message=error.message, field="cursor")
    context = {
        "today": today,
        "query": query,
        "can_receive": access_for(request.user).has_role(*INTAKE_ROLES),
        "next_cursor": page.next_cursor,
        "next_label": gettext_lazy("更早"),
        "is_first_page": not request.GET.get("cursor"),
    }
    if query:
        context["results"] = page.rows
        return render(request, "cases/case_list.html", context)
    context["today_cases"] = page.rows
    if context["is_first_page"]:
        context["online"] = selectors.online_awaiting_review(request.user)
        context["due_soon"] = selectors.case_list_first(
            request.user,
            where=Q(status=CaseStatus.RECEIVED, decision_due_date__lte=calendar.add(today, 1))
            & ~Q(channel=Channel.ONLINE),
            ordering=("decision_due_date", "id"),
        )
        context["waiting_correction"] = selectors.case_list_first(
            request.user, where=Q(status=CaseStatus.CORRECTION), ordering=("received_at", "id")
        )
    return render(request, "cases/case_list.html", context)


#: Rows to a page of the desk's case list.
CASE_LIST_PAGE = 50


def _intake_rows(version, post) -> list[dict]:
    """The intake checklist: each material with its choices and what is entered (from the POST
    when the form comes back with errors, else the defaults: received, with the counts asked)."""
    rows = []
    for material in version.materials.all():
        key = material.pk
        state = services.default_state(material, Channel.WINDOW)
        rows.append(
            {
                "material": material,
                "choices": _states_for(material),
                "state": post.get(f"state_{key}", state) if post else state,
                "originals": post.get(f"originals_{key}", material.original_count)
                if post
                else material.original_count,
                "copies": post.get(f"copies_{key}", material.copy_count) if post else material.copy_count,
                "problem": post.get(f"problem_{key}", "") if post else "",
                "deferred": post.get(f"deferred_{key}", "") if post else "",
            }
        )
    return rows


def _case_rows(lines) -> list[dict]:
    return [
        {
            "material": line.material,
            "line": line,
            "choices": _states_for(line.material),
            "state": line.state,
            "originals": line.originals_received,
            "copies": line.copies_received,
            "problem": line.problem,
            "deferred": line.deferred_until.isoformat() if line.deferred_until else "",
        }
        for line in lines
    ]


@role_required(*INTAKE_ROLES)
def intake(request):
    """The fast intake form: pick the item by code or name, check the materials (pre-filled as
    received), enter the applicant, then receive and accept, or receive and send the correction
    notice, in one step."""
    today = clock.today()
    code = (request.POST.get("item") or request.GET.get("item") or "").strip()
    version = version_in_force(implementation_code=code.upper(), on_date=today) if code else None
    matches = []
    prefill = intake_prefill(request.GET)
    if code and version is None:
        matches = list(guide_search(on_date=today, query=code)[:15])
        if len(matches) == 1:
            query = urlencode({"item": matches[0].item.implementation_code, **prefill})
            return redirect(f"{reverse('cases:intake')}?{query}")
    form = IntakeForm(request.POST or None, initial=intake_initial(request.GET))
    checklist_errors: list[str] = []
    if request.method == "POST" and version is not None and form.is_valid():
        materials = list(version.materials.all())
        entries, checklist_errors = checklist_from_post(request.POST, materials)
        if not checklist_errors:
            case = _receive_and_decide(request, form, version, entries, checklist_errors)
            if case is not None:
                return redirect("cases:detail", reference=case.reference)
    return render(
        request,
        "cases/intake.html",
        {
            "code": code,
            "version": version,
            "matches": matches,
            "prefill": prefill,
            "prefill_query": urlencode(prefill),
            "form": form,
            "rows": _intake_rows(version, request.POST if request.method == "POST" else None)
            if version
            else [],
            "checklist_errors": checklist_errors,
            "promised_if_today": services.promised_due_if_accepted(version, today) if version else None,
        },
    )


#: What a link into the intake may fill in (the queue's "受理" link after calling a ticket).
INTAKE_PREFILL = ("applicant_kind", "applicant_name", "id_type", "id_number", "contact_name", "contact_phone")


def intake_prefill(query) -> dict:
    """What of the link's query the intake keeps while the clerk picks the item (whitelisted,
    trimmed, printable and short; `ticket` alphanumeric)."""
    prefill = {}
    for name in INTAKE_PREFILL:
        value = (query.get(name) or "").strip()[:100]
        if value and value.isprintable():
            prefill[name] = value
    ticket = (query.get("ticket") or "").strip()[:10]
    if ticket and ticket.isalnum():
        prefill["ticket"] = ticket
    return prefill


def intake_initial(query) -> dict:
    """Initial values for the intake form from the link's query (the form validates them again on
    submit). `ticket` becomes the note 排队号 A001."""
    initial = intake_prefill(query)
    ticket = initial.pop("ticket", None)
    if ticket:
        initial["note"] = _("排队号 %(code)s") % {"code": ticket}
    return initial


def _form_fingerprint(post) -> str:
    """What was entered (not the token or the button): the same token with other content is a
    re-used form, not a double click."""
    content = sorted(
        (key, value)
        for key, values in post.lists()
        if key not in ("csrfmiddlewaretoken", "idempotency_key", "outcome")
        for value in values
    )
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _receive_and_decide(request, form, version, entries, errors) -> Case | None:
    """Receive, then apply the chosen outcome, all in one transaction: a refused acceptance leaves
    no half-done case. A double-click (same form token) returns the first case."""
    outcome = request.POST.get("outcome", "receive")
    at = clock.now()
    if outcome not in services.INTAKE_OUTCOMES:
        outcome = "receive"
    try:
        result = services.case_intake(
            outcome=outcome,
            corrected_on_the_spot=request.POST.get("corrected_on_the_spot", ""),
            version=version,
            applicant=form.applicant(),
            materials=entries,
            user=request.user,
            at=at,
            note=form.cleaned_data.get("note", ""),
            original=selectors.resubmission_original(request.user, form.cleaned_data.get("original")),
            idempotency_key=form.cleaned_data["idempotency_key"],
            fingerprint=_form_fingerprint(request.POST),
        )
        case = result.case
        if result.is_replay:
            messages.info(
                request, _("该申请已登记（%(reference)s），未重复收件。") % {"reference": case.reference}
            )
        elif outcome == "accept":
            messages.success(
                request,
                _("已受理，办件编号 %(number)s。请打印受理通知书交申请人。") % {"number": case.number},
            )
        elif outcome == "correction":
            messages.success(request, _("已收件并出具补正材料告知书。请打印交申请人。"))
        else:
            messages.success(request, _("已收件，收件编号 %(number)s。") % {"number": case.receipt_number})
        return case
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            add_service_error(
                form, ValidationError({k: v for k, v in error.error_dict.items() if k in form.fields})
            )
            errors.extend(
                message
                for key, value in error.error_dict.items()
                if key not in form.fields
                for item in value
                for message in item.messages
            )
        else:
            errors.extend(error.messages)
    except services.IdempotencyConflict:
        errors.append(_("这张表单已经提交过一份不同的申请。请重新打开“新收件”录入本申请。"))
    except DomainError as error:
        errors.append(error.message)
    return None


@staff_required
def case_detail(request, reference: str):
    visible = _visible_case(request, reference)
    case = (
        Case.objects.select_related(
            "item", "version", "department", "site", "agent__user", "received_by__user", "accepted_by__user"
        )
        .prefetch_related("version__materials")
        .get(pk=visible.pk)
    )
    selectors.remember_case_visible(case, request.user)  # the lookup above checked it: once per request
    lines = list(case.materials.select_related("material").order_by("sort_order"))
    notices = list(case.notices.select_related("issued_by__user").prefetch_related("requests__case_material"))
    for notice in notices:
        notice.case = case
        notice.title = notice_title(notice)
    latest_correction = next(
        (notice for notice in reversed(notices) if notice.kind == Notice.Kind.CORRECTION), None
    )
    may_decide = can_decide_acceptance(request.user, case)
    access = access_for(request.user)
    decide_authority = (
        selectors.decision_authority(access.staff, case=case, on_date=clock.today())
        if access.staff and case.status == CaseStatus.ACCEPTED and case.is_immediate
        else None
    )
    from onewindow.cases.handling_views import handling_context

    return render(
        request,
        "cases/case_detail.html",
        {
            **(handling_context(request, case) if case.accepted_date else {}),
            "case": case,
            "rows": _case_rows(lines),
            "notices": notices,
            "latest_correction": latest_correction,
            "events": case.events.select_related("actor", "department").order_by("at", "id"),
            "may_decide": may_decide,
            "refuse_form": RefuseForm(),
            "decide_form": DecideForm(),
            "decide_authority": decide_authority,
            "is_chief": access.has_role(Role.CHIEF_REPRESENTATIVE),
            "today": clock.today(),
            "is_overdue": case.status == CaseStatus.RECEIVED and clock.today() > case.decision_due_date,
        },
    )


@require_POST
@role_required(*INTAKE_ROLES)
def case_act(request, reference: str, action: str):
    """The decision forms on the case page: accept, correction, refuse, resubmit, decide."""
    case = _visible_case(request, reference)
    at = clock.now()
    materials = list(case.version.materials.all())
    try:
        if action in ("accept", "correction"):
            entries, errors = checklist_from_post(request.POST, materials)
            if errors:
                raise ValidationError(errors)
            if action == "accept":
                case = services.case_accept(
                    case=case,
                    user=request.user,
                    at=at,
                    materials=entries,
                    corrected_on_the_spot=request.POST.get("corrected_on_the_spot", ""),
                )
                messages.success(request, _("已受理，办件编号 %(number)s。") % {"number": case.number})
            else:
                services.case_correction_notice(
                    case=case, user=request.user, at=at, materials=entries, note=request.POST.get("note", "")
                )
                messages.success(request, _("已出具补正材料告知书。"))
        elif action == "refuse":
            form = RefuseForm(request.POST)
            if not form.is_valid():
                raise ValidationError([error for errors in form.errors.values() for error in errors])
            services.case_refuse(case=case, user=request.user, at=at, **form.cleaned_data)
            messages.success(request, _("已出具不予受理通知书。"))
        elif action == "resubmit":
            supplied = {int(value) for value in request.POST.getlist("supplied") if value.isdigit()}
            entries = [
                services.MaterialEntry(material_id=material_id, state=State.RECEIVED)
                for material_id in sorted(supplied)
            ]
            with transaction.atomic():
                case = services.case_resubmit(case=case, user=request.user, at=at, materials=entries)
                if request.POST.get("then") == "accept":
                    case = services.case_accept(case=case, user=request.user, at=at)
                    messages.success(
                        request, _("补正材料已登记并受理，办件编号 %(number)s。") % {"number": case.number}
                    )
                else:
                    messages.success(request, _("补正材料已登记，请审查后作出受理决定。"))
        elif action == "decide":
            form = DecideForm(request.POST)
            if not form.is_valid():
                raise ValidationError([error for errors in form.errors.values() for error in errors])
            services.case_decide_immediately(case=case, user=request.user, at=at, **form.cleaned_data)
            messages.success(request, _("已办结，请打印办结通知书并发放结果。"))
        else:
            raise Http404
    except (ValidationError, DomainError) as error:
        if isinstance(error, services.DecisionOverdue):
            messages.warning(request, error.message)
        else:
            messages.error(request, error_text(error))
    case.refresh_from_db()
    return redirect("cases:detail", reference=case.reference)


@staff_required
def material_file(request, reference: str, line_id: int):
    """An uploaded material of a case the user may see (personal data: never a public URL)."""
    case = _visible_case(request, reference)
    line = get_object_or_404(CaseMaterial, case=case, pk=line_id)
    return file_response(line.file, download_name=f"{case.reference}-{line.name}")


@staff_required
def notice_pdf(request, reference: str, notice_id: int):
    case = _visible_case(request, reference)
    notice = get_object_or_404(
        Notice.objects.select_related("case__version", "issued_by__user"), case=case, pk=notice_id
    )
    return notice_response(request, notice)


@staff_required
def delivery_receipt_pdf(request, reference: str):
    """The 送达回证 of a delivered case the user may see (404 with the reason before delivery)."""
    case = _visible_case(request, reference)
    delivery = delivery_of(case)
    if delivery is None:
        return render(
            request,
            "cases/not_delivered.html",
            {"case": case, "message": not_delivered_message()},
            status=404,
        )
    return delivery_receipt_response(request, case=case, delivery=delivery)


# The office: the bad-credit list --------------------------------------------------------------


@role_required(*services.CREDIT_LIST_ROLES)
def credit_list(request):
    """失信名单: who may not be accepted with missing materials (容缺受理)."""
    form = CreditRecordForm(request.POST or None, initial={"listed_date": clock.today()})
    if request.method == "POST":
        response = submit_form(
            request,
            form,
            lambda data: services.credit_record_add(user=request.user, **data),
            success_url=reverse("cases:credit-list"),
            success_message=_("已列入失信名单。"),
        )
        if response:
            return response
    return render(
        request,
        "cases/credit_list.html",
        {
            "form": form,
            "records": CreditRecord.objects.select_related("created_by")[:500],
            "section": "credit",
            "today": clock.today(),
        },
    )


@require_POST
@role_required(*services.CREDIT_LIST_ROLES)
def credit_lift(request, record_id: int):
    record = get_object_or_404(CreditRecord, pk=record_id)
    try:
        services.credit_record_lift(user=request.user, record=record, on_date=clock.today())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s 已移出失信名单。") % {"name": record.name})
    return redirect("cases:credit-list")
