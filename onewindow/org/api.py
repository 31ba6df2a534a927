"""Organisation API: scoped reads, and the office's commands (departments, windows, staff, posts, roster)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from onewindow.common import clock
from onewindow.common.api import IdField, NamedApiView
from onewindow.org import selectors, services
from onewindow.org.models import Department, DutyAssignment, PostKind, Role, Site, Staff, Window
from onewindow.org.permissions import ORG_MANAGERS, HasRole
from onewindow.workcalendar.selectors import working_calendar


class SiteSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Site
        fields = [
            "id",
            "name",
            "short_name",
            "code",
            "kind",
            "level",
            "parent",
            "address",
            "phone",
            "opening_hours",
        ]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "site", "name", "short_name", "credit_code", "phone", "head_name", "head_phone"]


class WindowSerializer(serializers.ModelSerializer):
    departments = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Window
        fields = ["id", "site", "number", "name", "kind", "zone", "departments", "is_active"]


class StaffSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = Staff
        fields = [
            "id",
            "username",
            "name",
            "employee_number",
            "title",
            "site",
            "department",
            "roles",
            "is_active",
        ]

    def get_roles(self, staff) -> list[str]:
        return sorted(row.role for row in staff.role_rows.all())


class SiteViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SiteSerializer
    permission_classes = [HasRole()]

    def get_queryset(self):
        return selectors.site_visible_to(self.request.user)


class DepartmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DepartmentSerializer
    permission_classes = [HasRole()]

    def get_queryset(self):
        return selectors.department_visible_to(self.request.user)


class WindowViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = WindowSerializer
    permission_classes = [HasRole()]

    def get_queryset(self):
        return selectors.window_visible_to(self.request.user)


class StaffViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = StaffSerializer
    permission_classes = [HasRole()]

    def get_queryset(self):
        return selectors.staff_visible_to(self.request.user)


class MeApi(NamedApiView):
    """Who I am: my account, staff record and roles."""

    class OutputSerializer(serializers.Serializer):
        username = serializers.CharField()
        name = serializers.CharField()
        roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
        scope = serializers.CharField()
        staff = StaffSerializer(allow_null=True)

    @extend_schema(responses=OutputSerializer, operation_id="me")
    def get(self, request):
        access = selectors.access_for(request.user)
        return Response(
            self.OutputSerializer(
                {
                    "username": request.user.username,
                    "name": request.user.get_full_name(),
                    "roles": sorted(access.roles),
                    "scope": access.scope,
                    "staff": access.staff,
                }
            ).data
        )


class DepartmentCreateApi(NamedApiView):
    permission_classes = [HasRole(*ORG_MANAGERS)]

    class InputSerializer(serializers.Serializer):
        site = IdField()
        name = serializers.CharField(max_length=100)
        short_name = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)
        credit_code = serializers.CharField(max_length=30)
        phone = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
        head_name = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
        head_phone = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)

    @extend_schema(
        request=InputSerializer, responses={201: DepartmentSerializer}, operation_id="department_create"
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        site = get_object_or_404(selectors.site_visible_to(request.user), pk=values.pop("site"))
        department = services.department_save(site=site, **values)
        return Response(DepartmentSerializer(department).data, status=status.HTTP_201_CREATED)


class StaffCreateApi(NamedApiView):
    permission_classes = [HasRole(*ORG_MANAGERS)]

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        full_name = serializers.CharField(max_length=50)
        password = serializers.CharField(write_only=True)
        site = IdField()
        department = IdField(required=False, allow_null=True, default=None)
        employee_number = serializers.CharField(max_length=20)
        roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), allow_empty=False)
        title = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
        phone = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses={201: StaffSerializer}, operation_id="staff_create")
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        site = get_object_or_404(selectors.site_visible_to(request.user), pk=values.pop("site"))
        department_id = values.pop("department")
        department = (
            get_object_or_404(selectors.department_visible_to(request.user), pk=department_id)
            if department_id
            else None
        )
        staff = services.staff_create(site=site, department=department, **values)
        return Response(
            StaffSerializer(selectors.staff_visible_to(request.user).get(pk=staff.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class WindowPostAssignApi(NamedApiView):
    """Give a window's A or B post to a staff member from a date."""

    permission_classes = [HasRole(*ORG_MANAGERS)]

    class InputSerializer(serializers.Serializer):
        post = serializers.ChoiceField(choices=PostKind.choices)
        staff = IdField()
        from_date = serializers.DateField()

    class OutputSerializer(serializers.Serializer):
        window = serializers.IntegerField(source="window_id")
        post = serializers.CharField()
        staff = serializers.IntegerField(source="staff_id")
        active_from_date = serializers.DateField()

    @extend_schema(
        request=InputSerializer, responses={201: OutputSerializer}, operation_id="window_post_assign"
    )
    def post(self, request, window_id: int):
        window = get_object_or_404(selectors.window_visible_to(request.user), pk=window_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        staff = get_object_or_404(selectors.staff_visible_to(request.user), pk=data.validated_data["staff"])
        post = services.window_post_assign(
            window=window,
            post=data.validated_data["post"],
            staff=staff,
            from_date=data.validated_data["from_date"],
        )
        return Response(self.OutputSerializer(post).data, status=status.HTTP_201_CREATED)


class RosterRowSerializer(serializers.Serializer):
    window = WindowSerializer()
    staff = serializers.SerializerMethodField()
    source = serializers.SerializerMethodField()
    primary = serializers.SerializerMethodField()
    backup = serializers.SerializerMethodField()

    def get_staff(self, row) -> str | None:
        return row.duty.staff.name if row.duty else None

    def get_source(self, row) -> str | None:
        return row.duty.source if row.duty else None

    def get_primary(self, row) -> str | None:
        return row.primary.staff.name if row.primary else None

    def get_backup(self, row) -> str | None:
        return row.backup.staff.name if row.backup else None


_DATE_PARAMETER = OpenApiParameter("date", str, description="YYYY-MM-DD（默认今天）")
_SITE_PARAMETER = OpenApiParameter("site", int, description="站点 id（默认全部可见站点）")


class _RosterQuery(serializers.Serializer):
    date = serializers.DateField(required=False)
    site = IdField(required=False)


def _roster_query(request):
    data = _RosterQuery(data=request.query_params)
    data.is_valid(raise_exception=True)
    site_id = data.validated_data.get("site")
    site = get_object_or_404(selectors.site_visible_to(request.user), pk=site_id) if site_id else None
    return data.validated_data.get("date") or clock.today(), site


class DutyRosterApi(NamedApiView):
    """The day's roster of every visible window."""

    permission_classes = [HasRole()]

    @extend_schema(
        parameters=[_DATE_PARAMETER, _SITE_PARAMETER],
        responses=RosterRowSerializer(many=True),
        operation_id="duty_roster",
    )
    def get(self, request):
        duty_date, site = _roster_query(request)
        return Response(
            RosterRowSerializer(
                selectors.duty_roster(user=request.user, duty_date=duty_date, site=site), many=True
            ).data
        )


class DutyGapsApi(NamedApiView):
    """Windows nobody is on duty at (空岗) on a day; empty on a day the hall is closed."""

    permission_classes = [HasRole()]

    @extend_schema(
        parameters=[_DATE_PARAMETER, _SITE_PARAMETER],
        responses=WindowSerializer(many=True),
        operation_id="duty_gaps",
    )
    def get(self, request):
        duty_date, site = _roster_query(request)
        if not working_calendar().is_working_day(duty_date):
            return Response([])
        return Response(
            WindowSerializer(
                selectors.windows_without_duty(user=request.user, duty_date=duty_date, site=site), many=True
            ).data
        )


class DutyRosterGenerateApi(NamedApiView):
    permission_classes = [HasRole(*ORG_MANAGERS)]

    class InputSerializer(serializers.Serializer):
        site = IdField()
        date = serializers.DateField()

    class OutputSerializer(serializers.Serializer):
        created = serializers.IntegerField()
        gaps = WindowSerializer(many=True)

    @extend_schema(request=InputSerializer, responses=OutputSerializer, operation_id="duty_roster_generate")
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        site = get_object_or_404(selectors.site_visible_to(request.user), pk=data.validated_data["site"])
        result = services.duty_roster_generate(
            site=site,
            duty_date=data.validated_data["date"],
            actor=request.user,
            at=clock.now(),
            calendar=working_calendar(),
        )
        return Response(self.OutputSerializer({"created": len(result.created), "gaps": result.gaps}).data)


class DutyAssignApi(NamedApiView):
    permission_classes = [HasRole(*ORG_MANAGERS)]

    class InputSerializer(serializers.Serializer):
        window = IdField()
        date = serializers.DateField()
        staff = IdField()

    class OutputSerializer(serializers.ModelSerializer):
        class Meta:
            model = DutyAssignment
            fields = ["window", "duty_date", "staff", "source"]

    @extend_schema(request=InputSerializer, responses=OutputSerializer, operation_id="duty_assign")
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        window = get_object_or_404(
            selectors.window_visible_to(request.user), pk=data.validated_data["window"]
        )
        staff = get_object_or_404(selectors.staff_visible_to(request.user), pk=data.validated_data["staff"])
        duty = services.duty_assign(
            window=window,
            duty_date=data.validated_data["date"],
            staff=staff,
            actor=request.user,
            at=clock.now(),
            calendar=working_calendar(),
        )
        return Response(self.OutputSerializer(duty).data)
