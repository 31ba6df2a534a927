"""Cases API: intake (idempotent with an `Idempotency-Key` header), the acceptance decision
commands, the case record, notices as PDF and the public progress lookup. Same services as the desk and portal pages.
"""

import hashlib
import json

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from onewindow.cases import permissions, selectors, services
from onewindow.cases.delivery_receipt import delivery_of, delivery_receipt_response, not_delivered_message
from onewindow.cases.models import (
    ApplicantKind,
    Case,
    CaseMaterial,
    CaseStatus,
    Channel,
    Decision,
    Delivery,
    Extension,
    IdType,
    Notice,
    RefusalKind,
    Suspension,
    Task,
)
from onewindow.cases.notices import notice_response
from onewindow.cases.progress import TooManyAttempts, progress_lookup
from onewindow.cases.services import handling
from onewindow.catalog.selectors import version_for_intake
from onewindow.common import clock
from onewindow.common.api import (
    DomainError,
    IdField,
    NamedApiView,
    keyset_cursor,
    keyset_envelope,
    keyset_limit,
    keyset_parameters,
    keyset_response,
)
from onewindow.org.models import Role, Staff
from onewindow.org.permissions import HasRole
from onewindow.org.selectors import access_for
from onewindow.workcalendar.selectors import working_calendar

# Input --------------------------------------------------------------------------------------


class ApplicantInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ApplicantKind.choices)
    name = serializers.CharField(max_length=100)
    id_type = serializers.ChoiceField(choices=IdType.choices, required=False, allow_blank=True, default="")
    id_number = serializers.CharField(
        max_length=30, help_text="居民身份证号码、其他证件号码或统一社会信用代码"
    )
    legal_representative = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    contact_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    contact_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(max_length=20)
    contact_email = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


class MaterialEntrySerializer(serializers.Serializer):
    material_id = IdField(required=False, help_text="事项材料 id；或用 name")
    name = serializers.CharField(
        max_length=150, required=False, help_text="材料名称（与 material_id 二选一）"
    )
    state = serializers.ChoiceField(choices=CaseMaterial.State.choices)
    originals = serializers.IntegerField(
        min_value=0, max_value=99, required=False, allow_null=True, default=None
    )
    copies = serializers.IntegerField(
        min_value=0, max_value=99, required=False, allow_null=True, default=None
    )
    problem = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    deferred_until = serializers.DateField(required=False, allow_null=True, default=None)

    def validate(self, attrs):
        if not attrs.get("material_id") and not attrs.get("name"):
            raise serializers.ValidationError(_("请用 material_id 或 name 指明材料。"))
        return attrs


def _entries(version, rows: list[dict]) -> list[services.MaterialEntry]:
    """Checklist entries, resolving material names against the case's version."""
    by_name = (
        {material.name: material.pk for material in version.materials.all()}
        if any(not row.get("material_id") for row in rows)
        else {}
    )
    result = []
    for row in rows:
        material_id = row.get("material_id") or by_name.get(row.get("name", ""))
        if material_id is None:
            raise DomainError(
                _("本事项没有名为“%(name)s”的材料。") % {"name": row.get("name")}, code="material_unknown"
            )
        result.append(
            services.MaterialEntry(
                material_id=material_id,
                state=row["state"],
                originals=row.get("originals"),
                copies=row.get("copies"),
                problem=row.get("problem", ""),
                deferred_until=row.get("deferred_until"),
            )
        )
    return result


# Output -------------------------------------------------------------------------------------


class CaseMaterialSerializer(serializers.Serializer):
    material_id = serializers.IntegerField()
    name = serializers.CharField()
    necessity = serializers.CharField()
    state = serializers.ChoiceField(choices=CaseMaterial.State.choices)
    state_label = serializers.CharField(source="get_state_display")
    originals_received = serializers.IntegerField()
    copies_received = serializers.IntegerField()
    problem = serializers.CharField()
    deferred_until = serializers.DateField(allow_null=True)


class NoticeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Notice.Kind.choices)
    title = serializers.CharField(source="get_kind_display")
    document_number = serializers.CharField()
    issued_date = serializers.DateField()
    has_new_requests = serializers.BooleanField()
    pdf_url = serializers.SerializerMethodField()

    def get_pdf_url(self, notice) -> str:
        return reverse("api-case-notice", args=[notice.case.reference, notice.pk])


class EventSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField(source="get_action_display")
    at = serializers.DateTimeField()
    actor = serializers.SerializerMethodField()
    department = serializers.CharField(source="department.name", default="")
    comment = serializers.CharField()

    def get_actor(self, event) -> str:
        return event.actor.get_full_name() if event.actor else _("系统")

    def to_representation(self, event):
        data = super().to_representation(event)
        if self.context.get("for_applicant"):
            data["actor"], data["comment"] = "", ""  # staff names and notes stay inside the hall
        return data


def _clock_context(serializer) -> dict:
    """Today, the warning window and the working calendar, read once per response and shared by
    every case and task in it (the calendar costs a query)."""
    context = serializer.context
    if "calendar" not in context:
        context["today"] = context.get("today") or clock.today()
        context["warning_days"] = handling.warning_days()
        context["calendar"] = working_calendar()
    return {name: context[name] for name in ("today", "warning_days", "calendar")}


class AttachmentSerializer(serializers.Serializer):
    name = serializers.CharField()
    uploaded_at = serializers.DateTimeField()


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Task.Kind.choices)
    name = serializers.CharField()
    department = serializers.CharField(source="department.name")
    role = serializers.CharField()
    limit_days = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Task.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    started_date = serializers.DateField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    completed_by = serializers.CharField(source="completed_by.name", allow_null=True, default=None)
    verdict = serializers.CharField()
    opinion = serializers.CharField()
    counterpart = serializers.CharField()
    reference = serializers.CharField()
    attachments = AttachmentSerializer(many=True)
    light = serializers.SerializerMethodField()

    def get_light(self, task) -> str:
        return selectors.task_light(task, **_clock_context(self))


class ClockSerializer(serializers.Serializer):
    name = serializers.CharField()
    start = serializers.DateField()
    due = serializers.DateField()
    used = serializers.IntegerField(help_text="已用工作日（不含特别程序）")
    remaining = serializers.IntegerField(help_text="剩余工作日；负数为已超期")
    light = serializers.ChoiceField(choices=["green", "yellow", "red", "paused", "done"])
    finished = serializers.DateField(allow_null=True)


class SuspensionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Suspension.Kind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    reason = serializers.CharField()
    started_date = serializers.DateField()
    expected_days = serializers.IntegerField()
    expected_end_date = serializers.DateField()
    ended_date = serializers.DateField(allow_null=True)
    working_days = serializers.IntegerField(allow_null=True)
    hearing_date = serializers.DateField(allow_null=True)


class ExtensionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    days = serializers.IntegerField()
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=Extension.Status.choices)
    requested_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)


class DeliverySerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=Delivery.Method.choices)
    delivered_at = serializers.DateTimeField()
    recipient_name = serializers.CharField()
    carrier = serializers.CharField()
    waybill_number = serializers.CharField()
    address = serializers.CharField()
    is_late = serializers.BooleanField()
    receipt_url = serializers.SerializerMethodField(help_text="送达回证 PDF")

    def get_receipt_url(self, delivery) -> str:
        return reverse("api-case-delivery-receipt", args=[delivery.case.reference])


class CaseSerializer(serializers.Serializer):
    number = serializers.CharField(allow_null=True)
    receipt_number = serializers.CharField()
    query_code = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    channel = serializers.ChoiceField(choices=Channel.choices)
    item_code = serializers.CharField(source="item.implementation_code")
    item_name = serializers.CharField(source="version.name")
    item_version = serializers.IntegerField(source="version.number")
    department = serializers.CharField(source="department.name")
    site = serializers.CharField(source="site.name")
    applicant_kind = serializers.CharField()
    applicant_name = serializers.CharField()
    id_type = serializers.CharField()
    id_number = serializers.CharField()
    legal_representative = serializers.CharField()
    contact_name = serializers.CharField()
    contact_phone = serializers.CharField()
    received_at = serializers.DateTimeField()
    decision_due_date = serializers.DateField()
    accepted_date = serializers.DateField(allow_null=True)
    is_auto_accepted = serializers.BooleanField()
    promised_due_date = serializers.DateField(allow_null=True)
    statutory_due_date = serializers.DateField(allow_null=True)
    agent = serializers.CharField(source="agent.name", allow_null=True, default=None)
    refusal_kind = serializers.CharField()
    refusal_reason = serializers.CharField()
    competent_authority = serializers.CharField()
    kind_label = serializers.CharField(help_text="即办件、承诺件、联办件、上报件或补办件")
    original = serializers.CharField(source="original.reference", allow_null=True, default=None)
    suspended_days = serializers.IntegerField()
    extended_days = serializers.IntegerField()
    decision = serializers.CharField()
    decision_reason = serializers.CharField()
    result_name = serializers.CharField()
    result_number = serializers.CharField()
    result_valid_from = serializers.DateField(allow_null=True)
    result_valid_until = serializers.DateField(allow_null=True)
    remedies = serializers.CharField()
    decided_date = serializers.DateField(allow_null=True)
    delivery_due_date = serializers.DateField(allow_null=True)
    closing_reason = serializers.CharField()
    light = serializers.SerializerMethodField()
    clocks = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    suspensions = SuspensionSerializer(many=True)
    extensions = serializers.SerializerMethodField()
    delivery = serializers.SerializerMethodField()
    materials = CaseMaterialSerializer(many=True)
    notices = NoticeSerializer(many=True)
    events = EventSerializer(many=True)

    def get_light(self, case) -> str:
        return selectors.case_light(case, **_clock_context(self))

    @extend_schema_field(ClockSerializer(many=True))
    def get_clocks(self, case):
        return ClockSerializer(selectors.case_clocks(case, **_clock_context(self)), many=True).data

    @extend_schema_field(TaskSerializer(many=True))
    def get_tasks(self, case):
        if self.context.get("for_applicant"):
            return []  # opinions stay inside the hall; the clocks and timeline tell the applicant
        return TaskSerializer(case.tasks.all(), many=True, context=self.context).data

    @extend_schema_field(ExtensionSerializer(many=True))
    def get_extensions(self, case):
        rows = [
            row
            for row in case.extensions.all()
            if not self.context.get("for_applicant") or row.status == "APPROVED"
        ]
        return ExtensionSerializer(rows, many=True).data

    @extend_schema_field(DeliverySerializer(allow_null=True))
    def get_delivery(self, case):
        delivery = getattr(case, "delivery", None)
        return DeliverySerializer(delivery).data if delivery else None


class IntakeSerializer(serializers.Serializer):
    """The answer to an intake or an acceptance, from what the command just wrote (no re-reading):
    the numbers to quote, the deadlines, the checklist as recorded, the agent and the notices
    issued. The whole record is at `url`."""

    number = serializers.CharField(allow_null=True)
    receipt_number = serializers.CharField()
    query_code = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    channel = serializers.ChoiceField(choices=Channel.choices)
    item_code = serializers.CharField(source="item.implementation_code")
    item_name = serializers.CharField(source="version.name")
    item_version = serializers.IntegerField(source="version.number")
    department = serializers.CharField(source="department.name")
    site = serializers.CharField(source="site.name")
    applicant_kind = serializers.CharField()
    id_number = serializers.CharField()
    applicant_name = serializers.CharField()
    received_at = serializers.DateTimeField()
    decision_due_date = serializers.DateField()
    accepted_date = serializers.DateField(allow_null=True)
    promised_due_date = serializers.DateField(allow_null=True)
    statutory_due_date = serializers.DateField(allow_null=True)
    agent = serializers.CharField(source="agent.name", allow_null=True, default=None)
    materials = serializers.SerializerMethodField()
    notices = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(CaseMaterialSerializer(many=True))
    def get_materials(self, case):
        lines = getattr(case, "checklist", None)
        return CaseMaterialSerializer(case.materials.all() if lines is None else lines, many=True).data

    @extend_schema_field(NoticeSerializer(many=True))
    def get_notices(self, case):
        notices = getattr(case, "issued_notices", None)
        return NoticeSerializer(case.notices.all() if notices is None else notices, many=True).data

    def get_url(self, case) -> str:
        return reverse("api-case-detail", args=[case.reference])


_DATETIME = serializers.DateTimeField()


def _date(value) -> str | None:
    return value.isoformat() if value is not None else None


def intake_answer(case: Case) -> dict:
    """IntakeSerializer's representation built directly: every intake and acceptance at every
    window waits for it, and DRF would deep-copy each of its fields per call (a fifth of an
    intake's time). tests/test_api.py holds the two to the same output."""
    lines = getattr(case, "checklist", None)
    notices = getattr(case, "issued_notices", None)
    agent = case.agent
    return {
        "number": case.number,
        "receipt_number": case.receipt_number,
        "query_code": case.query_code,
        "status": case.status,
        "status_label": case.get_status_display(),
        "channel": case.channel,
        "item_code": case.item.implementation_code,
        "item_name": case.version.name,
        "item_version": case.version.number,
        "department": case.department.name,
        "site": case.site.name,
        "applicant_kind": case.applicant_kind,
        "id_number": case.id_number,
        "applicant_name": case.applicant_name,
        "received_at": _DATETIME.to_representation(case.received_at),
        "decision_due_date": _date(case.decision_due_date),
        "accepted_date": _date(case.accepted_date),
        "promised_due_date": _date(case.promised_due_date),
        "statutory_due_date": _date(case.statutory_due_date),
        "agent": agent.name if agent is not None else None,
        "materials": [
            {
                "material_id": line.material_id,
                "name": line.name,
                "necessity": line.necessity,
                "state": line.state,
                "state_label": line.get_state_display(),
                "originals_received": line.originals_received,
                "copies_received": line.copies_received,
                "problem": line.problem,
                "deferred_until": _date(line.deferred_until),
            }
            for line in (case.materials.all() if lines is None else lines)
        ],
        "notices": [
            {
                "id": notice.pk,
                "kind": notice.kind,
                "title": notice.get_kind_display(),
                "document_number": notice.document_number,
                "issued_date": _date(notice.issued_date),
                "has_new_requests": notice.has_new_requests,
                "pdf_url": reverse("api-case-notice", args=[notice.case.reference, notice.pk]),
            }
            for notice in (case.notices.all() if notices is None else notices)
        ],
        "url": reverse("api-case-detail", args=[case.reference]),
    }


class CaseRecordSerializer(CaseSerializer):
    """One case as its reader sees it, with what they may do on it now (the same rule as the
    case page's buttons: permissions.case_available_actions)."""

    allowed_actions = serializers.SerializerMethodField(
        help_text="accept, correction_notice, refuse, decide_immediately, suspend, resume, extend, "
        "approve_extension, meeting, report, reply, decide, deliver, withdraw, return, terminate"
    )

    def get_allowed_actions(self, case) -> list[str]:
        return sorted(
            permissions.case_available_actions(
                case=case,
                user=self.context["user"],
                today=clock.today(),
                tasks=list(case.tasks.all()),
                extensions=list(case.extensions.all()),
            )
        )


def _for_applicant(user) -> bool:
    return not access_for(user).is_staff_member


def case_record(case: Case, user) -> dict:
    for_applicant = _for_applicant(user)
    record = selectors.case_records(Case.objects.filter(pk=case.pk), for_applicant=for_applicant).get()
    return CaseRecordSerializer(record, context={"for_applicant": for_applicant, "user": user}).data


def visible_case(request, reference: str) -> Case:
    return services.visible_case_as_of(request.user, reference, at=clock.now())


class CaseListSerializer(serializers.Serializer):
    """A case as a list row: what to recognise it by, where it stands and its light today. The
    whole record (timeline, materials, notices, tasks) is at `url`."""

    number = serializers.CharField(allow_null=True)
    receipt_number = serializers.CharField()
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    channel = serializers.ChoiceField(choices=Channel.choices)
    item_code = serializers.CharField(source="item.implementation_code")
    item_name = serializers.CharField(source="version.name")
    department = serializers.CharField(source="department.name")
    site = serializers.CharField(source="site.name")
    applicant_name = serializers.CharField()
    received_at = serializers.DateTimeField()
    decision_due_date = serializers.DateField()
    accepted_date = serializers.DateField(allow_null=True)
    promised_due_date = serializers.DateField(allow_null=True)
    decided_date = serializers.DateField(allow_null=True)
    delivery_due_date = serializers.DateField(allow_null=True)
    light = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_light(self, case) -> str:
        return selectors.case_light(case, **_clock_context(self))

    def get_url(self, case) -> str:
        return reverse("api-case-detail", args=[case.reference])


CaseListPageSerializer = keyset_envelope(CaseListSerializer, "CaseListPageSerializer")


# Commands -----------------------------------------------------------------------------------


class CaseListApi(NamedApiView):
    """GET: the cases you may see (search by number, applicant name or ID), newest first, as list
    rows in pages of `limit` (50, at most 200) continued by the `next` link. POST: intake at the window (staff) or an online application (an applicant's own account);
    at the window, `outcome` accept or correction decides at once in the same transaction (当场受理,
    or the correction notice), as the desk's intake page does. Send an `Idempotency-Key` header: a
    retry with the same key returns the same case (200)."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        item = serializers.CharField(max_length=40, help_text="事项实施编码")
        applicant = ApplicantInputSerializer()
        materials = MaterialEntrySerializer(many=True, required=False, default=list)
        channel = serializers.ChoiceField(
            choices=Channel.choices, required=False, allow_null=True, default=None
        )
        note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
        original = serializers.CharField(
            max_length=30,
            required=False,
            allow_blank=True,
            default="",
            help_text="补办件：原退回件的办件编号",
        )
        outcome = serializers.ChoiceField(
            choices=[(value, value) for value in services.INTAKE_OUTCOMES],
            required=False,
            default="receive",
            help_text="receive 仅收件；accept 收件并当场受理（同一事务）；correction 收件并出具补正材料告知书",
        )
        corrected_on_the_spot = serializers.CharField(
            max_length=500, required=False, allow_blank=True, default="", help_text="当场更正的错误（受理时）"
        )
        agent = IdField(
            required=False, allow_null=True, default=None, help_text="全程代办人（工作人员 id，受理时）"
        )

    @extend_schema(
        operation_id="cases_list",
        parameters=[
            OpenApiParameter(
                "search",
                str,
                description="办件编号、收件编号、证件号码（完整）或申请人名称（三字以上任意部分，一两字为名称开头）",
            ),
            OpenApiParameter("status", str, enum=CaseStatus.values),
            *keyset_parameters(),
        ],
        responses=CaseListPageSerializer,
    )
    def get(self, request):
        now = clock.now()
        for arm in selectors.case_scope_arms(request.user):  # what the law accepted reads as accepted
            services.cases_accept_overdue(at=now, among=arm)
        wanted = request.query_params.get("status", "")
        page = selectors.case_list_page(
            request.user,
            search=request.query_params.get("search", "")[:60],
            status=wanted if wanted in CaseStatus.values else "",
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
        )
        return keyset_response(request, page, CaseListSerializer(page.rows, many=True).data)

    @extend_schema(
        operation_id="cases_intake",
        request=InputSerializer,
        parameters=[
            OpenApiParameter("Idempotency-Key", str, location=OpenApiParameter.HEADER, required=False)
        ],
        responses={201: IntakeSerializer, 200: IntakeSerializer},
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        version = version_for_intake(implementation_code=values["item"].strip(), on_date=clock.today())
        if version is None:
            raise DomainError(
                _("没有实施编码为 %(code)s 的现行事项。") % {"code": values["item"]}, code="item_not_found"
            )
        key = request.headers.get("Idempotency-Key", "").strip()[:80] or None
        fingerprint = hashlib.sha256(
            json.dumps(request.data, sort_keys=True, default=str).encode()
        ).hexdigest()
        result = services.case_intake(
            outcome=values["outcome"],
            corrected_on_the_spot=values["corrected_on_the_spot"],
            agent=get_object_or_404(Staff, pk=values["agent"]) if values["agent"] else None,
            version=version,
            applicant=services.Applicant(**values["applicant"]),
            materials=_entries(version, values["materials"]),
            user=request.user,
            at=clock.now(),
            channel=values["channel"],
            note=values["note"],
            idempotency_key=key,
            fingerprint=fingerprint,
            original=selectors.resubmission_original(request.user, values["original"]),
        )
        answer = intake_answer(result.case)
        headers = {"Location": answer["url"]}
        if result.is_replay:
            headers["Idempotent-Replayed"] = "true"
        return Response(
            answer,
            status=status.HTTP_200_OK if result.is_replay else status.HTTP_201_CREATED,
            headers=headers,
        )


class CaseDetailApi(NamedApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="case_detail", responses=CaseRecordSerializer)
    def get(self, request, reference: str):
        return Response(case_record(visible_case(request, reference), request.user))


class CaseAcceptApi(NamedApiView):
    """Accept (art. 32 (5)); `corrected_on_the_spot` records errors corrected at the counter
    (art. 32 (3)); `materials` updates the checklist first (e.g. a 容缺 with its deadline). Answers
    with the case number, the deadlines, the agent and the acceptance notice; the whole record is
    at `url`."""

    permission_classes = [HasRole(Role.WINDOW_CLERK, Role.CHIEF_REPRESENTATIVE)]

    class InputSerializer(serializers.Serializer):
        materials = MaterialEntrySerializer(many=True, required=False, default=list)
        corrected_on_the_spot = serializers.CharField(
            max_length=500, required=False, allow_blank=True, default=""
        )
        agent = IdField(required=False, allow_null=True, default=None, help_text="全程代办人（工作人员 id）")

    @extend_schema(operation_id="case_accept", request=InputSerializer, responses=IntakeSerializer)
    def post(self, request, reference: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        case = visible_case(request, reference)
        agent = get_object_or_404(Staff, pk=values["agent"]) if values["agent"] else None
        case = services.case_accept(
            case=case,
            user=request.user,
            at=clock.now(),
            materials=_entries(case.version, values["materials"]),
            corrected_on_the_spot=values["corrected_on_the_spot"],
            agent=agent,
        )
        return Response(intake_answer(case))


class CaseCorrectionNoticeApi(NamedApiView):
    """Issue the correction notice (art. 32 (4)) listing every missing or defective material."""

    permission_classes = [HasRole(Role.WINDOW_CLERK, Role.CHIEF_REPRESENTATIVE)]

    class InputSerializer(serializers.Serializer):
        materials = MaterialEntrySerializer(many=True, required=False, default=list)
        note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="case_correction_notice", request=InputSerializer, responses=CaseRecordSerializer
    )
    def post(self, request, reference: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = visible_case(request, reference)
        services.case_correction_notice(
            case=case,
            user=request.user,
            at=clock.now(),
            materials=_entries(case.version, data.validated_data["materials"]),
            note=data.validated_data["note"],
        )
        return Response(case_record(case, request.user))


class CaseRefuseApi(NamedApiView):
    """Refuse: not subject to licensing (art. 32 (1)) or not this authority's competence (2)."""

    permission_classes = [HasRole(Role.WINDOW_CLERK, Role.CHIEF_REPRESENTATIVE)]

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=RefusalKind.choices)
        reason = serializers.CharField(max_length=2000)
        competent_authority = serializers.CharField(
            max_length=150, required=False, allow_blank=True, default=""
        )

    @extend_schema(operation_id="case_refuse", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = visible_case(request, reference)
        services.case_refuse(case=case, user=request.user, at=clock.now(), **data.validated_data)
        return Response(case_record(case, request.user))


class CaseResubmitApi(NamedApiView):
    """Record the materials brought (or uploaded) against the correction notice."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        materials = MaterialEntrySerializer(many=True)

    @extend_schema(operation_id="case_resubmit", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = visible_case(request, reference)
        case = services.case_resubmit(
            case=case,
            user=request.user,
            at=clock.now(),
            materials=_entries(case.version, data.validated_data["materials"]),
        )
        return Response(case_record(case, request.user))


class CaseDecideApi(NamedApiView):
    """Decide an immediate item (即办件) at the window, under a delegation covering the item."""

    permission_classes = [HasRole(Role.WINDOW_CLERK, Role.CHIEF_REPRESENTATIVE)]

    class InputSerializer(serializers.Serializer):
        decision = serializers.ChoiceField(choices=Decision.choices)
        reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
        result_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")

    @extend_schema(operation_id="case_decide", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = visible_case(request, reference)
        services.case_decide_immediately(case=case, user=request.user, at=clock.now(), **data.validated_data)
        return Response(case_record(case, request.user))


class CaseNoticeApi(NamedApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="case_notice_pdf",
        responses={(200, "application/pdf"): OpenApiResponse(description="文书 PDF")},
    )
    def get(self, request, reference: str, notice_id: int):
        case = visible_case(request, reference)
        notice = get_object_or_404(
            Notice.objects.select_related("case__version", "issued_by__user"), case=case, pk=notice_id
        )
        return notice_response(request, notice)


class CaseDeliveryReceiptApi(NamedApiView):
    """The 送达回证 of a delivered case: who received which documents, how, where and when, with
    the QR code to the progress page. 404 (`not_delivered`) before the result is delivered."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="case_delivery_receipt_pdf",
        responses={
            (200, "application/pdf"): OpenApiResponse(description="送达回证 PDF"),
            404: OpenApiResponse(description="没有该办件，或办理结果尚未送达（not_delivered）"),
        },
    )
    def get(self, request, reference: str):
        case = visible_case(request, reference)
        delivery = delivery_of(case)
        if delivery is None:
            return Response(
                {"code": "not_delivered", "message": not_delivered_message()},
                status=status.HTTP_404_NOT_FOUND,
            )
        return delivery_receipt_response(request, case=case, delivery=delivery)


# Public progress ----------------------------------------------------------------------------


class ProgressEventSerializer(serializers.Serializer):
    label = serializers.CharField(source="get_action_display")
    department = serializers.CharField(source="department.name", default="")
    date = serializers.SerializerMethodField()

    def get_date(self, event) -> str:
        return services.local_date(event.at).isoformat()


class ProgressSerializer(serializers.Serializer):
    number = serializers.CharField(source="case.reference")
    item_name = serializers.CharField(source="case.version.name")
    department = serializers.CharField(source="case.department.name")
    status = serializers.CharField(source="case.status")
    status_label = serializers.CharField(source="case.get_status_display")
    received_date = serializers.DateField(source="case.received_date")
    accepted_date = serializers.DateField(source="case.accepted_date", allow_null=True)
    promised_due_date = serializers.DateField(source="case.promised_due_date", allow_null=True)
    timeline = ProgressEventSerializer(many=True)


class ProgressApi(NamedApiView):
    """Public: a case's status, promised date and timeline by its number (or receipt number) and
    query code. No personal data. Repeated failures from one address are refused (429)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="progress",
        parameters=[
            OpenApiParameter("number", str, required=True, description="办件编号或收件编号"),
            OpenApiParameter("query_code", str, required=True, description="查询码"),
        ],
        responses=ProgressSerializer,
    )
    def get(self, request):
        try:
            progress = progress_lookup(
                request,
                number=request.query_params.get("number", ""),
                query_code=request.query_params.get("query_code", ""),
            )
        except TooManyAttempts as error:
            return Response(
                {"code": "too_many_attempts", "message": str(error)}, status=status.HTTP_429_TOO_MANY_REQUESTS
            )
        if progress is None:
            return Response(
                {"code": "not_found", "message": _("没有找到该办件，请核对办件编号和查询码。")},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(ProgressSerializer(progress).data)
