"""The staff pages' forms: the floor's ticket for someone, the KPI filters, a category with its
per-slot capacities. They parse and bound the input; the rules are the services'."""

from __future__ import annotations

from datetime import date, time, timedelta

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.common.forms import IdChoiceField, IdsChoiceField
from onewindow.common.parsing import FIRST_DATE, LAST_DATE
from onewindow.org.models import WINDOW_ORDER, Department, Site, Window
from onewindow.queueing import categories as category_services
from onewindow.queueing import services
from onewindow.queueing.models import Category, PriorityGroup

#: The longest period the KPI page adds up at once.
KPI_MAXIMUM_DAYS = 366

KPI_GROUPINGS = [
    ("category", gettext_lazy("按业务类别")),
    ("window", gettext_lazy("按窗口")),
    ("staff", gettext_lazy("按工作人员")),
    ("hour", gettext_lazy("按时段（小时）")),
    ("day", gettext_lazy("按日期")),
]


class TicketIssueForm(forms.Form):
    """The floor issues a ticket for someone (the guide desk; the green channel)."""

    category = IdChoiceField(
        label=gettext_lazy("业务类别"), queryset=Category.objects.none(), empty_label=None
    )
    priority_group = forms.ChoiceField(label=gettext_lazy("优先类别"), required=False)
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=100, required=False)
    id_number = forms.CharField(
        label=gettext_lazy("身份证号码"),
        max_length=18,
        required=False,
        help_text=gettext_lazy("60岁及以上按出生日期自动优先"),
    )
    phone = forms.CharField(label=gettext_lazy("手机号码"), max_length=20, required=False)

    #: The service's error codes and the field each belongs to.
    ERROR_FIELDS = {
        "queue_bad_id_number": "id_number",
        "queue_bad_phone": "phone",
        "queue_bad_name": "name",
        "queue_bad_priority": "priority_group",
        "not_allowed": "priority_group",
    }

    def __init__(self, *args, site: Site, may_green_channel: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(site=site, is_active=True).order_by(
            "sort_order", "prefix"
        )
        groups = [
            group
            for group in services.priority_groups()
            if may_green_channel or group != PriorityGroup.GREEN_CHANNEL
        ]
        self.fields["priority_group"].choices = [("", _("普通"))] + [
            (group, PriorityGroup(group).label) for group in groups
        ]


class KpiForm(forms.Form):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD&by=category|window|staff|hour|day (&site=id)."""

    by = forms.ChoiceField(label=gettext_lazy("统计维度"), choices=KPI_GROUPINGS)
    site = IdChoiceField(
        label=gettext_lazy("服务中心"), queryset=Site.objects.none(), required=False, empty_label=None
    )

    def __init__(self, query, *, sites, today: date):
        data = {
            "from": query.get("from") or today.isoformat(),
            "to": query.get("to") or query.get("from") or today.isoformat(),
            "by": query.get("by") or "category",
            "site": query.get("site") or "",
        }
        super().__init__(data)
        # "from" is a Python keyword: the date fields are named in the query string's words.
        self.fields = {
            "from": forms.DateField(label=_("起始日期"), input_formats=["%Y-%m-%d"]),
            "to": forms.DateField(label=_("截止日期"), input_formats=["%Y-%m-%d"]),
            **self.fields,
        }
        self.fields["site"].queryset = sites
        self.fields["site"].empty_label = _("全部")

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("from"), cleaned.get("to")
        for name, day in (("from", first), ("to", last)):
            if day is not None and not FIRST_DATE <= day <= LAST_DATE:
                self.add_error(
                    name,
                    _("日期须在 %(first)s 至 %(last)s 之间。") % {"first": FIRST_DATE, "last": LAST_DATE},
                )
                return cleaned
        if first and last:
            if last < first:
                self.add_error("to", _("截止日期不能早于起始日期。"))
            elif (last - first).days + 1 > KPI_MAXIMUM_DAYS:
                self.add_error(
                    "to",
                    _("一次最多统计 %(days)s 天（%(first)s 起至多到 %(last)s）。")
                    % {
                        "days": KPI_MAXIMUM_DAYS,
                        "first": first.isoformat(),
                        "last": (first + timedelta(days=KPI_MAXIMUM_DAYS - 1)).isoformat(),
                    },
                )
        return cleaned


class CategoryForm(forms.Form):
    """A category and, one field per appointment slot, the slots whose capacity differs."""

    prefix = forms.CharField(
        label=gettext_lazy("号码字头"),
        max_length=2,
        help_text=gettext_lazy("一至两个大写字母，如 A、B、GC；号码为 A001、A002……"),
    )
    name = forms.CharField(label=gettext_lazy("业务类别名称"), max_length=40)
    description = forms.CharField(
        label=gettext_lazy("说明"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("取号机上显示在名称下方，如“企业开办、食品经营许可”"),
    )
    windows = IdsChoiceField(
        label=gettext_lazy("服务窗口"),
        queryset=Window.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("这些窗口可以叫本类别的号"),
    )
    departments = IdsChoiceField(
        label=gettext_lazy("相关部门"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    slot_capacity = forms.IntegerField(
        label=gettext_lazy("每时段可预约数"),
        min_value=0,
        max_value=category_services.CAPACITY_MAXIMUM,
        initial=4,
        help_text=gettext_lazy("0 表示不接受预约"),
    )
    sort_order = forms.IntegerField(
        label=gettext_lazy("排序"),
        min_value=0,
        max_value=category_services.SORT_ORDER_MAXIMUM,
        initial=100,
        help_text=gettext_lazy("数字小的排在取号机前面"),
    )
    is_active = forms.BooleanField(label=gettext_lazy("启用"), required=False, initial=True)

    def __init__(self, *args, site: Site, slot_starts: list[time], overrides: dict[time, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["windows"].queryset = Window.objects.filter(site=site, is_active=True).order_by(
            *WINDOW_ORDER
        )
        self.fields["windows"].label_from_instance = lambda window: (
            _("%(number)s号 %(name)s")
            % {
                "number": window.number,
                "name": window.name,
            }
        )
        self.fields["departments"].queryset = Department.objects.filter(site=site).order_by("name")
        self.fields["departments"].label_from_instance = lambda department: department.name
        self.slot_names = []
        for start in slot_starts:
            name = f"slot_{start:%H%M}"
            self.fields[name] = forms.IntegerField(
                label=start.strftime("%H:%M"),
                min_value=0,
                max_value=category_services.CAPACITY_MAXIMUM,
                required=False,
                initial=overrides.get(start),
            )
            self.slot_names.append((name, start))

    def slot_fields(self):
        return [self[name] for name, _start in self.slot_names]

    def slot_capacities(self) -> dict[time, int | None]:
        return {start: self.cleaned_data.get(name) for name, start in self.slot_names}

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "prefix": data["prefix"],
            "name": data["name"],
            "description": data.get("description", ""),
            "windows": list(data["windows"]),
            "departments": list(data["departments"]),
            "slot_capacity": data["slot_capacity"],
            "sort_order": data["sort_order"],
            "is_active": data["is_active"],
            "slot_capacities": self.slot_capacities(),
        }
