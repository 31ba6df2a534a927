"""The 好差评 API: push a service to the window's tablet, rate a service (tablet) or a case (query
code or SMS link), the scoped lists of ratings and rectifications, a rectification's commands
(submit, visit, verify), an appeal and its decision, and the public satisfaction figures.
The public case rating counts submissions per client address (limits.over_limit: 429) and its
failed query codes as the progress lookup does; the tablet's rating needs the service's one-time
token instead."""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from onewindow.cases.progress import TooManyAttempts, progress_lookup
from onewindow.cases.selectors import case_by_reference, case_visible_to
from onewindow.catalog.forms import validate_upload
from onewindow.common import clock, keyset
from onewindow.common.api import (
    IdField,
    NamedApiView,
    keyset_cursor,
    keyset_envelope,
    keyset_limit,
    keyset_parameters,
    keyset_response,
)
from onewindow.common.dbrouter import reading_replica
from onewindow.common.parsing import BadInput, parse_calendar_date
from onewindow.common.privacy import mask_name, mask_phone
from onewindow.evaluations import selectors, services
from onewindow.evaluations.limits import over_limit
from onewindow.evaluations.models import Appeal, Channel, Level, Rating, Rectification, Service
from onewindow.org.models import Window


def _too_many(message: str) -> Response:
    return Response(
        {"code": "too_many_attempts", "message": message}, status=status.HTTP_429_TOO_MANY_REQUESTS
    )


class RatingInputSerializer(serializers.Serializer):
    level = serializers.ChoiceField(
        choices=Level.choices, help_text="GB/T 39046 代码：1 非常满意 … 5 非常不满意（4、5 为差评）"
    )
    reasons = serializers.ListField(
        child=serializers.CharField(max_length=20), required=False, default=list, max_length=10
    )
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def rating_input(self) -> services.RatingInput:
        data = self.validated_data
        return services.RatingInput(
            level=int(data["level"]), reasons=tuple(data["reasons"]), comment=data["comment"]
        )


class RatingSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.reference", read_only=True, allow_null=True)
    window_number = serializers.CharField(source="window.number", read_only=True, allow_null=True)
    staff_name = serializers.CharField(source="staff.name", read_only=True, allow_null=True)
    department_name = serializers.CharField(source="department.name", read_only=True, allow_null=True)
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    level = serializers.IntegerField(read_only=True)
    rater_name = serializers.SerializerMethodField()
    rater_phone = serializers.SerializerMethodField()

    class Meta:
        model = Rating
        fields = [
            "id",
            "site",
            "case_number",
            "window_number",
            "staff",
            "staff_name",
            "department",
            "department_name",
            "level",
            "level_label",
            "reasons",
            "reason_labels",
            "comment",
            "channel",
            "channel_display",
            "is_bad",
            "is_default",
            "follow_up_of",
            "is_current",
            "counted",
            "rater_name",
            "rater_phone",
            "rated_at",
        ]

    def _whole(self) -> bool:
        return self.context.get("whole", False)

    def get_rater_name(self, rating) -> str:
        return rating.rater_name if self._whole() else mask_name(rating.rater_name)

    def get_rater_phone(self, rating) -> str:
        return rating.rater_phone if self._whole() else mask_phone(rating.rater_phone)


class PublicRatingSerializer(serializers.Serializer):
    """What a rater gets back: no one's personal data."""

    id = serializers.IntegerField()
    level = serializers.IntegerField()
    level_label = serializers.CharField()
    is_bad = serializers.BooleanField()
    follow_up = serializers.BooleanField(source="follow_up_of_id", help_text="是否为追评")
    rectification_number = serializers.SerializerMethodField()

    def get_rectification_number(self, rating) -> str | None:
        rectification = Rectification.objects.filter(rating=rating).first()
        return rectification.number if rectification else None


class RectificationSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    level_label = serializers.CharField(source="rating.level_label", read_only=True)
    reason_labels = serializers.CharField(source="rating.reason_labels", read_only=True)
    comment = serializers.CharField(source="rating.comment", read_only=True)
    case_number = serializers.CharField(source="rating.case.reference", read_only=True, allow_null=True)
    light = serializers.SerializerMethodField()
    returned_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Rectification
        fields = [
            "id",
            "number",
            "rating",
            "site",
            "department",
            "department_name",
            "status",
            "status_display",
            "light",
            "level_label",
            "reason_labels",
            "comment",
            "case_number",
            "opened_at",
            "due_date",
            "measures",
            "submitted_at",
            "visit_method",
            "visit_answer",
            "visit_note",
            "visited_at",
            "verify_note",
            "verified_at",
            "returned_count",
        ]

    def get_light(self, rectification) -> str:
        return selectors.rectification_light(rectification, today=clock.today())


class AppealSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    ground_display = serializers.CharField(source="get_ground_display", read_only=True)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = Appeal
        fields = [
            "id",
            "rating",
            "ground",
            "ground_display",
            "reason",
            "has_evidence",
            "filed_at",
            "status",
            "status_display",
            "decision_note",
            "decided_at",
        ]

    def get_has_evidence(self, appeal) -> bool:
        return bool(appeal.evidence)


class ServicePushApi(NamedApiView):
    """The clerk ends a service: the window's tablet asks the citizen to rate it."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        window = IdField(help_text="窗口 id")
        case = serializers.CharField(
            max_length=30, required=False, allow_blank=True, default="", help_text="办件编号（可选）"
        )

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        window = serializers.IntegerField(source="window_id")
        status = serializers.ChoiceField(choices=Service.Status.choices)
        ended_at = serializers.DateTimeField()

    @extend_schema(
        operation_id="evaluation_service_push", request=InputSerializer, responses=OutputSerializer
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        window = get_object_or_404(Window.objects.select_related("site"), pk=data.validated_data["window"])
        case = None
        if data.validated_data["case"]:
            case = case_by_reference(case_visible_to(request.user), data.validated_data["case"])
            if case is None:
                raise serializers.ValidationError({"case": [_("没有找到该办件。")]})
        service = services.service_push(user=request.user, window=window, case=case, at=clock.now())
        return Response(self.OutputSerializer(service).data, status=status.HTTP_201_CREATED)


class WindowRatingApi(NamedApiView):
    """Public (the window's tablet): rate the service waiting at the window, by its token."""

    permission_classes = [AllowAny]
    authentication_classes = []

    class InputSerializer(RatingInputSerializer):
        token = serializers.CharField(max_length=40)

    @extend_schema(
        operation_id="evaluation_rate_service",
        request=InputSerializer,
        responses={201: PublicRatingSerializer},
    )
    def post(self, request):
        # not limited per address: the one-time token allows one rating, and a hall's tablets
        # may all reach the server through one address
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = services.rating_at_window(
            token=data.validated_data["token"], given=data.rating_input(), at=clock.now()
        )
        return Response(PublicRatingSerializer(rating).data, status=status.HTTP_201_CREATED)


class CaseRatingApi(NamedApiView):
    """Public: rate a finished case (一事一评; the second time is the one follow-up, 追评) with its
    number and query code, or with the token of the SMS link."""

    permission_classes = [AllowAny]
    authentication_classes = []

    class InputSerializer(RatingInputSerializer):
        number = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
        query_code = serializers.CharField(max_length=8, required=False, allow_blank=True, default="")
        link_token = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="evaluation_rate_case", request=InputSerializer, responses={201: PublicRatingSerializer}
    )
    def post(self, request):
        message = over_limit(request)
        if message:
            return _too_many(message)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["link_token"]:
            case, channel = services.case_for_rate_link(values["link_token"]), Channel.SMS
        else:
            # a wrong code counts as a failed progress lookup; past the limit, even the right one
            # is refused
            try:
                found = (
                    progress_lookup(request, number=values["number"].strip(), query_code=values["query_code"])
                    if values["number"].strip()
                    else None
                )
            except TooManyAttempts as error:
                return _too_many(str(error))
            case, channel = (found.case if found else None), Channel.PROGRESS
        if case is None:
            return Response(
                {"code": "not_found", "message": _("没有找到该办件，请核对办件编号和查询码。")},
                status=status.HTTP_404_NOT_FOUND,
            )
        rating = services.rating_of_case(
            case=case, channel=channel, given=data.rating_input(), at=clock.now()
        )
        return Response(PublicRatingSerializer(rating).data, status=status.HTTP_201_CREATED)


def _date_param(request, name: str) -> date | None:
    value = request.query_params.get(name, "")
    if not value:
        return None
    try:
        return parse_calendar_date(value, label=name)
    except BadInput as error:
        raise serializers.ValidationError({name: [str(error)]}) from None


class RatingListApi(NamedApiView):
    """Ratings you see (office, supervision, business: your site and below; a department: its
    own; a clerk: their own), newest first; raters masked unless you handle ratings."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="evaluation_rating_list",
        parameters=[
            OpenApiParameter("bad", bool, description="只看差评"),
            OpenApiParameter("department", int),
            OpenApiParameter("channel", str, enum=Channel.values),
            OpenApiParameter("from", str, description="YYYY-MM-DD"),
            OpenApiParameter("to", str, description="YYYY-MM-DD"),
            *keyset_parameters(),
        ],
        responses=keyset_envelope(RatingSerializer, "EvaluationRatingPageSerializer"),
    )
    def get(self, request):
        ratings = selectors.filtered_ratings(
            selectors.ratings_visible_to(request.user),
            bad=request.query_params.get("bad", ""),
            department=request.query_params.get("department", ""),
            channel=request.query_params.get("channel", ""),
            first=_date_param(request, "from"),
            last=_date_param(request, "to"),
        )
        page = keyset.paginate(
            ratings.select_related("case", "window", "staff__user", "department"),
            ordering=("-rated_at", "-id"),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="evaluation-ratings",
        )
        context = {"whole": selectors.handles_raters(request.user)}
        return keyset_response(request, page, RatingSerializer(page.rows, many=True, context=context).data)


class RectificationListApi(NamedApiView):
    """Rectifications you see, soonest due first; `status` narrows."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="evaluation_rectification_list",
        parameters=[
            OpenApiParameter("status", str, enum=Rectification.Status.values),
            *keyset_parameters(),
        ],
        responses=keyset_envelope(RectificationSerializer, "EvaluationRectificationPageSerializer"),
    )
    def get(self, request):
        rectifications = selectors.rectifications_visible_to(request.user)
        wanted = request.query_params.get("status", "")
        if wanted:
            if wanted not in Rectification.Status.values:
                raise serializers.ValidationError({"status": [_("状态无效。")]})
            rectifications = rectifications.filter(status=wanted)
        page = keyset.paginate(
            rectifications.select_related("department", "rating__case"),
            ordering=("due_date", "id"),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="evaluation-rectifications",
        )
        return keyset_response(request, page, RectificationSerializer(page.rows, many=True).data)


class _RectificationCommand(NamedApiView):
    permission_classes = [IsAuthenticated]

    def rectification(self, request, rectification_id: int) -> Rectification:
        return get_object_or_404(selectors.rectifications_visible_to(request.user), pk=rectification_id)


class RectificationSubmitApi(_RectificationCommand):
    """The responsible department reports its rectification measures."""

    class InputSerializer(serializers.Serializer):
        measures = serializers.CharField(max_length=4000)

    @extend_schema(
        operation_id="evaluation_rectification_submit",
        request=InputSerializer,
        responses=RectificationSerializer,
    )
    def post(self, request, rectification_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rectification = services.rectification_submit(
            user=request.user,
            rectification=self.rectification(request, rectification_id),
            measures=data.validated_data["measures"],
            at=clock.now(),
        )
        return Response(RectificationSerializer(rectification).data)


class RectificationVisitApi(_RectificationCommand):
    """The return visit (回访) to the rater, with their answer."""

    class InputSerializer(serializers.Serializer):
        method = serializers.ChoiceField(choices=Rectification.VisitMethod.choices)
        answer = serializers.ChoiceField(choices=Rectification.Answer.choices)
        note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="evaluation_rectification_visit",
        request=InputSerializer,
        responses=RectificationSerializer,
    )
    def post(self, request, rectification_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rectification = services.rectification_visit(
            user=request.user,
            rectification=self.rectification(request, rectification_id),
            at=clock.now(),
            **data.validated_data,
        )
        return Response(RectificationSerializer(rectification).data)


class RectificationVerifyApi(_RectificationCommand):
    """The office verifies the rectification (`accept`) or returns it to be done again."""

    class InputSerializer(serializers.Serializer):
        accept = serializers.BooleanField()
        note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="evaluation_rectification_verify",
        request=InputSerializer,
        responses=RectificationSerializer,
    )
    def post(self, request, rectification_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rectification = services.rectification_verify(
            user=request.user,
            rectification=self.rectification(request, rectification_id),
            at=clock.now(),
            **data.validated_data,
        )
        return Response(RectificationSerializer(rectification).data)


class AppealFileApi(NamedApiView):
    """The responsible department appeals a bad review once (multipart, with optional evidence)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    class InputSerializer(serializers.Serializer):
        ground = serializers.ChoiceField(choices=Appeal.Ground.choices)
        reason = serializers.CharField(max_length=4000)
        evidence = serializers.FileField(required=False, validators=[validate_upload])

    @extend_schema(
        operation_id="evaluation_appeal_file",
        request={"multipart/form-data": InputSerializer, "application/json": InputSerializer},
        responses={201: AppealSerializer},
    )
    def post(self, request, rating_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = get_object_or_404(selectors.ratings_visible_to(request.user), pk=rating_id)
        appeal = services.appeal_file(user=request.user, rating=rating, at=clock.now(), **data.validated_data)
        return Response(AppealSerializer(appeal).data, status=status.HTTP_201_CREATED)


class AppealDecideApi(NamedApiView):
    """The center office upholds (`uphold`: the rating leaves the figures) or rejects an appeal."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        uphold = serializers.BooleanField()
        note = serializers.CharField(max_length=500)

    @extend_schema(
        operation_id="evaluation_appeal_decide", request=InputSerializer, responses=AppealSerializer
    )
    def post(self, request, appeal_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = get_object_or_404(selectors.appeals_visible_to(request.user), pk=appeal_id)
        appeal = services.appeal_decide(
            user=request.user, appeal=appeal, at=clock.now(), **data.validated_data
        )
        return Response(AppealSerializer(appeal).data)


class SatisfactionApi(NamedApiView):
    """Public: each department's satisfaction per month (not bad ÷ all; appeals upheld left out)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    class OutputSerializer(serializers.Serializer):
        month = serializers.DateField()
        department = serializers.IntegerField(source="department_id", allow_null=True)
        department_name = serializers.CharField(source="department", help_text="空为中心综合窗口")
        total = serializers.IntegerField(source="satisfaction.total")
        bad = serializers.IntegerField(source="satisfaction.bad")
        rate = serializers.DecimalField(
            source="satisfaction.rate", max_digits=4, decimal_places=1, allow_null=True
        )

    @extend_schema(
        operation_id="evaluation_satisfaction",
        parameters=[
            OpenApiParameter("from", str, description="YYYY-MM-DD（默认本月一日）"),
            OpenApiParameter("to", str, description="YYYY-MM-DD（默认今天）"),
            OpenApiParameter("site", int, description="中心 id（含下级）"),
        ],
        responses=OutputSerializer(many=True),
    )
    @reading_replica()
    def get(self, request):
        today = clock.today()
        first = _date_param(request, "from") or today.replace(day=1)
        last = _date_param(request, "to") or today
        if first > last or (last - first).days > 3660:
            raise serializers.ValidationError({"from": [_("起止日期无效（最长十年）。")]})
        site = None
        if request.query_params.get("site"):
            site = selectors.site_by_id(request.query_params["site"])
            if site is None:
                return Response(
                    {"code": "not_found", "message": _("没有找到该中心。")}, status=status.HTTP_404_NOT_FOUND
                )
        # public and heavy: the figures are computed at most once a minute for each question
        key = f"evaluations:satisfaction-api:{first.isoformat()}:{last.isoformat()}:{site.pk if site else ''}"
        data = cache.get(key)
        if data is None:
            rows = selectors.monthly_satisfaction(site=site, first=first, last=last)
            data = self.OutputSerializer(rows, many=True).data
            cache.set(key, data, selectors.SATISFACTION_CACHE_SECONDS)
        return Response(data)
