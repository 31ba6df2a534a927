from django import forms
from django.utils.translation import gettext_lazy as _

from onewindow.common.forms import DateInput
from onewindow.org.models import STAFF_ROLES, PostKind, Site, StaffAbsence, Window


class DepartmentForm(forms.Form):
    site = forms.ModelChoiceField(label=_("所在中心"), queryset=Site.objects.none())
    name = forms.CharField(label=_("部门名称"), max_length=100)
    short_name = forms.CharField(label=_("简称"), max_length=30, required=False)
    credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=30, help_text=_("18位，系统自动校验末位校验码")
    )
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    head_name = forms.CharField(label=_("部门负责人"), max_length=50, required=False)
    head_phone = forms.CharField(
        label=_("负责人手机"), max_length=20, required=False, help_text=_("红灯告警以短信告知负责人")
    )
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, max_value=999, initial=100)
    seals_own_certificates = forms.BooleanField(
        label=_("证照加盖本部门印章"),
        required=False,
        help_text=_("开启后，本部门的证照以本部门名义出具、加盖本部门印章；否则加盖中心的行政审批专用章。"),
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites


class WindowForm(forms.Form):
    site = forms.ModelChoiceField(label=_("所在中心"), queryset=Site.objects.none())
    number = forms.CharField(label=_("窗口号"), max_length=10)
    name = forms.CharField(label=_("窗口名称"), max_length=100)
    kind = forms.ChoiceField(label=_("窗口类型"), choices=Window.Kind.choices)
    zone = forms.CharField(label=_("区域"), max_length=40, required=False)
    departments = forms.ModelMultipleChoiceField(
        label=_("服务部门"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, sites, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["departments"].queryset = departments


class StaffForm(forms.Form):
    username = forms.CharField(label=_("登录名"), max_length=150)
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    password = forms.CharField(
        label=_("初始密码"), widget=forms.PasswordInput, help_text=_("至少10位，不能全是数字")
    )
    employee_number = forms.CharField(label=_("工号"), max_length=20)
    site = forms.ModelChoiceField(label=_("所在中心"), queryset=Site.objects.none())
    department = forms.ModelChoiceField(label=_("所属部门"), queryset=None, required=False)
    title = forms.CharField(label=_("职务"), max_length=50, required=False)
    phone = forms.CharField(label=_("手机号码"), max_length=20, required=False)
    roles = forms.MultipleChoiceField(
        label=_("角色"),
        choices=[(role.value, role.label) for role in STAFF_ROLES],
        widget=forms.CheckboxSelectMultiple,
    )
    is_active = forms.BooleanField(label=_("在岗"), required=False, initial=True)
    photo = forms.ImageField(
        label=_("照片"), required=False, help_text=_("JPG或PNG，不超过2MB；窗口评价器上显示")
    )

    def __init__(self, *args, sites, departments, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["department"].queryset = departments
        if editing:
            del self.fields["username"], self.fields["password"], self.fields["employee_number"]
        else:
            del self.fields["is_active"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("照片不能超过2MB。"))
        if photo and getattr(photo, "image", None) is not None and photo.image.format not in ("JPEG", "PNG"):
            raise forms.ValidationError(_("照片须为JPG或PNG格式。"))
        return photo or None


class DelegationForm(forms.Form):
    chief_representative = forms.ModelChoiceField(label=_("首席代表"), queryset=None)
    letter_number = forms.CharField(label=_("授权书编号"), max_length=60)
    signed_by = forms.CharField(label=_("授权人（部门负责人）"), max_length=50)
    valid_from_date = forms.DateField(label=_("生效日期"), widget=DateInput())
    valid_to_date = forms.DateField(
        label=_("失效日期"), required=False, widget=DateInput(), help_text=_("不含当日；留空为长期有效")
    )
    items = forms.CharField(
        label=_("授权事项"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("每行一个事项：实施编码 空格 事项名称"),
    )
    scope_note = forms.CharField(
        label=_("授权范围说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, chief_representatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chief_representative"].queryset = chief_representatives

    def clean_items(self):
        from onewindow.org.services import DelegatedItem

        items, errors = [], []
        for number, line in enumerate(self.cleaned_data["items"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            code, _separator, name = line.partition(" ")
            if not name.strip():
                errors.append(_("第 %(number)s 行缺少事项名称：%(line)s") % {"number": number, "line": line})
            items.append(DelegatedItem(item_code=code, item_name=name.strip()))
        if errors:
            raise forms.ValidationError(errors)
        return items


class WindowPostForm(forms.Form):
    post = forms.ChoiceField(label=_("岗位"), choices=PostKind.choices)
    staff = forms.ModelChoiceField(label=_("工作人员"), queryset=None)
    from_date = forms.DateField(label=_("起始日期"), widget=DateInput())

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff


class AbsenceForm(forms.Form):
    staff = forms.ModelChoiceField(label=_("工作人员"), queryset=None)
    kind = forms.ChoiceField(label=_("类型"), choices=StaffAbsence.Kind.choices)
    start_date = forms.DateField(label=_("开始日期"), widget=DateInput())
    end_date = forms.DateField(label=_("结束日期（不含）"), widget=DateInput())
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("姓名/工号"), required=False)
    site = forms.ModelChoiceField(label=_("中心"), queryset=Site.objects.none(), required=False)
    role = forms.ChoiceField(
        label=_("角色"),
        choices=[("", _("全部角色")), *[(r.value, r.label) for r in STAFF_ROLES]],
        required=False,
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
