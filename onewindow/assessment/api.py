"""The assessment and attendance API (/api/v1/assessment/…, /api/v1/attendance/…): the same
filters, scope and services as the pages."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from onewindow.assessment import permissions, selectors, services
from onewindow.assessment.forms import (
    AwardForm,
    ComputeForm,
    DepartmentReportForm,
    ExplainForm,
    RankingForm,
    SheetForm,
)
from onewindow.assessment.models import AttendanceDay, Award, Indicator, Score, SubjectKind
from onewindow.assessment.rules import hours_for, scheme_for
from onewindow.assessment.scoring import BadMonth, month_last_day, parse_month
from onewindow.assessment.views import PAGE_SIZE
from onewindow.common import clock
from onewindow.common.api import LimitOffsetPagination, NamedApiView, NotAllowed
from onewindow.org.selectors import (
    access_for,
    department_visible_to,
    site_visible_to,
    staff_visible_to,
    window_visible_to,
)
from onewindow.workcalendar.selectors import working_calendar


def _require_reader(user) -> None:
    if not permissions.can_read(user):
        raise NotAllowed(_("只有中心办公室、业务科和监察科可以查看考核考勤。"))


def _form_errors(form) -> serializers.ValidationError:
    return serializers.ValidationError({name: list(errors) for name, errors in form.errors.items()})


def _decimal(**kwargs):
    return serializers.DecimalField(max_digits=10, decimal_places=4, coerce_to_string=False, **kwargs)


def _page(serializer_class, name: str):
    """The OpenAPI shape of a limit/offset page."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )


#: What a record behind a score is.
RECORD_KINDS = [
    ("case", "办件"),
    ("rating", "评价"),
    ("complaint", "投诉"),
    ("finding", "效能问责"),
    ("attendance", "考勤"),
    ("coverage", "AB岗值班"),
]

PAGING = [
    OpenApiParameter("limit", OpenApiTypes.INT, description=f"每页条数（默认 {PAGE_SIZE}，最多 200）"),
    OpenApiParameter("offset", OpenApiTypes.INT),
]


# Attendance ---------------------------------------------------------------------------------------


class AttendanceDaySerializer(serializers.Serializer):
    work_date = serializers.DateField()
    signed_in_at = serializers.DateTimeField()
    signed_out_at = serializers.DateTimeField(allow_null=True)


class AttendanceSignedSerializer(serializers.Serializer):
    day = AttendanceDaySerializer()
    changed = serializers.BooleanField(help_text="false：当天已签到（签退）过，本次未作改动")
    message = serializers.CharField()


def _signed(result: services.Signed) -> Response:
    data = AttendanceSignedSerializer(
        {"day": result.day, "changed": result.changed, "message": result.message}
    ).data
    return Response(data, status=status.HTTP_201_CREATED if result.changed else status.HTTP_200_OK)


def _own_staff(request):
    staff = access_for(request.user).staff
    if staff is None:
        raise NotAllowed(_("只有工作人员可以签到、签退。"))
    return staff


class AttendanceSignInApi(NamedApiView):
    """Sign yourself in for today (the hall's time zone). A second sign-in the same day changes
    nothing: 200 with `changed: false` and when the first was; the first is 201."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="attendance_sign_in",
        request=None,
        responses={
            201: AttendanceSignedSerializer,
            200: AttendanceSignedSerializer,
            403: OpenApiResponse(description="不是工作人员"),
        },
    )
    def post(self, request):
        return _signed(services.attendance_sign_in(staff=_own_staff(request), at=clock.now()))


class AttendanceSignOutApi(NamedApiView):
    """Sign yourself out for today; 409 `not_signed_in` before signing in. A second sign-out the
    same day changes nothing (200, `changed: false`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="attendance_sign_out",
        request=None,
        responses={
            201: AttendanceSignedSerializer,
            200: AttendanceSignedSerializer,
            409: OpenApiResponse(description="今天还没有签到"),
        },
    )
    def post(self, request):
        return _signed(services.attendance_sign_out(staff=_own_staff(request), at=clock.now()))


class AttendanceTodayApi(NamedApiView):
    """Your sign-in and sign-out of today and the hours in force at your site."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        work_date = serializers.DateField()
        signed_in_at = serializers.DateTimeField(allow_null=True)
        signed_out_at = serializers.DateTimeField(allow_null=True)
        opens_at = serializers.TimeField()
        closes_at = serializers.TimeField()
        grace_minutes = serializers.IntegerField()

    @extend_schema(operation_id="attendance_today", responses=OutputSerializer)
    def get(self, request):
        staff = _own_staff(request)
        today = clock.today()
        row = AttendanceDay.objects.filter(staff=staff, work_date=today).first()
        hours = hours_for(staff.site).hours
        return Response(
            self.OutputSerializer(
                {
                    "work_date": today,
                    "signed_in_at": row.signed_in_at if row else None,
                    "signed_out_at": row.signed_out_at if row else None,
                    "opens_at": hours.opens,
                    "closes_at": hours.closes,
                    "grace_minutes": hours.grace_minutes,
                }
            ).data
        )


class AttendanceSheetDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    mark = serializers.CharField(
        help_text="NORMAL 正常, LATE 迟到, EARLY 早退或未签退, LATE_EARLY, ABSENT 缺勤, LEAVE 请假/培训/出差, "
        "PENDING 今天或以后, OFF 未排班, REST 休息日"
    )
    signed_in_at = serializers.DateTimeField(allow_null=True)
    signed_out_at = serializers.DateTimeField(allow_null=True)


class AttendanceSheetTallySerializer(serializers.Serializer):
    due = serializers.IntegerField(help_text="应出勤天数（排班的工作日，不含请假等）")
    normal = serializers.IntegerField()
    late = serializers.IntegerField()
    early = serializers.IntegerField(help_text="早退或未签退")
    absent = serializers.IntegerField()
    leave = serializers.IntegerField()


class AttendanceSheetRowSerializer(serializers.Serializer):
    staff = serializers.IntegerField(source="staff.pk")
    name = serializers.CharField(source="staff.name")
    employee_number = serializers.CharField(source="staff.employee_number")
    days = AttendanceSheetDaySerializer(many=True)
    totals = AttendanceSheetTallySerializer(source="tally")


class AttendanceSheetApi(NamedApiView):
    """A site's monthly attendance sheet (the office and the sections, for the sites they see):
    each staff member on its roster or signed in that month, each day's mark, the month's counts."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        site = serializers.IntegerField(source="site.pk")
        month = serializers.CharField()
        opens_at = serializers.TimeField()
        closes_at = serializers.TimeField()
        rows = AttendanceSheetRowSerializer(many=True)

    @extend_schema(
        operation_id="attendance_sheet",
        parameters=[
            OpenApiParameter("month", str, description="YYYY-MM（默认本月）"),
            OpenApiParameter("site", OpenApiTypes.INT, description="服务中心 id（默认本人所在中心）"),
        ],
        responses=OutputSerializer,
    )
    def get(self, request):
        _require_reader(request.user)
        today = clock.today()
        form = SheetForm(request.query_params, sites=site_visible_to(request.user), today=today)
        if not form.is_valid():
            raise _form_errors(form)
        site = form.cleaned_data.get("site")
        if site is None and access_for(request.user).staff is not None:
            site = access_for(request.user).staff.site
        if site is None:
            raise serializers.ValidationError({"site": [_("请指定服务中心。")]})
        month = form.cleaned_data["month"]
        sheet = selectors.attendance_sheet(site=site, month=month, today=today)
        rows = [
            {
                "staff": row.staff,
                "days": [
                    {
                        "date": cell.day,
                        "mark": str(cell.mark),
                        "signed_in_at": cell.signed_in,
                        "signed_out_at": cell.signed_out,
                    }
                    for cell in row.cells
                ],
                "tally": row.tally,
            }
            for row in sheet["rows"]
        ]
        return Response(
            self.OutputSerializer(
                {
                    "site": site,
                    "month": f"{month:%Y-%m}",
                    "opens_at": sheet["hours"].opens,
                    "closes_at": sheet["hours"].closes,
                    "rows": rows,
                }
            ).data
        )


class AttendanceHoursSerializer(serializers.Serializer):
    opens_at = serializers.TimeField(format="%H:%M", input_formats=["%H:%M"])
    closes_at = serializers.TimeField(format="%H:%M", input_formats=["%H:%M"])
    grace_minutes = serializers.IntegerField(min_value=0, max_value=60)


class AttendanceHoursApi(NamedApiView):
    """A site's attendance hours in force (its own, inherited from the nearest site above, or
    09:00–17:00); PUT keeps the site's own (the center office of the site or above)."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(AttendanceHoursSerializer):
        source_site = serializers.IntegerField(allow_null=True, help_text="规则所属中心；null 为默认")

    def _answer(self, site) -> Response:
        in_force = hours_for(site)
        return Response(
            self.OutputSerializer(
                {
                    "opens_at": in_force.hours.opens,
                    "closes_at": in_force.hours.closes,
                    "grace_minutes": in_force.hours.grace_minutes,
                    "source_site": in_force.source_site_id,
                }
            ).data
        )

    @extend_schema(operation_id="attendance_hours_read", responses=OutputSerializer)
    def get(self, request, site_id: int):
        _require_reader(request.user)
        return self._answer(get_object_or_404(site_visible_to(request.user), pk=site_id))

    @extend_schema(
        operation_id="attendance_hours_save", request=AttendanceHoursSerializer, responses=OutputSerializer
    )
    def put(self, request, site_id: int):
        _require_reader(request.user)
        site = get_object_or_404(site_visible_to(request.user), pk=site_id)
        data = AttendanceHoursSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.attendance_rule_save(site=site, user=request.user, at=clock.now(), **data.validated_data)
        return self._answer(site)


# Scores -------------------------------------------------------------------------------------------


class AssessmentComponentSerializer(serializers.Serializer):
    indicator = serializers.ChoiceField(choices=Indicator.choices)
    label = serializers.SerializerMethodField()
    value = _decimal(allow_null=True, help_text="比率 0–1（扣分项为 null）")
    numerator = _decimal(help_text="分子；扣分项为件（次）数")
    denominator = _decimal()
    weight = _decimal(help_text="方案中的权重")
    effective_weight = _decimal(help_text="实际权重：无数据指标的权重按比例分配后")
    points = _decimal(help_text="得分；扣分项为负数")
    detail = serializers.JSONField()

    def get_label(self, component) -> str:
        return str(Indicator(component.indicator).label)


class AssessmentScoreSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    month = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=SubjectKind.choices)
    window = serializers.IntegerField(source="window_id", allow_null=True)
    staff = serializers.IntegerField(source="staff_id", allow_null=True)
    label = serializers.SerializerMethodField()
    site = serializers.IntegerField(source="site_id")
    department = serializers.IntegerField(source="department_id", allow_null=True)
    total = _decimal()
    positive = _decimal()
    deducted = _decimal()
    through_date = serializers.DateField()
    computed_at = serializers.DateTimeField()
    components = AssessmentComponentSerializer(many=True)
    url = serializers.SerializerMethodField(help_text="计分依据页面")

    def get_month(self, score) -> str:
        return f"{score.month:%Y-%m}"

    def get_label(self, score) -> str:
        return selectors.subject_label(score)

    def get_url(self, score) -> str:
        return reverse("assessment:score", args=[score.pk])


class AssessmentRankedSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    score = AssessmentScoreSerializer()


class ScoreListApi(NamedApiView):
    """A month's ranking of windows or staff members over the sites you see (a site with the
    sites under it): rank (ties share one), score and each component."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="assessment_scores",
        parameters=[
            OpenApiParameter("month", str, description="YYYY-MM（默认上月）"),
            OpenApiParameter("kind", str, enum=["window", "staff"], description="默认 window"),
            OpenApiParameter("site", OpenApiTypes.INT, description="服务中心 id（含其下级网点）"),
            *PAGING,
        ],
        responses=_page(AssessmentRankedSerializer, "AssessmentScorePageSerializer"),
    )
    def get(self, request):
        _require_reader(request.user)
        form = RankingForm(request.query_params, sites=site_visible_to(request.user), today=clock.today())
        if not form.is_valid():
            raise _form_errors(form)
        data = form.cleaned_data
        sites = site_visible_to(request.user)
        if data.get("site") is not None:
            sites = sites.filter(path__startswith=data["site"].path)
        scores = selectors.score_visible_to(request.user).filter(site__in=sites)
        ranked = selectors.ranking(scores, month=data["month"], kind=form.subject_kind)
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(ranked, request, view=self)
        rows = [{"rank": row.rank, "score": row.score} for row in page]
        return paginator.get_paginated_response(AssessmentRankedSerializer(rows, many=True).data)


class ScoreDetailApi(NamedApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="assessment_score", responses=AssessmentScoreSerializer)
    def get(self, request, score_id: int):
        _require_reader(request.user)
        score = get_object_or_404(
            selectors.score_visible_to(request.user).prefetch_related("components"), pk=score_id
        )
        return Response(AssessmentScoreSerializer(score).data)


class AssessmentRecordSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["case", "rating", "complaint", "finding", "attendance", "coverage"]
    )
    date = serializers.DateField()
    reference = serializers.CharField(help_text="办件编号、投诉编号、问责 id、窗口号或值班人员")
    description = serializers.CharField()
    url = serializers.CharField(allow_blank=True, help_text="记录所在页面（如有）")
    flags = serializers.DictField(
        help_text="办件：on_time, early, promised, on_site；评价：bad；考勤：mark；AB岗：holds_post"
    )


def _records(score: Score, indicator: str, lines) -> list[dict]:
    kind = selectors.RECORD_KINDS[indicator]
    if kind == "cases":
        calendar = working_calendar()
        out = []
        for case in lines:
            line = selectors.case_outcome(case, calendar=calendar)
            out.append(
                {
                    "kind": "case",
                    "date": case.decided_date,
                    "reference": case.reference,
                    "description": case.version.name,
                    "url": reverse("cases:detail", args=[case.reference]),
                    "flags": {
                        "on_time": line.on_time,
                        "early": line.early,
                        "promised": line.promised,
                        "on_site": line.on_site,
                    },
                }
            )
        return out
    if kind == "ratings":
        return [
            {
                "kind": "rating",
                "date": rating.rated_date,
                "reference": rating.case.reference if rating.case else "",
                "description": rating.level_label,
                "url": reverse("cases:detail", args=[rating.case.reference]) if rating.case else "",
                "flags": {"bad": rating.is_bad, "default": rating.is_default},
            }
            for rating in lines
        ]
    if kind == "complaints":
        return [
            {
                "kind": "complaint",
                "date": complaint.answered_at.date(),
                "reference": complaint.number,
                "description": f"{complaint.get_result_display()}：{complaint.title}",
                "url": reverse("complaints:detail", args=[complaint.pk]),
                "flags": {"result": complaint.result},
            }
            for complaint in lines
        ]
    if kind == "findings":
        return [
            {
                "kind": "finding",
                "date": finding.recorded_date,
                "reference": str(finding.pk),
                "description": f"{finding.get_kind_display()}：{finding.basis[:100]}",
                "url": reverse("supervision:findings"),
                "flags": {"kind": finding.kind, "appeal": finding.appeal},
            }
            for finding in lines
        ]
    if kind == "attendance":
        return [
            {
                "kind": "attendance",
                "date": line.day.day,
                "reference": f"{line.window.number}",
                "description": line.staff.name,
                "url": reverse("assessment:attendance") + f"?month={score.month:%Y-%m}&site={score.site_id}",
                "flags": {
                    "mark": str(line.day.mark),
                    "signed_in_at": line.day.signed_in_at.isoformat() if line.day.signed_in_at else None,
                    "signed_out_at": line.day.signed_out_at.isoformat() if line.day.signed_out_at else None,
                },
            }
            for line in lines
        ]
    return [
        {
            "kind": "coverage",
            "date": line.day,
            "reference": line.staff.name if line.staff else "",
            "description": _("A岗或B岗在岗") if line.holds_post else _("非A/B岗或无人值守"),
            "url": "",
            "flags": {"holds_post": line.holds_post},
        }
        for line in lines
    ]


class ScoreRecordsApi(NamedApiView):
    """The records behind one component of a score (those you may see): the cases, ratings,
    complaints, findings, attendance days or roster days it was counted from."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="assessment_score_records",
        parameters=[
            OpenApiParameter("indicator", str, enum=Indicator.values, description="默认 ON_TIME"),
            *PAGING,
        ],
        responses=_page(AssessmentRecordSerializer, "AssessmentRecordPageSerializer"),
    )
    def get(self, request, score_id: int):
        _require_reader(request.user)
        score = get_object_or_404(selectors.score_visible_to(request.user), pk=score_id)
        form = ExplainForm(request.query_params)
        if not form.is_valid():
            raise _form_errors(form)
        indicator = form.cleaned_data.get("indicator") or Indicator.ON_TIME
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(
            selectors.records_of(score, indicator, user=request.user), request, view=self
        )
        return paginator.get_paginated_response(
            AssessmentRecordSerializer(_records(score, indicator, page), many=True).data
        )


class AssessmentRunSerializer(serializers.Serializer):
    month = serializers.SerializerMethodField()
    site = serializers.IntegerField(source="site_id")
    through_date = serializers.DateField()
    computed_at = serializers.DateTimeField()
    windows = serializers.IntegerField()
    staff = serializers.IntegerField()

    def get_month(self, run) -> str:
        return f"{run.month:%Y-%m}"


class ScoreRunApi(NamedApiView):
    """(Re)compute a month's scores of a site's tree now (the center office of the site or above);
    a month not yet over is assessed through yesterday."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        month = serializers.CharField(help_text="YYYY-MM")
        site = serializers.IntegerField(min_value=1, max_value=10**18 - 1)

    @extend_schema(
        operation_id="assessment_compute", request=InputSerializer, responses=AssessmentRunSerializer
    )
    def post(self, request):
        _require_reader(request.user)
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = ComputeForm(body.validated_data, sites=site_visible_to(request.user))
        if not form.is_valid():
            raise _form_errors(form)
        run = services.scores_compute(
            month=form.cleaned_data["month"],
            site=form.cleaned_data["site"],
            at=clock.now(),
            user=request.user,
        )
        return Response(AssessmentRunSerializer(run).data)


class AssessmentSchemeSerializer(serializers.Serializer):
    """The positive weights (whole numbers, summing to 100), the points each deduction costs and the
    share of a department's annual assessment."""

    weight_on_time = serializers.IntegerField(min_value=0, max_value=100)
    weight_early = serializers.IntegerField(min_value=0, max_value=100)
    weight_satisfaction = serializers.IntegerField(min_value=0, max_value=100)
    weight_attendance = serializers.IntegerField(min_value=0, max_value=100)
    weight_ab_coverage = serializers.IntegerField(min_value=0, max_value=100)
    weight_on_site = serializers.IntegerField(min_value=0, max_value=100)
    complaint_upheld_points = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    complaint_partly_points = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    finding_reminder_points = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    finding_warning_points = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    finding_criticism_points = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    finding_referral_points = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100
    )
    department_share = serializers.IntegerField(min_value=0, max_value=100)


class SchemeApi(NamedApiView):
    """A site's assessment scheme in force (its own, inherited from the nearest site above, or the
    defaults); PUT keeps the site's own (the center office of the site or above). Weights not
    summing to 100 are a 400 naming `weights`."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(AssessmentSchemeSerializer):
        source_site = serializers.IntegerField(allow_null=True, help_text="方案所属中心；null 为默认方案")

    def _answer(self, site) -> Response:
        in_force = scheme_for(site)
        return Response(
            self.OutputSerializer({**in_force.values, "source_site": in_force.source_site_id}).data
        )

    @extend_schema(operation_id="assessment_scheme_read", responses=OutputSerializer)
    def get(self, request, site_id: int):
        _require_reader(request.user)
        return self._answer(get_object_or_404(site_visible_to(request.user), pk=site_id))

    @extend_schema(
        operation_id="assessment_scheme_save", request=AssessmentSchemeSerializer, responses=OutputSerializer
    )
    def put(self, request, site_id: int):
        _require_reader(request.user)
        site = get_object_or_404(site_visible_to(request.user), pk=site_id)
        data = AssessmentSchemeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.scheme_save(site=site, user=request.user, at=clock.now(), values=data.validated_data)
        return self._answer(site)


# Awards -------------------------------------------------------------------------------------------


class AssessmentAwardSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    month = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=Award.Kind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    site = serializers.IntegerField(source="site_id")
    window = serializers.IntegerField(source="window_id", allow_null=True)
    window_label = serializers.SerializerMethodField()
    staff = serializers.IntegerField(source="staff_id", allow_null=True)
    staff_name = serializers.SerializerMethodField()
    employee_number = serializers.SerializerMethodField()
    score_total = _decimal()
    rank = serializers.IntegerField(help_text="本中心当月名次")
    status = serializers.ChoiceField(choices=Award.Status.choices)
    granted_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    revoke_reason = serializers.CharField()

    def get_month(self, award) -> str:
        return f"{award.month:%Y-%m}"

    def get_window_label(self, award) -> str:
        return f"{award.window.number}号窗口 {award.window.name}" if award.window else ""

    def get_staff_name(self, award) -> str:
        return award.staff.name if award.staff else ""

    def get_employee_number(self, award) -> str:
        return award.staff.employee_number if award.staff else ""


class AssessmentPublicAwardSerializer(serializers.Serializer):
    """What the portal publishes: no personal data beyond a staff member's name and number."""

    month = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=Award.Kind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    site_name = serializers.CharField(source="site.name")
    window_label = serializers.SerializerMethodField()
    staff_name = serializers.SerializerMethodField()
    employee_number = serializers.SerializerMethodField()
    score_total = _decimal()

    get_month = AssessmentAwardSerializer.get_month
    get_window_label = AssessmentAwardSerializer.get_window_label
    get_staff_name = AssessmentAwardSerializer.get_staff_name
    get_employee_number = AssessmentAwardSerializer.get_employee_number


class AwardListApi(NamedApiView):
    """GET: the awards of the sites you see (the office and the sections), newest month first;
    `month` and `status` narrow. POST: the office names a 红旗窗口 (`kind` RED_FLAG_WINDOW,
    `window`) or 服务标兵 (MODEL_STAFF, `staff`) of a month it has scored; it waits for publication."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        month = serializers.CharField(help_text="YYYY-MM")
        kind = serializers.ChoiceField(choices=Award.Kind.choices)
        window = serializers.IntegerField(required=False, min_value=1, max_value=10**18 - 1)
        staff = serializers.IntegerField(required=False, min_value=1, max_value=10**18 - 1)

    @extend_schema(
        operation_id="assessment_awards",
        parameters=[
            OpenApiParameter("month", str, description="YYYY-MM"),
            OpenApiParameter("status", str, enum=Award.Status.values),
            *PAGING,
        ],
        responses=_page(AssessmentAwardSerializer, "AssessmentAwardPageSerializer"),
    )
    def get(self, request):
        _require_reader(request.user)
        awards = selectors.awards_visible_to(request.user).order_by("-month", "kind", "rank", "id")
        month = request.query_params.get("month", "")
        if month:
            try:
                awards = awards.filter(month=parse_month(month))
            except BadMonth:
                raise serializers.ValidationError({"month": [_("月份格式应为 YYYY-MM。")]}) from None
        wanted = request.query_params.get("status", "")
        if wanted:
            if wanted not in Award.Status.values:
                raise serializers.ValidationError({"status": [_("状态无效。")]})
            awards = awards.filter(status=wanted)
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(awards, request, view=self)
        return paginator.get_paginated_response(AssessmentAwardSerializer(page, many=True).data)

    @extend_schema(
        operation_id="assessment_award_grant",
        request=InputSerializer,
        responses={
            201: AssessmentAwardSerializer,
            409: OpenApiResponse(description="尚未计算该月考核，或已评定"),
        },
    )
    def post(self, request):
        _require_reader(request.user)
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = AwardForm(
            body.validated_data, windows=window_visible_to(request.user), staff=staff_visible_to(request.user)
        )
        if not form.is_valid():
            raise _form_errors(form)
        data = form.cleaned_data
        award = services.award_grant(
            user=request.user,
            month=data["month"],
            kind=data["kind"],
            window=data.get("window"),
            staff=data.get("staff"),
            at=clock.now(),
        )
        return Response(AssessmentAwardSerializer(award).data, status=status.HTTP_201_CREATED)


class AwardPublishApi(NamedApiView):
    """Publish the month's awards waiting at a site's tree on the portal (the center office)."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        month = serializers.CharField(help_text="YYYY-MM")
        site = serializers.IntegerField(min_value=1, max_value=10**18 - 1)

    class OutputSerializer(serializers.Serializer):
        published = serializers.IntegerField()

    @extend_schema(
        operation_id="assessment_awards_publish",
        request=InputSerializer,
        responses={200: OutputSerializer, 409: OpenApiResponse(description="没有待发布的评定")},
    )
    def post(self, request):
        _require_reader(request.user)
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = ComputeForm(body.validated_data, sites=site_visible_to(request.user))
        if not form.is_valid():
            raise _form_errors(form)
        count = services.awards_publish(
            user=request.user,
            month=form.cleaned_data["month"],
            site=form.cleaned_data["site"],
            at=clock.now(),
        )
        return Response({"published": count})


class AwardRevokeApi(NamedApiView):
    """Revoke an award with a reason (kept on record, gone from the portal)."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=200)

    @extend_schema(
        operation_id="assessment_award_revoke", request=InputSerializer, responses=AssessmentAwardSerializer
    )
    def post(self, request, award_id: int):
        _require_reader(request.user)
        award = get_object_or_404(selectors.awards_visible_to(request.user), pk=award_id)
        body = self.InputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        award = services.award_revoke(
            user=request.user, award=award, reason=body.validated_data["reason"], at=clock.now()
        )
        return Response(AssessmentAwardSerializer(award).data)


class PublicAwardsApi(NamedApiView):
    """红旗窗口 and 服务标兵 as published on the portal (no login): the last twelve months, or `month`."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="assessment_awards_public",
        parameters=[OpenApiParameter("month", str, description="YYYY-MM")],
        responses=AssessmentPublicAwardSerializer(many=True),
    )
    def get(self, request):
        month = request.query_params.get("month", "")
        if month:
            try:
                wanted = parse_month(month)
            except BadMonth:
                raise serializers.ValidationError({"month": [_("月份格式应为 YYYY-MM。")]}) from None
            awards = [
                award
                for group in selectors.published_awards(today=month_last_day(wanted), months=1)
                for award in (*group["windows"], *group["staff"])
            ]
        else:
            awards = [
                award
                for group in selectors.published_awards(today=clock.today())
                for award in (*group["windows"], *group["staff"])
            ]
        return Response(AssessmentPublicAwardSerializer(awards, many=True).data)


# The department report ----------------------------------------------------------------------------


class AssessmentDepartmentLineSerializer(serializers.Serializer):
    department = serializers.IntegerField(source="department.pk")
    name = serializers.CharField(source="department.name")
    site = serializers.IntegerField(source="department.site_id")
    accepted = serializers.IntegerField()
    completed = serializers.IntegerField()
    on_time_rate = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    early_rate = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    ratings = serializers.IntegerField()
    satisfaction = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    complaints_upheld = serializers.IntegerField()
    findings = serializers.IntegerField()
    window_months = serializers.IntegerField(help_text="计入平均的窗口月数")
    window_average = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    share = serializers.IntegerField(help_text="计入部门年度考核的比例（%）")
    share_points = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        allow_null=True,
        coerce_to_string=False,
        help_text="折算分（满分 = share）",
    )


class DepartmentReportApi(NamedApiView):
    """Each department's year (or month) for its annual assessment: cases, on-time and early rates
    (percent), satisfaction, complaints upheld, findings, its windows' average monthly score and
    that score scaled by the scheme's share."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        date_from = serializers.DateField()
        date_to = serializers.DateField()
        departments = AssessmentDepartmentLineSerializer(many=True)

    @extend_schema(
        operation_id="assessment_departments",
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="默认今年"),
            OpenApiParameter("month", OpenApiTypes.INT, description="1–12；不填为全年"),
            OpenApiParameter("site", OpenApiTypes.INT, description="服务中心 id（含其下级网点）"),
            OpenApiParameter("department", OpenApiTypes.INT),
        ],
        responses=OutputSerializer,
    )
    def get(self, request):
        _require_reader(request.user)
        form = DepartmentReportForm(
            request.query_params,
            sites=site_visible_to(request.user),
            departments=department_visible_to(request.user),
            today=clock.today(),
        )
        if not form.is_valid():
            raise _form_errors(form)
        data = form.cleaned_data
        first = date(data["year"], data.get("month") or 1, 1)
        last = month_last_day(first) if data.get("month") else date(data["year"], 12, 31)
        sites = site_visible_to(request.user)
        if data.get("site") is not None:
            sites = sites.filter(path__startswith=data["site"].path)
        lines = selectors.department_report(
            sites=list(sites.values_list("pk", flat=True)),
            first=first,
            last=last,
            departments=[data["department"].pk] if data.get("department") else None,
        )
        return Response(
            self.OutputSerializer({"date_from": first, "date_to": last, "departments": lines}).data
        )
