"""The statistics' filters: ?from=YYYY-MM-DD&to=YYYY-MM-DD&by=department|level|site|item|channel|window|staff|month|day
(&site=id: that site and the sites under it; &department=id). A period is at most 20 years."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.common.forms import IdChoiceField
from onewindow.common.parsing import FIRST_DATE, LAST_DATE
from onewindow.org.models import Department, Site

GROUPINGS = [
    ("department", gettext_lazy("按部门")),
    ("level", gettext_lazy("按站点层级")),
    ("site", gettext_lazy("按服务中心")),
    ("item", gettext_lazy("按事项")),
    ("channel", gettext_lazy("按申请渠道")),
    ("window", gettext_lazy("按窗口")),
    ("staff", gettext_lazy("按工作人员")),
    ("month", gettext_lazy("按月")),
    ("day", gettext_lazy("按日")),
]
MAX_DAYS = 366 * 20


class FiguresForm(forms.Form):
    by = forms.ChoiceField(label=gettext_lazy("分组"), choices=GROUPINGS)
    site = IdChoiceField(label=gettext_lazy("服务中心"), queryset=Site.objects.none(), required=False)
    department = IdChoiceField(label=gettext_lazy("部门"), queryset=Department.objects.none(), required=False)

    def __init__(self, query, *, sites, departments, today: date):
        data = {
            "from": query.get("from") or today.replace(day=1).isoformat(),
            "to": query.get("to") or today.isoformat(),
            "by": query.get("by") or "department",
            "site": query.get("site") or "",
            "department": query.get("department") or "",
        }
        super().__init__(data)
        # "from" is a Python keyword: the date fields are named in the query string's words.
        self.fields = {
            "from": forms.DateField(label=_("起始日期"), input_formats=["%Y-%m-%d"]),
            "to": forms.DateField(label=_("截止日期"), input_formats=["%Y-%m-%d"]),
            **self.fields,
        }
        self.fields["site"].queryset = sites
        self.fields["site"].empty_label = _("全部（可见范围）")
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = _("全部部门")

    def clean(self):
        data = super().clean()
        first, last = data.get("from"), data.get("to")
        if first and last:
            if not (FIRST_DATE <= first <= LAST_DATE and FIRST_DATE <= last <= LAST_DATE):
                raise forms.ValidationError(_("日期超出范围。"))
            if last < first:
                self.add_error("to", _("截止日期早于起始日期。"))
            elif (last - first).days > MAX_DAYS:
                self.add_error("to", _("统计期间最长二十年。"))
        return data


class ReportForm(forms.Form):
    """A report to make: its period as 2026-11 (a month), 2026-Q4 (a quarter) or 2026 (a year),
    the center, and one of its departments or none for the center's own report."""

    period = forms.RegexField(
        label=gettext_lazy("报告期间"),
        regex=r"^\s*\d{4}(-(0[1-9]|1[0-2])|-[Qq][1-4])?\s*$",
        help_text=gettext_lazy("月报 2026-11，季报 2026-Q4，年报 2026"),
        error_messages={"invalid": gettext_lazy("期间格式应为 2026-11、2026-Q4 或 2026。")},
    )
    site = IdChoiceField(label=gettext_lazy("服务中心"), queryset=Site.objects.none())
    department = IdChoiceField(label=gettext_lazy("部门"), queryset=Department.objects.none(), required=False)

    def __init__(self, *args, sites, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["department"].queryset = departments
        self.fields["department"].empty_label = _("中心（全部部门）")

    def clean_period(self) -> tuple[str, date]:
        """(kind, first day) of the period."""
        text = self.cleaned_data["period"].strip().upper()
        year = int(text[:4])
        if not FIRST_DATE.year <= year <= LAST_DATE.year:
            raise forms.ValidationError(_("日期超出范围。"))
        if len(text) == 4:
            return "YEAR", date(year, 1, 1)
        if text[5] == "Q":
            return "QUARTER", date(year, (int(text[6]) - 1) * 3 + 1, 1)
        return "MONTH", date(year, int(text[5:7]), 1)
