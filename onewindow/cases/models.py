"""Cases (办件) from the counter to acceptance: the applicant, the materials checklist, the
acceptance decision of 行政许可法 art. 32, the notices, and the append-only timeline.

A case keeps the catalog version (`ItemVersion`) it was received under: later changes to the item
never change what was asked of this applicant or the limits promised to them.

Two identifiers: the receipt number (收件编号 / 网上申请编号) given the moment materials are
received, and the case number (办件编号) given on acceptance, gap-free per site and year.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onewindow.catalog.models import Item, ItemVersion, Material
from onewindow.org.models import Department, Site, Staff


class Channel(models.TextChoices):
    WINDOW = "WINDOW", _("窗口")
    ONLINE = "ONLINE", _("网上申请")
    MAIL = "MAIL", _("邮寄")
    TOWNSHIP = "TOWNSHIP", _("乡镇便民服务中心")
    VILLAGE = "VILLAGE", _("村代办点")


class ApplicantKind(models.TextChoices):
    PERSON = "PERSON", _("自然人")
    ORGANISATION = "ORGANISATION", _("法人或其他组织")


class IdType(models.TextChoices):
    """证件类型 of a natural person (an organisation always uses its credit code)."""

    RESIDENT_ID = "RESIDENT_ID", _("居民身份证")
    PASSPORT = "PASSPORT", _("护照")
    HK_MACAO_PERMIT = "HK_MACAO_PERMIT", _("港澳居民来往内地通行证")
    TAIWAN_PERMIT = "TAIWAN_PERMIT", _("台湾居民来往大陆通行证")
    FOREIGN_RESIDENCE = "FOREIGN_RESIDENCE", _("外国人永久居留身份证")


class CaseStatus(models.TextChoices):
    RECEIVED = "RECEIVED", _("待受理")
    CORRECTION = "CORRECTION", _("待补正")
    ACCEPTED = "ACCEPTED", _("已受理")
    REFUSED = "REFUSED", _("不予受理")
    COMPLETED = "COMPLETED", _("已办结")


class RefusalKind(models.TextChoices):
    """The two refusals of art. 32 (1) and (2)."""

    NOT_SUBJECT = "NOT_SUBJECT", _("依法不需要取得行政许可")
    NOT_COMPETENT = "NOT_COMPETENT", _("不属于本机关职权范围")


class Decision(models.TextChoices):
    APPROVED = "APPROVED", _("准予")
    DENIED = "DENIED", _("不予")


class Case(models.Model):
    """办件."""

    site = models.ForeignKey(Site, verbose_name=_("受理中心"), on_delete=models.PROTECT, related_name="cases")
    item = models.ForeignKey(Item, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="cases")
    version = models.ForeignKey(
        ItemVersion, verbose_name=_("事项版本"), on_delete=models.PROTECT, related_name="cases"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("主办部门"), on_delete=models.PROTECT, related_name="cases"
    )
    receipt_number = models.CharField(_("收件编号"), max_length=30, unique=True)
    number = models.CharField(_("办件编号"), max_length=30, null=True, blank=True, unique=True)
    query_code = models.CharField(_("查询码"), max_length=8)
    channel = models.CharField(_("申请渠道"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=12, choices=CaseStatus.choices, db_index=True)

    applicant_kind = models.CharField(_("申请人类型"), max_length=12, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("申请人"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=30, db_index=True)
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    contact_name = models.CharField(_("经办人/联系人"), max_length=50, blank=True)
    contact_id_number = models.CharField(_("经办人身份证号码"), max_length=18, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20)
    contact_email = models.EmailField(_("电子邮箱"), blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人账户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    note = models.CharField(_("备注"), max_length=300, blank=True)

    received_at = models.DateTimeField(_("收件时间"))
    received_date = models.DateField(_("收件日期"))
    received_by = models.ForeignKey(
        Staff, verbose_name=_("收件人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    materials_date = models.DateField(
        _("材料接收日期"), help_text=_("收件日，补正后为补正材料接收日：逾期视为受理的受理日期")
    )
    decision_due_date = models.DateField(
        _("受理决定期限"), help_text=_("材料接收后5个工作日：逾期未作决定即视为受理")
    )

    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    accepted_date = models.DateField(_("受理日期"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        Staff, verbose_name=_("受理人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_auto_accepted = models.BooleanField(_("逾期视为受理"), default=False)
    promised_due_date = models.DateField(_("承诺办结日期"), null=True, blank=True, db_index=True)
    statutory_due_date = models.DateField(_("法定办结日期"), null=True, blank=True)
    agent = models.ForeignKey(
        Staff,
        verbose_name=_("全程代办人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agent_cases",
    )

    refusal_kind = models.CharField(_("不予受理类型"), max_length=16, choices=RefusalKind.choices, blank=True)
    refusal_reason = models.TextField(_("不予受理理由"), blank=True)
    competent_authority = models.CharField(_("有权机关"), max_length=150, blank=True)

    decision = models.CharField(_("办理结果"), max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("决定理由"), blank=True)
    result_number = models.CharField(_("证照/文书编号"), max_length=60, blank=True)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Staff, verbose_name=_("决定人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), on_delete=models.PROTECT, related_name="+"
    )
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, editable=False)
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["site", "received_date"], name="case_site_received"),
            models.Index(fields=["status", "decision_due_date"], name="case_status_decision_due"),
            models.Index(fields=["applicant_name"], name="case_applicant_name"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="case_idempotency_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["RECEIVED", "CORRECTION", "REFUSED"]) | Q(number__isnull=False),
                name="case_accepted_has_number",
            ),
            models.CheckConstraint(
                condition=~Q(status="REFUSED") | ~Q(refusal_kind=""),
                name="case_refused_has_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.number or self.receipt_number

    @property
    def reference(self) -> str:
        """The number people quote: the case number once accepted, the receipt number before."""
        return self.number or self.receipt_number

    @property
    def is_open_for_decision(self) -> bool:
        return self.status in (CaseStatus.RECEIVED, CaseStatus.CORRECTION)

    @property
    def is_immediate(self) -> bool:
        return self.version.case_kind == "IMMEDIATE"


class CaseNumberCounter(models.Model):
    """The last case number given at a site in a period (the year: `period` = 2026). Locked by the
    accepting transaction, so a rolled-back acceptance gives its number back: numbers are gap-free.
    Receipt numbers need no counter (services._new_receipt_number)."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    period = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "period"], name="case_counter_unique")]

    def __str__(self) -> str:
        return f"{self.site_id}/{self.period}: {self.last_value}"


class CaseMaterial(models.Model):
    """One line of the materials checklist, copied from the item version's materials."""

    class State(models.TextChoices):
        RECEIVED = "RECEIVED", _("已收")
        MISSING = "MISSING", _("缺少")
        DEFECTIVE = "DEFECTIVE", _("不符合要求")
        DEFERRED = "DEFERRED", _("容缺后补")
        NOT_PROVIDED = "NOT_PROVIDED", _("未提供（非必要）")
        SHARED = "SHARED", _("部门共享获取")

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey(
        Material, verbose_name=_("事项材料"), on_delete=models.PROTECT, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("序号"))
    name = models.CharField(_("材料名称"), max_length=150)
    necessity = models.CharField(_("必要性"), max_length=10, choices=Material.Necessity.choices)
    state = models.CharField(_("收取情况"), max_length=12, choices=State.choices)
    originals_received = models.PositiveSmallIntegerField(_("原件"), default=0)
    copies_received = models.PositiveSmallIntegerField(_("复印件"), default=0)
    problem = models.CharField(_("问题说明"), max_length=300, blank=True)
    deferred_until = models.DateField(_("补交期限"), null=True, blank=True)
    file = models.FileField(_("电子材料"), upload_to="cases/materials/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("收件材料")
        verbose_name_plural = _("收件材料")
        ordering = ["case_id", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["case", "material"], name="case_material_unique"),
            models.CheckConstraint(
                condition=~Q(state="DEFERRED") | Q(deferred_until__isnull=False),
                name="case_material_deferred_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.name}"

    @property
    def is_outstanding(self) -> bool:
        """Missing or defective: what a correction notice must ask for."""
        return self.state in (self.State.MISSING, self.State.DEFECTIVE)


class Notice(models.Model):
    """A written notice given to the applicant (受理 / 补正 / 不予受理 / 办结); reprintable from
    what is stored here and on the case."""

    class Kind(models.TextChoices):
        ACCEPTANCE = "ACCEPTANCE", _("受理通知书")
        CORRECTION = "CORRECTION", _("补正材料告知书")
        NON_ACCEPTANCE = "NON_ACCEPTANCE", _("不予受理通知书")
        DECISION = "DECISION", _("办结通知书")

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("文书类型"), max_length=16, choices=Kind.choices)
    sequence = models.PositiveSmallIntegerField(_("同类文书序号"), default=1)
    document_number = models.CharField(_("文书编号"), max_length=60, unique=True)
    issued_at = models.DateTimeField(_("出具时间"))
    issued_date = models.DateField(_("出具日期"))
    issued_by = models.ForeignKey(
        Staff, verbose_name=_("出具人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    has_new_requests = models.BooleanField(
        _("含首次未告知的补正内容"), default=False, help_text=_("违反一次性告知：已提示监察")
    )

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["case_id", "issued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "sequence"], name="notice_sequence_unique"),
        ]

    def __str__(self) -> str:
        return self.document_number


class CorrectionRequest(models.Model):
    """One thing a correction notice asks for."""

    notice = models.ForeignKey(
        Notice, verbose_name=_("补正告知书"), on_delete=models.CASCADE, related_name="requests"
    )
    case_material = models.ForeignKey(
        CaseMaterial, verbose_name=_("材料"), on_delete=models.CASCADE, related_name="requests"
    )
    problem = models.CharField(_("补正要求"), max_length=300)
    is_new = models.BooleanField(_("首次告知未列明"), default=False)
    supplied_at = models.DateTimeField(_("补正时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("补正事项")
        verbose_name_plural = _("补正事项")
        ordering = ["notice_id", "case_material__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "case_material"], name="correction_request_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case_material.name}：{self.problem}"


class CaseEvent(models.Model):
    """The case's timeline: inserted, never updated. `actor` is empty for the system's own acts
    (automatic acceptance); `is_public` events show on the public progress page."""

    class Action(models.TextChoices):
        RECEIVED = "RECEIVED", _("收件")
        SUBMITTED_ONLINE = "SUBMITTED_ONLINE", _("网上提交申请")
        CORRECTED_ON_THE_SPOT = "CORRECTED", _("当场更正")
        CORRECTION_NOTICE = "CORRECTION_NOTICE", _("出具补正告知书")
        RESUBMITTED = "RESUBMITTED", _("补正材料")
        ACCEPTED = "ACCEPTED", _("受理")
        AUTO_ACCEPTED = "AUTO_ACCEPTED", _("逾期未告知，视为受理")
        REFUSED = "REFUSED", _("不予受理")
        DECIDED = "DECIDED", _("办结")
        AGENT_ASSIGNED = "AGENT_ASSIGNED", _("指派全程代办人")
        WARNING = "WARNING", _("监察预警")

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_status = models.CharField(_("原状态"), max_length=12, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=12, choices=CaseStatus.choices, blank=True)
    comment = models.TextField(_("说明"), blank=True)
    is_public = models.BooleanField(_("公开进度"), default=True)

    class Meta:
        verbose_name = _("办件记录")
        verbose_name_plural = _("办件记录")
        ordering = ["case_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class CreditRecord(models.Model):
    """失信记录: an applicant on the bad-credit list may not be accepted with missing materials
    (容缺受理). Keyed by the identity card number or credit code."""

    id_number = models.CharField(_("证件号码/统一社会信用代码"), max_length=30, db_index=True)
    name = models.CharField(_("名称"), max_length=100)
    reason = models.CharField(_("失信情形"), max_length=300)
    source = models.CharField(_("认定机关"), max_length=100, blank=True)
    listed_date = models.DateField(_("列入日期"))
    lifted_date = models.DateField(_("移出日期"), null=True, blank=True, help_text=_("不含当日"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("失信记录")
        verbose_name_plural = _("失信记录")
        ordering = ["-listed_date", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.id_number}）"


class Notification(models.Model):
    """A message to a person: shown in the app (`IN_APP`) or queued in the outbox for the e-mail
    or SMS gateway (`sent_at` empty until the gateway reports it sent)."""

    class Channel(models.TextChoices):
        IN_APP = "IN_APP", _("站内消息")
        SMS = "SMS", _("短信")
        EMAIL = "EMAIL", _("电子邮件")

    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    address = models.CharField(_("手机号/邮箱"), max_length=120, blank=True)
    case = models.ForeignKey(
        Case,
        verbose_name=_("办件"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    subject = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("创建时间"))
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    failure = models.CharField(_("发送失败原因"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["channel", "sent_at"], name="notification_outbox")]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel="IN_APP", user__isnull=False) | (~Q(channel="IN_APP") & ~Q(address="")),
                name="notification_has_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.subject}"
