"""The hall's organisation: sites, departments, windows, staff, roles, delegations, A/B posts,
absences and the daily duty roster."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from onewindow.common.validators import validate_credit_code


class Site(models.Model):
    """A service center or point in the three-level network (三级联网), as a tree.

    `path` is the materialised path of ids ("/1/4/9/") so a subtree is one indexed prefix query.
    """

    class Kind(models.TextChoices):
        CENTER = "CENTER", _("政务服务中心")
        BRANCH = "BRANCH", _("分中心")
        TOWNSHIP = "TOWNSHIP", _("乡镇（街道）便民服务中心")
        VILLAGE = "VILLAGE", _("村（社区）代办点")

    class Level(models.IntegerChoices):
        """行使层级, GB/T 39046-2020 code set A.2."""

        NATIONAL = 1, _("国家级")
        PROVINCIAL = 2, _("省级")
        CITY = 3, _("市级")
        COUNTY = 4, _("县级")
        TOWNSHIP = 5, _("镇（乡、街道）级")
        VILLAGE = 6, _("村（社区）级")
        TIERED = 7, _("分级管理")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    code = models.CharField(_("机构代码"), max_length=20, unique=True, help_text=_("行政区划代码或内部编码"))
    kind = models.CharField(_("类别"), max_length=16, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(
        _("层级"), choices=Level.choices, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=40, blank=True)
    supervision_phone = models.CharField(_("监督电话"), max_length=40, blank=True)
    opening_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("服务中心（站点）")
        verbose_name_plural = _("服务中心（站点）")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=7), name="site_level_in_code_set"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    @property
    def lineage_paths(self) -> list[str]:
        """The paths of this site and every site above it, nearest first ("/1/4/9/", "/1/4/", "/1/")."""
        ids = self.path.strip("/").split("/")
        return ["/" + "/".join(ids[:length]) + "/" for length in range(len(ids), 0, -1)]


#: A mainland mobile number (SMS goes only to these).
validate_mobile = RegexValidator(r"^1[3-9]\d{9}$", _("请填写11位手机号码。"))


class Department(models.Model):
    """A department resident in a site (进驻部门)."""

    site = models.ForeignKey(
        Site, verbose_name=_("所在中心"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("部门名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, validators=[validate_credit_code])
    phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    head_name = models.CharField(
        _("部门负责人"), max_length=50, blank=True, help_text=_("派驻部门的分管负责人，红灯告警以短信告知")
    )
    head_phone = models.CharField(_("负责人手机"), max_length=20, blank=True, validators=[validate_mobile])
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)
    seals_own_certificates = models.BooleanField(
        _("证照加盖本部门印章"),
        default=False,
        help_text=_("开启后，本部门的证照以本部门名义出具、加盖本部门印章；否则加盖中心的行政审批专用章。"),
    )

    class Meta:
        verbose_name = _("进驻部门")
        verbose_name_plural = _("进驻部门")
        ordering = ["site__path", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="department_name_unique_per_site"),
            models.UniqueConstraint(
                fields=["site", "credit_code"], name="department_credit_code_unique_per_site"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.site.short_name or self.site.name}）"


class Window(models.Model):
    """A service window (窗口) of a site."""

    class Kind(models.TextChoices):
        COMPREHENSIVE = "COMPREHENSIVE", _("综合受理窗口")
        RECEPTION = "RECEPTION", _("接待受理窗口")
        HANDLING = "HANDLING", _("承办窗口")
        FEE = "FEE", _("收费窗口")
        CONSULTATION = "CONSULTATION", _("咨询窗口")
        COMPLAINT = "COMPLAINT", _("投诉窗口")
        ARCHIVE_LEGAL = "ARCHIVE_LEGAL", _("档案与法律服务窗口")
        GREEN_CHANNEL = "GREEN_CHANNEL", _("重大项目绿色通道")

    site = models.ForeignKey(
        Site, verbose_name=_("所在中心"), on_delete=models.PROTECT, related_name="windows"
    )
    number = models.CharField(_("窗口号"), max_length=10)
    name = models.CharField(_("窗口名称"), max_length=100)
    kind = models.CharField(_("窗口类型"), max_length=20, choices=Kind.choices)
    zone = models.CharField(_("区域"), max_length=40, blank=True)
    departments = models.ManyToManyField(
        Department, verbose_name=_("服务部门"), blank=True, related_name="windows"
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("窗口")
        verbose_name_plural = _("窗口")
        ordering = ["site__path", Length("number"), "number"]
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="window_number_unique_per_site")
        ]

    def __str__(self) -> str:
        return f"{self.number}号窗口 {self.name}"


#: Windows in hall order: 1, 2, … 10 (their numbers are text, "10" must not sort before "2").
WINDOW_ORDER = ("site__path", Length("number"), "number")


class Role(models.TextChoices):
    APPLICANT = "APPLICANT", _("申请人")
    WINDOW_CLERK = "WINDOW_CLERK", _("窗口受理人员")
    CHIEF_REPRESENTATIVE = "CHIEF_REPRESENTATIVE", _("首席代表")
    CASE_AGENT = "CASE_AGENT", _("全程代办人")
    DEPARTMENT_REVIEWER = "DEPARTMENT_REVIEWER", _("部门审核人员")
    FEE_CLERK = "FEE_CLERK", _("收费人员")
    CENTER_OFFICE = "CENTER_OFFICE", _("中心办公室")
    BUSINESS_SECTION = "BUSINESS_SECTION", _("业务科")
    SUPERVISION_SECTION = "SUPERVISION_SECTION", _("监察科")
    ADMINISTRATOR = "ADMINISTRATOR", _("系统管理员")


#: Roles whose reach is their site and every site below it (a county office oversees townships).
SPANNING_ROLES = frozenset(
    {Role.CENTER_OFFICE, Role.BUSINESS_SECTION, Role.SUPERVISION_SECTION, Role.ADMINISTRATOR}
)
#: Roles bound to their own department within their site.
DEPARTMENT_ROLES = frozenset({Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_REVIEWER})
STAFF_ROLES = [role for role in Role if role != Role.APPLICANT]


class Staff(models.Model):
    """A staff member working at a site, optionally for a resident department."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("账户"), on_delete=models.PROTECT, related_name="staff"
    )
    site = models.ForeignKey(Site, verbose_name=_("所在中心"), on_delete=models.PROTECT, related_name="staff")
    department = models.ForeignKey(
        Department,
        verbose_name=_("所属部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    employee_number = models.CharField(_("工号"), max_length=20, unique=True)
    title = models.CharField(_("职务"), max_length=50, blank=True)
    is_active = models.BooleanField(_("在岗"), default=True)
    photo = models.ImageField(
        _("照片"), upload_to="org/staff/", blank=True, help_text=_("窗口评价器上显示的工作人员照片")
    )

    class Meta:
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")
        ordering = ["site__path", "employee_number"]

    def __str__(self) -> str:
        return f"{self.user.get_full_name()}（{self.employee_number}）"

    @property
    def name(self) -> str:
        return self.user.get_full_name()


class StaffRole(models.Model):
    staff = models.ForeignKey(
        Staff, verbose_name=_("工作人员"), on_delete=models.CASCADE, related_name="role_rows"
    )
    role = models.CharField(_("角色"), max_length=24, choices=Role.choices)

    class Meta:
        verbose_name = _("人员角色")
        verbose_name_plural = _("人员角色")
        constraints = [
            models.UniqueConstraint(fields=["staff", "role"], name="staff_role_unique"),
            models.CheckConstraint(condition=~Q(role="APPLICANT"), name="staff_role_not_applicant"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.get_role_display()}"


class Delegation(models.Model):
    """A chief representative's written delegation (授权书): the items he may decide at the window.

    Items are named by their implementation code (实施编码) and name, as on the signed letter.
    """

    chief_representative = models.ForeignKey(
        Staff, verbose_name=_("首席代表"), on_delete=models.PROTECT, related_name="delegations"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("授权部门"), on_delete=models.PROTECT, related_name="delegations"
    )
    letter_number = models.CharField(_("授权书编号"), max_length=60)
    signed_by = models.CharField(_("授权人"), max_length=50, help_text=_("部门负责人姓名"))
    valid_from_date = models.DateField(_("生效日期"))
    valid_to_date = models.DateField(
        _("失效日期"), null=True, blank=True, help_text=_("不含当日；留空为长期有效")
    )
    scope_note = models.TextField(_("授权范围说明"), blank=True)

    class Meta:
        verbose_name = _("首席代表授权书")
        verbose_name_plural = _("首席代表授权书")
        ordering = ["department__sort_order", "-valid_from_date"]
        constraints = [
            models.UniqueConstraint(fields=["department", "letter_number"], name="delegation_letter_unique"),
            models.CheckConstraint(
                condition=Q(valid_to_date__isnull=True) | Q(valid_to_date__gt=models.F("valid_from_date")),
                name="delegation_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter_number} · {self.chief_representative.name}"

    def is_valid_on(self, day) -> bool:
        return self.valid_from_date <= day and (self.valid_to_date is None or day < self.valid_to_date)


class DelegationItem(models.Model):
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("授权书"), on_delete=models.CASCADE, related_name="items"
    )
    item_code = models.CharField(_("事项实施编码"), max_length=40)
    item_name = models.CharField(_("事项名称"), max_length=200)
    may_decide_on_the_spot = models.BooleanField(_("可当场决定"), default=True)

    class Meta:
        verbose_name = _("授权事项")
        verbose_name_plural = _("授权事项")
        ordering = ["item_code"]
        constraints = [
            models.UniqueConstraint(fields=["delegation", "item_code"], name="delegation_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_code} {self.item_name}"


class PostKind(models.TextChoices):
    PRIMARY = "A", _("A岗")
    BACKUP = "B", _("B岗")


class WindowPost(models.Model):
    """The A or B post of a window (AB岗), held by one staff member over a period."""

    window = models.ForeignKey(Window, verbose_name=_("窗口"), on_delete=models.PROTECT, related_name="posts")
    staff = models.ForeignKey(
        Staff, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="posts"
    )
    post = models.CharField(_("岗位"), max_length=1, choices=PostKind.choices)
    active_from_date = models.DateField(_("起始日期"))
    active_to_date = models.DateField(_("结束日期"), null=True, blank=True, help_text=_("不含当日"))

    class Meta:
        verbose_name = _("窗口AB岗")
        verbose_name_plural = _("窗口AB岗")
        ordering = ["window__site__path", Length("window__number"), "window__number", "post"]
        constraints = [
            models.UniqueConstraint(
                fields=["window", "post"],
                condition=Q(active_to_date__isnull=True),
                name="one_open_post_per_window_and_kind",
            ),
            models.CheckConstraint(
                condition=Q(active_to_date__isnull=True) | Q(active_to_date__gt=models.F("active_from_date")),
                name="window_post_period_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.window} {self.get_post_display()} {self.staff.name}"


class StaffAbsence(models.Model):
    """Leave, training or a business trip: the staff member is not at the window."""

    class Kind(models.TextChoices):
        LEAVE = "LEAVE", _("请假")
        TRAINING = "TRAINING", _("培训")
        BUSINESS_TRIP = "BUSINESS_TRIP", _("出差")
        OTHER = "OTHER", _("其他")

    staff = models.ForeignKey(
        Staff, verbose_name=_("工作人员"), on_delete=models.CASCADE, related_name="absences"
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), help_text=_("不含当日"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("人员缺勤")
        verbose_name_plural = _("人员缺勤")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="absence_period_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff.name} {self.get_kind_display()} {self.start_date}–{self.end_date}"


class DutyAssignment(models.Model):
    """Who sits at a window on a given day (值班表)."""

    class Source(models.TextChoices):
        PRIMARY = "A", _("A岗")
        BACKUP = "B", _("B岗顶岗")
        ASSIGNED = "ASSIGNED", _("临时安排")

    window = models.ForeignKey(
        Window, verbose_name=_("窗口"), on_delete=models.CASCADE, related_name="duties"
    )
    duty_date = models.DateField(_("值班日期"))
    staff = models.ForeignKey(
        Staff, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="duties"
    )
    source = models.CharField(_("安排方式"), max_length=10, choices=Source.choices)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("安排人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("安排时间"))

    class Meta:
        verbose_name = _("值班安排")
        verbose_name_plural = _("值班安排")
        ordering = ["duty_date", Length("window__number"), "window__number"]
        constraints = [
            models.UniqueConstraint(fields=["window", "duty_date"], name="one_duty_per_window_per_day"),
            models.UniqueConstraint(fields=["staff", "duty_date"], name="one_window_per_staff_per_day"),
        ]
        indexes = [models.Index(fields=["duty_date", "window"])]

    def __str__(self) -> str:
        return f"{self.duty_date} {self.window} {self.staff.name}"
