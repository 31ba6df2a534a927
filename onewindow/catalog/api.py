"""Catalog API: the public guide (read-only, no login) and the staff's commands for drafting,
submitting, approving, returning, discarding and withdrawing. Same services as the office pages.

Files (blank forms, samples) are uploaded through the office pages; a draft written through the
API keeps the files of materials whose names it keeps.
"""

import hashlib

from django.core.cache import cache
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from onewindow.catalog import permissions, selectors, services
from onewindow.catalog.models import (
    OPEN_STATUSES,
    Audience,
    CaseKind,
    FeeItem,
    HandlingForm,
    HandlingVariant,
    Item,
    ItemType,
    ItemVersion,
    LimitUnit,
    Material,
    ServiceObject,
    StepKind,
    Theme,
)
from onewindow.common import clock
from onewindow.common.api import IdField, NamedApiView
from onewindow.common.parsing import parse_id
from onewindow.org.models import Department
from onewindow.org.permissions import HasRole
from onewindow.org.selectors import department_visible_to

Status = ItemVersion.Status


# Output -------------------------------------------------------------------------------------


class ItemSummarySerializer(serializers.Serializer):
    implementation_code = serializers.CharField(source="item.implementation_code")
    name = serializers.CharField()
    department = serializers.CharField(source="item.department.name")
    item_type = serializers.ChoiceField(choices=ItemType.choices)
    case_kind = serializers.ChoiceField(choices=CaseKind.choices)
    promised_limit = serializers.IntegerField()
    promised_unit = serializers.ChoiceField(choices=LimitUnit.choices)
    is_online_capable = serializers.BooleanField()
    visits_required = serializers.IntegerField()
    url = serializers.SerializerMethodField()

    def get_url(self, version) -> str:
        return reverse("portal:guide-item", args=[version.item.implementation_code])


class MaterialSerializer(serializers.Serializer):
    name = serializers.CharField()
    issuer = serializers.CharField()
    original_count = serializers.IntegerField()
    copy_count = serializers.IntegerField()
    necessity = serializers.ChoiceField(choices=Material.Necessity.choices)
    medium = serializers.ChoiceField(choices=Material.Medium.choices)
    source = serializers.ChoiceField(choices=Material.Source.choices)
    filling_notes = serializers.CharField()
    acceptance_standard = serializers.CharField()
    blank_form_url = serializers.SerializerMethodField()
    sample_form_url = serializers.SerializerMethodField()

    def get_blank_form_url(self, material) -> str | None:
        return reverse("portal:guide-file", args=[material.pk, "form"]) if material.blank_form else None

    def get_sample_form_url(self, material) -> str | None:
        return reverse("portal:guide-file", args=[material.pk, "sample"]) if material.sample_form else None


class TierSerializer(serializers.Serializer):
    up_to = serializers.IntegerField(allow_null=True, min_value=0)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)


class FeeItemSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=FeeItem.Kind.choices)
    standard = serializers.CharField(source="standard_text")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    unit = serializers.CharField()
    amount_min = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    amount_max = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    tiers = TierSerializer(many=True)
    legal_basis = serializers.CharField()
    is_waivable = serializers.BooleanField()
    waiver_basis = serializers.CharField()


class StepSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=StepKind.choices)
    limit_days = serializers.IntegerField()
    department = serializers.CharField(source="department.name", allow_null=True, default=None)
    description = serializers.CharField()


class ItemDetailSerializer(ItemSummarySerializer):
    """One version with all ten disclosures."""

    basic_code = serializers.CharField(source="item.basic_code")
    handling_code = serializers.CharField(source="item.handling_code")
    handling_variant = serializers.ChoiceField(
        source="item.handling_variant", choices=HandlingVariant.choices
    )
    level = serializers.IntegerField(source="item.level")
    version = serializers.IntegerField(source="number")
    status = serializers.ChoiceField(choices=Status.choices)
    effective_date = serializers.DateField(allow_null=True)
    co_departments = serializers.SerializerMethodField()
    co_opinion_limit = serializers.IntegerField()
    is_silence_consent = serializers.BooleanField()
    extension_days = serializers.IntegerField(
        help_text="可延长时限（与法定时限同一单位）：事项规定的，或《行政许可法》第四十二条的10个工作日（联办件15个）；0为不得延长"
    )
    extension_basis = serializers.CharField()
    legal_basis = serializers.CharField()
    conditions = serializers.CharField()
    procedure = serializers.CharField()
    statutory_limit = serializers.IntegerField()
    statutory_unit = serializers.ChoiceField(choices=LimitUnit.choices)
    statutory_note = serializers.CharField()
    promised_note = serializers.CharField()
    service_objects = serializers.ListField(child=serializers.ChoiceField(choices=ServiceObject.choices))
    handling_forms = serializers.ListField(child=serializers.ChoiceField(choices=HandlingForm.choices))
    is_appointment_capable = serializers.BooleanField()
    result_name = serializers.CharField()
    address = serializers.CharField()
    hours = serializers.CharField()
    consultation_phone = serializers.CharField()
    supervision_phone = serializers.CharField()
    faq = serializers.CharField()
    keywords = serializers.ListField(child=serializers.CharField(), source="keyword_list")
    themes = serializers.SerializerMethodField()
    charges_fee = serializers.BooleanField()
    materials = MaterialSerializer(many=True)
    fee_items = FeeItemSerializer(many=True)
    steps = StepSerializer(many=True)

    def get_co_departments(self, version) -> list[str]:
        return [department.name for department in version.co_departments.all()]

    def get_themes(self, version) -> list[str]:
        return [theme.name for theme in version.themes.all()]


class VersionSummarySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    effective_date = serializers.DateField(allow_null=True)
    change_summary = serializers.CharField()
    updated_at = serializers.DateTimeField()


# Public -------------------------------------------------------------------------------------


class ItemListApi(ListAPIView):
    """Items in force today. `search` matches any part of the name, keywords, result, department or
    theme; filters narrow by department id, theme id, item type and audience."""

    serializer_class = ItemSummarySerializer
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        operation_id="items_list",
        parameters=[
            OpenApiParameter("search", str, description="名称或关键词的任意部分"),
            OpenApiParameter("department", int),
            OpenApiParameter("theme", int),
            OpenApiParameter("type", str, enum=ItemType.values),
            OpenApiParameter("audience", str, enum=Audience.values),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        """A page of the guide's answer. Its items' summaries are the same for every caller until
        the catalog changes: serialized once per catalog revision, day and page of items."""
        results = self.get_queryset()
        ids = self.paginate_queryset(results.ids)  # the page's ids: counted and cut, nothing read
        digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]
        key = f"catalog:api-items:{results.revision}:{results.on_date.isoformat()}:{digest}"
        summaries = cache.get(key)
        if summaries is None:
            rows = selectors.listing_rows(ids, on_date=results.on_date)
            summaries = self.get_serializer(rows, many=True).data
            cache.set(key, summaries, timeout=selectors.CACHE_SECONDS)
        return self.get_paginated_response(summaries)

    def get_queryset(self):
        """The guide's cached answer (selectors.GuideResults): a page reads only its own rows."""
        params = self.request.query_params
        item_type = params.get("type", "")
        audience = params.get("audience", "")
        return selectors.guide_results(
            on_date=clock.today(),
            query=params.get("search", "")[:50],
            department_id=parse_id(params.get("department")),
            theme_id=parse_id(params.get("theme")),
            item_type=item_type if item_type in ItemType.values else "",
            audience=audience if audience in Audience.values else "",
        )


class ItemDetailApi(NamedApiView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses=ItemDetailSerializer, operation_id="item_detail")
    def get(self, request, code: str):
        version = selectors.version_in_force(implementation_code=code, on_date=clock.today())
        if version is None:
            return Response({"code": "not_found", "message": _("没有这个事项，或者它已取消。")}, status=404)
        return Response(ItemDetailSerializer(version).data)


# Staff commands -----------------------------------------------------------------------------


class MaterialInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    issuer = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    original_count = serializers.IntegerField(min_value=0, max_value=99, default=1)
    copy_count = serializers.IntegerField(min_value=0, max_value=99, default=0)
    necessity = serializers.ChoiceField(
        choices=Material.Necessity.choices, default=Material.Necessity.REQUIRED
    )
    medium = serializers.ChoiceField(choices=Material.Medium.choices, default=Material.Medium.PAPER)
    source = serializers.ChoiceField(choices=Material.Source.choices, default=Material.Source.APPLICANT)
    filling_notes = serializers.CharField(required=False, default="", allow_blank=True)
    acceptance_standard = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class FeeInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    kind = serializers.ChoiceField(choices=FeeItem.Kind.choices, default=FeeItem.Kind.FIXED)
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    unit = serializers.CharField(max_length=20, required=False, default="", allow_blank=True)
    amount_min = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    amount_max = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    tiers = TierSerializer(many=True, required=False, default=list)
    legal_basis = serializers.CharField(allow_blank=True)
    is_waivable = serializers.BooleanField(default=False)
    waiver_basis = serializers.CharField(required=False, default="", allow_blank=True)


class StepInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    kind = serializers.ChoiceField(
        choices=StepKind.choices, required=False, default="", allow_blank=True, help_text="空则按环节名称判断"
    )
    limit_days = serializers.IntegerField(min_value=0, max_value=999)
    department = IdField(required=False, allow_null=True, default=None)
    description = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class ContentSerializer(serializers.Serializer):
    """A version's content as a staff system submits it."""

    name = serializers.CharField(max_length=100)
    item_type = serializers.ChoiceField(choices=ItemType.choices)
    case_kind = serializers.ChoiceField(choices=CaseKind.choices)
    co_departments = serializers.ListField(child=IdField(), default=list)
    legal_basis = serializers.CharField(allow_blank=True)
    conditions = serializers.CharField(allow_blank=True)
    procedure = serializers.CharField(allow_blank=True)
    statutory_limit = serializers.IntegerField(min_value=0, max_value=999)
    statutory_unit = serializers.ChoiceField(choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS)
    statutory_note = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    promised_limit = serializers.IntegerField(min_value=0, max_value=999)
    promised_unit = serializers.ChoiceField(choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS)
    promised_note = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    extension_limit = serializers.IntegerField(
        min_value=0,
        max_value=999,
        required=False,
        allow_null=True,
        default=None,
        help_text="不填：依《行政许可法》第四十二条；0：不得延长",
    )
    extension_basis = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    co_opinion_limit = serializers.IntegerField(min_value=1, max_value=99, default=5)
    is_silence_consent = serializers.BooleanField(default=True)
    service_objects = serializers.ListField(child=serializers.ChoiceField(choices=ServiceObject.choices))
    handling_forms = serializers.ListField(child=serializers.ChoiceField(choices=HandlingForm.choices))
    is_online_capable = serializers.BooleanField(default=False)
    is_appointment_capable = serializers.BooleanField(default=False)
    visits_required = serializers.IntegerField(min_value=0, max_value=9, default=1)
    result_name = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    hours = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    consultation_phone = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    supervision_phone = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    faq = serializers.CharField(required=False, default="", allow_blank=True)
    keywords = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    themes = serializers.ListField(child=serializers.CharField(), default=list, help_text="主题名称")
    change_summary = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)
    materials = MaterialInputSerializer(many=True, default=list)
    fee_items = FeeInputSerializer(many=True, default=list)
    steps = StepInputSerializer(many=True, default=list)


def _content_from(
    data: dict, *, department: Department, previous: ItemVersion | None
) -> services.VersionContent:
    """Turn validated input into VersionContent: ids to departments (of the same site), theme
    names to themes, and the files of materials kept by name."""
    data = dict(data)
    site_departments = {d.pk: d for d in Department.objects.filter(site_id=department.site_id)}
    errors = {}
    co_ids = data.pop("co_departments")
    missing = [pk for pk in co_ids if pk not in site_departments]
    if missing:
        errors["co_departments"] = [_("本中心没有编号为 %(id)s 的部门。") % {"id": missing[0]}]
    theme_names = data.pop("themes")
    themes = {theme.name: theme for theme in Theme.objects.filter(name__in=theme_names)}
    unknown = [name for name in theme_names if name not in themes]
    if unknown:
        errors["themes"] = [_("没有主题“%(name)s”。") % {"name": unknown[0]}]
    steps = []
    for step in data.pop("steps"):
        step = dict(step)
        if step["department"] is not None and step["department"] not in site_departments:
            errors["steps"] = [_("本中心没有编号为 %(id)s 的部门。") % {"id": step["department"]}]
        step["department"] = site_departments.get(step["department"])
        steps.append(step)
    if errors:
        raise serializers.ValidationError(errors)
    kept_files = {}
    if previous is not None:
        kept_files = {
            m.name: {"blank_form": m.blank_form.name, "sample_form": m.sample_form.name}
            for m in previous.materials.all()
        }
    materials = [dict(row) | kept_files.get(row["name"], {}) for row in data.pop("materials")]
    fee_items = [
        dict(row) | {"tiers": [dict(tier) | {"amount": str(tier["amount"])} for tier in row["tiers"]]}
        for row in data.pop("fee_items")
    ]
    return services.VersionContent(
        fields=data,
        co_departments=[site_departments[pk] for pk in co_ids],
        themes=[themes[name] for name in theme_names],
        materials=materials,
        fee_items=fee_items,
        steps=steps,
    )


def _staff_item(request, code: str) -> Item:
    return get_object_or_404(selectors.item_visible_to(request.user), implementation_code=code)


def _detail(version: ItemVersion) -> dict:
    return ItemDetailSerializer(selectors.with_details(ItemVersion.objects.filter(pk=version.pk)).get()).data


EDITORS = HasRole(*permissions.CATALOG_EDITORS)


class ItemCreateApi(NamedApiView):
    """A new item with its first draft (a department edits its own; the office any below it)."""

    permission_classes = [EDITORS]

    class InputSerializer(ContentSerializer):
        department = IdField()
        basic_code = serializers.CharField(max_length=20)
        implementation_code = serializers.CharField(max_length=40)
        handling_variant = serializers.ChoiceField(
            choices=HandlingVariant.choices, default=HandlingVariant.NONE
        )

    @extend_schema(request=InputSerializer, responses={201: ItemDetailSerializer}, operation_id="item_create")
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        department = get_object_or_404(department_visible_to(request.user), pk=values.pop("department"))
        identity = {
            name: values.pop(name) for name in ("basic_code", "implementation_code", "handling_variant")
        }
        version = services.item_create(
            department=department,
            content=_content_from(values, department=department, previous=None),
            user=request.user,
            now=clock.now(),
            **identity,
        )
        return Response(_detail(version), status=status.HTTP_201_CREATED)


class ItemVersionsApi(NamedApiView):
    """Every version of an item, newest first (catalog staff who can see the item)."""

    permission_classes = [HasRole(*permissions.CATALOG_READERS)]

    @extend_schema(responses=VersionSummarySerializer(many=True), operation_id="item_versions")
    def get(self, request, code: str):
        item = _staff_item(request, code)
        return Response(VersionSummarySerializer(item.versions.order_by("-number"), many=True).data)


class ItemVersionApi(NamedApiView):
    permission_classes = [HasRole(*permissions.CATALOG_READERS)]

    @extend_schema(responses=ItemDetailSerializer, operation_id="item_version")
    def get(self, request, code: str, number: int):
        item = _staff_item(request, code)
        return Response(_detail(get_object_or_404(item.versions, number=number)))


class ItemDraftApi(NamedApiView):
    """PUT: write the item's draft (opening one from the latest version if none is open)."""

    permission_classes = [EDITORS]

    @extend_schema(request=ContentSerializer, responses=ItemDetailSerializer, operation_id="item_draft_save")
    def put(self, request, code: str):
        item = _staff_item(request, code)
        data = ContentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():  # a refused PUT leaves no new draft behind
            draft = services.draft_open(item=item, user=request.user, now=clock.now())
            version = services.draft_save(
                version=draft,
                content=_content_from(data.validated_data, department=item.department, previous=draft),
                user=request.user,
                now=clock.now(),
            )
        return Response(_detail(version))


def _open_version(item: Item) -> ItemVersion:
    version = item.versions.filter(status__in=OPEN_STATUSES).first()
    if version is None:
        raise services.WrongState(_("该事项没有草稿或待审核版本。"))
    return version


class ItemSubmitApi(NamedApiView):
    permission_classes = [EDITORS]

    class InputSerializer(serializers.Serializer):
        summary = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses=ItemDetailSerializer, operation_id="item_submit")
    def post(self, request, code: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = _staff_item(request, code)
        version = services.version_submit(
            version=_open_version(item),
            user=request.user,
            now=clock.now(),
            summary=data.validated_data["summary"],
        )
        return Response(_detail(version))


class ItemApproveApi(NamedApiView):
    permission_classes = [HasRole()]

    class InputSerializer(serializers.Serializer):
        effective_date = serializers.DateField(required=False, allow_null=True, default=None)
        comment = serializers.CharField(max_length=1000, required=False, default="", allow_blank=True)

    @extend_schema(request=InputSerializer, responses=ItemDetailSerializer, operation_id="item_approve")
    def post(self, request, code: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = _staff_item(request, code)
        version = services.version_approve(
            version=_open_version(item),
            user=request.user,
            now=clock.now(),
            today=clock.today(),
            **data.validated_data,
        )
        return Response(_detail(version))


class ItemReturnApi(NamedApiView):
    permission_classes = [HasRole()]

    class InputSerializer(serializers.Serializer):
        comment = serializers.CharField(max_length=1000)

    @extend_schema(request=InputSerializer, responses=ItemDetailSerializer, operation_id="item_return")
    def post(self, request, code: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = _staff_item(request, code)
        version = services.version_return(
            version=_open_version(item),
            user=request.user,
            now=clock.now(),
            comment=data.validated_data["comment"],
        )
        return Response(_detail(version))


class ItemDiscardApi(NamedApiView):
    permission_classes = [EDITORS]

    @extend_schema(request=None, responses=VersionSummarySerializer, operation_id="item_discard")
    def post(self, request, code: str):
        item = _staff_item(request, code)
        version = services.draft_discard(version=_open_version(item), user=request.user, now=clock.now())
        return Response(VersionSummarySerializer(version).data)


class ItemWithdrawApi(NamedApiView):
    permission_classes = [HasRole()]

    class InputSerializer(serializers.Serializer):
        withdrawal_date = serializers.DateField()
        reason = serializers.CharField(max_length=200)

    class OutputSerializer(serializers.Serializer):
        implementation_code = serializers.CharField()
        withdrawal_date = serializers.DateField()
        withdrawal_reason = serializers.CharField()

    @extend_schema(request=InputSerializer, responses=OutputSerializer, operation_id="item_withdraw")
    def post(self, request, code: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.item_withdraw(
            item=_staff_item(request, code),
            user=request.user,
            now=clock.now(),
            today=clock.today(),
            **data.validated_data,
        )
        return Response(self.OutputSerializer(item).data)
