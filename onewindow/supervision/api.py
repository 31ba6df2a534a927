"""The supervision API: the sweep run now, a site's rules, supervision records (list, read,
explain, review). One endpoint per command; reads scoped by selectors.records_visible_to."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from onewindow.common import clock, keyset
from onewindow.common.api import (
    NamedApiView,
    NotAllowed,
    keyset_cursor,
    keyset_envelope,
    keyset_limit,
    keyset_parameters,
    keyset_response,
)
from onewindow.org.selectors import site_visible_to
from onewindow.supervision import permissions, selectors, services
from onewindow.supervision.checks import CHECK_CODES
from onewindow.supervision.models import Record


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
    records = serializers.IntegerField(help_text="本次新立的督办件数")
    messages = serializers.IntegerField(help_text="本次发出的消息数")


class SweepApi(NamedApiView):
    """Run the escalation sweep now (it also runs every 10 minutes): the supervision section or
    an administrator."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="supervision_sweep", request=None, responses=SweepResultSerializer)
    def post(self, request):
        if not permissions.can_run_sweep(request.user):
            raise NotAllowed(_("只有监察科可以立即执行预警扫描。"))
        result = services.escalation_sweep(at=clock.now())
        return Response({"warned": result.total, "records": result.records, "messages": result.messages})
