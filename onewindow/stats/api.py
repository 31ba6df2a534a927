"""GET /api/v1/stats/figures: the statistics page's figures for systems that report the hall
(the same filters, the same scope, the same definitions: stats/selectors.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from onewindow.common import clock
from onewindow.common.api import (
    DomainError,
    IdField,
    NamedApiView,
    NotAllowed,
    keyset_cursor,
    keyset_envelope,
    keyset_limit,
    keyset_parameters,
    keyset_response,
)
from onewindow.common.dbrouter import reading_replica
from onewindow.common.keyset import paginate
from onewindow.org.models import Site
from onewindow.org.permissions import CONSOLE_ROLES
from onewindow.org.selectors import access_for, department_visible_to, site_visible_to
from onewindow.stats import selectors, services
from onewindow.stats.forms import GROUPINGS, FiguresForm, ReportForm
from onewindow.stats.models import Report
from onewindow.stats.rows import COUNTERS

RATES = (
    "completion_rate",
    "immediate_share",
    "early_rate",
    "on_time_rate",
    "speed_up_rate",
    "online_rate",
    "correction_rate",
    "satisfaction_rate",
)


def _rate_field():
    return serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True, coerce_to_string=False)


class FiguresSerializer(serializers.Serializer):
    """Counts, and rates in percent (two decimals; null when there is nothing to divide by)."""

    received = serializers.IntegerField()
    accepted = serializers.IntegerField()
    correction_notices = serializers.IntegerField()
    completed = serializers.IntegerField()
    completed_immediate = serializers.IntegerField()
    completed_promised = serializers.IntegerField()
    completed_early = serializers.IntegerField()
    completed_on_time = serializers.IntegerField()
    overdue_completed = serializers.IntegerField(help_text="办结时已超过承诺（或法定）期限的件数")
    days_used = serializers.IntegerField(help_text="承诺件实际用时合计（工作日，不含特别程序）")
    days_statutory = serializers.IntegerField(help_text="承诺件法定时限合计（工作日）")
    online_received = serializers.IntegerField()
    working_days = serializers.IntegerField(help_text="期间内工作日数")
    per_working_day = serializers.DecimalField(
        max_digits=12, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    open_overdue = serializers.IntegerField(
        help_text="期末（最后一日终了时）已受理、未办结且已过承诺办结日期的件数"
    )
    overdue = serializers.IntegerField(help_text="超期办结 + 期末超期未办结")
    ratings = serializers.IntegerField(
        allow_null=True, help_text="计入统计的评价数（按事项、渠道分组时为 null）"
    )
    bad_ratings = serializers.IntegerField(allow_null=True)
    fees_collected = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)
    fees_refunded = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)
    fees_net = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)
    completion_rate = _rate_field()
    immediate_share = _rate_field()
    early_rate = _rate_field()
    on_time_rate = _rate_field()
    speed_up_rate = _rate_field()
    online_rate = _rate_field()
    correction_rate = _rate_field()
    satisfaction_rate = _rate_field()


class PeopleSerializer(serializers.Serializer):
    """One window's or staff member's figures."""

    id = serializers.IntegerField(source="key")
    label = serializers.CharField()
    received = serializers.IntegerField()
    accepted = serializers.IntegerField()
    decided = serializers.IntegerField()
    decided_on_time = serializers.IntegerField()
    on_time_rate = _rate_field()
    ratings = serializers.IntegerField()
    bad_ratings = serializers.IntegerField()
    satisfaction_rate = _rate_field()


class FiguresRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    figures = FiguresSerializer()


def _as_dict(figures: selectors.Figures) -> dict:
    names = (
        *COUNTERS,
        "overdue_completed",
        "open_overdue",
        "overdue",
        "ratings",
        "bad_ratings",
        "fees_net",
        "online_received",
        "working_days",
        "per_working_day",
        *RATES,
    )
    return {name: getattr(figures, name) for name in names}


class StatsFiguresApi(NamedApiView):
    """The figures of a period (both days included) over the sites you see: the whole, the period
    of the same length before it, the same dates a year earlier, and the groups of `by`. For the
    center office, the business and the supervision sections."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        date_from = serializers.DateField()
        date_to = serializers.DateField(help_text="含当日")
        by = serializers.CharField()
        total = FiguresSerializer()
        previous = FiguresSerializer(help_text="上一期间（等长）")
        last_year = FiguresSerializer(help_text="去年同期")
        rows = FiguresRowSerializer(many=True, help_text="by 为 window、staff 时为空，见 people")
        people = PeopleSerializer(many=True, help_text="by 为 window（窗口）或 staff（工作人员）时的各行")

    @extend_schema(
        operation_id="stats_figures",
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="YYYY-MM-DD（默认本月一日）"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="YYYY-MM-DD，含当日（默认今天）"),
            OpenApiParameter(
                "by", str, enum=[value for value, _label in GROUPINGS], description="分组，默认 department"
            ),
            OpenApiParameter("site", OpenApiTypes.INT, description="服务中心 id（含其下级网点）"),
            OpenApiParameter("department", OpenApiTypes.INT, description="部门 id"),
        ],
        responses={200: OutputSerializer, 403: OpenApiResponse(description="无权查看办件统计")},
    )
    @reading_replica()
    def get(self, request):
        if not access_for(request.user).has_role(*CONSOLE_ROLES):
            raise NotAllowed(_("只有中心办公室、业务科和监察科可以查看办件统计。"))
        form = FiguresForm(
            request.query_params,
            sites=site_visible_to(request.user),
            departments=department_visible_to(request.user),
            today=clock.today(),
        )
        if not form.is_valid():
            raise serializers.ValidationError(
                {("from" if name == "__all__" else name): errors for name, errors in form.errors.items()}
            )
        data = form.cleaned_data
        first, last, by = data["from"], data["to"], data["by"]
        scope = selectors.scope_of(request.user, data)
        periods = selectors.compared(first, last, **scope)
        rows, people = [], []
        if by in selectors.PEOPLE:
            people = selectors.people_figures(first=first, last=last, by=by, **scope)
        else:
            rows = selectors.labelled_rows(selectors.figures(first=first, last=last, by=by, **scope), by=by)
        return Response(
            self.OutputSerializer(
                {
                    "date_from": first,
                    "date_to": last,
                    "by": by,
                    "total": _as_dict(periods["now"]),
                    "previous": _as_dict(periods["previous"]),
                    "last_year": _as_dict(periods["last_year"]),
                    "rows": [{"label": row["label"], "figures": _as_dict(row["figures"])} for row in rows],
                    "people": people,
                }
            ).data
        )


class ReportSerializer(serializers.ModelSerializer):
    site = serializers.CharField(source="site.name")
    department = serializers.CharField(source="department.name", allow_null=True, default=None)
    # Declared, not derived from the model: the derived bounds differ between SQLite and PostgreSQL.
    accepted = serializers.IntegerField(min_value=0, help_text="受理件数")
    completed = serializers.IntegerField(min_value=0, help_text="办结件数")
    pdf_url = serializers.SerializerMethodField()
    xlsx_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "title",
            "period_start",
            "period_end",
            "site",
            "department",
            "accepted",
            "completed",
            "generated_at",
            "pdf_url",
            "xlsx_url",
        ]

    def get_pdf_url(self, report) -> str:
        return self.context["request"].build_absolute_uri(reverse("stats:report-pdf", args=[report.pk]))

    def get_xlsx_url(self, report) -> str:
        return self.context["request"].build_absolute_uri(reverse("stats:report-xlsx", args=[report.pk]))


def _console(request) -> None:
    if not access_for(request.user).has_role(*CONSOLE_ROLES):
        raise NotAllowed(_("只有中心办公室、业务科和监察科可以查看统计报告。"))


class StatsReportsApi(NamedApiView):
    """The statistics reports (monthly, quarterly, annual; a center's and each department's), the
    newest period first; POST makes one now (or again) and keeps its PDF and Excel files."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        period = serializers.RegexField(
            r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$", help_text="月报 2026-11，季报 2026-Q4，年报 2026"
        )
        site = IdField(help_text="服务中心 id")
        department = IdField(required=False, allow_null=True, help_text="部门 id；空为中心报告")

    @extend_schema(
        operation_id="stats_reports_list",
        parameters=[
            OpenApiParameter("kind", str, enum=Report.Kind.values, description="报告类型"),
            *keyset_parameters(),
        ],
        responses=keyset_envelope(ReportSerializer, "StatsReportsPageSerializer"),
    )
    def get(self, request):
        _console(request)
        reports = selectors.reports_visible_to(request.user)
        kind = request.query_params.get("kind", "")
        if kind:
            if kind not in Report.Kind.values:
                raise serializers.ValidationError({"kind": [_("报告类型应为 MONTH、QUARTER 或 YEAR。")]})
            reports = reports.filter(kind=kind)
        page = paginate(
            reports,
            ordering=("-period_start", "-id"),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="stats-reports",
        )
        return keyset_response(
            request, page, ReportSerializer(page.rows, many=True, context={"request": request}).data
        )

    @extend_schema(
        operation_id="stats_reports_generate",
        request=InputSerializer,
        responses={201: ReportSerializer, 400: OpenApiResponse(description="期间未结束或参数有误")},
    )
    def post(self, request):
        _console(request)
        given = self.InputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        form = ReportForm(
            {
                "period": given.validated_data["period"],
                "site": given.validated_data["site"],
                "department": given.validated_data.get("department") or "",
            },
            sites=site_visible_to(request.user).filter(kind=Site.Kind.CENTER),
            departments=department_visible_to(request.user),
        )
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        kind, start = form.cleaned_data["period"]
        try:
            report = services.report_generate(
                kind=kind,
                start=start,
                site=form.cleaned_data["site"],
                department=form.cleaned_data["department"],
                at=clock.now(),
                user=request.user,
            )
        except services.ReportError as error:
            raise DomainError(str(error), code="report_not_possible") from error
        return Response(ReportSerializer(report, context={"request": request}).data, status=201)
