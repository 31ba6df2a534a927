"""Calendar API: public working-day arithmetic; the office's year, arrangement and day commands."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from onewindow.common import clock
from onewindow.common.api import NamedApiView
from onewindow.org.permissions import ManagesCalendar
from onewindow.workcalendar import selectors, services
from onewindow.workcalendar.arithmetic import DateOutOfRange
from onewindow.workcalendar.models import CalendarDay, CalendarYear


class CalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name"]


class CalendarYearSerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarYear
        fields = ["year", "source", "is_published", "notice_reference", "published_at"]


def _out_of_range(error: DateOutOfRange) -> Response:
    return Response({"code": "date_out_of_range", "message": str(error)}, status=status.HTTP_400_BAD_REQUEST)


class WorkingDaysAddApi(NamedApiView):
    """The N-th working day after a date (the start day is not counted)."""

    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        date = serializers.DateField()
        days = serializers.IntegerField(min_value=-20000, max_value=20000)

    class OutputSerializer(serializers.Serializer):
        date = serializers.DateField()
        days = serializers.IntegerField()
        result = serializers.DateField()
        uncovered_years = serializers.ListField(
            child=serializers.IntegerField(), help_text="按周一至周五推算的年份"
        )

    @extend_schema(parameters=[InputSerializer], responses=OutputSerializer, operation_id="working_days_add")
    def get(self, request):
        data = self.InputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        calendar = selectors.working_calendar()
        start, days = data.validated_data["date"], data.validated_data["days"]
        try:
            result = calendar.add(start, days)
        except DateOutOfRange as error:
            return _out_of_range(error)
        uncovered = calendar.uncovered_years(start, result)
        return Response(
            self.OutputSerializer(
                {"date": start, "days": days, "result": result, "uncovered_years": uncovered}
            ).data
        )


class WorkingDaysBetweenApi(NamedApiView):
    """Working days in (start, end]."""

    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        start = serializers.DateField()
        end = serializers.DateField()

    class OutputSerializer(serializers.Serializer):
        start = serializers.DateField()
        end = serializers.DateField()
        working_days = serializers.IntegerField()
        uncovered_years = serializers.ListField(child=serializers.IntegerField())

    @extend_schema(
        parameters=[InputSerializer], responses=OutputSerializer, operation_id="working_days_between"
    )
    def get(self, request):
        data = self.InputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        calendar = selectors.working_calendar()
        start, end = data.validated_data["start"], data.validated_data["end"]
        try:
            count = calendar.between(start, end)
        except DateOutOfRange as error:
            return _out_of_range(error)
        uncovered = calendar.uncovered_years(start, end)
        return Response(
            self.OutputSerializer(
                {"start": start, "end": end, "working_days": count, "uncovered_years": uncovered}
            ).data
        )


class CalendarYearListApi(NamedApiView):
    permission_classes = [AllowAny]

    class OpenSerializer(serializers.Serializer):
        year = serializers.IntegerField(min_value=1990, max_value=2200)

    @extend_schema(responses=CalendarYearSerializer(many=True), operation_id="calendar_years_list")
    def get(self, request):
        return Response(CalendarYearSerializer(selectors.calendar_year_list(), many=True).data)

    @extend_schema(
        request=OpenSerializer, responses={201: CalendarYearSerializer}, operation_id="calendar_year_open"
    )
    def post(self, request):
        if not ManagesCalendar().has_permission(request, self):
            self.permission_denied(request, message=ManagesCalendar.message)
        data = self.OpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.calendar_year_open(
            year=data.validated_data["year"], actor=request.user, at=clock.now()
        )
        return Response(CalendarYearSerializer(record).data, status=status.HTTP_201_CREATED)


class CalendarYearDetailApi(NamedApiView):
    permission_classes = [AllowAny]

    class OutputSerializer(serializers.Serializer):
        year = serializers.IntegerField()
        is_covered = serializers.BooleanField(help_text="false: 该年按周一至周五推算")
        record = CalendarYearSerializer(allow_null=True)
        days = CalendarDaySerializer(many=True)

    @extend_schema(responses=OutputSerializer, operation_id="calendar_year_detail")
    def get(self, request, year: int):
        overview = selectors.calendar_year_overview(year=year)
        return Response(
            self.OutputSerializer(
                {
                    "year": year,
                    "is_covered": overview.is_covered,
                    "record": overview.record,
                    "days": overview.days,
                }
            ).data
        )


class CalendarArrangementAddApi(NamedApiView):
    """Enter one festival's arrangement as the State Council notice reads it."""

    permission_classes = [ManagesCalendar]

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=60)
        first_date = serializers.DateField()
        last_date = serializers.DateField()
        makeup_dates = serializers.ListField(child=serializers.DateField(), required=False, default=list)

    @extend_schema(
        request=InputSerializer,
        responses={201: CalendarDaySerializer(many=True)},
        operation_id="calendar_arrangement_add",
    )
    def post(self, request, year: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        days = services.calendar_arrangement_add(
            year=year, actor=request.user, at=clock.now(), **data.validated_data
        )
        return Response(CalendarDaySerializer(days, many=True).data, status=status.HTTP_201_CREATED)


class CalendarYearPublishApi(NamedApiView):
    permission_classes = [ManagesCalendar]

    class InputSerializer(serializers.Serializer):
        notice_reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")

    @extend_schema(
        request=InputSerializer, responses=CalendarYearSerializer, operation_id="calendar_year_publish"
    )
    def post(self, request, year: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.calendar_year_publish(
            year=year, actor=request.user, at=clock.now(), **data.validated_data
        )
        return Response(CalendarYearSerializer(record).data)


class CalendarDayApi(NamedApiView):
    """Set or remove one day."""

    permission_classes = [ManagesCalendar]

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=CalendarDay.Kind.choices)
        name = serializers.CharField(max_length=60)

    @extend_schema(
        request=InputSerializer,
        responses=CalendarDaySerializer,
        operation_id="calendar_day_set",
        parameters=[OpenApiParameter("day", str, OpenApiParameter.PATH, description="YYYY-MM-DD")],
    )
    def put(self, request, day):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.calendar_day_set(day=day, actor=request.user, at=clock.now(), **data.validated_data)
        return Response(CalendarDaySerializer(record).data)

    @extend_schema(
        responses={204: None},
        operation_id="calendar_day_remove",
        parameters=[OpenApiParameter("day", str, OpenApiParameter.PATH, description="YYYY-MM-DD")],
    )
    def delete(self, request, day):
        get_object_or_404(CalendarDay, date=day)
        services.calendar_day_remove(day=day, actor=request.user, at=clock.now())
        return Response(status=status.HTTP_204_NO_CONTENT)
