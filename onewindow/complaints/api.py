"""The complaints API: file (the public, rate-limited; the supervision section registering one
received by phone etc.), track, rate and ask for a review by number and query code (public), the
list and a complaint (scoped by selectors.complaints_visible_to), and one endpoint per command on
a complaint: accept, decline, assign, answer, review decision. Same services as the pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

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
from onewindow.common.files import file_response
from onewindow.complaints import permissions, selectors, services, tracking
from onewindow.complaints.forms import FilterForm
from onewindow.complaints.models import (
    Channel,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    Rating,
    Result,
    Status,
)
from onewindow.org.models import Department, Staff, Window
from onewindow.org.selectors import department_visible_to


class ComplainantSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="不经办投诉的人看到的是脱敏后的姓名")
    phone = serializers.CharField()
    email = serializers.CharField()
    is_anonymous = serializers.BooleanField()
    is_masked = serializers.BooleanField()


class ComplaintAttachmentSerializer(serializers.ModelSerializer):
    size = serializers.IntegerField(read_only=True)

    class Meta:
        model = ComplaintAttachment
        fields = ["id", "name", "size", "uploaded_at"]


class ComplaintEventSerializer(serializers.ModelSerializer):
    action_display = serializers.CharField(source="get_action_display", read_only=True)
    actor = serializers.CharField(read_only=True, help_text="经办人姓名；“投诉人”或“系统”")

    class Meta:
        model = ComplaintEvent
        fields = ["action", "action_display", "at", "actor", "status_after", "comment", "is_public"]


class ComplaintSerializer(serializers.ModelSerializer):
    """A complaint as staff read it; the complainant masked unless the reader handles it."""

    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    result_display = serializers.CharField(source="get_result_display", read_only=True)
    rating_display = serializers.CharField(source="get_rating_display", read_only=True)
    complainant = serializers.SerializerMethodField()
    light = serializers.SerializerMethodField(help_text="green、yellow、red；已答复、不予受理或办结为 done")
    case_number = serializers.CharField(
        source="case.reference", read_only=True, allow_null=True, default=None
    )
    department_name = serializers.CharField(source="department.name", read_only=True, default="")
    window_name = serializers.SerializerMethodField()
    staff_name = serializers.CharField(source="staff.name", read_only=True, default="")
    investigator_name = serializers.CharField(source="investigator.name", read_only=True, default="")
    answer_days = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "number",
            "site",
            "channel",
            "channel_display",
            "hotline_order_number",
            "complainant",
            "case",
            "case_number",
            "department",
            "department_name",
            "window",
            "window_name",
            "staff",
            "staff_name",
            "person_description",
            "title",
            "content",
            "status",
            "status_display",
            "light",
            "due_date",
            "registered_at",
            "accept_due_date",
            "accepted_at",
            "decline_reason",
            "answer_days",
            "answer_due_date",
            "investigator",
            "investigator_name",
            "investigation",
            "result",
            "result_display",
            "result_staff",
            "result_window",
            "result_department",
            "reply",
            "answered_at",
            "rating",
            "rating_display",
            "rating_comment",
            "rated_at",
            "review_reason",
            "review_requested_at",
            "review_outcome",
            "review_reply",
            "review_decided_at",
            "closed_at",
        ]

    @extend_schema_field(ComplainantSerializer)
    def get_complainant(self, complaint) -> dict:
        user = self.context["request"].user
        shown = selectors.complainant_shown(complaint, masked=not permissions.handles(user, complaint))
        return ComplainantSerializer(shown).data

    def get_light(self, complaint) -> str:
        return selectors.light_of(complaint, today=clock.today())

    def get_window_name(self, complaint) -> str:
        return str(complaint.window) if complaint.window_id else ""


class ComplaintDetailSerializer(ComplaintSerializer):
    attachments = ComplaintAttachmentSerializer(many=True, read_only=True)
    events = serializers.SerializerMethodField()

    class Meta(ComplaintSerializer.Meta):
        fields = [*ComplaintSerializer.Meta.fields, "attachments", "events"]

    @extend_schema_field(ComplaintEventSerializer(many=True))
    def get_events(self, complaint) -> list:
        return ComplaintEventSerializer(selectors.timeline(complaint), many=True).data


def _read(request, complaint_id: int) -> Complaint:
    return get_object_or_404(selectors.complaints_visible_to(request.user), pk=complaint_id)


def _detail(request, complaint: Complaint) -> Response:
    fresh = selectors.complaints_visible_to(request.user).prefetch_related("attachments").get(pk=complaint.pk)
    return Response(ComplaintDetailSerializer(fresh, context={"request": request}).data)


def _by_id(model, value, field: str, message: str, queryset=None):
    if value is None:
        return None
    found = (queryset if queryset is not None else model.objects).filter(pk=value).first()
    if found is None:
        raise serializers.ValidationError({field: [message]})
    return found


def _too_many(error: Exception, code: str) -> Response:
    return Response({"code": code, "message": str(error)}, status=status.HTTP_429_TOO_MANY_REQUESTS)


# Filing and the list -----------------------------------------------------------------------------------


class ComplaintFiledSerializer(serializers.Serializer):
    number = serializers.CharField(help_text="投诉编号")
    query_code = serializers.CharField(help_text="查询码：凭编号和查询码查询、评价、申请复核")
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    accept_due_date = serializers.DateField(help_text="受理期限：此日前决定是否受理")


class ComplaintListApi(NamedApiView):
    """GET: the complaints you see (the supervision section, the center office and the business
    section: your site and below; a chief representative: those about your department, masked),
    newest first, narrowed by the office list's filters. POST: file a complaint — anyone, on the
    web (`channel` WEB; limited per client address and hour, 429 beyond), anonymous if you
    choose; the supervision section registers the other channels. Multipart for attachments
    (documents and images only)."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    class InputSerializer(serializers.Serializer):
        channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.WEB)
        hotline_order_number = serializers.CharField(
            max_length=40, required=False, allow_blank=True, default=""
        )
        is_anonymous = serializers.BooleanField(default=False)
        complainant_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
        complainant_phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
        complainant_email = serializers.CharField(
            max_length=254, required=False, allow_blank=True, default=""
        )
        case = serializers.CharField(
            max_length=30, required=False, allow_blank=True, default="", help_text="办件编号或收件编号"
        )
        department = IdField(required=False, allow_null=True, default=None)
        window = IdField(required=False, allow_null=True, default=None)
        staff = IdField(required=False, allow_null=True, default=None)
        person_description = serializers.CharField(
            max_length=100, required=False, allow_blank=True, default=""
        )
        title = serializers.CharField(max_length=100)
        content = serializers.CharField(max_length=4000)
        attachments = serializers.ListField(
            child=serializers.FileField(), required=False, default=list, max_length=10
        )

    @extend_schema(
        operation_id="complaint_list",
        parameters=[
            OpenApiParameter("status", str, enum=Status.values),
            OpenApiParameter("channel", str, enum=Channel.values),
            OpenApiParameter("result", str, enum=Result.values),
            OpenApiParameter("department", int),
            OpenApiParameter("light", str, enum=["red", "yellow", "green"]),
            OpenApiParameter("date_from", OpenApiTypes.DATE, description="登记日期自"),
            OpenApiParameter("date_to", OpenApiTypes.DATE, description="登记日期至（含）"),
            *keyset_parameters(),
        ],
        responses=keyset_envelope(ComplaintSerializer, "ComplaintPageSerializer"),
    )
    def get(self, request):
        form = FilterForm(request.query_params, departments=department_visible_to(request.user))
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        complaints = selectors.filtered(
            selectors.complaints_visible_to(request.user), form.filters(), today=clock.today()
        )
        page = keyset.paginate(
            complaints,
            ordering=("-registered_at", "-id"),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="complaints",
        )
        return keyset_response(
            request, page, ComplaintSerializer(page.rows, many=True, context={"request": request}).data
        )

    @extend_schema(
        operation_id="complaint_file",
        request={"application/json": InputSerializer, "multipart/form-data": InputSerializer},
        responses={201: ComplaintFiledSerializer, 429: OpenApiResponse(description="提交过于频繁")},
    )
    def post(self, request):
        # a body that is not an object (a JSON list, say) is the serializer's clear 400 below
        body = request.data if hasattr(request.data, "get") else {}
        public = body.get("channel", Channel.WEB) in ("", Channel.WEB)
        if public:
            try:
                tracking.filing_check(request)
            except tracking.TooManyComplaints as error:
                return _too_many(error, "too_many_complaints")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        complaint = services.complaint_file(
            user=request.user,
            channel=values["channel"],
            title=values["title"],
            content=values["content"],
            is_anonymous=values["is_anonymous"],
            complainant_name=values["complainant_name"],
            complainant_phone=values["complainant_phone"],
            complainant_email=values["complainant_email"],
            case_reference=values["case"],
            department=_by_id(
                Department,
                values["department"],
                "department",
                _("没有这个部门。"),
                Department.objects.filter(is_active=True),
            ),
            window=_by_id(
                Window, values["window"], "window", _("没有这个窗口。"), Window.objects.filter(is_active=True)
            ),
            staff=_by_id(
                Staff, values["staff"], "staff", _("没有这名工作人员。"), Staff.objects.filter(is_active=True)
            ),
            person_description=values["person_description"],
            hotline_order_number=values["hotline_order_number"],
            attachments=values["attachments"],
            at=clock.now(),
        )
        if public:
            tracking.filing_count(request)
        return Response(ComplaintFiledSerializer(complaint).data, status=status.HTTP_201_CREATED)


class ComplaintDetailApi(NamedApiView):
    """A complaint you see, with its attachments and timeline."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="complaint_read", responses=ComplaintDetailSerializer)
    def get(self, request, complaint_id: int):
        return _detail(request, _read(request, complaint_id))


class ComplaintAttachmentApi(NamedApiView):
    """An attachment, for those who handle the complaint."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="complaint_attachment",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request, complaint_id: int, attachment_id: int):
        complaint = _read(request, complaint_id)
        if not permissions.handles(request.user, complaint):
            raise NotAllowed(_("附件可能含有投诉人的个人信息，只有经办投诉的人员可以查看。"))
        attachment = get_object_or_404(ComplaintAttachment, complaint=complaint, pk=attachment_id)
        stem = attachment.name.rsplit(".", 1)[0] or attachment.name
        return file_response(attachment.file, download_name=f"{complaint.number}-{stem}")


# The section's and the office's commands -------------------------------------------------------------------


def _staff_input(value, field: str):
    return _by_id(Staff, value, field, _("没有这名工作人员。"))


class ComplaintAcceptApi(NamedApiView):
    """The supervision section accepts the complaint, committing to answer within `answer_days`
    working days (the default and the most: ONEWINDOW_COMPLAINT_ANSWER_DAYS), and may assign the
    investigator at once."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        answer_days = serializers.IntegerField(
            min_value=1, max_value=60, required=False, allow_null=True, default=None
        )
        investigator = IdField(required=False, allow_null=True, default=None)
        comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="complaint_accept", request=InputSerializer, responses=ComplaintDetailSerializer
    )
    def post(self, request, complaint_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        complaint = services.complaint_accept(
            complaint=_read(request, complaint_id),
            user=request.user,
            answer_days=values["answer_days"],
            investigator=_staff_input(values["investigator"], "investigator"),
            comment=values["comment"],
            at=clock.now(),
        )
        return _detail(request, complaint)


class ComplaintDeclineApi(NamedApiView):
    """The supervision section declines the complaint, with its reasons."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000)

    @extend_schema(
        operation_id="complaint_decline", request=InputSerializer, responses=ComplaintDetailSerializer
    )
    def post(self, request, complaint_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = services.complaint_decline(
            complaint=_read(request, complaint_id),
            user=request.user,
            reason=data.validated_data["reason"],
            at=clock.now(),
        )
        return _detail(request, complaint)


class ComplaintAssignApi(NamedApiView):
    """The supervision section assigns the investigation to a member of the section."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        investigator = IdField()

    @extend_schema(
        operation_id="complaint_assign", request=InputSerializer, responses=ComplaintDetailSerializer
    )
    def post(self, request, complaint_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = services.complaint_assign(
            complaint=_read(request, complaint_id),
            user=request.user,
            investigator=_staff_input(data.validated_data["investigator"], "investigator"),
            at=clock.now(),
        )
        return _detail(request, complaint)


class ComplaintAnswerApi(NamedApiView):
    """The assigned investigator answers: the investigation, the result against the staff member,
    window and/or department concerned (one at least when upheld), and the reply."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        investigation = serializers.CharField(max_length=4000)
        result = serializers.ChoiceField(choices=Result.choices)
        reply = serializers.CharField(max_length=4000)
        staff = IdField(required=False, allow_null=True, default=None)
        window = IdField(required=False, allow_null=True, default=None)
        department = IdField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="complaint_answer", request=InputSerializer, responses=ComplaintDetailSerializer
    )
    def post(self, request, complaint_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        complaint = services.complaint_answer(
            complaint=_read(request, complaint_id),
            user=request.user,
            investigation=values["investigation"],
            result=values["result"],
            reply=values["reply"],
            staff=_staff_input(values["staff"], "staff"),
            window=_by_id(Window, values["window"], "window", _("没有这个窗口。")),
            department=_by_id(Department, values["department"], "department", _("没有这个部门。")),
            at=clock.now(),
        )
        return _detail(request, complaint)


class ComplaintReviewDecisionApi(NamedApiView):
    """The center office decides a review: `uphold` reopens the investigation (within
    `answer_days` working days), otherwise the complaint closes with the office's reply."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        uphold = serializers.BooleanField()
        reply = serializers.CharField(max_length=4000)
        answer_days = serializers.IntegerField(
            min_value=1, max_value=60, required=False, allow_null=True, default=None
        )

    @extend_schema(
        operation_id="complaint_review_decide", request=InputSerializer, responses=ComplaintDetailSerializer
    )
    def post(self, request, complaint_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = services.complaint_review_decide(
            complaint=_read(request, complaint_id), user=request.user, at=clock.now(), **data.validated_data
        )
        return _detail(request, complaint)


# The complainant: track, rate, ask for a review ---------------------------------------------------------------


class ComplaintTrackEventSerializer(serializers.Serializer):
    label = serializers.CharField(source="get_action_display")
    date = serializers.SerializerMethodField()

    def get_date(self, event) -> str:
        return timezone.localdate(event.at).isoformat()


class ComplaintTrackSerializer(serializers.Serializer):
    """What the complainant sees by number and query code: no personal data."""

    number = serializers.CharField()
    title = serializers.CharField()
    channel_display = serializers.CharField(source="get_channel_display")
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    registered_date = serializers.DateField()
    accept_due_date = serializers.DateField()
    accepted_date = serializers.SerializerMethodField()
    answer_due_date = serializers.DateField(allow_null=True)
    decline_reason = serializers.CharField()
    result = serializers.CharField()
    result_display = serializers.CharField(source="get_result_display")
    reply = serializers.CharField()
    answered_date = serializers.SerializerMethodField()
    rating = serializers.CharField()
    rating_display = serializers.CharField(source="get_rating_display")
    can_rate = serializers.SerializerMethodField()
    can_request_review = serializers.SerializerMethodField()
    review_outcome = serializers.CharField()
    review_outcome_display = serializers.CharField(source="get_review_outcome_display")
    review_reply = serializers.CharField()
    timeline = serializers.SerializerMethodField()

    def get_accepted_date(self, complaint) -> str | None:
        return timezone.localdate(complaint.accepted_at).isoformat() if complaint.accepted_at else None

    def get_answered_date(self, complaint) -> str | None:
        return timezone.localdate(complaint.answered_at).isoformat() if complaint.answered_at else None

    def get_can_rate(self, complaint) -> bool:
        return selectors.can_rate(complaint)

    def get_can_request_review(self, complaint) -> bool:
        return selectors.can_request_review(complaint)

    @extend_schema_field(ComplaintTrackEventSerializer(many=True))
    def get_timeline(self, complaint) -> list:
        return ComplaintTrackEventSerializer(selectors.timeline(complaint, public_only=True), many=True).data


def _lookup(request, number: str, query_code: str) -> Complaint | Response:
    """The complaint, or the 429/404 response to give instead."""
    try:
        complaint = tracking.complaint_lookup(request, number=number, query_code=query_code)
    except tracking.TooManyAttempts as error:
        return _too_many(error, "too_many_attempts")
    if complaint is None:
        return Response(
            {"code": "not_found", "message": _("没有找到该投诉，请核对投诉编号和查询码。")},
            status=status.HTTP_404_NOT_FOUND,
        )
    return complaint


class ComplaintTrackApi(NamedApiView):
    """Public: a complaint's status, dates, answer and review by its number and query code.
    Repeated failures from one address are refused (429)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="complaint_track",
        parameters=[
            OpenApiParameter("number", str, required=True, description="投诉编号"),
            OpenApiParameter("query_code", str, required=True, description="查询码"),
        ],
        responses={
            200: ComplaintTrackSerializer,
            404: OpenApiResponse(description="编号或查询码不符"),
            429: OpenApiResponse(description="失败次数过多"),
        },
    )
    def get(self, request):
        found = _lookup(
            request, request.query_params.get("number", ""), request.query_params.get("query_code", "")
        )
        if isinstance(found, Response):
            return found
        return Response(ComplaintTrackSerializer(found).data)


class ComplaintRateApi(NamedApiView):
    """Public: the complainant rates the handling of the answer (满意, 基本满意, 不满意)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    class InputSerializer(serializers.Serializer):
        number = serializers.CharField(max_length=40)
        query_code = serializers.CharField(max_length=8)
        rating = serializers.ChoiceField(choices=Rating.choices)
        comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="complaint_rate",
        request=InputSerializer,
        responses={
            200: ComplaintTrackSerializer,
            404: OpenApiResponse(description="编号或查询码不符"),
            429: OpenApiResponse(description="失败次数过多"),
        },
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        found = _lookup(request, values["number"], values["query_code"])
        if isinstance(found, Response):
            return found
        complaint = services.complaint_rate(
            complaint=found,
            rating=values["rating"],
            comment=values["comment"],
            user=request.user,
            at=clock.now(),
        )
        return Response(ComplaintTrackSerializer(complaint).data)


class ComplaintReviewApi(NamedApiView):
    """Public: a complainant who rated the answer 不满意 asks, once, for a review with reasons."""

    permission_classes = [AllowAny]
    authentication_classes = []

    class InputSerializer(serializers.Serializer):
        number = serializers.CharField(max_length=40)
        query_code = serializers.CharField(max_length=8)
        reason = serializers.CharField(max_length=4000)

    @extend_schema(
        operation_id="complaint_review_request",
        request=InputSerializer,
        responses={
            200: ComplaintTrackSerializer,
            404: OpenApiResponse(description="编号或查询码不符"),
            429: OpenApiResponse(description="失败次数过多"),
        },
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        found = _lookup(request, values["number"], values["query_code"])
        if isinstance(found, Response):
            return found
        complaint = services.complaint_review_request(
            complaint=found, reason=values["reason"], user=request.user, at=clock.now()
        )
        return Response(ComplaintTrackSerializer(complaint).data)
