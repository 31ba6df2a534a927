"""好差评: the public's ratings of the hall (国办发〔2019〕51号, GB/T 39734/39735), the rectification
of every bad review (整改) with its return visit (回访) and the office's verification, and the
department's one appeal (申诉) against a malicious or mistaken rating.

A rating is kept once per cause by unique constraints, not look-ups: one per service at the hall
(一次一评), one per case online (一事一评), one follow-up (追评) per rating. A rating is never
deleted: an upheld appeal only takes it out of the figures (`counted`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onewindow.cases.models import Case
from onewindow.org.models import Department, Site, Staff, Window


class Level(models.IntegerChoices):
    """The five levels, numbered as GB/T 39046 does (1 = 非常满意); Zhejiang numbers them the other
    way, so every rating stores its label beside the code."""

    VERY_SATISFIED = 1, _("非常满意")
    SATISFIED = 2, _("满意")
    BASIC = 3, _("基本满意")
    DISSATISFIED = 4, _("不满意")
    VERY_DISSATISFIED = 5, _("非常不满意")


#: 差评: the two lowest levels.
BAD_LEVELS = frozenset({Level.DISSATISFIED, Level.VERY_DISSATISFIED})


class Channel(models.TextChoices):
    TABLET = "TABLET", _("窗口评价器")
    QR = "QR", _("扫码评价")
    MY_CASES = "MY_CASES", _("我的办件")
    PROGRESS = "PROGRESS", _("办件查询页")
    SMS = "SMS", _("短信评价")
    DEFAULT = "DEFAULT", _("逾期未评默认")


#: The channels of a rating given online about a case (一事一评); the tablet rates a service.
ONLINE_CHANNELS = (Channel.QR, Channel.MY_CASES, Channel.PROGRESS, Channel.SMS, Channel.DEFAULT)


class Service(models.Model):
    """One service at a window (一次服务): the clerk ends it and the window's tablet asks the citizen
    to rate it. At most one service waits at a window; pushing the next one lets the last expire."""

    class Status(models.TextChoices):
        WAITING = "WAITING", _("待评价")
        RATED = "RATED", _("已评价")
        EXPIRED = "EXPIRED", _("未评价")

    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    window = models.ForeignKey(Window, verbose_name=_("窗口"), on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(Staff, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department,
        verbose_name=_("责任部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.ForeignKey(
        Case, verbose_name=_("办件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    token = models.CharField(max_length=32, unique=True, editable=False)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices)
    ended_at = models.DateTimeField(_("服务结束时间"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("推送人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("窗口服务")
        verbose_name_plural = _("窗口服务")
        constraints = [
            models.UniqueConstraint(
                fields=["window"], condition=Q(status="WAITING"), name="one_waiting_service_per_window"
            )
        ]

    def __str__(self) -> str:
        return f"{self.window} {self.ended_at:%Y-%m-%d %H:%M}"


class Rating(models.Model):
    """One rating: at the hall of a service, online of a case, or the follow-up (追评) of either.
    Attached to the case, the window, the staff member and the department that answers for it."""

    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, verbose_name=_("办件"), null=True, blank=True, on_delete=models.PROTECT, related_name="ratings"
    )
    service = models.ForeignKey(
        Service, verbose_name=_("窗口服务"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    window = models.ForeignKey(
        Window, verbose_name=_("窗口"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("工作人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("责任部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("空为中心（综合窗口）"),
    )
    level = models.PositiveSmallIntegerField(_("评价等级代码"), choices=Level.choices)
    level_label = models.CharField(_("评价等级"), max_length=10)
    reasons = models.JSONField(_("评价原因代码"), default=list, blank=True)
    reason_labels = models.CharField(_("评价原因"), max_length=300, blank=True)
    comment = models.CharField(_("评价内容"), max_length=500, blank=True)
    channel = models.CharField(_("评价渠道"), max_length=10, choices=Channel.choices)
    is_bad = models.BooleanField(_("差评"), default=False)
    is_default = models.BooleanField(_("默认评价"), default=False, help_text=_("逾期未评，视为基本满意"))
    follow_up_of = models.OneToOneField(
        "self",
        verbose_name=_("追评对象"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_up",
    )
    is_current = models.BooleanField(_("有效评价"), default=True, help_text=_("有追评时以追评为准"))
    counted = models.BooleanField(_("计入统计"), default=True, help_text=_("申诉成立的差评不计入，但不删除"))
    rater_name = models.CharField(_("评价人"), max_length=100, blank=True)
    rater_phone = models.CharField(_("评价人电话"), max_length=20, blank=True)
    rater_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评价人账户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rated_at = models.DateTimeField(_("评价时间"))
    rated_date = models.DateField(_("评价日期"))

    class Meta:
        verbose_name = _("评价")
        verbose_name_plural = _("评价")
        constraints = [
            models.UniqueConstraint(
                fields=["service"],
                condition=Q(service__isnull=False, follow_up_of__isnull=True),
                name="one_rating_per_service",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(case__isnull=False, service__isnull=True, follow_up_of__isnull=True),
                name="one_online_rating_per_case",
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="rating_level_range"),
            models.CheckConstraint(
                condition=Q(case__isnull=False) | Q(service__isnull=False), name="rating_of_a_case_or_service"
            ),
        ]
        indexes = [
            # the satisfaction figures: a department's (or the site's) ratings of a month
            models.Index(fields=["department", "rated_date"], name="rating_department_date"),
            models.Index(fields=["site", "rated_date"], name="rating_site_date"),
            # the public figures and the lists' date filters across sites and departments
            models.Index(fields=["rated_date"], name="rating_rated_date"),
        ]

    def __str__(self) -> str:
        return f"{self.level_label} {self.rated_date}"


class Invitation(models.Model):
    """The SMS asking the applicant of a finished case to rate it (sent once per case)."""

    case = models.OneToOneField(Case, verbose_name=_("办件"), on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("发送时间"))

    class Meta:
        verbose_name = _("评价邀请")
        verbose_name_plural = _("评价邀请")

    def __str__(self) -> str:
        return f"{self.case_id} {self.sent_at:%Y-%m-%d}"


class Rectification(models.Model):
    """整改单: every bad review is rectified by the department that answers for it by a deadline in
    working days, the rater is visited again (回访), and the office verifies."""

    class Status(models.TextChoices):
        OPEN = "OPEN", _("待整改")
        SUBMITTED = "SUBMITTED", _("待回访")
        VISITED = "VISITED", _("待核实")
        VERIFIED = "VERIFIED", _("已办结")
        WAIVED = "WAIVED", _("申诉成立，免于整改")

    class VisitMethod(models.TextChoices):
        PHONE = "PHONE", _("电话回访")
        IN_PERSON = "IN_PERSON", _("上门回访")

    class Answer(models.TextChoices):
        SATISFIED = "SATISFIED", _("满意")
        DISSATISFIED = "DISSATISFIED", _("不满意")

    rating = models.OneToOneField(
        Rating, verbose_name=_("差评"), on_delete=models.PROTECT, related_name="rectification"
    )
    number = models.CharField(_("整改单号"), max_length=40, unique=True)
    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department,
        verbose_name=_("整改部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("空为中心办公室"),
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, db_index=True)
    opened_at = models.DateTimeField(_("派单时间"))
    due_date = models.DateField(_("整改期限"))
    measures = models.TextField(_("整改措施"), blank=True)
    submitted_at = models.DateTimeField(_("整改反馈时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        Staff, verbose_name=_("整改反馈人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    visit_method = models.CharField(_("回访方式"), max_length=10, choices=VisitMethod.choices, blank=True)
    visit_answer = models.CharField(_("回访结果"), max_length=12, choices=Answer.choices, blank=True)
    visit_note = models.CharField(_("回访记录"), max_length=500, blank=True)
    visited_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    visited_by = models.ForeignKey(
        Staff, verbose_name=_("回访人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verify_note = models.CharField(_("核实意见"), max_length=500, blank=True)
    verified_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    verified_by = models.ForeignKey(
        Staff, verbose_name=_("核实人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_count = models.PositiveSmallIntegerField(_("退回重整次数"), default=0)

    class Meta:
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")
        indexes = [
            # the late ones, for the desk's lights and the supervision board
            models.Index(fields=["due_date", "id"], condition=Q(status="OPEN"), name="rectification_open_due")
        ]

    def __str__(self) -> str:
        return self.number


class Appeal(models.Model):
    """申诉: a department asks once that a malicious or mistaken bad review be set aside; the office
    decides. Upheld, the rating leaves the figures (it is never deleted)."""

    class Status(models.TextChoices):
        PENDING = "PENDING", _("待裁定")
        UPHELD = "UPHELD", _("申诉成立")
        REJECTED = "REJECTED", _("申诉不成立")

    class Ground(models.TextChoices):
        MALICIOUS = "MALICIOUS", _("恶意差评")
        MISTAKEN = "MISTAKEN", _("误评（评价对象有误）")
        OUT_OF_SCOPE = "OUT_OF_SCOPE", _("非本窗口服务事项")

    rating = models.OneToOneField(
        Rating, verbose_name=_("差评"), on_delete=models.PROTECT, related_name="appeal"
    )
    ground = models.CharField(_("申诉理由类别"), max_length=14, choices=Ground.choices)
    reason = models.TextField(_("申诉理由"))
    evidence = models.FileField(_("证据材料"), upload_to="evaluations/appeals/%Y/%m/", blank=True)
    filed_at = models.DateTimeField(_("申诉时间"))
    filed_by = models.ForeignKey(Staff, verbose_name=_("申诉人"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, db_index=True)
    decision_note = models.CharField(_("裁定意见"), max_length=500, blank=True)
    decided_at = models.DateTimeField(_("裁定时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Staff, verbose_name=_("裁定人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("差评申诉")
        verbose_name_plural = _("差评申诉")

    def __str__(self) -> str:
        return f"{self.rating_id} {self.get_status_display()}"
