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
        constraints = [
            models.UniqueConstraint(fields=["case", "clock", "light", "due_date"], name="light_warning_once")
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
