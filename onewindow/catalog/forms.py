"""Office console forms for editing an item: the version's fields, and inline rows for materials,
fee items and procedure steps (Django formsets). Forms check shapes (numbers, files, required
fields); the rules that span fields live in services.content_problems and land back beside the
fields they concern."""

from decimal import Decimal, InvalidOperation
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.catalog import services
from onewindow.catalog.models import (
    FeeItem,
    HandlingForm,
    HandlingVariant,
    ItemVersion,
    Material,
    ProcedureStep,
    ServiceObject,
    StepKind,
    Theme,
)
from onewindow.common.forms import DateInput

#: What may be uploaded as a blank form, a sample or a result sample (documents and scans).
UPLOAD_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".ofd", ".jpg", ".jpeg", ".png")


def validate_upload(upload) -> None:
    if not isinstance(upload, UploadedFile):
        return
    if Path(upload.name).suffix.lower() not in UPLOAD_EXTENSIONS:
        raise forms.ValidationError(
            _("只能上传以下格式的文件：%(extensions)s") % {"extensions": "、".join(UPLOAD_EXTENSIONS)}
        )
    limit = settings.ONEWINDOW_UPLOAD_MAX_MB
    if upload.size > limit * 1024 * 1024:
        raise forms.ValidationError(_("文件不能超过%(limit)sMB。") % {"limit": limit})


class UploadField(forms.FileField):
    """A file field whose cleaned value is what the services take: an upload, a kept name, or ""."""

    def __init__(self, **kwargs):
        super().__init__(required=False, validators=[validate_upload], **kwargs)

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value is False:
            return ""
        if isinstance(value, FieldFile):
            return value.name
        return value or ""


class ItemIdentityForm(forms.Form):
    department = forms.ModelChoiceField(label=gettext_lazy("实施部门"), queryset=None)
    basic_code = forms.CharField(label=gettext_lazy("基本编码"), max_length=20)
    implementation_code = forms.CharField(
        label=gettext_lazy("实施编码"),
        max_length=40,
        help_text=gettext_lazy("公开网址使用此编码，创建后不能修改"),
    )
    handling_variant = forms.ChoiceField(label=gettext_lazy("业务办理项"), choices=HandlingVariant.choices)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments

    def clean_implementation_code(self):
        return self.cleaned_data["implementation_code"].strip().upper()

    def clean_basic_code(self):
        return self.cleaned_data["basic_code"].strip().upper()


class VersionForm(forms.ModelForm):
    """The version's own fields."""

    service_objects = forms.MultipleChoiceField(
        label=gettext_lazy("服务对象"), choices=ServiceObject.choices, widget=forms.CheckboxSelectMultiple
    )
    handling_forms = forms.MultipleChoiceField(
        label=gettext_lazy("办理形式"), choices=HandlingForm.choices, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.ModelMultipleChoiceField(
        label=gettext_lazy("主题"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    co_departments = forms.ModelMultipleChoiceField(
        label=gettext_lazy("联办机构"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("联办件必选"),
    )
    result_sample = UploadField(label=gettext_lazy("审批结果样本"))

    #: How the page groups the fields.
    SECTIONS = (
        (
            gettext_lazy("基本信息"),
            ("name", "item_type", "case_kind", "co_departments", "service_objects", "themes", "keywords"),
        ),
        (gettext_lazy("设定依据与受理条件"), ("legal_basis", "conditions", "procedure")),
        (
            gettext_lazy("办理时限"),
            (
                "statutory_limit",
                "statutory_unit",
                "statutory_note",
                "promised_limit",
                "promised_unit",
                "promised_note",
                "extension_limit",
                "extension_basis",
                "co_opinion_limit",
                "is_silence_consent",
            ),
        ),
        (
            gettext_lazy("办理方式"),
            (
                "handling_forms",
                "is_online_capable",
                "is_appointment_capable",
                "visits_required",
                "address",
                "hours",
                "consultation_phone",
                "supervision_phone",
            ),
        ),
        (gettext_lazy("办理结果与常见问题"), ("result_name", "result_sample", "faq")),
        (gettext_lazy("修改说明"), ("change_summary",)),
    )

    class Meta:
        model = ItemVersion
        fields = list(services.CONTENT_FIELDS) + ["co_departments", "themes"]
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
            "conditions": forms.Textarea(attrs={"rows": 4}),
            "procedure": forms.Textarea(attrs={"rows": 4}),
            "faq": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, co_departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_departments"].queryset = co_departments
        self.fields["keywords"].widget.attrs["placeholder"] = _("例如：食品 餐饮 小吃店")
        # Only joint items use these; a form without them keeps the defaults.
        self.fields["co_opinion_limit"].required = False
        self.fields["is_silence_consent"].required = False

    def clean_co_opinion_limit(self):
        value = self.cleaned_data.get("co_opinion_limit")
        return ItemVersion._meta.get_field("co_opinion_limit").default if value is None else value

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]


class MaterialForm(forms.ModelForm):
    blank_form = UploadField(label=gettext_lazy("空白表格"))
    sample_form = UploadField(label=gettext_lazy("填写范本"))

    class Meta:
        model = Material
        fields = list(services.MATERIAL_FIELDS)
        widgets = {"filling_notes": forms.Textarea(attrs={"rows": 2})}


def format_tiers(tiers: list[dict]) -> str:
    """Tiers one per line as "上限 金额", the open-ended last one as "其余 金额"."""
    return "\n".join(
        f"{'其余' if tier.get('up_to') is None else tier['up_to']} {tier['amount']}" for tier in tiers
    )


def parse_tiers(text: str) -> list[dict]:
    """The inverse of format_tiers: [{"up_to": 100, "amount": "80.00"}, {"up_to": None, ...}].
    Raises ValidationError naming the line."""
    tiers = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = line.replace("：", " ").replace(":", " ").split()
        if not parts:
            continue
        if len(parts) != 2:
            raise forms.ValidationError(_("第%(line)s行应为“上限 金额”两项。") % {"line": number})
        bound, amount = parts
        try:
            up_to = None if bound in ("其余", "*", "以上") else int(bound)
            value = Decimal(amount)
            if not value.is_finite() or value < 0 or (up_to is not None and up_to < 0):
                raise ValueError(amount)
            amount = str(value.quantize(Decimal("0.01")))
        except (ValueError, InvalidOperation) as error:
            raise forms.ValidationError(_("第%(line)s行的上限或金额不是数字。") % {"line": number}) from error
        tiers.append({"up_to": up_to, "amount": amount})
    return tiers


class TiersField(forms.CharField):
    """Fee tiers typed one per line (parse_tiers / format_tiers)."""

    widget = forms.Textarea(attrs={"rows": 3, "placeholder": "100 80\n300 150\n其余 200"})

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        return format_tiers(value) if isinstance(value, list) else value

    def to_python(self, value):
        return parse_tiers(value)


class FeeItemForm(forms.ModelForm):
    tiers = TiersField(
        label=gettext_lazy("分档标准"), help_text=gettext_lazy("每行“上限 金额”，最后一档可写“其余 金额”")
    )

    class Meta:
        model = FeeItem
        fields = list(services.FEE_FIELDS)
        widgets = {
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "waiver_basis": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        if not self.errors and cleaned.get("name"):
            for field_name, messages in services.fee_item_problems(cleaned).items():
                for message in messages:
                    self.add_error(field_name, message)
        return cleaned


class StepForm(forms.ModelForm):
    class Meta:
        model = ProcedureStep
        fields = list(services.STEP_FIELDS)

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = _("实施部门")
        kind = self.fields["kind"]
        kind.required = False
        kind.choices = [("", _("按名称判断")), *StepKind.choices]


def _formset(form, prefix_rows_required: bool = False):
    return forms.formset_factory(form, extra=0, can_delete=True, min_num=1 if prefix_rows_required else 0)


MaterialFormSet = _formset(MaterialForm)
FeeItemFormSet = _formset(FeeItemForm)
StepFormSet = _formset(StepForm)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("审核意见"),
        choices=[("approve", gettext_lazy("批准发布")), ("return", gettext_lazy("退回修改"))],
        widget=forms.RadioSelect,
    )
    effective_date = forms.DateField(label=gettext_lazy("生效日期"), required=False, widget=DateInput())
    comment = forms.CharField(
        label=gettext_lazy("意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class WithdrawForm(forms.Form):
    withdrawal_date = forms.DateField(label=gettext_lazy("取消日期"), widget=DateInput())
    reason = forms.CharField(label=gettext_lazy("取消原因"), max_length=200)


class ImportForm(forms.Form):
    workbook = forms.FileField(label=gettext_lazy("Excel 工作簿（.xlsx）"))

    def clean_workbook(self):
        workbook = self.cleaned_data["workbook"]
        if not workbook.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的工作簿。"))
        return workbook
