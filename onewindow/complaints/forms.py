"""The complaints forms: the public web form, the section's registration, the actions on a
complaint's page, the complainant's rating and review request, and the office list's filters.
Forms check shapes; the rules live in services.py and land back beside the fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.cases.forms import MultipleFileField
from onewindow.common.forms import DateInput
from onewindow.complaints import conf, selectors
from onewindow.complaints.models import STAFF_CHANNELS, Channel, Rating, Result, Status
from onewindow.org.models import WINDOW_ORDER, Department, Window

ACCEPT = ".pdf,.doc,.docx,.ofd,.txt,.jpg,.jpeg,.png"


class WindowChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, window: Window) -> str:
        return f"{window.site.short_name or window.site.name} {window}"


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, department: Department) -> str:
        return department.name


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, staff) -> str:
        return f"{staff.name}（{staff.employee_number}）"


def public_windows():
    return (
        Window.objects.filter(is_active=True, site__is_active=True)
        .select_related("site")
        .order_by(*WINDOW_ORDER)
    )


def public_departments():
    return Department.objects.filter(is_active=True, site__is_active=True).select_related("site")


class ComplaintForm(forms.Form):
    """What the public fills in on the web (and the section when registering)."""

    is_anonymous = forms.BooleanField(
        label=gettext_lazy("匿名投诉"),
        required=False,
        help_text=gettext_lazy(
            "匿名投诉不留姓名和联系方式，也不会收到处理结果的通知；可凭编号和查询码查询。"
        ),
    )
    complainant_name = forms.CharField(label=gettext_lazy("姓名"), max_length=50, required=False)
    complainant_phone = forms.CharField(
        label=gettext_lazy("联系电话"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=gettext_lazy("手机号码可收到受理和答复短信"),
    )
    complainant_email = forms.EmailField(
        label=gettext_lazy("电子邮箱"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    case = forms.CharField(
        label=gettext_lazy("涉及办件"),
        max_length=30,
        required=False,
        help_text=gettext_lazy("办件编号或收件编号（如有）"),
        widget=forms.TextInput(attrs={"class": "mono", "autocomplete": "off"}),
    )
    window = WindowChoiceField(label=gettext_lazy("涉及窗口"), queryset=Window.objects.none(), required=False)
    department = DepartmentChoiceField(
        label=gettext_lazy("涉及部门"), queryset=Department.objects.none(), required=False
    )
    person_description = forms.CharField(
        label=gettext_lazy("被投诉的工作人员"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("姓名、工号或特征（如知道）"),
    )
    title = forms.CharField(
        label=gettext_lazy("投诉事项"),
        max_length=100,
        help_text=gettext_lazy("一句话概括，如：窗口人员态度生硬"),
    )
    content = forms.CharField(
        label=gettext_lazy("投诉内容"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("请写明时间、地点、经过和您的诉求"),
    )
    attachments = MultipleFileField(
        label=gettext_lazy("附件"),
        required=False,
        help_text=gettext_lazy("可上传文档或图片（PDF、Word、OFD、TXT、JPG、PNG），最多5个"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"].queryset = public_windows()
        self.fields["department"].queryset = public_departments()
        self.fields["attachments"].widget.attrs["accept"] = ACCEPT
        self.fields["attachments"].help_text = _(
            "可上传文档或图片（PDF、Word、OFD、TXT、JPG、PNG），最多%(count)s个，每个不超过%(size)sMB"
        ) % {"count": conf.MAXIMUM_ATTACHMENTS, "size": conf.upload_max_megabytes()}


class RegisterForm(ComplaintForm):
    """The supervision section registers a complaint received by phone, letter, e-mail, in person or
    from the 12345 hotline."""

    channel = forms.ChoiceField(
        label=gettext_lazy("投诉渠道"), choices=[(value, Channel(value).label) for value in STAFF_CHANNELS]
    )
    hotline_order_number = forms.CharField(
        label=gettext_lazy("12345工单号"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("12345热线转办的必填"),
    )
    staff = StaffChoiceField(label=gettext_lazy("被投诉人员"), queryset=None, required=False)

    field_order = [
        "channel",
        "hotline_order_number",
        "is_anonymous",
        "complainant_name",
        "complainant_phone",
        "complainant_email",
        "case",
        "window",
        "department",
        "staff",
        "person_description",
        "title",
        "content",
        "attachments",
    ]

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff


class AcceptForm(forms.Form):
    answer_days = forms.IntegerField(label=gettext_lazy("答复期限（工作日）"), min_value=1, max_value=60)
    investigator = StaffChoiceField(
        label=gettext_lazy("调查人"), queryset=None, required=False, help_text=gettext_lazy("可稍后分派")
    )
    comment = forms.CharField(label=gettext_lazy("受理意见"), max_length=500, required=False)

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = selectors.investigators_for(complaint.site)
        self.fields["answer_days"].initial = conf.answer_days()
        self.fields["answer_days"].help_text = _("自受理之日起，最长%(days)s个工作日") % {
            "days": conf.answer_days()
        }


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("不予受理理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(forms.Form):
    investigator = StaffChoiceField(label=gettext_lazy("调查人"), queryset=None)

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = selectors.investigators_for(complaint.site)


class AnswerForm(forms.Form):
    investigation = forms.CharField(
        label=gettext_lazy("调查情况"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    result = forms.ChoiceField(
        label=gettext_lazy("调查结论"), choices=Result.choices, widget=forms.RadioSelect
    )
    result_staff = StaffChoiceField(label=gettext_lazy("责任人员"), queryset=None, required=False)
    result_window = WindowChoiceField(label=gettext_lazy("责任窗口"), queryset=None, required=False)
    result_department = DepartmentChoiceField(label=gettext_lazy("责任部门"), queryset=None, required=False)
    reply = forms.CharField(
        label=gettext_lazy("答复投诉人"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("投诉人通过短信、邮件或查询页看到此答复"),
    )

    def __init__(self, *args, complaint, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result_staff"].queryset = staff
        self.fields["result_window"].queryset = public_windows()
        self.fields["result_department"].queryset = public_departments()
        self.initial.setdefault("result_staff", complaint.staff_id)
        self.initial.setdefault("result_window", complaint.window_id)
        self.initial.setdefault("result_department", complaint.department_id)


class ReviewDecisionForm(forms.Form):
    uphold = forms.TypedChoiceField(
        label=gettext_lazy("复核决定"),
        choices=[("0", gettext_lazy("维持原答复，办结")), ("1", gettext_lazy("复核成立，重新调查"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="0",
    )
    reply = forms.CharField(
        label=gettext_lazy("复核意见"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    answer_days = forms.IntegerField(
        label=gettext_lazy("重新答复期限（工作日）"),
        min_value=1,
        max_value=60,
        required=False,
        help_text=gettext_lazy("重新调查的，不填则沿用原答复期限"),
    )


class RateForm(forms.Form):
    rating = forms.ChoiceField(
        label=gettext_lazy("您对处理结果"), choices=Rating.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=gettext_lazy("意见（选填）"), max_length=500, required=False)


class ReviewRequestForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("申请复核的理由"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("状态"), choices=[("", gettext_lazy("全部"))] + Status.choices, required=False
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("渠道"), choices=[("", gettext_lazy("全部"))] + Channel.choices, required=False
    )
    result = forms.ChoiceField(
        label=gettext_lazy("调查结论"), choices=[("", gettext_lazy("全部"))] + Result.choices, required=False
    )
    department = DepartmentChoiceField(
        label=gettext_lazy("部门"), queryset=None, required=False, empty_label=gettext_lazy("全部")
    )
    light = forms.ChoiceField(
        label=gettext_lazy("灯色"),
        choices=[
            ("", gettext_lazy("全部")),
            ("red", gettext_lazy("红灯（已超期）")),
            ("yellow", gettext_lazy("黄灯（临近期限）")),
            ("green", gettext_lazy("绿灯")),
        ],
        required=False,
    )
    date_from = forms.DateField(label=gettext_lazy("登记日期自"), required=False, widget=DateInput)
    date_to = forms.DateField(label=gettext_lazy("至"), required=False, widget=DateInput)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("结束日期不能早于开始日期。"))
        return data

    def filters(self) -> selectors.Filters:
        data = self.cleaned_data
        return selectors.Filters(
            status=data.get("status") or "",
            channel=data.get("channel") or "",
            result=data.get("result") or "",
            department_id=data["department"].pk if data.get("department") else None,
            light=data.get("light") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
