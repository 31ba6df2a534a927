"""Handling API: one endpoint per command on an accepted case (opinions, reminders, meetings,
reporting up, suspensions, the extension, the decision, delivery, withdrawal, termination,
return), my tasks, and the traffic lights. Same services as the desk (cases.services.handling); each
answers with the whole case record, or a clear error with a stable code.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from onewindow.cases import selectors
from onewindow.cases.api import (
    CaseListSerializer,
    CaseRecordSerializer,
    TaskSerializer,
    case_record,
    visible_case,
)
from onewindow.cases.models import Decision, Delivery, Suspension, Task
from onewindow.cases.services import delivery, handling
from onewindow.common import clock, keyset
from onewindow.common.api import (
    NamedApiView,
    keyset_cursor,
    keyset_envelope,
    keyset_limit,
    keyset_parameters,
    keyset_response,
)
from onewindow.org.models import Department


class _CaseCommand(NamedApiView):
    """A POST on one case: validate the input, call one service, answer with the case."""

    permission_classes = [IsAuthenticated]

    def run(self, request, case, values):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def post(self, request, reference: str, **kwargs):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = visible_case(request, reference)
        self.run(request, case, dict(data.validated_data, **kwargs))
        case.refresh_from_db()
        return Response(case_record(case, request.user))


class CaseOpinionApi(_CaseCommand):
    """A reviewer's opinion on the current step, or a co-department's opinion on a joint case.
    JSON, or multipart with `attachments` files."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        task = serializers.IntegerField(help_text="办理任务 id（见办件的 tasks）")
        verdict = serializers.ChoiceField(choices=Task.Verdict.choices)
        opinion = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
        attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    @extend_schema(operation_id="case_opinion", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        handling.task_opinion(
            case=case,
            task_id=values["task"],
            user=request.user,
            at=clock.now(),
            verdict=values["verdict"],
            opinion=values["opinion"],
            attachments=values["attachments"],
        )


class TaskRemindApi(_CaseCommand):
    """催办: the case agent (or the hall's office) reminds the department holding a task."""

    class InputSerializer(serializers.Serializer):
        message = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    @extend_schema(operation_id="case_task_remind", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str, task_id: int):
        return super().post(request, reference, task_id=task_id)

    def run(self, request, case, values):
        handling.task_remind(
            case=case, task_id=values["task_id"], user=request.user, at=clock.now(), message=values["message"]
        )


class CaseMeetingApi(_CaseCommand):
    """Record a joint review meeting (联审会议)."""

    class InputSerializer(serializers.Serializer):
        held_date = serializers.DateField()
        place = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
        departments = serializers.ListField(child=serializers.IntegerField(), help_text="参会部门 id")
        participants = serializers.CharField(max_length=2000)
        conclusions = serializers.CharField(max_length=4000)

    @extend_schema(operation_id="case_meeting", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        departments = list(
            Department.objects.filter(pk__in=values["departments"], site_id=case.department.site_id)
        )
        handling.meeting_record(
            case=case,
            user=request.user,
            at=clock.now(),
            held_date=values["held_date"],
            place=values["place"],
            departments=departments,
            participants=values["participants"],
            conclusions=values["conclusions"],
        )


class CaseReportApi(_CaseCommand):
    """上报: forward a reported-up case to the higher authority (within 3 working days)."""

    class InputSerializer(serializers.Serializer):
        authority = serializers.CharField(max_length=150)
        reference = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")

    @extend_schema(operation_id="case_report_up", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        handling.case_report_up(
            case=case,
            user=request.user,
            at=clock.now(),
            authority=values["authority"],
            reference=values["reference"],
        )


class CaseReportReplyApi(_CaseCommand):
    """The higher authority's reply; the applicant must be told within 2 working days."""

    class InputSerializer(serializers.Serializer):
        reply_date = serializers.DateField()
        verdict = serializers.ChoiceField(choices=Task.Verdict.choices)
        text = serializers.CharField(max_length=4000)
        reference = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")

    @extend_schema(operation_id="case_report_reply", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        handling.case_report_reply(case=case, user=request.user, at=clock.now(), **values)


class CaseSuspensionApi(_CaseCommand):
    """Start a special procedure (特别程序): the clocks stop and the applicant gets the written
    notice. A hearing needs its dates and is checked against its own limits."""

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=Suspension.Kind.choices)
        reason = serializers.CharField(max_length=2000)
        expected_days = serializers.IntegerField(
            min_value=1, max_value=999, required=False, allow_null=True, default=None
        )
        rights_notified_date = serializers.DateField(required=False, allow_null=True, default=None)
        requested_date = serializers.DateField(required=False, allow_null=True, default=None)
        announced_date = serializers.DateField(required=False, allow_null=True, default=None)
        hearing_date = serializers.DateField(required=False, allow_null=True, default=None)
        hearing_place = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")

    @extend_schema(operation_id="case_suspend", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        handling.case_suspend(
            case=case,
            user=request.user,
            at=clock.now(),
            kind=values["kind"],
            reason=values["reason"],
            expected_days=values["expected_days"],
            hearing=handling.Hearing.from_values(values),
        )


class SuspensionEndApi(_CaseCommand):
    """End the special procedure: both due dates and the open tasks' move by the working days it
    lasted."""

    class InputSerializer(serializers.Serializer):
        outcome = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="case_suspension_end", request=InputSerializer, responses=CaseRecordSerializer
    )
    def post(self, request, reference: str, suspension_id: int):
        return super().post(request, reference, suspension_id=suspension_id)

    def run(self, request, case, values):
        handling.suspension_end(
            case=case,
            suspension_id=values["suspension_id"],
            user=request.user,
            at=clock.now(),
            outcome=values["outcome"],
        )


class CaseExtensionApi(_CaseCommand):
    """Ask to extend the decision period (once; +10 working days, +15 for a joint case). With
    `approve`, an approver (the lead department's delegated chief representative) grants it at once."""

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000)
        days = serializers.IntegerField(
            min_value=1, max_value=15, required=False, allow_null=True, default=None
        )
        approve = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        operation_id="case_extension_request", request=InputSerializer, responses=CaseRecordSerializer
    )
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        handling.extension_request(
            case=case,
            user=request.user,
            at=clock.now(),
            reason=values["reason"],
            days=values["days"],
            approve=values["approve"],
        )


class ExtensionDecideApi(_CaseCommand):
    """Approve or refuse a requested extension."""

    class InputSerializer(serializers.Serializer):
        approve = serializers.BooleanField()
        comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="case_extension_decide", request=InputSerializer, responses=CaseRecordSerializer
    )
    def post(self, request, reference: str, extension_id: int):
        return super().post(request, reference, extension_id=extension_id)

    def run(self, request, case, values):
        handling.extension_decide(
            case=case,
            extension_id=values["extension_id"],
            user=request.user,
            at=clock.now(),
            approve=values["approve"],
            comment=values["comment"],
        )


class CaseDecisionApi(_CaseCommand):
    """The decision: approve (result name, number, validity; a certificate is issued) or deny
    (reasons; the remedies are stated). Not while suspended, not before every step and opinion
    is in, and only under a delegation covering the item."""

    class InputSerializer(serializers.Serializer):
        decision = serializers.ChoiceField(choices=Decision.choices)
        reason = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
        result_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
        result_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
        valid_from = serializers.DateField(required=False, allow_null=True, default=None)
        valid_until = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(operation_id="case_decision", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        handling.case_decide(case=case, user=request.user, at=clock.now(), **values)


class CaseDeliveryApi(_CaseCommand):
    """Deliver the result: at the window (signed for), by mail (waybill number) or electronically."""

    class InputSerializer(serializers.Serializer):
        method = serializers.ChoiceField(choices=Delivery.Method.choices)
        recipient_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
        recipient_id_number = serializers.CharField(
            max_length=30, required=False, allow_blank=True, default=""
        )
        carrier = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
        waybill_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
        address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    @extend_schema(operation_id="case_delivery", request=InputSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        delivery.case_deliver(
            case=case, user=request.user, at=clock.now(), details=delivery.DeliveryDetails(**values)
        )


class _ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CaseWithdrawalApi(_CaseCommand):
    """The applicant withdraws (their own account, or the window on their written request)."""

    InputSerializer = _ReasonSerializer

    @extend_schema(operation_id="case_withdrawal", request=_ReasonSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        handling.case_withdraw(case=case, user=request.user, at=clock.now(), reason=values["reason"])


class CaseTerminationApi(_CaseCommand):
    """终止办理, by the lead department's delegated chief representative."""

    InputSerializer = _ReasonSerializer

    @extend_schema(operation_id="case_termination", request=_ReasonSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        handling.case_terminate(case=case, user=request.user, at=clock.now(), reason=values["reason"])


class CaseReturnApi(_CaseCommand):
    """退回: the application goes back to the applicant with the reasons (they may resubmit)."""

    InputSerializer = _ReasonSerializer

    @extend_schema(operation_id="case_return", request=_ReasonSerializer, responses=CaseRecordSerializer)
    def post(self, request, reference: str):
        return super().post(request, reference)

    def run(self, request, case, values):
        handling.case_return(case=case, user=request.user, at=clock.now(), reason=values["reason"])


class MyTaskSerializer(TaskSerializer):
    case_number = serializers.CharField(source="case.number")
    item_name = serializers.CharField(source="case.version.name")
    applicant_name = serializers.CharField(source="case.applicant_name")


class MyTasksApi(NamedApiView):
    """我的待办: the running tasks of my department in my role, soonest due first, with lights, in
    pages of `limit` (50, at most 200) continued by the `next` link."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="tasks_mine",
        parameters=keyset_parameters(),
        responses=keyset_envelope(MyTaskSerializer, "MyTaskPageSerializer"),
    )
    def get(self, request):
        page = keyset.paginate(
            selectors.tasks_for(request.user).prefetch_related("attachments"),
            ordering=selectors.TASK_ORDERING,
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="tasks",
        )
        return keyset_response(request, page, MyTaskSerializer(page.rows, many=True).data)


class _DateQuery(serializers.Serializer):
    date = serializers.DateField(required=False)


class LightsApi(NamedApiView):
    """Every case at your reach that is yellow or red on `date` (default today), soonest due
    first: those in handling by their promised date, then those decided and not yet delivered by
    their delivery date; list rows in pages of `limit` (50, at most 200) continued by `next`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="cases_lights",
        parameters=[OpenApiParameter("date", str, description="YYYY-MM-DD，默认今天"), *keyset_parameters()],
        responses=keyset_envelope(CaseListSerializer, "LightsPageSerializer"),
    )
    def get(self, request):
        query = _DateQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        today = query.validated_data.get("date") or clock.today()
        page = selectors.lit_page(
            request.user,
            today=today,
            warning_days=handling.warning_days(),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
        )
        return keyset_response(
            request, page, CaseListSerializer(page.rows, many=True, context={"today": today}).data
        )
