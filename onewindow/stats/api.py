"""GET /api/v1/stats/figures: the statistics page's figures for systems that report the hall
(the same filters, the same scope, the same definitions: stats/selectors.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from onewindow.common import clock
from onewindow.common.api import NamedApiView, NotAllowed
from onewindow.common.dbrouter import reading_replica
from onewindow.org.permissions import CONSOLE_ROLES
from onewindow.org.selectors import access_for, department_visible_to, site_visible_to
from onewindow.stats import selectors
from onewindow.stats.forms import GROUPINGS, FiguresForm
from onewindow.stats.services import COUNTERS

RATES = (
    "completion_rate",
    "immediate_share",
    "early_rate",
    "on_time_rate",
    "speed_up_rate",
    "online_rate",
    "correction_rate",
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
    completion_rate = _rate_field()
    immediate_share = _rate_field()
    early_rate = _rate_field()
    on_time_rate = _rate_field()
    speed_up_rate = _rate_field()
    online_rate = _rate_field()
    correction_rate = _rate_field()


class FiguresRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    figures = FiguresSerializer()


def _as_dict(figures: selectors.Figures) -> dict:
    names = (*COUNTERS, "overdue_completed", "online_received", "working_days", "per_working_day", *RATES)
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
        rows = FiguresRowSerializer(many=True)

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
                }
            ).data
        )
