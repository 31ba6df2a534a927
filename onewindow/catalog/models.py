"""The service catalog (事项库): items, their versions, materials, fee items and procedure steps.

An `Item` is the stable identity of one service item (its codes and implementing department);
everything the public reads lives on an `ItemVersion`. A version is drafted, submitted, and
approved by the center office; an approved version is never edited again (editing makes a new
draft). The version in force on a date is the approved version with the highest number whose
effective date has come, unless the item is withdrawn by then (selectors.version_in_force).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from onewindow.org.models import Site

code_validator = RegexValidator(r"^[0-9A-Z]+$", _("编码只能由数字和大写字母组成。"))


class ItemType(models.TextChoices):
    """事项类型, GB/T 39046-2020 code set A.1, with the two local kinds the hall's reports count."""

    LICENSING = "01", _("行政许可")
    PENALTY = "02", _("行政处罚")
    ENFORCEMENT = "03", _("行政强制")
    LEVY = "04", _("行政征收")
    BENEFIT = "05", _("行政给付")
    INSPECTION = "06", _("行政检查")
    CONFIRMATION = "07", _("行政确认")
    REWARD = "08", _("行政奖励")
    ADJUDICATION = "09", _("行政裁决")
    OTHER = "10", _("其他行政权力")
    PUBLIC_SERVICE = "20", _("公共服务")
    ANNUAL_INSPECTION = "90", _("年检年审")
    CONVENIENCE = "91", _("便民服务")


class HandlingVariant(models.TextChoices):
    """业务办理项: which handling of the item this is."""

    NONE = "NONE", _("不区分")
    NEW = "NEW", _("新办")
    CHANGE = "CHANGE", _("变更")
    RENEWAL = "RENEWAL", _("延续")
    CANCELLATION = "CANCELLATION", _("注销")


class CaseKind(models.TextChoices):
    """办件类型, code set A.6 (即办件, 承诺件) and the two kinds used in practice."""

    IMMEDIATE = "IMMEDIATE", _("即办件")
    PROMISED = "PROMISED", _("承诺件")
    JOINT = "JOINT", _("联办件")
    REPORTED = "REPORTED", _("上报件")


#: 行政许可法 art. 42: a decision period may be extended once by 10 days (working days, art. 82),
#: a joint, unified or concentrated one (art. 26) by 15 — unless another law provides otherwise.
LAW_EXTENSION_DAYS = 10
LAW_JOINT_EXTENSION_DAYS = 15


class LimitUnit(models.TextChoices):
    WORKING_DAYS = "WORKING_DAYS", _("工作日")
    NATURAL_DAYS = "NATURAL_DAYS", _("自然日")


class ServiceObject(models.TextChoices):
    """服务对象, code set A.4."""

    PERSON = "1", _("自然人")
    ENTERPRISE = "2", _("企业法人")
    INSTITUTION = "3", _("事业法人")
    SOCIAL_ORGANISATION = "4", _("社会组织法人")
    UNINCORPORATED = "5", _("非法人企业")
    GOVERNMENT = "6", _("行政机关")
    OTHER = "9", _("其他组织")


#: Service objects that make an item show under "companies" (法人办事) in the guide.
ORGANISATION_OBJECTS = frozenset(
    {
        ServiceObject.ENTERPRISE,
        ServiceObject.INSTITUTION,
        ServiceObject.SOCIAL_ORGANISATION,
        ServiceObject.UNINCORPORATED,
        ServiceObject.OTHER,
    }
)


class HandlingForm(models.TextChoices):
    """办理形式, code set A.5."""

    WINDOW = "WINDOW", _("窗口办理")
    WEB = "WEB", _("网上办理")
    MOBILE = "MOBILE", _("掌上办理")
    MAIL = "MAIL", _("快递申请")


class Audience(models.TextChoices):
    PEOPLE = "PEOPLE", _("个人办事")
    COMPANIES = "COMPANIES", _("法人办事")


def choice_labels(codes, choices) -> str:
    """Codes of a multiple choice as the guide lists them: "自然人、企业法人"."""
    labels = dict(choices)
    return "、".join(str(labels.get(code, code)) for code in codes or [])


class Theme(models.Model):
    """A life-event or business-event theme (主题) the guide is browsed by."""

    name = models.CharField(_("名称"), max_length=30, unique=True)
    audience = models.CharField(_("面向"), max_length=10, choices=Audience.choices)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("主题")
        verbose_name_plural = _("主题")
        ordering = ["audience", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One service item's identity: codes and implementing department. Content is versioned."""

    department = models.ForeignKey(
        "org.Department", verbose_name=_("实施部门"), on_delete=models.PROTECT, related_name="items"
    )
    basic_code = models.CharField(_("基本编码"), max_length=20, validators=[code_validator])
    implementation_code = models.CharField(
        _("实施编码"), max_length=40, unique=True, validators=[code_validator]
    )
    handling_variant = models.CharField(
        _("业务办理项"), max_length=12, choices=HandlingVariant.choices, default=HandlingVariant.NONE
    )
    level = models.PositiveSmallIntegerField(_("行使层级"), choices=Site.Level.choices)
    withdrawal_date = models.DateField(_("取消日期"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("事项")
        verbose_name_plural = _("事项")
        ordering = ["implementation_code"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=7), name="item_level_in_code_set"),
        ]

    def __str__(self) -> str:
        return self.implementation_code

    @property
    def handling_code(self) -> str:
        """业务办理项编码: the implementation code and the variant's two digits."""
        return self.implementation_code + f"{list(HandlingVariant.values).index(self.handling_variant):02d}"


class ItemVersion(models.Model):
    """One version of an item's disclosed content (办事指南)."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("草稿")
        SUBMITTED = "SUBMITTED", _("待审核")
        RETURNED = "RETURNED", _("已退回")
        APPROVED = "APPROVED", _("已批准")
        DISCARDED = "DISCARDED", _("已作废")

    item = models.ForeignKey(Item, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    name = models.CharField(_("事项名称"), max_length=100)
    item_type = models.CharField(_("事项类型"), max_length=2, choices=ItemType.choices)
    case_kind = models.CharField(_("办件类型"), max_length=10, choices=CaseKind.choices)
    co_departments = models.ManyToManyField(
        "org.Department", verbose_name=_("联办机构"), blank=True, related_name="joint_item_versions"
    )
    co_opinion_limit = models.PositiveSmallIntegerField(
        _("协办意见时限（工作日）"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("联办机构未在办理环节中单列时限的，按此时限提出意见"),
    )
    is_silence_consent = models.BooleanField(
        _("协办逾期视为同意"),
        default=True,
        help_text=_("联办机构逾期未提出意见的，视为同意；不勾选则逾期提请中心协调"),
    )
    legal_basis = models.TextField(_("设定依据"))
    conditions = models.TextField(_("受理条件"))
    procedure = models.TextField(_("办理流程"))
    statutory_limit = models.PositiveSmallIntegerField(_("法定办结时限"), validators=[MaxValueValidator(999)])
    statutory_unit = models.CharField(
        _("法定时限单位"), max_length=12, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    statutory_note = models.CharField(_("法定时限说明"), max_length=200, blank=True)
    promised_limit = models.PositiveSmallIntegerField(_("承诺办结时限"), validators=[MaxValueValidator(999)])
    promised_unit = models.CharField(
        _("承诺时限单位"), max_length=12, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    promised_note = models.CharField(_("承诺时限说明"), max_length=200, blank=True)
    extension_limit = models.PositiveSmallIntegerField(
        _("可延长时限"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(999)],
        help_text=_(
            "与法定时限同一单位。不填：依《行政许可法》第四十二条，可延长10个工作日（联办件15个）；"
            "0：不得延长；超过该期限须写明延长依据"
        ),
    )
    extension_basis = models.CharField(
        _("延长依据"), max_length=200, blank=True, help_text=_("法律、法规另有规定的延长期限，写明依据条文")
    )
    service_objects = models.JSONField(_("服务对象"), default=list)
    handling_forms = models.JSONField(_("办理形式"), default=list)
    is_online_capable = models.BooleanField(_("网上可办"), default=False)
    is_appointment_capable = models.BooleanField(_("可预约"), default=False)
    visits_required = models.PositiveSmallIntegerField(
        _("到现场次数"), default=1, validators=[MaxValueValidator(9)]
    )
    result_name = models.CharField(_("审批结果名称"), max_length=100, blank=True)
    result_sample = models.FileField(_("审批结果样本"), upload_to="catalog/results/%Y/", blank=True)
    address = models.CharField(_("办理地点"), max_length=200, blank=True)
    hours = models.CharField(_("办理时间"), max_length=200, blank=True)
    consultation_phone = models.CharField(_("咨询电话"), max_length=40, blank=True)
    supervision_phone = models.CharField(_("监督投诉电话"), max_length=40, blank=True)
    faq = models.TextField(
        _("常见问题"), blank=True, help_text=_("每个问题一段：首行为问题，其后为解答，段间空一行。")
    )
    keywords = models.CharField(_("关键词"), max_length=200, blank=True, help_text=_("用逗号或空格分隔"))
    themes = models.ManyToManyField(Theme, verbose_name=_("主题"), blank=True, related_name="versions")

    # Derived when saved by the services, so the guide filters and searches on indexed columns.
    is_for_people = models.BooleanField(default=False, editable=False)
    is_for_companies = models.BooleanField(default=False, editable=False)
    search_text = models.TextField(default="", editable=False)

    change_summary = models.CharField(_("修改说明"), max_length=300, blank=True)
    effective_date = models.DateField(_("生效日期"), null=True, blank=True)
    # The day this approved version stops being in force (exclusive): the effective date of the
    # next approved version or the item's withdrawal date, whichever is first. Kept by the services
    # (services._recompute_validity) so "in force on D" is a plain range check on indexed columns.
    effective_until = models.DateField(_("失效日期"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("最后修改人"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("最后修改时间"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("事项版本")
        verbose_name_plural = _("事项版本")
        ordering = ["item_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="item_version_number_unique"),
            # One open draft per item: a second editor continues the same draft.
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status__in=["DRAFT", "SUBMITTED", "RETURNED"]),
                name="item_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(status="APPROVED", effective_date__isnull=False) | ~Q(status="APPROVED"),
                name="item_version_approved_has_effective_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "effective_date", "effective_until"], name="item_version_validity")
        ]

    def __str__(self) -> str:
        return f"{self.name}（第{self.number}版）"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def law_extension_days(self) -> int:
        """行政许可法 art. 42's extension for this kind of case: 15 for a joint case, else 10."""
        return LAW_JOINT_EXTENSION_DAYS if self.case_kind == CaseKind.JOINT else LAW_EXTENSION_DAYS

    @property
    def extension_days(self) -> int:
        """How long the decision period may be extended (once), in the statutory limit's unit: the
        item's own figure when its legal basis sets one, else art. 42's; 0 when it may not be."""
        return self.law_extension_days if self.extension_limit is None else self.extension_limit

    @property
    def extension_unit(self) -> str:
        """The word after the extension's number: the statutory limit's days (“10个工作日”, “30日”)."""
        if self.statutory_unit == LimitUnit.NATURAL_DAYS:
            return pgettext("time limit unit", "日")
        return pgettext("time limit unit", "个工作日")

    @property
    def charges_fee(self) -> bool:
        return bool(self.fee_items.all())

    def faq_pairs(self) -> list[tuple[str, str]]:
        """The FAQ text as (question, answer) pairs: paragraphs split by a blank line."""
        pairs = []
        for block in self.faq.replace("\r\n", "\n").split("\n\n"):
            lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
            if lines:
                pairs.append((lines[0], "\n".join(lines[1:])))
        return pairs

    def service_objects_display(self) -> str:
        return choice_labels(self.service_objects, ServiceObject.choices)

    def handling_forms_display(self) -> str:
        return choice_labels(self.handling_forms, HandlingForm.choices)

    def has_deferrable_material(self) -> bool:
        return any(material.necessity == Material.Necessity.DEFERRABLE for material in self.materials.all())

    def keyword_list(self) -> list[str]:
        return [word for word in self.keywords.replace("，", ",").replace(",", " ").split() if word]


#: A version still being worked on: at most one per item (constraint item_one_open_version).
OPEN_STATUSES = (ItemVersion.Status.DRAFT, ItemVersion.Status.SUBMITTED, ItemVersion.Status.RETURNED)


class Material(models.Model):
    """申请材料."""

    class Necessity(models.TextChoices):
        REQUIRED = "REQUIRED", _("必要")
        OPTIONAL = "OPTIONAL", _("非必要")
        DEFERRABLE = "DEFERRABLE", _("容缺（可后补）")

    class Medium(models.TextChoices):
        PAPER = "PAPER", _("纸质")
        ELECTRONIC = "ELECTRONIC", _("电子")
        BOTH = "BOTH", _("纸质或电子")

    class Source(models.TextChoices):
        APPLICANT = "APPLICANT", _("申请人自备")
        GOVERNMENT = "GOVERNMENT", _("政府部门核发")
        SHARED = "SHARED", _("部门共享获取")

    version = models.ForeignKey(
        ItemVersion, verbose_name=_("事项版本"), on_delete=models.CASCADE, related_name="materials"
    )
    sort_order = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("材料名称"), max_length=150)
    issuer = models.CharField(_("出具单位"), max_length=100, blank=True)
    original_count = models.PositiveSmallIntegerField(
        _("原件份数"), default=1, validators=[MaxValueValidator(99)]
    )
    copy_count = models.PositiveSmallIntegerField(
        _("复印件份数"), default=0, validators=[MaxValueValidator(99)]
    )
    necessity = models.CharField(
        _("必要性"), max_length=10, choices=Necessity.choices, default=Necessity.REQUIRED
    )
    medium = models.CharField(_("材料形式"), max_length=10, choices=Medium.choices, default=Medium.PAPER)
    source = models.CharField(_("来源渠道"), max_length=10, choices=Source.choices, default=Source.APPLICANT)
    blank_form = models.FileField(_("空白表格"), upload_to="catalog/forms/%Y/", blank=True)
    sample_form = models.FileField(_("填写范本"), upload_to="catalog/samples/%Y/", blank=True)
    filling_notes = models.TextField(_("填报须知"), blank=True)
    acceptance_standard = models.CharField(_("受理标准"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["version_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="material_name_unique_per_version"),
        ]

    def __str__(self) -> str:
        return self.name


class FeeItem(models.Model):
    """收费项目 with its standard (标准), basis (依据) and waiver (减免)."""

    class Kind(models.TextChoices):
        FIXED = "FIXED", _("定额")
        PER_UNIT = "PER_UNIT", _("按单位计费")
        TIERED = "TIERED", _("分档计费")
        RANGE = "RANGE", _("区间")

    version = models.ForeignKey(
        ItemVersion, verbose_name=_("事项版本"), on_delete=models.CASCADE, related_name="fee_items"
    )
    sort_order = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("收费项目名称"), max_length=150)
    kind = models.CharField(_("计费方式"), max_length=10, choices=Kind.choices, default=Kind.FIXED)
    amount = models.DecimalField(_("金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("计费单位"), max_length=20, blank=True)
    amount_min = models.DecimalField(_("最低（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    amount_max = models.DecimalField(_("最高（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    tiers = models.JSONField(_("分档标准"), default=list, blank=True)
    legal_basis = models.TextField(_("收费依据"))
    is_waivable = models.BooleanField(_("可减免"), default=False)
    waiver_basis = models.TextField(_("减免依据"), blank=True)

    class Meta:
        verbose_name = _("收费项目")
        verbose_name_plural = _("收费项目")
        ordering = ["version_id", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="fee_item_name_unique_per_version"),
            models.CheckConstraint(condition=~Q(legal_basis=""), name="fee_item_has_basis"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def standard_text(self) -> str:
        """The standard as the guide prints it: "80.00元/件", "5.00元/平方米", "100.00–300.00元"."""
        if self.kind == self.Kind.RANGE:
            return _("%(low)s–%(high)s元") % {"low": self.amount_min, "high": self.amount_max}
        if self.kind == self.Kind.TIERED:
            parts = []
            for tier in self.tiers:
                if tier.get("up_to") is None:
                    parts.append(_("其余%(amount)s元") % {"amount": tier["amount"]})
                else:
                    parts.append(
                        _("%(up_to)s%(unit)s以内%(amount)s元")
                        % {"up_to": tier["up_to"], "unit": self.unit, "amount": tier["amount"]}
                    )
            return "；".join(str(part) for part in parts)
        if self.unit:
            return _("%(amount)s元/%(unit)s") % {"amount": self.amount, "unit": self.unit}
        return _("%(amount)s元") % {"amount": self.amount}


class StepKind(models.TextChoices):
    """What a procedure step is, which says who does it once a case is accepted: the window
    accepts and delivers, reviewers review (and co-departments give opinions), the chief
    representative decides."""

    ACCEPT = "ACCEPT", _("受理")
    REVIEW = "REVIEW", _("审查")
    DECIDE = "DECIDE", _("决定")
    ISSUE = "ISSUE", _("制证送达")


#: Words in a step's name that say its kind, for steps entered without one (imports, old data).
STEP_KIND_WORDS = (
    (StepKind.ACCEPT, ("受理", "收件", "申请")),
    (StepKind.DECIDE, ("决定", "办结", "核准", "批准", "签发")),
    (StepKind.ISSUE, ("制证", "发证", "送达", "发放", "领证", "出证", "颁证", "公告")),
)


def step_kind_for(name: str) -> str:
    """The kind a step's name suggests: "受理" accepts, "决定" decides, "制证" issues; else review."""
    for kind, words in STEP_KIND_WORDS:
        if any(word in (name or "") for word in words):
            return kind
    return StepKind.REVIEW


class ProcedureStep(models.Model):
    """办理环节 with its working-day limit and responsible department (承诺时间分解到办事流程).
    A review step owned by a co-department (联办机构) is that department's parallel opinion."""

    version = models.ForeignKey(
        ItemVersion, verbose_name=_("事项版本"), on_delete=models.CASCADE, related_name="steps"
    )
    sort_order = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("环节名称"), max_length=60)
    kind = models.CharField(_("环节类型"), max_length=8, choices=StepKind.choices, default=StepKind.REVIEW)
    limit_days = models.PositiveSmallIntegerField(
        _("时限（工作日）"), validators=[MinValueValidator(0), MaxValueValidator(999)]
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("责任部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("办理标准"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("办理环节")
        verbose_name_plural = _("办理环节")
        ordering = ["version_id", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class ItemEvent(models.Model):
    """Append-only history of an item: who drafted, submitted, returned, approved or withdrew what."""

    class Action(models.TextChoices):
        CREATE = "CREATE", _("新建")
        EDIT = "EDIT", _("修改")
        SUBMIT = "SUBMIT", _("提交审核")
        RETURN = "RETURN", _("退回修改")
        APPROVE = "APPROVE", _("批准发布")
        DISCARD = "DISCARD", _("作废草稿")
        WITHDRAW = "WITHDRAW", _("取消事项")
        WITHDRAW_CANCEL = "WITHDRAW_CANCEL", _("撤销取消计划")
        IMPORT = "IMPORT", _("导入")

    item = models.ForeignKey(Item, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="events")
    version = models.ForeignKey(
        ItemVersion, verbose_name=_("版本"), null=True, on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("操作"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("时间"))
    comment = models.TextField(_("意见"), blank=True)

    class Meta:
        verbose_name = _("事项记录")
        verbose_name_plural = _("事项记录")
        ordering = ["item_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.item} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
