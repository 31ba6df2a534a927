"""The office console's catalog pages: the item list, the editor, review, history and diff,
withdrawal, and Excel import/export. Each page parses input, makes one service call and shows
the service's errors beside the fields."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.catalog import excel, forms, permissions, selectors, services
from onewindow.catalog.diff import version_diff
from onewindow.catalog.models import OPEN_STATUSES, Item, ItemVersion
from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.forms import add_service_error, apply_form_and_report, error_text
from onewindow.common.parsing import BadInput, parse_id, parse_int
from onewindow.org.models import Department
from onewindow.org.permissions import ORG_MANAGERS, role_required, user_has_role
from onewindow.org.selectors import department_visible_to

Status = ItemVersion.Status
CATALOG_READERS = permissions.CATALOG_READERS
STATUS_FILTERS = {
    "open": [Status.DRAFT, Status.RETURNED],
    "submitted": [Status.SUBMITTED],
}


def _item_for(request, code: str) -> Item:
    return get_object_or_404(selectors.item_visible_to(request.user), implementation_code=code)


def _editable_departments(request):
    return [
        d for d in department_visible_to(request.user) if permissions.can_edit_department(request.user, d)
    ]


@role_required(*CATALOG_READERS)
def item_list(request):
    today = clock.today()
    items = selectors.items_with_state(selectors.item_visible_to(request.user), on_date=today)
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    department_id = parse_id(request.GET.get("department"))
    if query:
        items = items.filter(versions__search_text__contains=query.lower()).distinct()
    if department_id:
        items = items.filter(department_id=department_id)
    if status in STATUS_FILTERS:
        items = items.filter(open_status__in=STATUS_FILTERS[status])
    elif status == "published":
        items = items.filter(current_number__isnull=False)
    elif status == "unpublished":
        items = items.filter(current_number__isnull=True)
    page = Paginator(
        items.order_by("department__sort_order", "department__name", "implementation_code"), 50
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/item_list.html",
        {
            "section": "catalog",
            "page": page,
            "query": query,
            "status": status,
            "department_id": department_id,
            "departments": department_visible_to(request.user),
            "can_create": bool(_editable_departments(request)),
            "can_import": user_has_role(request.user, *ORG_MANAGERS),
            "awaiting": selectors.versions_awaiting_review(request.user).count()
            if user_has_role(request.user, *ORG_MANAGERS)
            else 0,
        },
    )


# Editing ------------------------------------------------------------------------------------


def _co_departments(department: Department | None):
    departments = Department.objects.filter(is_active=True).select_related("site")
    if department is not None:
        departments = departments.filter(site=department.site).exclude(pk=department.pk)
    return departments


def _row_data(formset) -> list[dict]:
    return [
        {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def _content(version_form, material_set, fee_set, step_set) -> services.VersionContent:
    data = dict(version_form.cleaned_data)
    co_departments = list(data.pop("co_departments", []))
    themes = list(data.pop("themes", []))
    return services.VersionContent(
        fields=data,
        co_departments=co_departments,
        themes=themes,
        materials=_row_data(material_set),
        fee_items=_row_data(fee_set),
        steps=_row_data(step_set),
    )


def _show_service_errors(error, version_form, formsets: dict) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        rest = {}
        for key, field_errors in error.error_dict.items():
            if key in formsets:
                formsets[key]._non_form_errors = formsets[key].error_class(
                    [message for field_error in field_errors for message in field_error.messages]
                )
            else:
                rest[key] = field_errors
        if rest:
            add_service_error(version_form, ValidationError(rest))
    else:
        add_service_error(version_form, error)


def _editor_forms(request, *, version: ItemVersion | None, department: Department | None):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    co_departments = _co_departments(department)
    step_departments = (
        Department.objects.filter(site=department.site) if department else Department.objects.all()
    )
    if version is not None:
        version_form = forms.VersionForm(data, files, instance=version, co_departments=co_departments)
        material_initial = [
            {name: getattr(row, name) for name in services.MATERIAL_FIELDS} for row in version.materials.all()
        ]
        fee_initial = [
            {name: getattr(row, name) for name in services.FEE_FIELDS} for row in version.fee_items.all()
        ]
        step_initial = [
            {name: getattr(row, name) for name in services.STEP_FIELDS} for row in version.steps.all()
        ]
    else:
        version_form = forms.VersionForm(
            data,
            files,
            co_departments=co_departments,
            initial={"statutory_unit": "WORKING_DAYS", "promised_unit": "WORKING_DAYS", "visits_required": 1},
        )
        material_initial, fee_initial, step_initial = [], [], []
    return (
        version_form,
        forms.MaterialFormSet(data, files, prefix="materials", initial=material_initial),
        forms.FeeItemFormSet(data, files, prefix="fee_items", initial=fee_initial),
        forms.StepFormSet(
            data, prefix="steps", initial=step_initial, form_kwargs={"departments": step_departments}
        ),
    )


def _render_editor(
    request, *, title, item, version, identity_form, version_form, material_set, fee_set, step_set
):
    return render(
        request,
        "catalog/item_edit.html",
        {
            "section": "catalog",
            "title": title,
            "item": item,
            "version": version,
            "identity_form": identity_form,
            "form": version_form,
            "material_set": material_set,
            "fee_set": fee_set,
            "step_set": step_set,
        },
    )


@role_required(*permissions.CATALOG_EDITORS)
def item_create(request):
    departments = _editable_departments(request)
    department_ids = [d.pk for d in departments]
    identity_form = forms.ItemIdentityForm(
        request.POST or None, departments=Department.objects.filter(pk__in=department_ids)
    )
    department = None
    if request.method == "POST" and identity_form.is_valid():
        department = identity_form.cleaned_data["department"]
    elif len(departments) == 1:
        department = departments[0]
        identity_form.initial["department"] = department
    version_form, material_set, fee_set, step_set = _editor_forms(
        request, version=None, department=department
    )
    if request.method == "POST" and all(
        [
            identity_form.is_valid(),
            version_form.is_valid(),
            material_set.is_valid(),
            fee_set.is_valid(),
            step_set.is_valid(),
        ]
    ):
        try:
            version = services.item_create(
                **identity_form.cleaned_data,
                content=_content(version_form, material_set, fee_set, step_set),
                user=request.user,
                now=clock.now(),
            )
        except (ValidationError, DomainError) as error:
            identity_errors = {}
            if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
                identity_errors = {k: v for k, v in error.error_dict.items() if k in identity_form.fields}
            if identity_errors:
                add_service_error(identity_form, ValidationError(identity_errors))
            else:
                _show_service_errors(
                    error, version_form, {"materials": material_set, "fee_items": fee_set, "steps": step_set}
                )
        else:
            messages.success(request, _("事项已创建为草稿。确认无误后请提交审核。"))
            return redirect("catalog:item-detail", code=version.item.implementation_code)
    return _render_editor(
        request,
        title=_("新增事项"),
        item=None,
        version=None,
        identity_form=identity_form,
        version_form=version_form,
        material_set=material_set,
        fee_set=fee_set,
        step_set=step_set,
    )


@role_required(*permissions.CATALOG_EDITORS)
def draft_edit(request, code: str):
    item = _item_for(request, code)
    if not permissions.can_edit_item(request.user, item):
        raise Http404
    version = item.versions.filter(status__in=[Status.DRAFT, Status.RETURNED]).first()
    if version is None:
        if request.method == "POST":
            raise Http404
        return redirect("catalog:item-detail", code=code)
    version_form, material_set, fee_set, step_set = _editor_forms(
        request, version=version, department=item.department
    )
    if request.method == "POST" and all(
        [version_form.is_valid(), material_set.is_valid(), fee_set.is_valid(), step_set.is_valid()]
    ):
        try:
            services.draft_save(
                version=version,
                content=_content(version_form, material_set, fee_set, step_set),
                user=request.user,
                now=clock.now(),
            )
        except (ValidationError, DomainError) as error:
            _show_service_errors(
                error, version_form, {"materials": material_set, "fee_items": fee_set, "steps": step_set}
            )
        else:
            messages.success(request, _("草稿已保存。"))
            if request.POST.get("then") == "submit":
                return _submit(request, version)
            return redirect("catalog:item-detail", code=code)
    return _render_editor(
        request,
        title=_("修改事项：%(name)s（第%(number)s版草稿）")
        % {"name": version.name, "number": version.number},
        item=item,
        version=version,
        identity_form=None,
        version_form=version_form,
        material_set=material_set,
        fee_set=fee_set,
        step_set=step_set,
    )


def _submit(request, version):
    try:
        services.version_submit(version=version, user=request.user, now=clock.now())
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("已提交中心办公室审核。"))
    return redirect("catalog:item-detail", code=version.item.implementation_code)


@require_POST
@role_required(*permissions.CATALOG_EDITORS)
def draft_open(request, code: str):
    item = _item_for(request, code)
    try:
        services.draft_open(item=item, user=request.user, now=clock.now())
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("catalog:item-detail", code=code)
    return redirect("catalog:draft-edit", code=code)


@require_POST
@role_required(*permissions.CATALOG_EDITORS)
def draft_command(request, code: str, command: str):
    if command not in ("submit", "discard"):
        raise Http404
    item = _item_for(request, code)
    version = item.versions.filter(status__in=OPEN_STATUSES).first()
    if version is None:
        raise Http404
    if command == "submit":
        return _submit(request, version)
    try:
        services.draft_discard(version=version, user=request.user, now=clock.now())
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("草稿已作废。"))
    return redirect("catalog:item-detail", code=code)


# Reading, review, history -------------------------------------------------------------------


@role_required(*CATALOG_READERS)
def item_detail(request, code: str):
    item = _item_for(request, code)
    today = clock.today()
    versions = list(
        item.versions.select_related("created_by", "submitted_by", "approved_by").order_by("-number")
    )
    in_force = selectors.versions_in_force(on_date=today).filter(item=item).first()
    open_version = next((v for v in versions if v.status in OPEN_STATUSES), None)
    shown = open_version or in_force or (versions[0] if versions else None)
    shown = selectors.with_details(ItemVersion.objects.filter(pk=shown.pk)).get() if shown else None
    return render(
        request,
        "catalog/item_detail.html",
        {
            "section": "catalog",
            "item": item,
            "versions": versions,
            "in_force": in_force,
            "open_version": open_version,
            "shown": shown,
            "today": today,
            "events": item.events.select_related("actor", "version").order_by("-at", "-id"),
            "can_edit": permissions.can_edit_item(request.user, item),
            "can_approve": permissions.can_approve_item(request.user, item),
            "review_form": forms.ReviewForm(initial={"effective_date": today}),
            "withdraw_form": forms.WithdrawForm(initial={"withdrawal_date": today}),
            "previous_number": _previous_number(versions, shown),
            "return_comment": item.events.filter(version=open_version, action="RETURN")
            .select_related("actor")
            .last()
            if open_version is not None and open_version.status == Status.RETURNED
            else None,
        },
    )


def _previous_number(versions: list[ItemVersion], shown: ItemVersion | None) -> int | None:
    if shown is None:
        return None
    earlier = [v.number for v in versions if v.number < shown.number and v.status == Status.APPROVED]
    return max(earlier) if earlier else None


@role_required(*CATALOG_READERS)
def version_detail(request, code: str, number: int):
    item = _item_for(request, code)
    version = get_object_or_404(selectors.with_details(item.versions.all()), number=number)
    return render(
        request,
        "catalog/version_detail.html",
        {"section": "catalog", "item": item, "version": version, "today": clock.today()},
    )


@require_POST
@role_required(*ORG_MANAGERS)
def version_review(request, code: str):
    item = _item_for(request, code)
    version = get_object_or_404(item.versions, status=Status.SUBMITTED)
    form = forms.ReviewForm(request.POST)

    def decide(data):
        if data["decision"] == "approve":
            services.version_approve(
                version=version,
                user=request.user,
                now=clock.now(),
                today=clock.today(),
                effective_date=data["effective_date"],
                comment=data["comment"],
            )
        else:
            services.version_return(
                version=version, user=request.user, now=clock.now(), comment=data["comment"]
            )

    apply_form_and_report(
        request,
        form,
        decide,
        success_message=lambda data: (
            _("第%(number)s版已批准发布。") % {"number": version.number}
            if data["decision"] == "approve"
            else _("第%(number)s版已退回修改。") % {"number": version.number}
        ),
    )
    return redirect("catalog:item-detail", code=code)


@require_POST
@role_required(*ORG_MANAGERS)
def item_withdraw(request, code: str):
    item = _item_for(request, code)
    if request.POST.get("cancel"):
        try:
            services.item_withdraw_cancel(item=item, user=request.user, now=clock.now(), today=clock.today())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("已撤销取消计划。"))
        return redirect("catalog:item-detail", code=code)
    apply_form_and_report(
        request,
        forms.WithdrawForm(request.POST),
        lambda data: services.item_withdraw(
            item=item, user=request.user, now=clock.now(), today=clock.today(), **data
        ),
        success_message=lambda data: _("事项将于%(date)s起取消。") % {"date": data["withdrawal_date"]},
    )
    return redirect("catalog:item-detail", code=code)


@role_required(*CATALOG_READERS)
def version_compare(request, code: str):
    item = _item_for(request, code)
    try:
        old_number = parse_int(request.GET.get("from"), label=_("原版本"), minimum=1)
        new_number = parse_int(request.GET.get("to"), label=_("新版本"), minimum=1)
    except BadInput as error:
        messages.error(request, str(error))
        return redirect("catalog:item-detail", code=code)
    old = get_object_or_404(item.versions, number=old_number)
    new = get_object_or_404(item.versions, number=new_number)
    fields, rows = version_diff(old, new)
    return render(
        request,
        "catalog/version_diff.html",
        {"section": "catalog", "item": item, "old": old, "new": new, "fields": fields, "rows": rows},
    )


@role_required(*ORG_MANAGERS)
def review_queue(request):
    return render(
        request,
        "catalog/review_queue.html",
        {"section": "catalog", "versions": selectors.versions_awaiting_review(request.user)},
    )


# Excel --------------------------------------------------------------------------------------


@role_required(*CATALOG_READERS)
def catalog_export(request):
    content = excel.export_workbook(items=selectors.item_visible_to(request.user), on_date=clock.today())
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="catalog-{clock.today():%Y%m%d}.xlsx"'
    return response


@role_required(*ORG_MANAGERS)
def catalog_import(request):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = excel.import_workbook(
                form.cleaned_data["workbook"], user=request.user, now=clock.now(), today=clock.today()
            )
        except excel.ImportFailed as failure:
            problems = failure.problems
        else:
            messages.success(
                request,
                _("导入完成：新增%(created)s项，更新%(updated)s项，均已发布。")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("catalog:item-list")
    return render(request, "catalog/import.html", {"section": "catalog", "form": form, "problems": problems})
