"""The queue's API (排队叫号): the public side — a site's categories with their waiting counts, take
a ticket, follow it by its token, the appointment slots of a day, book / read / cancel an
appointment by its token, check in at the hall — and the window's side — the window's queue and
one endpoint per command (next, recall, skip, transfer, pause, resume, finish) — and the wait and
service KPIs for the office. Same services as the pages; their errors (queueing/services.py) map
to 4xx through common.api.exception_handler.

Tickets taken and bookings made by the public are counted per client address (past the hourly
limit: a clear 429 and nothing written); hall staff who issue or book for someone are not. Failed
check-ins (a wrong code or ID number) are counted like the progress lookup's failures.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from onewindow.common import clock
from onewindow.common.api import IdField, NamedApiView, NotAllowed
from onewindow.common.parsing import BadInput, parse_calendar_date
from onewindow.common.privacy import mask_id_number, mask_name, mask_phone
from onewindow.org.models import SPANNING_ROLES, Site, Window
from onewindow.org.selectors import access_for, window_visible_to
from onewindow.queueing import selectors, services
from onewindow.queueing.limits import limit_count, limit_reached
from onewindow.queueing.models import Appointment, Call, Category, PriorityGroup, Ticket, WindowState

TICKETS_GROUP = "queueing-api-tickets"
BOOKINGS_GROUP = "queueing-api-bookings"
CHECK_IN_GROUP = "queueing-api-check-in-failures"
#: Tickets and bookings one client address may take through the API in an hour, unless signed in
#: as hall staff. Module constants, as the kiosk's (views/kiosk.py): a person takes a ticket or
#: two, a script hundreds; an integration that acts for many people authenticates as staff.
API_TICKETS_PER_HOUR = 10
API_BOOKINGS_PER_HOUR = 10
#: The longest KPI period one request may ask for (as the satisfaction figures: ten years).
KPI_MAXIMUM_DAYS = 3660


# Limits per client address ---------------------------------------------------------------------


def _check_in_failures_per_hour() -> int:
    return settings.ONEWINDOW_PROGRESS_FAILURES_PER_HOUR


def _too_many(code: str, message: str) -> Response:
    return Response({"code": code, "message": message}, status=status.HTTP_429_TOO_MANY_REQUESTS)


def _is_issuing_staff(user) -> bool:
    return access_for(user).has_role(*services.ISSUING_ROLES)


# The ticket's status is one enum component (QueueTicketStatusEnum, named by the component that
# declares it); the window's view of a ticket refers to it rather than repeating the choice set,
# which drf-spectacular would otherwise report as a naming collision.


@extend_schema_field({"$ref": "#/components/schemas/QueueTicketStatusEnum"})
class TicketStatusReferenceField(serializers.CharField):
    pass


def _priority_group_field(**kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=PriorityGroup.choices, allow_blank=True, **kwargs)


LANE_HELP = "队列：0 预约签到，1 优先（老年人、孕妇、残疾人、军人、绿色通道），2 普通"


# Shared output shapes ----------------------------------------------------------------------------


class QueueCategoryBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    prefix = serializers.CharField(help_text="号码字头，如 A")
    name = serializers.CharField()


class QueueWindowBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text="窗口号")
    name = serializers.CharField()


class QueueTicketSerializer(serializers.Serializer):
    """A ticket as its holder sees it (by its token): no personal data."""

    code = serializers.CharField(help_text="号码，如 A001")
    token = serializers.CharField(help_text="排队号凭据：实时页面和小票的地址")
    status = serializers.ChoiceField(choices=Ticket.Status.choices)
    status_display = serializers.CharField(source="get_status_display")
    site_name = serializers.SerializerMethodField()
    category = QueueCategoryBriefSerializer()
    priority_group = _priority_group_field(help_text="优先类别；普通号为空")
    priority_group_display = serializers.CharField(source="get_priority_group_display")
    lane = serializers.IntegerField(help_text=LANE_HELP)
    ahead = serializers.SerializerMethodField(help_text="前面还有几人等候；不在等候时为 0")
    service_date = serializers.DateField()
    issued_at = serializers.DateTimeField()
    called_at = serializers.SerializerMethodField(help_text="叫号时间；正在办理时才有")
    window = serializers.SerializerMethodField(help_text="叫号后前往的窗口；正在办理时才有")
    live_url = serializers.SerializerMethodField(help_text="排队号实时页面")
    slip_pdf_url = serializers.SerializerMethodField(help_text="排队小票 PDF")

    def get_site_name(self, ticket) -> str:
        return ticket.site.short_name or ticket.site.name

    def get_ahead(self, ticket) -> int:
        return selectors.people_ahead(ticket)

    def _is_called(self, ticket) -> bool:
        return ticket.status == Ticket.Status.CALLED

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_called_at(self, ticket) -> str | None:
        if not self._is_called(ticket):
            return None
        return serializers.DateTimeField().to_representation(ticket.called_at)

    @extend_schema_field(QueueWindowBriefSerializer(allow_null=True))
    def get_window(self, ticket) -> dict | None:
        if not self._is_called(ticket) or ticket.window_id is None:
            return None
        return QueueWindowBriefSerializer(ticket.window).data

    def _url(self, name: str, ticket) -> str:
        return self.context["request"].build_absolute_uri(reverse(name, kwargs={"token": ticket.token}))

    def get_live_url(self, ticket) -> str:
        return self._url("queueing:ticket", ticket)

    def get_slip_pdf_url(self, ticket) -> str:
        return self._url("queueing:ticket-slip-pdf", ticket)


def _ticket_response(request, ticket: Ticket, *, code: int = status.HTTP_200_OK) -> Response:
    fresh = Ticket.objects.select_related("category", "window", "site").get(pk=ticket.pk)
    return Response(QueueTicketSerializer(fresh, context={"request": request}).data, status=code)


class QueueStaffTicketSerializer(serializers.Serializer):
    """A ticket as the window sees it: the name masked, as on the displays."""

    code = serializers.CharField()
    status = TicketStatusReferenceField()
    status_display = serializers.CharField(source="get_status_display")
    category = QueueCategoryBriefSerializer()
    priority_group = _priority_group_field()
    priority_group_display = serializers.CharField(source="get_priority_group_display")
    lane = serializers.IntegerField(help_text=LANE_HELP)
    applicant_name = serializers.SerializerMethodField(help_text="脱敏姓名，如 张*梅；未登记为空")
    issued_at = serializers.DateTimeField()
    queued_at = serializers.DateTimeField(help_text="取号、过号重排或转移的时间")
    skip_count = serializers.IntegerField(help_text="过号次数")
    target_window = serializers.CharField(
        source="target_window.number", allow_null=True, default=None, help_text="转移到的指定窗口号"
    )

    def get_applicant_name(self, ticket) -> str:
        return mask_name(ticket.applicant_name)


class QueueCallSerializer(serializers.Serializer):
    """A call of a ticket at a window."""

    ticket = QueueStaffTicketSerializer()
    window = serializers.CharField(source="window.number", help_text="窗口号")
    called_at = serializers.DateTimeField()
    recall_count = serializers.IntegerField(help_text="重呼次数")
    wait_seconds = serializers.IntegerField(help_text="等候秒数（叫号 − 入队）")


def _call_data(call: Call | None) -> dict | None:
    if call is None:
        return None
    call = Call.objects.select_related(
        "ticket__category", "ticket__target_window", "window", "staff__user"
    ).get(pk=call.pk)
    return QueueCallSerializer(call).data


def _staff_ticket_data(ticket: Ticket | None) -> dict | None:
    if ticket is None:
        return None
    ticket = Ticket.objects.select_related("category", "target_window").get(pk=ticket.pk)
    return QueueStaffTicketSerializer(ticket).data


class QueueCaseBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField(help_text="办件编号（受理前为收件编号）")


class QueueWindowStateSerializer(serializers.Serializer):
    window = serializers.IntegerField(source="window_id")
    is_paused = serializers.BooleanField()
    pause_reason = serializers.CharField()
    changed_at = serializers.DateTimeField()


def _body_check(request) -> None:
    """A body that is not a JSON object (a list, a number) is a clear 400 before any lookup."""
    if not hasattr(request.data, "get"):
        raise serializers.ValidationError({"non_field_errors": [_("请求正文应为 JSON 对象。")]})


def _date_param(request, name: str, label: str) -> date | None:
    value = request.query_params.get(name, "")
    if not value:
        return None
    try:
        return parse_calendar_date(value, label=label)
    except BadInput as error:
        raise serializers.ValidationError({name: [str(error)]}) from None


def _not_found(message: str) -> exceptions.NotFound:
    return exceptions.NotFound(message)


# The public side ---------------------------------------------------------------------------------


class QueueSiteCategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    prefix = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    waiting = serializers.IntegerField(help_text="今天正在等候的人数")
    accepts_appointments = serializers.BooleanField()


class QueueSiteCategoriesApi(NamedApiView):
    """Public: a site's service categories (the kiosk's buttons), with how many wait in each
    today and whether each takes appointments."""

    permission_classes = [AllowAny]
    authentication_classes = []

    class OutputSerializer(serializers.Serializer):
        site_code = serializers.CharField()
        site_name = serializers.CharField()
        date = serializers.DateField()
        is_open = serializers.BooleanField(help_text="现在是否在办公时间（可以取号）")
        categories = QueueSiteCategorySerializer(many=True)

    @extend_schema(
        operation_id="queue_site_categories",
        responses={200: OutputSerializer, 404: OpenApiResponse(description="没有该服务中心")},
    )
    def get(self, request, site_code: str):
        site = Site.objects.filter(code=site_code, is_active=True).first()
        if site is None:
            raise _not_found(_("没有找到该服务中心。"))
        now = clock.now()
        today = timezone.localdate(now)
        waiting = dict(
            Ticket.objects.filter(site=site, service_date=today, status=Ticket.Status.WAITING)
            .values_list("category_id")
            .annotate(count=Count("id"))
            .values_list("category_id", "count")
        )
        categories = selectors.categories_of(site).annotate(capacity_rows=Count("slot_capacities"))
        rows = [
            {
                "id": category.pk,
                "prefix": category.prefix,
                "name": category.name,
                "description": category.description,
                "waiting": waiting.get(category.pk, 0),
                "accepts_appointments": category.slot_capacity > 0 or category.capacity_rows > 0,
            }
            for category in categories
        ]
        return Response(
            self.OutputSerializer(
                {
                    "site_code": site.code,
                    "site_name": site.short_name or site.name,
                    "date": today,
                    "is_open": services.is_hall_open(now),
                    "categories": rows,
                }
            ).data
        )


class QueueTicketIssueApi(NamedApiView):
    """Take a ticket in a category (取号). Public, like the kiosk, and limited per client address
    (API_TICKETS_PER_HOUR); an ID card number of someone 60 or over gives priority.
    Hall staff (a token or session) issue for someone, unlimited, and may give the major-project
    green channel (GREEN_CHANNEL)."""

    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        category = IdField(help_text="业务类别 id")
        name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
        id_number = serializers.CharField(
            max_length=18,
            required=False,
            allow_blank=True,
            default="",
            help_text="身份证号码（可选）：年满 60 周岁自动进入优先队列",
        )
        phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
        priority_group = _priority_group_field(
            required=False,
            default="",
            help_text="声明的优先类别；绿色通道仅限大厅工作人员发放",
        )

    @extend_schema(
        operation_id="queue_ticket_issue",
        request=InputSerializer,
        responses={
            201: QueueTicketSerializer,
            403: OpenApiResponse(description="绿色通道号只能由工作人员发放"),
            409: OpenApiResponse(description="不在办公时间（queue_hall_closed）"),
            429: OpenApiResponse(description="取号过于频繁"),
        },
    )
    def post(self, request):
        limited = not _is_issuing_staff(request.user)
        if limited and limit_reached(request, group=TICKETS_GROUP, rate=f"{API_TICKETS_PER_HOUR}/h"):
            return _too_many(
                "too_many_tickets",
                _("同一网络地址每小时最多取号 %(count)s 次，请稍后再试，或到大厅取号机取号。")
                % {"count": API_TICKETS_PER_HOUR},
            )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        category = Category.objects.filter(pk=values["category"]).first()
        if category is None:
            raise serializers.ValidationError({"category": [_("没有这个业务类别。")]})
        ticket = services.ticket_issue(
            category=category,
            at=clock.now(),
            source=Ticket.Source.API if limited else Ticket.Source.STAFF,
            name=values["name"],
            id_number=values["id_number"],
            phone=values["phone"],
            priority_group=values["priority_group"],
            user=request.user if request.user.is_authenticated else None,
        )
        if limited:
            limit_count(request, group=TICKETS_GROUP, rate=f"{API_TICKETS_PER_HOUR}/h")
        return _ticket_response(request, ticket, code=status.HTTP_201_CREATED)


class QueueTicketApi(NamedApiView):
    """Public: a ticket by its token — its status, how many wait ahead of it, and the window it
    is called to."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="queue_ticket_read",
        responses={200: QueueTicketSerializer, 404: OpenApiResponse(description="没有该排队号")},
    )
    def get(self, request, token: str):
        ticket = selectors.ticket_by_token(token)
        if ticket is None:
            raise _not_found(_("没有找到该排队号。"))
        return Response(QueueTicketSerializer(ticket, context={"request": request}).data)


class QueueSlotSerializer(serializers.Serializer):
    start = serializers.TimeField(format="%H:%M")
    end = serializers.TimeField(format="%H:%M")
    capacity = serializers.IntegerField()
    taken = serializers.IntegerField()
    left = serializers.IntegerField()
    is_past = serializers.BooleanField(help_text="时段已经开始")
    is_bookable = serializers.BooleanField()


class QueueCategorySlotsApi(NamedApiView):
    """Public: a category's appointment slots on a day (today if `date` is left out), with their
    capacity and the places left; `is_bookable` says whether a slot can be booked now."""

    permission_classes = [AllowAny]
    authentication_classes = []

    class OutputSerializer(serializers.Serializer):
        category = QueueCategoryBriefSerializer()
        date = serializers.DateField()
        is_bookable_day = serializers.BooleanField(help_text="该日是否在可预约的工作日内")
        accepts_appointments = serializers.BooleanField()
        slots = QueueSlotSerializer(many=True)

    @extend_schema(
        operation_id="queue_category_slots",
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE, description="YYYY-MM-DD（默认今天）")],
        responses={200: OutputSerializer, 404: OpenApiResponse(description="没有该业务类别")},
    )
    def get(self, request, category_id: int):
        category = Category.objects.filter(pk=category_id, is_active=True).first()
        if category is None:
            raise _not_found(_("没有找到该业务类别。"))
        now = clock.now()
        today = timezone.localdate(now)
        day = _date_param(request, "date", _("预约日期")) or today
        accepts = category.slot_capacity > 0 or category.slot_capacities.exists()
        is_bookable_day = accepts and day in selectors.bookable_days(today)
        slots = [
            {
                "start": slot.start,
                "end": slot.end,
                "capacity": slot.capacity,
                "taken": slot.taken,
                "left": slot.left,
                "is_past": slot.is_past,
                "is_bookable": is_bookable_day and slot.is_bookable,
            }
            for slot in selectors.slots_for(category, day, now=now)
        ]
        return Response(
            self.OutputSerializer(
                {
                    "category": category,
                    "date": day,
                    "is_bookable_day": is_bookable_day,
                    "accepts_appointments": accepts,
                    "slots": slots,
                }
            ).data
        )


class QueueAppointmentTicketSerializer(serializers.Serializer):
    code = serializers.CharField()
    token = serializers.CharField()


class QueueAppointmentSerializer(serializers.Serializer):
    """An appointment as its booker sees it (by its token); personal data masked."""

    token = serializers.CharField()
    code = serializers.CharField(help_text="6 位预约码：到大厅取号机签到用")
    status = serializers.ChoiceField(choices=Appointment.Status.choices)
    status_display = serializers.CharField(source="get_status_display")
    site_code = serializers.CharField(source="site.code")
    site_name = serializers.SerializerMethodField()
    category = QueueCategoryBriefSerializer()
    service_date = serializers.DateField()
    slot_start = serializers.TimeField(format="%H:%M")
    slot_end = serializers.TimeField(format="%H:%M")
    applicant_name = serializers.SerializerMethodField()
    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    booked_at = serializers.DateTimeField()
    checked_in_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)
    can_cancel = serializers.SerializerMethodField(help_text="时段开始前可以取消")
    ticket = serializers.SerializerMethodField(help_text="签到后得到的排队号")

    def get_site_name(self, appointment) -> str:
        return appointment.site.short_name or appointment.site.name

    def get_applicant_name(self, appointment) -> str:
        return mask_name(appointment.applicant_name)

    def get_id_number(self, appointment) -> str:
        return mask_id_number(appointment.id_number)

    def get_phone(self, appointment) -> str:
        return mask_phone(appointment.phone)

    def get_can_cancel(self, appointment) -> bool:
        begins = timezone.make_aware(datetime.combine(appointment.service_date, appointment.slot_start))
        return appointment.status == Appointment.Status.BOOKED and begins > clock.now()

    @extend_schema_field(QueueAppointmentTicketSerializer(allow_null=True))
    def get_ticket(self, appointment) -> dict | None:
        if appointment.ticket_id is None:
            return None
        return QueueAppointmentTicketSerializer(appointment.ticket).data


def _appointment_response(appointment: Appointment, *, code: int = status.HTTP_200_OK) -> Response:
    fresh = Appointment.objects.select_related("category", "site", "ticket").get(pk=appointment.pk)
    return Response(QueueAppointmentSerializer(fresh).data, status=code)


def _appointment_or_404(token: str) -> Appointment:
    appointment = selectors.appointment_by_token(token)
    if appointment is None:
        raise _not_found(_("没有找到该预约。"))
    return appointment


class QueueAppointmentBookApi(NamedApiView):
    """Book an appointment slot (from today to ONEWINDOW_QUEUE_APPOINTMENT_DAYS working days
    ahead). Public and limited per client address (API_BOOKINGS_PER_HOUR); a signed-in
    citizen's booking is kept with their account; hall staff book for someone, unlimited."""

    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        category = IdField(help_text="业务类别 id")
        service_date = serializers.DateField(help_text="预约日期 YYYY-MM-DD")
        slot_start = serializers.TimeField(help_text="时段开始时间，如 09:30")
        name = serializers.CharField(max_length=100)
        id_number = serializers.CharField(max_length=18, help_text="身份证号码")
        phone = serializers.CharField(max_length=20, help_text="手机号码")

    @extend_schema(
        operation_id="queue_appointment_book",
        request=InputSerializer,
        responses={
            201: QueueAppointmentSerializer,
            403: OpenApiResponse(description="爽约次数过多，暂停预约（queue_no_show_ban）"),
            409: OpenApiResponse(description="时段已约满（queue_slot_full）或非工作日"),
            429: OpenApiResponse(description="预约过于频繁"),
        },
    )
    def post(self, request):
        limited = not _is_issuing_staff(request.user)
        if limited and limit_reached(request, group=BOOKINGS_GROUP, rate=f"{API_BOOKINGS_PER_HOUR}/h"):
            return _too_many(
                "too_many_bookings",
                _("同一网络地址每小时最多预约 %(count)s 次，请稍后再试。") % {"count": API_BOOKINGS_PER_HOUR},
            )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        category = Category.objects.filter(pk=values["category"]).first()
        if category is None:
            raise serializers.ValidationError({"category": [_("没有这个业务类别。")]})
        appointment = services.appointment_book(
            category=category,
            service_date=values["service_date"],
            slot_start=values["slot_start"],
            name=values["name"],
            id_number=values["id_number"],
            phone=values["phone"],
            at=clock.now(),
            channel=Appointment.Channel.API if limited else Appointment.Channel.STAFF,
            user=request.user if limited else None,
        )
        if limited:
            limit_count(request, group=BOOKINGS_GROUP, rate=f"{API_BOOKINGS_PER_HOUR}/h")
        return _appointment_response(appointment, code=status.HTTP_201_CREATED)


class QueueAppointmentApi(NamedApiView):
    """Public: an appointment by its token."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="queue_appointment_read",
        responses={200: QueueAppointmentSerializer, 404: OpenApiResponse(description="没有该预约")},
    )
    def get(self, request, token: str):
        return Response(QueueAppointmentSerializer(_appointment_or_404(token)).data)


class QueueAppointmentCancelApi(NamedApiView):
    """Public: cancel an appointment by its token, before its slot begins. Cancelling an
    appointment already cancelled answers it as it is (a retried request changes nothing)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="queue_appointment_cancel",
        request=None,
        responses={
            200: QueueAppointmentSerializer,
            404: OpenApiResponse(description="没有该预约"),
            409: OpenApiResponse(description="已签到、爽约或时段已开始（queue_wrong_state）"),
        },
    )
    def post(self, request, token: str):
        appointment = _appointment_or_404(token)
        if appointment.status != Appointment.Status.CANCELLED:
            appointment = services.appointment_cancel(appointment=appointment, at=clock.now())
        return _appointment_response(appointment)


class QueueCheckInApi(NamedApiView):
    """Public: check in at the hall with today's 6-digit appointment code or the booker's ID card
    number, within the check-in window around the slot: the ticket, served before walk-ins.
    Failed look-ups are counted per client address (ONEWINDOW_PROGRESS_FAILURES_PER_HOUR)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    class InputSerializer(serializers.Serializer):
        site = serializers.CharField(max_length=20, help_text="服务中心代码")
        code = serializers.CharField(max_length=20, help_text="6 位预约码或身份证号码")

    @extend_schema(
        operation_id="queue_check_in",
        request=InputSerializer,
        responses={
            201: QueueTicketSerializer,
            400: OpenApiResponse(description="没有待签到的预约、未到或已过签到时间"),
            409: OpenApiResponse(description="不在办公时间（queue_hall_closed）"),
            429: OpenApiResponse(description="失败次数过多"),
        },
    )
    def post(self, request):
        per_hour = _check_in_failures_per_hour()
        if limit_reached(request, group=CHECK_IN_GROUP, rate=f"{per_hour}/h"):
            return _too_many(
                "too_many_attempts", _("签到失败次数过多，请一小时后再试，或到咨询台请工作人员帮助。")
            )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        site = Site.objects.filter(code=values["site"], is_active=True).first()
        if site is None:
            raise serializers.ValidationError({"site": [_("没有这个服务中心。")]})
        now = clock.now()
        try:
            appointment = services.appointment_find_for_check_in(site=site, code=values["code"], at=now)
        except services.QueueError:
            limit_count(request, group=CHECK_IN_GROUP, rate=f"{per_hour}/h")
            raise
        ticket = services.appointment_check_in(appointment=appointment, at=now)
        return _ticket_response(request, ticket, code=status.HTTP_201_CREATED)


# The window's side -------------------------------------------------------------------------------


def _window_or_404(request, window_id: int) -> Window:
    window = window_visible_to(request.user).filter(pk=window_id, is_active=True).first()
    if window is None:
        raise _not_found(_("没有找到该窗口。"))
    return window


class QueueWindowApi(NamedApiView):
    """A window's queue: paused or not, the ticket it serves (with the cases its clerk received
    since the call, which finishing links), and the tickets it would call next. For the clerk on
    duty there today, and the center office of the window's site."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        window = QueueWindowBriefSerializer()
        is_paused = serializers.BooleanField()
        pause_reason = serializers.CharField()
        serving = QueueCallSerializer(allow_null=True)
        serving_cases = QueueCaseBriefSerializer(many=True, help_text="本次叫号后由当班人员收件的办件")
        waiting_count = serializers.IntegerField()
        waiting = QueueStaffTicketSerializer(many=True, help_text="接下来将叫的号（最多 15 个）")

    @extend_schema(
        operation_id="queue_window_read",
        responses={
            200: OutputSerializer,
            403: OpenApiResponse(description="不在该窗口值班（queue_not_on_duty）"),
            404: OpenApiResponse(description="没有该窗口"),
        },
    )
    def get(self, request, window_id: int):
        window = _window_or_404(request, window_id)
        now = clock.now()
        today = timezone.localdate(now)
        on_duty = window in selectors.duty_windows_of(request.user, today)
        if not on_duty and not access_for(request.user).has_role(*SPANNING_ROLES):
            raise services.NotOnDuty(
                _("您今天不在 %(window)s 号窗口值班，不能查看该窗口的队列。") % {"window": window.number}
            )
        state = WindowState.objects.filter(window=window).first()
        call = services.open_call(window)
        return Response(
            self.OutputSerializer(
                {
                    "window": window,
                    "is_paused": bool(state and state.is_paused),
                    "pause_reason": state.pause_reason if state else "",
                    "serving": call,
                    "serving_cases": services.cases_made_during(call, until=now) if call else [],
                    "waiting_count": selectors.window_waiting_count(window, on_date=today),
                    "waiting": selectors.window_queue(window, on_date=today),
                }
            ).data
        )


class _WindowCommand(NamedApiView):
    permission_classes = [IsAuthenticated]

    def window(self, request, window_id: int) -> Window:
        _body_check(request)
        return _window_or_404(request, window_id)


class _CaseIdsSerializer(serializers.Serializer):
    case_ids = serializers.ListField(
        child=IdField(),
        required=False,
        allow_null=True,
        default=None,
        max_length=20,
        help_text="本号关联的办件 id；不填则关联叫号后由您收件的全部办件",
    )


class QueueWindowNextApi(_WindowCommand):
    """Call next (叫号): finish the ticket the window serves, if any (linking its cases), and
    call the next one the window may serve. `called` is null when nobody else waits."""

    class InputSerializer(_CaseIdsSerializer):
        pass

    class OutputSerializer(serializers.Serializer):
        called = QueueCallSerializer(allow_null=True)
        finished = QueueStaffTicketSerializer(allow_null=True)
        waiting_count = serializers.IntegerField()

    @extend_schema(
        operation_id="queue_window_next",
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            403: OpenApiResponse(description="不在该窗口值班（queue_not_on_duty）"),
            404: OpenApiResponse(description="没有该窗口，或无人等候（queue_empty）"),
        },
    )
    def post(self, request, window_id: int):
        window = self.window(request, window_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        now = clock.now()
        result = services.call_next(
            user=request.user, window=window, at=now, case_ids=data.validated_data["case_ids"]
        )
        return Response(
            {
                "called": _call_data(result.call),
                "finished": _staff_ticket_data(result.finished),
                "waiting_count": selectors.window_waiting_count(window, on_date=timezone.localdate(now)),
            }
        )


class QueueWindowRecallApi(_WindowCommand):
    """Call the window's current ticket again (重呼)."""

    @extend_schema(
        operation_id="queue_window_recall",
        request=None,
        responses={200: QueueCallSerializer, 409: OpenApiResponse(description="没有正在办理的号")},
    )
    def post(self, request, window_id: int):
        window = self.window(request, window_id)
        call = services.call_recall(user=request.user, window=window, at=clock.now())
        return Response(_call_data(call))


class QueueWindowSkipApi(_WindowCommand):
    """过号: the person called did not come. The first time the ticket waits again behind
    ONEWINDOW_QUEUE_SKIP_BEHIND others; the second time it is dropped (NO_SHOW)."""

    @extend_schema(
        operation_id="queue_window_skip",
        request=None,
        responses={200: QueueStaffTicketSerializer, 409: OpenApiResponse(description="没有正在办理的号")},
    )
    def post(self, request, window_id: int):
        window = self.window(request, window_id)
        ticket = services.call_skip(user=request.user, window=window, at=clock.now())
        return Response(_staff_ticket_data(ticket))


class QueueWindowTransferApi(_WindowCommand):
    """Send the window's current ticket to another category and/or a given window; it keeps the
    place it queued for."""

    class InputSerializer(serializers.Serializer):
        category = IdField(required=False, allow_null=True, default=None, help_text="转去的业务类别 id")
        window = IdField(required=False, allow_null=True, default=None, help_text="指定窗口 id")

    @extend_schema(
        operation_id="queue_window_transfer",
        request=InputSerializer,
        responses={200: QueueStaffTicketSerializer, 409: OpenApiResponse(description="没有正在办理的号")},
    )
    def post(self, request, window_id: int):
        window = self.window(request, window_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        category = target = None
        if values["category"] is not None:
            category = Category.objects.filter(pk=values["category"]).first()
            if category is None:
                raise serializers.ValidationError({"category": [_("没有这个业务类别。")]})
        if values["window"] is not None:
            target = Window.objects.filter(pk=values["window"], is_active=True).first()
            if target is None:
                raise serializers.ValidationError({"window": [_("没有这个窗口。")]})
        ticket = services.call_transfer(
            user=request.user, window=window, at=clock.now(), category=category, target_window=target
        )
        return Response(_staff_ticket_data(ticket))


class QueueWindowPauseApi(_WindowCommand):
    """暂停服务: the window stops calling (its display says so, with the reason)."""

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="queue_window_pause",
        request=InputSerializer,
        responses={200: QueueWindowStateSerializer, 409: OpenApiResponse(description="正在办理一个号")},
    )
    def post(self, request, window_id: int):
        window = self.window(request, window_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        state = services.window_pause(
            user=request.user, window=window, at=clock.now(), reason=data.validated_data["reason"]
        )
        return Response(QueueWindowStateSerializer(state).data)


class QueueWindowResumeApi(_WindowCommand):
    """恢复服务: the window calls again."""

    @extend_schema(operation_id="queue_window_resume", request=None, responses=QueueWindowStateSerializer)
    def post(self, request, window_id: int):
        window = self.window(request, window_id)
        state = services.window_resume(user=request.user, window=window, at=clock.now())
        return Response(QueueWindowStateSerializer(state).data)


class QueueWindowFinishApi(_WindowCommand):
    """End the service of the window's current ticket (办结): link its cases (the ids given, or
    every case the clerk received since the call) and ask for a rating on the window's tablet."""

    class InputSerializer(_CaseIdsSerializer):
        pass

    class OutputSerializer(serializers.Serializer):
        ticket = QueueStaffTicketSerializer()
        cases = QueueCaseBriefSerializer(many=True)

    @extend_schema(
        operation_id="queue_window_finish",
        request=InputSerializer,
        responses={200: OutputSerializer, 409: OpenApiResponse(description="没有正在办理的号")},
    )
    def post(self, request, window_id: int):
        window = self.window(request, window_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.call_finish(
            user=request.user, window=window, at=clock.now(), case_ids=data.validated_data["case_ids"]
        )
        return Response(
            {
                "ticket": _staff_ticket_data(result.ticket),
                "cases": QueueCaseBriefSerializer(result.cases, many=True).data,
            }
        )


# KPIs ----------------------------------------------------------------------------------------------


class QueueKpiRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="类别字头与名称、窗口号与名称、工号与姓名、“09:00”或日期")
    calls = serializers.IntegerField()
    served = serializers.IntegerField()
    skipped = serializers.IntegerField()
    wait_average = serializers.IntegerField(help_text="秒")
    wait_longest = serializers.IntegerField(help_text="秒")
    service_average = serializers.IntegerField(help_text="秒")
    service_longest = serializers.IntegerField(help_text="秒")


class QueueKpiApi(NamedApiView):
    """Wait time (called − queued) and service time (finished − called), in seconds, averaged and
    at most, with the calls made, served and skipped, by category, window, staff member, hour of
    the day or day, over the calls of the windows you see. For the center office, the business and
    the supervision sections."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        date_from = serializers.DateField()
        date_to = serializers.DateField(help_text="含当日")
        by = serializers.CharField()
        rows = QueueKpiRowSerializer(many=True)

    @extend_schema(
        operation_id="queue_kpis",
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="YYYY-MM-DD（默认本月一日）"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="YYYY-MM-DD，含当日（默认今天）"),
            OpenApiParameter("by", str, enum=list(selectors.GROUPINGS), description="分组，默认 category"),
        ],
        responses={200: OutputSerializer, 403: OpenApiResponse(description="无权查看叫号统计")},
    )
    def get(self, request):
        if not access_for(request.user).has_role(*SPANNING_ROLES):
            raise NotAllowed(_("只有中心办公室、业务科和监察科可以查看叫号统计。"))
        by = request.query_params.get("by", "") or "category"
        if by not in selectors.GROUPINGS:
            raise serializers.ValidationError(
                {"by": [_("分组应为 %(choices)s 之一。") % {"choices": "、".join(selectors.GROUPINGS)}]}
            )
        today = clock.today()
        first = _date_param(request, "from", _("开始日期")) or today.replace(day=1)
        last = _date_param(request, "to", _("结束日期")) or today
        if first > last or (last - first).days > KPI_MAXIMUM_DAYS:
            raise serializers.ValidationError({"from": [_("起止日期无效（开始不晚于结束，最长十年）。")]})
        calls = selectors.calls_visible_to(request.user).filter(
            service_date__gte=first, service_date__lte=last
        )
        rows = selectors.kpi_rows(calls, by=by)
        return Response(
            self.OutputSerializer({"date_from": first, "date_to": last, "by": by, "rows": rows}).data
        )
