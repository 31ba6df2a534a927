"""Forms for the counter and the portal. Validation of identifiers and the law's rules lives in the
services; these forms only shape the input and show the services' errors beside the fields."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.cases import services
from onewindow.cases.models import (
    ApplicantKind,
    CaseMaterial,
    Decision,
    Delivery,
    IdType,
    RefusalKind,
    Suspension,
    Task,
)
from onewindow.common.forms import DateInput
from onewindow.common.parsing import BadInput, parse_date

State = CaseMaterial.State


class ApplicantForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=gettext_lazy("申请人类型"),
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        initial=ApplicantKind.ORGANISATION,
    )
    applicant_name = forms.CharField(label=gettext_lazy("申请人（姓名或单位名称）"), max_length=100)
    id_type = forms.ChoiceField(
        label=gettext_lazy("证件类型"), choices=IdType.choices, required=False, initial=IdType.RESIDENT_ID
    )
    id_number = forms.CharField(
        label=gettext_lazy("证件号码 / 统一社会信用代码"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "mono"}),
    )
    legal_representative = forms.CharField(label=gettext_lazy("法定代表人"), max_length=50, required=False)
    contact_name = forms.CharField(label=gettext_lazy("经办人"), max_length=50, required=False)
    contact_id_number = forms.CharField(
        label=gettext_lazy("经办人身份证号码"),
        max_length=18,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "mono"}),
    )
    contact_phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=20)
    contact_email = forms.CharField(label=gettext_lazy("电子邮箱"), max_length=120, required=False)

    def applicant(self) -> services.Applicant:
        data = self.cleaned_data
        return services.Applicant(
            kind=data["applicant_kind"],
            name=data["applicant_name"],
            id_type=data.get("id_type", ""),
            id_number=data["id_number"],
            legal_representative=data.get("legal_representative", ""),
            contact_name=data.get("contact_name", ""),
            contact_id_number=data.get("contact_id_number", ""),
            contact_phone=data["contact_phone"],
            contact_email=data.get("contact_email", ""),
        )


class IntakeForm(ApplicantForm):
    note = forms.CharField(label=gettext_lazy("备注"), max_length=300, required=False)
    original = forms.CharField(
        label=gettext_lazy("原退回件编号"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("补办件：申请人按退件通知书重新申请的，填原办件编号"),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=80)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["idempotency_key"].initial = uuid.uuid4().hex


def checklist_from_post(post, materials, *, only=None) -> tuple[list[services.MaterialEntry], list[str]]:
    """Entries from the checklist table's fields (`state_<id>`, `originals_<id>`, `copies_<id>`,
    `problem_<id>`, `deferred_<id>`) for the given catalog materials; plus input errors."""
    entries, errors = [], []
    for material in materials:
        if only is not None and material.pk not in only:
            continue
        state = post.get(f"state_{material.pk}")
        if state is None:
            continue
        deferred = None
        if state == State.DEFERRED:
            try:
                deferred = parse_date(
                    post.get(f"deferred_{material.pk}"),
                    label=_("“%(name)s”的补交期限") % {"name": material.name},
                )
            except BadInput as error:
                errors.append(str(error))
                continue
        entries.append(
            services.MaterialEntry(
                material_id=material.pk,
                state=state,
                originals=_count(post.get(f"originals_{material.pk}")),
                copies=_count(post.get(f"copies_{material.pk}")),
                problem=post.get(f"problem_{material.pk}", ""),
                deferred_until=deferred,
            )
        )
    return entries, errors


def _count(value) -> int | None:
    text = (value or "").strip()
    return int(text) if text.isdigit() and int(text) < 100 else None


class RefuseForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("情形"), choices=RefusalKind.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=gettext_lazy("理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    competent_authority = forms.CharField(
        label=gettext_lazy("有权机关"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("不属于本机关职权范围时必填"),
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("决定"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        initial=Decision.APPROVED,
    )
    result_number = forms.CharField(label=gettext_lazy("证照/文书编号"), max_length=60, required=False)
    reason = forms.CharField(
        label=gettext_lazy("理由"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=gettext_lazy("不予的须说明理由"),
    )


class CreditRecordForm(forms.Form):
    id_number = forms.CharField(label=gettext_lazy("身份证号码或统一社会信用代码"), max_length=30)
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    reason = forms.CharField(label=gettext_lazy("失信情形"), max_length=300)
    source = forms.CharField(label=gettext_lazy("认定机关"), max_length=100, required=False)
    listed_date = forms.DateField(label=gettext_lazy("列入日期"), widget=DateInput)


# Handling ------------------------------------------------------------------------------------


def _reason_field(label, *, required=True, rows=2, help_text=None):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=4000,
        required=required,
        help_text=help_text,
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class OpinionForm(forms.Form):
    task = forms.IntegerField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(
        label=gettext_lazy("意见"),
        choices=Task.Verdict.choices,
        widget=forms.RadioSelect,
        initial=Task.Verdict.AGREE,
    )
    opinion = _reason_field(
        gettext_lazy("审查意见"), required=False, help_text=gettext_lazy("不同意的须写明理由")
    )
    attachments = MultipleFileField(label=gettext_lazy("附件"), required=False)


class SuspensionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("特别程序"), choices=Suspension.Kind.choices)
    expected_days = forms.IntegerField(
        label=gettext_lazy("预计所需工作日"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=gettext_lazy("听证可不填：按举行听证日期计算"),
    )
    reason = _reason_field(gettext_lazy("事由"))
    rights_notified_date = forms.DateField(
        label=gettext_lazy("告知听证权利日期"), widget=DateInput, required=False
    )
    requested_date = forms.DateField(
        label=gettext_lazy("申请人申请听证日期"),
        widget=DateInput,
        required=False,
        help_text=gettext_lazy("依职权听证的不填"),
    )
    announced_date = forms.DateField(label=gettext_lazy("通知听证日期"), widget=DateInput, required=False)
    hearing_date = forms.DateField(label=gettext_lazy("举行听证日期"), widget=DateInput, required=False)
    hearing_place = forms.CharField(label=gettext_lazy("听证地点"), max_length=100, required=False)


class EndSuspensionForm(forms.Form):
    suspension = forms.IntegerField(widget=forms.HiddenInput)
    outcome = _reason_field(gettext_lazy("结果"), required=False, help_text=gettext_lazy("如专家评审结论"))


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=gettext_lazy("延长天数"), min_value=1, max_value=999)
    reason = _reason_field(gettext_lazy("延长理由"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("决定"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        initial=Decision.APPROVED,
    )
    result_name = forms.CharField(label=gettext_lazy("证照/文书名称"), max_length=100, required=False)
    result_number = forms.CharField(
        label=gettext_lazy("证照/文书编号"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("空则用办件编号"),
    )
    valid_from = forms.DateField(label=gettext_lazy("有效期自"), widget=DateInput, required=False)
    valid_until = forms.DateField(
        label=gettext_lazy("有效期至"),
        widget=DateInput,
        required=False,
        help_text=gettext_lazy("空为长期有效"),
    )
    reason = _reason_field(gettext_lazy("理由"), required=False, help_text=gettext_lazy("不予的须说明理由"))


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("送达方式"),
        choices=Delivery.Method.choices,
        widget=forms.RadioSelect,
        initial=Delivery.Method.WINDOW,
    )
    recipient_name = forms.CharField(label=gettext_lazy("签收人"), max_length=50, required=False)
    recipient_id_number = forms.CharField(
        label=gettext_lazy("签收人身份证号码"), max_length=30, required=False
    )
    carrier = forms.CharField(label=gettext_lazy("快递公司"), max_length=50, required=False)
    waybill_number = forms.CharField(label=gettext_lazy("运单号"), max_length=40, required=False)
    address = forms.CharField(
        label=gettext_lazy("送达地址"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("邮寄地址，或电子送达的邮箱"),
    )


class ReasonForm(forms.Form):
    reason = _reason_field(gettext_lazy("理由"))


class MeetingForm(forms.Form):
    held_date = forms.DateField(label=gettext_lazy("会议日期"), widget=DateInput)
    place = forms.CharField(label=gettext_lazy("会议地点"), max_length=100, required=False)
    departments = forms.ModelMultipleChoiceField(
        label=gettext_lazy("参会部门"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    participants = _reason_field(gettext_lazy("参会人员"))
    conclusions = _reason_field(gettext_lazy("会议结论"), rows=3)

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments


class ReportForm(forms.Form):
    authority = forms.CharField(label=gettext_lazy("上级机关"), max_length=150)
    reference = forms.CharField(label=gettext_lazy("上报文号"), max_length=60, required=False)


class ReplyForm(forms.Form):
    reply_date = forms.DateField(label=gettext_lazy("批复日期"), widget=DateInput)
    verdict = forms.ChoiceField(
        label=gettext_lazy("批复意见"), choices=Task.Verdict.choices, widget=forms.RadioSelect
    )
    reference = forms.CharField(label=gettext_lazy("批复文号"), max_length=60, required=False)
    text = _reason_field(gettext_lazy("批复内容"))
