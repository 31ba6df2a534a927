"""The supervision API: the sweep run now, a site's rules, supervision records (list, read,
explain, review). One endpoint per command; reads scoped by selectors.records_visible_to."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from onewindow.cases.selectors import case_visible_to
from onewindow.common import clock, keyset
from onewindow.common.api import (
    IdField,
    NamedApiView,
    NotAllowed,
    keyset_cursor,
    keyset_envelope,
    keyset_limit,
    keyset_parameters,
    keyset_response,
)
from onewindow.common.pdf import pdf_response
from onewindow.org.models import Department, Staff, Window
from onewindow.org.selectors import site_visible_to
from onewindow.supervision import permissions, push, selectors, services
from onewindow.supervision.checks import CHECK_CODES, anomaly_sweep
from onewindow.supervision.documents import order_pdf
from onewindow.supervision.models import Finding, Order, OrderReply, PushEvent, Record


class RecordSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)
    cause_display = serializers.CharField(source="get_cause_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    # Declared: a model's small-integer bounds differ by database, the schema must not.
    returned_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Record
        fields = [
            "id",
            "reference",
            "site",
            "case",
            "case_number",
            "department",
            "department_name",
            "cause",
            "cause_display",
            "summary",
            "evidence",
            "status",
            "status_display",
            "opened_at",
            "explain_due_date",
            "explanation",
            "explained_at",
            "conclusion",
            "closed_at",
            "returned_count",
        ]


class RecordListApi(NamedApiView):
    """Supervision records you see (the section and office: your site and below; a department:
    its own), soonest explanation due first; `status=OPEN`, `EXPLAINED` or `CLOSED` narrows."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="supervision_record_list",
        parameters=[
            OpenApiParameter("status", str, enum=[choice for choice, _label in Record.Status.choices]),
            *keyset_parameters(),
        ],
        responses=keyset_envelope(RecordSerializer, "SupervisionRecordPageSerializer"),
    )
    def get(self, request):
        records = selectors.records_visible_to(request.user)
        wanted = request.query_params.get("status", "")
        if wanted:
            if wanted not in Record.Status.values:
                raise serializers.ValidationError({"status": [_("状态无效。")]})
            records = records.filter(status=wanted)
        page = keyset.paginate(
            records,
            ordering=("explain_due_date", "id"),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="supervision-records",
        )
        return keyset_response(request, page, RecordSerializer(page.rows, many=True).data)


class RecordDetailApi(NamedApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="supervision_record_read", responses=RecordSerializer)
    def get(self, request, record_id: int):
        record = get_object_or_404(selectors.records_visible_to(request.user), pk=record_id)
        return Response(RecordSerializer(record).data)


class RecordExplainApi(NamedApiView):
    """The responsible department explains the record (its chief representative or a reviewer)."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        explanation = serializers.CharField(max_length=4000)

    @extend_schema(
        operation_id="supervision_record_explain", request=InputSerializer, responses=RecordSerializer
    )
    def post(self, request, record_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = get_object_or_404(selectors.records_visible_to(request.user), pk=record_id)
        record = services.record_explain(
            record=record, user=request.user, explanation=data.validated_data["explanation"], at=clock.now()
        )
        return Response(RecordSerializer(record).data)


class RecordReviewApi(NamedApiView):
    """The supervision section closes the record (`accept`) or returns the explanation."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        accept = serializers.BooleanField()
        conclusion = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="supervision_record_review", request=InputSerializer, responses=RecordSerializer
    )
    def post(self, request, record_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = get_object_or_404(selectors.records_visible_to(request.user), pk=record_id)
        record = services.record_review(
            record=record, user=request.user, at=clock.now(), **data.validated_data
        )
        return Response(RecordSerializer(record).data)


class PolicySerializer(serializers.Serializer):
    warn_on_yellow = serializers.BooleanField()
    warn_on_red = serializers.BooleanField()
    record_on_red = serializers.BooleanField()
    explain_working_days = serializers.IntegerField(min_value=1, max_value=30)
    disabled_checks = serializers.ListField(
        child=serializers.ChoiceField(choices=list(CHECK_CODES)), required=False, default=list
    )


class RulesSerializer(PolicySerializer):
    source_site = serializers.IntegerField(allow_null=True, help_text="规则所属的中心；null 为系统默认")


class PolicyApi(NamedApiView):
    """A site's supervision rules in force (its own, or inherited from the nearest site above,
    or the defaults); PUT keeps the site's own (the supervision section of the site or above)."""

    permission_classes = [IsAuthenticated]

    def _site(self, request, site_id: int):
        return get_object_or_404(site_visible_to(request.user), pk=site_id)

    def _answer(self, site) -> Response:
        rules = selectors.rules_for(site)
        return Response(
            {
                "warn_on_yellow": rules.warn_on_yellow,
                "warn_on_red": rules.warn_on_red,
                "record_on_red": rules.record_on_red,
                "explain_working_days": rules.explain_working_days,
                "disabled_checks": sorted(rules.disabled_checks),
                "source_site": rules.source_site_id,
            }
        )

    @extend_schema(operation_id="supervision_rules_read", responses=RulesSerializer)
    def get(self, request, site_id: int):
        if not permissions.can_see_board(request.user):
            raise NotAllowed(_("只有中心办公室、业务科、监察科可以查看监察规则。"))
        return self._answer(self._site(request, site_id))

    @extend_schema(operation_id="supervision_rules_save", request=PolicySerializer, responses=RulesSerializer)
    def put(self, request, site_id: int):
        data = PolicySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        site = self._site(request, site_id)
        services.policy_save(site=site, user=request.user, at=clock.now(), **data.validated_data)
        return self._answer(site)


class SweepResultSerializer(serializers.Serializer):
    warned = serializers.IntegerField(help_text="本次预警的办件数")
    records = serializers.IntegerField(help_text="本次因红灯新立的督办件数")
    messages = serializers.IntegerField(help_text="本次发出的消息数")
    anomalies = serializers.DictField(
        child=serializers.IntegerField(), help_text="各项异常检查本次新立的督办件数（按检查代码）"
    )


class SweepApi(NamedApiView):
    """Run the escalation sweep and the anomaly checks now (they also run every 10 minutes): the
    supervision section or an administrator."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="supervision_sweep", request=None, responses=SweepResultSerializer)
    def post(self, request):
        if not permissions.can_run_sweep(request.user):
            raise NotAllowed(_("只有监察科可以立即执行预警扫描。"))
        at = clock.now()
        result = services.escalation_sweep(at=at)
        anomalies = anomaly_sweep(at=at, open_record=services.record_open)
        return Response(
            {
                "warned": result.total,
                "records": result.records,
                "messages": result.messages,
                "anomalies": anomalies,
            }
        )


# Orders and inquiries ---------------------------------------------------------------------------


class OrderReplySerializer(serializers.ModelSerializer):
    replied_by_name = serializers.CharField(source="replied_by.name", read_only=True)

    class Meta:
        model = OrderReply
        fields = [
            "id",
            "text",
            "attachment",
            "replied_at",
            "replied_by_name",
            "review",
            "review_comment",
            "reviewed_at",
        ]


class OrderSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True, allow_null=True, default=None)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    light = serializers.SerializerMethodField(
        help_text="green 已办结；yellow 待审核或临近期限；red 逾期未回复"
    )
    replies = OrderReplySerializer(many=True, read_only=True)
    reply_days = serializers.IntegerField(read_only=True)

    class Meta:
        model = Order
        fields = [
            "id",
            "number",
            "kind",
            "site",
            "department",
            "department_name",
            "case",
            "case_number",
            "record",
            "subject",
            "body",
            "issued_at",
            "reply_days",
            "reply_due_date",
            "status",
            "status_display",
            "light",
            "escalated_at",
            "closed_at",
            "replies",
        ]

    def get_light(self, order) -> str:
        return selectors.order_light(order, today=clock.today())


class OrderListApi(NamedApiView):
    """Orders and inquiries you see (the section and office: issued at your site and below; a
    department: those sent to it), soonest reply due first; `status` narrows. POST issues one
    (the supervision section)."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=Order.Kind.choices, default=Order.Kind.ORDER)
        department = IdField(required=False, allow_null=True, default=None)
        case = serializers.CharField(
            required=False, allow_blank=True, default="", help_text="办件编号或收件编号"
        )
        record = IdField(required=False, allow_null=True, default=None)
        subject = serializers.CharField(max_length=200)
        body = serializers.CharField(max_length=4000)
        reply_days = serializers.IntegerField(min_value=1, max_value=60)

    @extend_schema(
        operation_id="supervision_order_list",
        parameters=[
            OpenApiParameter("status", str, enum=[choice for choice, _label in Order.Status.choices]),
            *keyset_parameters(),
        ],
        responses=keyset_envelope(OrderSerializer, "SupervisionOrderPageSerializer"),
    )
    def get(self, request):
        orders = selectors.orders_visible_to(request.user).prefetch_related("replies__replied_by__user")
        wanted = request.query_params.get("status", "")
        if wanted:
            if wanted not in Order.Status.values:
                raise serializers.ValidationError({"status": [_("状态无效。")]})
            orders = orders.filter(status=wanted)
        page = keyset.paginate(
            orders,
            ordering=("reply_due_date", "id"),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="supervision-orders",
        )
        return keyset_response(request, page, OrderSerializer(page.rows, many=True).data)

    @extend_schema(
        operation_id="supervision_order_issue", request=InputSerializer, responses={201: OrderSerializer}
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        record = case = department = None
        if values["record"]:
            record = get_object_or_404(selectors.records_visible_to(request.user), pk=values["record"])
            department = record.department
        if values["case"]:
            case = get_object_or_404(
                case_visible_to(request.user).filter(
                    Q(number=values["case"].strip()) | Q(receipt_number=values["case"].strip())
                )
            )
            department = department or case.department
        if values["department"]:
            department = get_object_or_404(Department, pk=values["department"])
        if department is None:
            raise serializers.ValidationError({"department": [_("请选择受函部门（或指明办件、督办件）。")]})
        order = services.order_issue(
            user=request.user,
            department=department,
            kind=values["kind"],
            subject=values["subject"],
            body=values["body"],
            reply_days=values["reply_days"],
            case=case,
            record=record,
            at=clock.now(),
        )
        return Response(OrderSerializer(order).data, status=201)


class OrderDetailApi(NamedApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="supervision_order_read", responses=OrderSerializer)
    def get(self, request, order_id: int):
        order = get_object_or_404(selectors.orders_visible_to(request.user), pk=order_id)
        return Response(OrderSerializer(order).data)


class OrderPdfApi(NamedApiView):
    """The letter, a one-page PDF under the center's seal."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="supervision_order_pdf",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 503: OpenApiTypes.STR},
    )
    def get(self, request, order_id: int):
        order = get_object_or_404(selectors.orders_visible_to(request.user), pk=order_id)
        return pdf_response(lambda: order_pdf(order), filename=f"{order.number}.pdf")


class OrderReplyApi(NamedApiView):
    """The department's reply (text, and a file as multipart `attachment` if any)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=4000)
        attachment = serializers.FileField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="supervision_order_reply", request=InputSerializer, responses={201: OrderSerializer}
    )
    def post(self, request, order_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = get_object_or_404(selectors.orders_visible_to(request.user), pk=order_id)
        services.order_reply(
            order=order,
            user=request.user,
            text=data.validated_data["text"],
            attachment=data.validated_data["attachment"],
            at=clock.now(),
        )
        return Response(
            OrderSerializer(selectors.orders_visible_to(request.user).get(pk=order.pk)).data, status=201
        )


class OrderReviewApi(NamedApiView):
    """The section accepts the pending reply (`accept`) or returns it with a comment."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        accept = serializers.BooleanField()
        comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="supervision_order_review", request=InputSerializer, responses=OrderSerializer
    )
    def post(self, request, order_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = get_object_or_404(selectors.orders_visible_to(request.user), pk=order_id)
        order = services.order_review(order=order, user=request.user, at=clock.now(), **data.validated_data)
        return Response(OrderSerializer(order).data)


# Events for the efficiency supervision center ------------------------------------------------------


class PushEventSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    attempts = serializers.IntegerField(read_only=True)

    class Meta:
        model = PushEvent
        fields = [
            "id",
            "kind",
            "key",
            "site",
            "payload",
            "created_at",
            "status",
            "status_display",
            "attempts",
            "next_attempt_at",
            "sent_at",
            "last_error",
        ]


class PushEventListApi(NamedApiView):
    """The log of events sent (or waiting) for the efficiency supervision center, newest first;
    `status` narrows (FAILED and DEAD are the ones to look at)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="supervision_push_event_list",
        parameters=[
            OpenApiParameter("status", str, enum=[choice for choice, _label in PushEvent.Status.choices]),
            *keyset_parameters(),
        ],
        responses=keyset_envelope(PushEventSerializer, "SupervisionPushEventPageSerializer"),
    )
    def get(self, request):
        events = selectors.push_events_visible_to(request.user)
        wanted = request.query_params.get("status", "")
        if wanted:
            if wanted not in PushEvent.Status.values:
                raise serializers.ValidationError({"status": [_("状态无效。")]})
            events = events.filter(status=wanted)
        page = keyset.paginate(
            events,
            ordering=("-created_at", "-id"),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="supervision-push",
        )
        return keyset_response(request, page, PushEventSerializer(page.rows, many=True).data)


class PushEventResendApi(NamedApiView):
    """Send an event again (the center office, the supervision section, an administrator)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="supervision_push_event_resend", request=None, responses=PushEventSerializer)
    def post(self, request, event_id: int):
        event = get_object_or_404(selectors.push_events_visible_to(request.user), pk=event_id)
        event = push.push_resend(event=event, user=request.user, at=clock.now())
        return Response(PushEventSerializer(event).data)


# Accountability ---------------------------------------------------------------------------------------


class FindingSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    appeal_display = serializers.CharField(source="get_appeal_display", read_only=True)
    subject = serializers.SerializerMethodField(help_text="问责对象：工作人员姓名、窗口或部门名称")

    class Meta:
        model = Finding
        fields = [
            "id",
            "site",
            "kind",
            "kind_display",
            "staff",
            "window",
            "department",
            "subject",
            "basis",
            "evidence",
            "case",
            "record",
            "order",
            "recorded_at",
            "appeal",
            "appeal_display",
            "appeal_text",
            "appealed_at",
            "appeal_decision",
            "appeal_decided_at",
        ]

    def get_subject(self, finding) -> str:
        if finding.staff_id:
            return finding.staff.name
        if finding.window_id:
            return str(finding.window)
        return finding.department.name


class FindingListApi(NamedApiView):
    """Accountability findings you see, newest first; POST records one (the supervision section)
    against exactly one of `staff`, `window` or `department`."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=Finding.Kind.choices)
        staff = IdField(required=False, allow_null=True, default=None)
        window = IdField(required=False, allow_null=True, default=None)
        department = IdField(required=False, allow_null=True, default=None)
        basis = serializers.CharField(max_length=2000)
        evidence = serializers.CharField(max_length=4000)
        record = IdField(required=False, allow_null=True, default=None)
        order = IdField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="supervision_finding_list",
        parameters=keyset_parameters(),
        responses=keyset_envelope(FindingSerializer, "SupervisionFindingPageSerializer"),
    )
    def get(self, request):
        page = keyset.paginate(
            selectors.findings_visible_to(request.user),
            ordering=("-recorded_at", "-id"),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="supervision-findings",
        )
        return keyset_response(request, page, FindingSerializer(page.rows, many=True).data)

    @extend_schema(
        operation_id="supervision_finding_record", request=InputSerializer, responses={201: FindingSerializer}
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        finding = services.finding_record(
            user=request.user,
            kind=values["kind"],
            basis=values["basis"],
            evidence=values["evidence"],
            at=clock.now(),
            staff=get_object_or_404(Staff, pk=values["staff"]) if values["staff"] else None,
            window=get_object_or_404(Window, pk=values["window"]) if values["window"] else None,
            department=get_object_or_404(Department, pk=values["department"])
            if values["department"]
            else None,
            record=(
                get_object_or_404(selectors.records_visible_to(request.user), pk=values["record"])
                if values["record"]
                else None
            ),
            order=(
                get_object_or_404(selectors.orders_visible_to(request.user), pk=values["order"])
                if values["order"]
                else None
            ),
        )
        return Response(FindingSerializer(finding).data, status=201)


class FindingAppealApi(NamedApiView):
    """The subject appeals a finding, once."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(max_length=4000)

    @extend_schema(
        operation_id="supervision_finding_appeal", request=InputSerializer, responses=FindingSerializer
    )
    def post(self, request, finding_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        finding = get_object_or_404(selectors.findings_visible_to(request.user), pk=finding_id)
        finding = services.finding_appeal(
            finding=finding, user=request.user, text=data.validated_data["text"], at=clock.now()
        )
        return Response(FindingSerializer(finding).data)


class FindingAppealDecisionApi(NamedApiView):
    """The center office upholds or revokes an appealed finding."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        uphold = serializers.BooleanField()
        decision = serializers.CharField(max_length=2000)

    @extend_schema(
        operation_id="supervision_finding_appeal_decide", request=InputSerializer, responses=FindingSerializer
    )
    def post(self, request, finding_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        finding = get_object_or_404(selectors.findings_visible_to(request.user), pk=finding_id)
        finding = services.finding_decide_appeal(
            finding=finding, user=request.user, at=clock.now(), **data.validated_data
        )
        return Response(FindingSerializer(finding).data)
