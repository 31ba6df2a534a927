"""Forms for the counter and the portal. Validation of identifiers and the law's rules lives in the
services; these forms only shape the input and show the services' errors beside the fields."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.cases import services
from onewindow.cases.models import ApplicantKind, CaseMaterial, Decision, IdType, RefusalKind
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
