"""Electronic supervision (电子监察): the rules a site keeps, the warnings sent when a case's clock
turns yellow or red (each once), and the supervision records (督办件) a department must explain.

A warning or a record exists once per cause: unique constraints, not look-ups, keep the periodic
sweep and a clerk's action from writing the same one twice (docs/adr/0012).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onewindow.cases.models import Case
from onewindow.org.models import Department, Site, Staff


class Light(models.TextChoices):
    YELLOW = "YELLOW", _("黄灯")
    RED = "RED", _("红灯")


class Clock(models.TextChoices):
    """Which of a case's clocks lit: handling (the promised limit) or delivery of the result."""

    HANDLING = "HANDLING", _("办理时限")
    DELIVERY = "DELIVERY", _("送达期限")


class Policy(models.Model):
    """A site's supervision rules (监察规则); a site without its own follows the nearest site above
    it, and the top without one follows the defaults below (selectors.policy_for)."""

    site = models.OneToOneField(
        Site, verbose_name=_("服务中心"), on_delete=models.CASCADE, related_name="supervision_policy"
    )
    warn_on_yellow = models.BooleanField(
        _("黄灯预警"), default=True, help_text=_("提醒当前环节的承办人员和全程代办人")
    )
    warn_on_red = models.BooleanField(
        _("红灯告警"), default=True, help_text=_("告知首席代表和部门负责人（短信），并报监察科")
    )
    record_on_red = models.BooleanField(_("红灯立督办件"), default=True)
    explain_working_days = models.PositiveSmallIntegerField(
        _("说明期限（工作日）"), default=2, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    disabled_checks = models.JSONField(_("停用的异常检查"), default=list, blank=True)
    updated_at = models.DateTimeField(_("修改时间"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("监察规则")
        verbose_name_plural = _("监察规则")
        constraints = [
            models.CheckConstraint(
                condition=Q(explain_working_days__gte=1, explain_working_days__lte=30),
                name="policy_explain_days_range",
            )
        ]

    def __str__(self) -> str:
        return str(self.site)


class LightWarning(models.Model):
    """A case's clock lit yellow or red against a due date, and the people were warned: once per
    (case, clock, light, due date). An extension moves the due date, so the new date warns anew."""

    case = models.ForeignKey(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="+")
    clock = models.CharField(_("时限"), max_length=10, choices=Clock.choices)
    light = models.CharField(_("灯色"), max_length=6, choices=Light.choices)
    due_date = models.DateField(_("到期日期"))
    at = models.DateTimeField(_("预警时间"))
    batch = models.UUIDField(editable=False)

    class Meta:
        verbose_name = _("预警记录")
        verbose_name_plural = _("预警记录")
        # One unique index per clock and light, on (due date, case): the order the sweep's
        # anti-join walks beside the cases' (status, due date, id) index, so neither side is
        # sorted (selectors.newly_lit); ON CONFLICT DO NOTHING honours all four.
        constraints = [
            models.UniqueConstraint(
                fields=["due_date", "case"],
                condition=Q(clock=clock, light=light),
                name=f"light_warning_once_{clock.lower()[:3]}_{light.lower()[:3]}",
            )
            for clock in Clock.values
            for light in Light.values
        ]
        indexes = [models.Index(fields=["batch"], name="light_warning_batch")]

    def __str__(self) -> str:
        return f"{self.get_light_display()} {self.get_clock_display()} {self.due_date}"


class Cause(models.TextChoices):
    """Why a supervision record was opened: a red light, or an anomaly check (checks.CHECKS)."""

    RED = "RED", _("办件超期（红灯）")
    DELIVERY_LATE = "DELIVERY_LATE", _("送达超期")
    STEP_OVERDUE = "STEP_OVERDUE", _("环节超时")
    DECISION_OVERDUE = "DECISION_OVERDUE", _("收件后逾期未作受理决定")
    CORRECTION_NOT_ONCE = "CORRECTION_NOT_ONCE", _("补正未一次性告知")
    FEE_MISMATCH = "FEE_MISMATCH", _("收费与目录不符")
    MATERIAL_NOT_LISTED = "MATERIAL_NOT_LISTED", _("索要目录外材料")
    NO_DELEGATION = "NO_DELEGATION", _("无授权作出决定")
    SUSPENSION_OVERRUN = "SUSPENSION_OVERRUN", _("特别程序超过申明期限")
    EXTENSION_UNAPPROVED = "EXTENSION_UNAPPROVED", _("延长期限未经批准")


class Record(models.Model):
    """A supervision record (督办件): a case the supervision found late or irregular, which the
    responsible department must explain within a number of working days; the section then closes
    it (or returns the explanation)."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("待说明")
        EXPLAINED = "EXPLAINED", _("已说明待审核")
        CLOSED = "CLOSED", _("已办结")

    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, verbose_name=_("办件"), on_delete=models.PROTECT, related_name="supervision_records"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("责任部门"), on_delete=models.PROTECT, related_name="supervision_records"
    )
    cause = models.CharField(_("督办原因"), max_length=24, choices=Cause.choices)
    cause_key = models.CharField(_("原因标识"), max_length=60, default="", blank=True)
    summary = models.CharField(_("摘要"), max_length=300)
    evidence = models.JSONField(_("依据"), default=dict)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("立件时间"))
    opened_date = models.DateField(_("立件日期"))
    explain_due_date = models.DateField(_("说明期限"))
    explanation = models.TextField(_("情况说明"), blank=True)
    explained_at = models.DateTimeField(_("说明时间"), null=True, blank=True)
    explained_by = models.ForeignKey(
        Staff, verbose_name=_("说明人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    conclusion = models.TextField(_("审核意见"), blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        Staff, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_count = models.PositiveSmallIntegerField(_("退回次数"), default=0)

    class Meta:
        verbose_name = _("督办件")
        verbose_name_plural = _("督办件")
        ordering = ["explain_due_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "cause", "cause_key"], name="record_once_per_cause"),
        ]
        indexes = [
            models.Index(
                fields=["explain_due_date", "id"],
                condition=~Q(status="CLOSED"),
                name="record_open_due",
            ),
            models.Index(fields=["department", "status", "explain_due_date"], name="record_department"),
            models.Index(fields=["site", "opened_at", "id"], name="record_site_opened"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """督办件 numbers are their ids in the year they were opened: many are opened by the sweep at
        once and none is ever deleted, so no gap-free counter is needed."""
        return _("督办〔%(year)s〕%(id)s号") % {"year": self.opened_date.year, "id": self.pk}


class Order(models.Model):
    """A supervision order (督办函) or inquiry (质询) from the supervision section to a department,
    about a case, a supervision record or a matter, with a reply deadline in working days; a
    numbered letter under the center's seal (documents.order_pdf)."""

    class Kind(models.TextChoices):
        ORDER = "ORDER", _("督办函")
        INQUIRY = "INQUIRY", _("质询函")

    class Status(models.TextChoices):
        ISSUED = "ISSUED", _("待回复")
        REPLIED = "REPLIED", _("已回复待审核")
        ACCEPTED = "ACCEPTED", _("已办结")

    site = models.ForeignKey(Site, verbose_name=_("发函中心"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类别"), max_length=8, choices=Kind.choices, default=Kind.ORDER)
    number = models.CharField(_("文号"), max_length=40, unique=True)
    department = models.ForeignKey(
        Department, verbose_name=_("受函部门"), on_delete=models.PROTECT, related_name="supervision_orders"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("办件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    record = models.ForeignKey(
        Record,
        verbose_name=_("督办件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    subject = models.CharField(_("事由"), max_length=200)
    body = models.TextField(_("督办要求"))
    issued_at = models.DateTimeField(_("发函时间"))
    issued_date = models.DateField(_("发函日期"))
    issued_by = models.ForeignKey(Staff, verbose_name=_("发函人"), on_delete=models.PROTECT, related_name="+")
    reply_days = models.PositiveSmallIntegerField(
        _("回复期限（工作日）"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    reply_due_date = models.DateField(_("回复期限"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ISSUED)
    escalated_at = models.DateTimeField(_("逾期上报时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("督办函")
        verbose_name_plural = _("督办函")
        ordering = ["reply_due_date", "id"]
        indexes = [
            models.Index(
                fields=["reply_due_date", "id"], condition=~Q(status="ACCEPTED"), name="order_open_due"
            ),
            models.Index(fields=["department", "status", "reply_due_date"], name="order_department"),
            models.Index(fields=["site", "issued_at", "id"], name="order_site_issued"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(reply_days__gte=1, reply_days__lte=60), name="order_reply_days_range"
            )
        ]

    def __str__(self) -> str:
        return self.number


class OrderReply(models.Model):
    """A department's reply to an order, and the section's review of it (accepted or returned)."""

    class Review(models.TextChoices):
        PENDING = "PENDING", _("待审核")
        ACCEPTED = "ACCEPTED", _("已采纳")
        RETURNED = "RETURNED", _("已退回")

    order = models.ForeignKey(
        Order, verbose_name=_("督办函"), on_delete=models.CASCADE, related_name="replies"
    )
    text = models.TextField(_("回复内容"))
    attachment = models.FileField(_("附件"), upload_to="supervision/replies/%Y/%m/", blank=True)
    replied_at = models.DateTimeField(_("回复时间"))
    replied_by = models.ForeignKey(
        Staff, verbose_name=_("回复人"), on_delete=models.PROTECT, related_name="+"
    )
    review = models.CharField(_("审核"), max_length=10, choices=Review.choices, default=Review.PENDING)
    review_comment = models.CharField(_("审核意见"), max_length=500, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        Staff, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("督办回复")
        verbose_name_plural = _("督办回复")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=Q(review="PENDING"), name="order_one_pending_reply"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order} {self.replied_at:%Y-%m-%d}"


class Finding(models.Model):
    """An accountability finding (效能问责) against a staff member, a window or a department, with
    its basis and evidence; appealable once. Feeds the monthly assessment."""

    class Kind(models.TextChoices):
        REMINDER = "REMINDER", _("提醒")
        WARNING = "WARNING", _("警告")
        CRITICISM = "CRITICISM", _("通报批评")
        REFERRAL = "REFERRAL", _("移送行政过错责任追究")

    class Appeal(models.TextChoices):
        NONE = "NONE", _("未申诉")
        PENDING = "PENDING", _("申诉待复核")
        UPHELD = "UPHELD", _("维持")
        REVOKED = "REVOKED", _("撤销")

    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("问责方式"), max_length=10, choices=Kind.choices)
    staff = models.ForeignKey(
        Staff, verbose_name=_("工作人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    window = models.ForeignKey(
        "org.Window",
        verbose_name=_("窗口"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    basis = models.TextField(_("问责依据"))
    evidence = models.TextField(_("事实与证据"))
    case = models.ForeignKey(
        Case, verbose_name=_("办件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    record = models.ForeignKey(
        Record, verbose_name=_("督办件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.ForeignKey(
        Order, verbose_name=_("督办函"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("认定时间"))
    recorded_date = models.DateField(_("认定日期"))
    recorded_by = models.ForeignKey(
        Staff, verbose_name=_("认定人"), on_delete=models.PROTECT, related_name="+"
    )
    appeal = models.CharField(_("申诉"), max_length=8, choices=Appeal.choices, default=Appeal.NONE)
    appeal_text = models.TextField(_("申诉理由"), blank=True)
    appealed_at = models.DateTimeField(_("申诉时间"), null=True, blank=True)
    appeal_decision = models.TextField(_("复核意见"), blank=True)
    appeal_decided_at = models.DateTimeField(_("复核时间"), null=True, blank=True)
    appeal_decided_by = models.ForeignKey(
        Staff, verbose_name=_("复核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("效能问责")
        verbose_name_plural = _("效能问责")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(staff__isnull=False, window__isnull=True, department__isnull=True)
                    | Q(staff__isnull=True, window__isnull=False, department__isnull=True)
                    | Q(staff__isnull=True, window__isnull=True, department__isnull=False)
                ),
                name="finding_one_subject",
            )
        ]
        indexes = [models.Index(fields=["site", "recorded_date", "id"], name="finding_site_recorded")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.recorded_date}"


class PushEvent(models.Model):
    """An event for the efficiency supervision center (效能监督中心): a red case, a supervision
    record or an order, as JSON, HMAC-signed and delivered by Celery with back-off (push.py); each
    attempt's outcome is kept, and the office may send one again."""

    class Kind(models.TextChoices):
        RED_CASE = "RED_CASE", _("红灯办件")
        RECORD = "RECORD", _("督办件")
        ORDER = "ORDER", _("督办函")

    class Status(models.TextChoices):
        PENDING = "PENDING", _("待发送")
        SENT = "SENT", _("已发送")
        FAILED = "FAILED", _("发送失败待重试")
        DEAD = "DEAD", _("多次失败已停止")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("事件标识"), max_length=80, unique=True)
    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    payload = models.JSONField(_("内容"))
    created_at = models.DateTimeField(_("生成时间"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("发送次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次发送时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送成功时间"), null=True, blank=True)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("监督中心推送")
        verbose_name_plural = _("监督中心推送")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(status__in=["PENDING", "FAILED"]),
                name="push_due",
            ),
            models.Index(fields=["site", "created_at", "id"], name="push_site_created"),
        ]

    def __str__(self) -> str:
        return self.key
