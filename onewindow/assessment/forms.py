"""The assessment's filters and forms. A month is `YYYY-MM`; anything else is a form error (a 400
on pages and in the API), never a 500."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.assessment.models import Award, Indicator, Scheme, SubjectKind
from onewindow.assessment.rules import SCHEME_FIELDS
from onewindow.assessment.scoring import FIRST_YEAR, LAST_YEAR, BadMonth, parse_month, previous_month
from onewindow.common.forms import IdChoiceField
from onewindow.org.models import Department, Site, Staff, Window


class MonthField(forms.Field):
    """YYYY-MM → the month's first day."""

    default_error_messages = {
        "invalid": gettext_lazy("月份格式应为 YYYY-MM，例如 2026-11（%(first)s 至 %(last)s 年）。"),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_month(str(value))
        except BadMonth:
            raise forms.ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            ) from None


def _month_value(query, *, today: date, default=None) -> str:
    value = query.get("month")
    if value:
        return value
    return (default or previous_month(today)).strftime("%Y-%m")


class RankingForm(forms.Form):
    """?month=YYYY-MM (default: last month)&kind=window|staff&site=id (default: every site one sees)."""

    month = MonthField(label=gettext_lazy("考核月份"))
    kind = forms.ChoiceField(
        label=gettext_lazy("考核对象"),
        choices=[("window", gettext_lazy("窗口")), ("staff", gettext_lazy("工作人员"))],
    )
    site = IdChoiceField(label=gettext_lazy("服务中心"), queryset=Site.objects.none(), required=False)

    def __init__(self, query, *, sites, today: date):
        super().__init__(
            {
                "month": _month_value(query, today=today),
                "kind": query.get("kind") or "window",
                "site": query.get("site") or "",
            }
        )
        self.fields["site"].queryset = sites
        self.fields["site"].empty_label = _("全部（可见范围）")

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month is None:
            raise forms.ValidationError(_("请选择考核月份。"))
        return month

    @property
    def subject_kind(self) -> str:
        return SubjectKind.WINDOW if self.cleaned_data["kind"] == "window" else SubjectKind.STAFF


class ComputeForm(forms.Form):
    month = MonthField(label=gettext_lazy("考核月份"))
    site = IdChoiceField(label=gettext_lazy("服务中心"), queryset=Site.objects.none())

    def __init__(self, data, *, sites):
        super().__init__(data)
        self.fields["site"].queryset = sites

    def clean_month(self):
        if self.cleaned_data["month"] is None:
            raise forms.ValidationError(_("请选择考核月份。"))
        return self.cleaned_data["month"]


class AwardForm(forms.Form):
    month = MonthField(label=gettext_lazy("考核月份"))
    kind = forms.ChoiceField(label=gettext_lazy("称号"), choices=Award.Kind.choices)
    window = IdChoiceField(label=gettext_lazy("窗口"), queryset=Window.objects.none(), required=False)
    staff = IdChoiceField(label=gettext_lazy("工作人员"), queryset=Staff.objects.none(), required=False)

    def __init__(self, data, *, windows, staff):
        super().__init__(data)
        self.fields["window"].queryset = windows
        self.fields["staff"].queryset = staff

    def clean_month(self):
        if self.cleaned_data["month"] is None:
            raise forms.ValidationError(_("请选择考核月份。"))
        return self.cleaned_data["month"]


class PublishForm(ComputeForm):
    pass


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("撤销理由"), max_length=200)


class ExplainForm(forms.Form):
    """?indicator=ON_TIME (default: the first with records)&page=N."""

    indicator = forms.ChoiceField(label=gettext_lazy("指标"), choices=Indicator.choices, required=False)


class SheetForm(forms.Form):
    """?month=YYYY-MM (default: this month)&site=id (default: one's own site)."""

    month = MonthField(label=gettext_lazy("月份"))
    site = IdChoiceField(label=gettext_lazy("服务中心"), queryset=Site.objects.none(), required=False)

    def __init__(self, query, *, sites, today: date):
        super().__init__(
            {
                "month": _month_value(query, today=today, default=today.replace(day=1)),
                "site": query.get("site") or "",
            }
        )
        self.fields["site"].queryset = sites
        self.fields["site"].empty_label = _("本中心")

    def clean_month(self):
        if self.cleaned_data["month"] is None:
            raise forms.ValidationError(_("请选择月份。"))
        return self.cleaned_data["month"]


class DepartmentReportForm(forms.Form):
    """?year=YYYY (default: this year)&month=1..12 (optional)&site=id&department=id."""

    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    month = forms.TypedChoiceField(
        label=gettext_lazy("月份"),
        choices=[("", gettext_lazy("全年"))] + [(str(number), f"{number}月") for number in range(1, 13)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    site = IdChoiceField(label=gettext_lazy("服务中心"), queryset=Site.objects.none(), required=False)
    department = IdChoiceField(label=gettext_lazy("部门"), queryset=Department.objects.none(), required=False)

    def __init__(self, query, *, sites, departments, today: date):
        super().__init__(
            {
                "year": query.get("year") or str(today.year),
                "month": query.get("month") or "",
                "site": query.get("site") or "",
                "department": query.get("department") or "",
            }
        )
        self.fields["site"].queryset = sites
        self.fields["site"].empty_label = _("全部（可见范围）")
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = _("全部部门")


class SchemeForm(forms.Form):
    """The scheme's fields as the model declares them (the sum of the weights is the service's
    check, with its message beside the fields)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SCHEME_FIELDS:
            field = Scheme._meta.get_field(name).formfield()
            field.widget.attrs.update({"min": 0, "max": 100})
            self.fields[name] = field


class HoursForm(forms.Form):
    opens_at = forms.TimeField(
        label=gettext_lazy("上班时间"),
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    closes_at = forms.TimeField(
        label=gettext_lazy("下班时间"),
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    grace_minutes = forms.IntegerField(label=gettext_lazy("迟到宽限（分钟）"), min_value=0, max_value=60)
