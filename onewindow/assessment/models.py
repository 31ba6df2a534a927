"""Assessment and attendance (考核、考勤; docs/adr/0017).

- Attendance: one sign-in/sign-out row per staff member and day, and the hall's hours per site
  (a site without its own follows the nearest site above, then 09:00–17:00).
- The scheme (考核方案) per site, inherited the same way: the weights of the positive indicators
  (summing to 100), the points a complaint upheld or a supervision finding costs, and the share of
  a department's annual assessment the hall's score makes.
- Monthly scores: one Score per month and window or staff member, with one Component per
  indicator (value, numerator, denominator, weight, points) so a page can explain it; a month is
  recomputed whole (ScoreRun records who ran it and through which day).
- Awards: 红旗窗口 and 服务标兵 of a month, granted by the office, then published on the portal.
"""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from onewindow.assessment.scoring import Indicator as IndicatorCode
from onewindow.org.models import Department, Site, Staff, Window

# Attendance --------------------------------------------------------------------------------------


class AttendanceRule(models.Model):
    """A site's hours for attendance (考勤时间); the sites below it follow unless they keep their own."""

    site = models.OneToOneField(
        Site, verbose_name=_("服务中心"), on_delete=models.CASCADE, related_name="attendance_rule"
    )
    opens_at = models.TimeField(_("上班时间"), default=time(9, 0))
    closes_at = models.TimeField(_("下班时间"), default=time(17, 0))
    grace_minutes = models.PositiveSmallIntegerField(
        _("迟到宽限（分钟）"), default=0, validators=[MaxValueValidator(60)]
    )
    updated_at = models.DateTimeField(_("修改时间"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("考勤时间")
        verbose_name_plural = _("考勤时间")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="attendance_rule_hours_order"
            ),
            models.CheckConstraint(condition=Q(grace_minutes__lte=60), name="attendance_rule_grace_range"),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class AttendanceDay(models.Model):
    """A staff member's sign-in and sign-out of one day (签到、签退), at their desk or through the API."""

    staff = models.ForeignKey(
        Staff, verbose_name=_("工作人员"), on_delete=models.PROTECT, related_name="attendance_days"
    )
    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    work_date = models.DateField(_("日期"))
    signed_in_at = models.DateTimeField(_("签到时间"))
    signed_out_at = models.DateTimeField(_("签退时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("考勤记录")
        verbose_name_plural = _("考勤记录")
        ordering = ["-work_date", "staff_id"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "work_date"], name="attendance_one_row_per_staff_day"),
            models.CheckConstraint(
                condition=Q(signed_out_at__isnull=True) | Q(signed_out_at__gte=F("signed_in_at")),
                name="attendance_out_after_in",
            ),
        ]
        indexes = [models.Index(fields=["site", "work_date"], name="attendance_site_date")]

    def __str__(self) -> str:
        return f"{self.work_date} {self.staff}"


# The scheme ------------------------------------------------------------------------------------------


class Scheme(models.Model):
    """A site's assessment scheme (考核方案): weights of the positive indicators (0–100 each,
    summing to 100) and the points each deduction costs. A site without its own follows the
    nearest site above it, the top without one the defaults (selectors.scheme_for)."""

    site = models.OneToOneField(
        Site, verbose_name=_("服务中心"), on_delete=models.CASCADE, related_name="assessment_scheme"
    )
    weight_on_time = models.PositiveSmallIntegerField(_("按时办结率权重"), default=25)
    weight_early = models.PositiveSmallIntegerField(_("提前办结率权重"), default=10)
    weight_satisfaction = models.PositiveSmallIntegerField(_("满意度权重"), default=25)
    weight_attendance = models.PositiveSmallIntegerField(_("出勤率权重"), default=15)
    weight_ab_coverage = models.PositiveSmallIntegerField(_("AB岗覆盖率权重"), default=10)
    weight_on_site = models.PositiveSmallIntegerField(_("现场办结率权重"), default=15)
    complaint_upheld_points = models.DecimalField(
        _("投诉属实每件扣分"), max_digits=5, decimal_places=2, default=5
    )
    complaint_partly_points = models.DecimalField(
        _("投诉部分属实每件扣分"), max_digits=5, decimal_places=2, default=2
    )
    finding_reminder_points = models.DecimalField(
        _("提醒每次扣分"), max_digits=5, decimal_places=2, default=1
    )
    finding_warning_points = models.DecimalField(_("警告每次扣分"), max_digits=5, decimal_places=2, default=3)
    finding_criticism_points = models.DecimalField(
        _("通报批评每次扣分"), max_digits=5, decimal_places=2, default=5
    )
    finding_referral_points = models.DecimalField(
        _("移送问责每次扣分"), max_digits=5, decimal_places=2, default=10
    )
    department_share = models.PositiveSmallIntegerField(
        _("计入部门年度考核比例（%）"),
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("大厅考核得分折算计入进驻部门年度考核的比例（沁源：10%）"),
    )
    updated_at = models.DateTimeField(_("修改时间"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    weight_on_time__lte=100,
                    weight_early__lte=100,
                    weight_satisfaction__lte=100,
                    weight_attendance__lte=100,
                    weight_ab_coverage__lte=100,
                    weight_on_site__lte=100,
                    department_share__lte=100,
                ),
                name="scheme_weights_range",
            ),
            # The positive weights make 100 (the service says so beside the fields first).
            models.CheckConstraint(
                condition=Q(
                    weight_on_time=100
                    - F("weight_early")
                    - F("weight_satisfaction")
                    - F("weight_attendance")
                    - F("weight_ab_coverage")
                    - F("weight_on_site")
                ),
                name="scheme_weights_sum_100",
            ),
            models.CheckConstraint(
                condition=Q(
                    complaint_upheld_points__gte=0,
                    complaint_partly_points__gte=0,
                    finding_reminder_points__gte=0,
                    finding_warning_points__gte=0,
                    finding_criticism_points__gte=0,
                    finding_referral_points__gte=0,
                ),
                name="scheme_deductions_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return str(self.site)


# Scores ----------------------------------------------------------------------------------------


class SubjectKind(models.TextChoices):
    WINDOW = "WINDOW", _("窗口")
    STAFF = "STAFF", _("工作人员")


class Indicator(models.TextChoices):
    ON_TIME = IndicatorCode.ON_TIME.value, _("按时办结率")
    EARLY = IndicatorCode.EARLY.value, _("提前办结率")
    SATISFACTION = IndicatorCode.SATISFACTION.value, _("满意度")
    ATTENDANCE = IndicatorCode.ATTENDANCE.value, _("出勤率")
    AB_COVERAGE = IndicatorCode.AB_COVERAGE.value, _("AB岗覆盖率")
    ON_SITE = IndicatorCode.ON_SITE.value, _("现场办结率")
    COMPLAINTS = IndicatorCode.COMPLAINTS.value, _("投诉属实")
    FINDINGS = IndicatorCode.FINDINGS.value, _("效能问责")


class ScoreRun(models.Model):
    """Who computed a month's scores of a site's tree, when, and through which day."""

    month = models.DateField(_("考核月份"))
    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.CASCADE, related_name="+")
    through_date = models.DateField(_("数据截至"))
    computed_at = models.DateTimeField(_("计算时间"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("计算人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("空为每月1日自动计算"),
    )
    windows = models.PositiveIntegerField(_("窗口数"), default=0)
    staff = models.PositiveIntegerField(_("人员数"), default=0)

    class Meta:
        verbose_name = _("考核计算")
        verbose_name_plural = _("考核计算")
        constraints = [models.UniqueConstraint(fields=["month", "site"], name="score_run_unique")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.site}"


class Score(models.Model):
    """A window's or a staff member's score of a month."""

    month = models.DateField(_("考核月份"))
    kind = models.CharField(_("考核对象"), max_length=8, choices=SubjectKind.choices)
    window = models.ForeignKey(
        Window, verbose_name=_("窗口"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("工作人员"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Department,
        verbose_name=_("所属部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    total = models.DecimalField(_("得分"), max_digits=6, decimal_places=2)
    positive = models.DecimalField(_("指标得分"), max_digits=6, decimal_places=2)
    deducted = models.DecimalField(_("扣分"), max_digits=7, decimal_places=2)
    through_date = models.DateField(_("数据截至"))
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("考核得分")
        verbose_name_plural = _("考核得分")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="WINDOW", window__isnull=False, staff__isnull=True)
                | Q(kind="STAFF", staff__isnull=False, window__isnull=True),
                name="score_one_subject",
            ),
            models.UniqueConstraint(
                fields=["month", "window"],
                condition=Q(window__isnull=False),
                name="score_window_month_unique",
            ),
            models.UniqueConstraint(
                fields=["month", "staff"], condition=Q(staff__isnull=False), name="score_staff_month_unique"
            ),
        ]
        indexes = [models.Index(fields=["month", "kind", "total"], name="score_month_kind_total")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.window or self.staff} {self.total}"

    @property
    def subject(self):
        return self.window if self.kind == SubjectKind.WINDOW else self.staff


class Component(models.Model):
    """One indicator of a score: its value (a rate, or a count for a deduction), what it was
    computed from, the weight configured and the weight it carried, and its points."""

    score = models.ForeignKey(
        Score, verbose_name=_("得分"), on_delete=models.CASCADE, related_name="components"
    )
    indicator = models.CharField(_("指标"), max_length=14, choices=Indicator.choices)
    value = models.DecimalField(_("指标值"), max_digits=7, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("分子"), max_digits=10, decimal_places=1)
    denominator = models.DecimalField(_("分母"), max_digits=10, decimal_places=1)
    weight = models.DecimalField(_("权重"), max_digits=5, decimal_places=2)
    effective_weight = models.DecimalField(_("实际权重"), max_digits=5, decimal_places=2)
    points = models.DecimalField(_("得分"), max_digits=7, decimal_places=2)
    detail = models.JSONField(_("明细"), default=dict, blank=True)

    class Meta:
        verbose_name = _("考核指标得分")
        verbose_name_plural = _("考核指标得分")
        constraints = [models.UniqueConstraint(fields=["score", "indicator"], name="component_unique")]

    def __str__(self) -> str:
        return f"{self.score_id} {self.indicator} {self.points}"


# Awards ----------------------------------------------------------------------------------------


class Award(models.Model):
    """红旗窗口 or 服务标兵 of a month: granted by the office (a draft), published on the portal,
    or revoked with a reason (kept)."""

    class Kind(models.TextChoices):
        RED_FLAG_WINDOW = "RED_FLAG_WINDOW", _("红旗窗口")
        MODEL_STAFF = "MODEL_STAFF", _("服务标兵")

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("待发布")
        PUBLISHED = "PUBLISHED", _("已公示")
        REVOKED = "REVOKED", _("已撤销")

    month = models.DateField(_("考核月份"))
    kind = models.CharField(_("称号"), max_length=16, choices=Kind.choices)
    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.PROTECT, related_name="+")
    window = models.ForeignKey(
        Window,
        verbose_name=_("窗口"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("服务标兵：当月值班最多的窗口"),
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("工作人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score_total = models.DecimalField(_("当月得分"), max_digits=6, decimal_places=2)
    rank = models.PositiveIntegerField(_("当月排名"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    granted_at = models.DateTimeField(_("评定时间"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评定人"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("公示时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("撤销人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoke_reason = models.CharField(_("撤销理由"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("评先评优")
        verbose_name_plural = _("评先评优")
        ordering = ["-month", "kind", "rank", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="RED_FLAG_WINDOW", window__isnull=False, staff__isnull=True)
                | Q(kind="MODEL_STAFF", staff__isnull=False),
                name="award_subject_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["month", "window"],
                condition=Q(kind="RED_FLAG_WINDOW") & ~Q(status="REVOKED"),
                name="award_window_once_a_month",
            ),
            models.UniqueConstraint(
                fields=["month", "staff"],
                condition=Q(staff__isnull=False) & ~Q(status="REVOKED"),
                name="award_staff_once_a_month",
            ),
            models.CheckConstraint(
                condition=~Q(status="PUBLISHED") | Q(published_at__isnull=False),
                name="award_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="REVOKED") | Q(revoked_at__isnull=False), name="award_revoked_has_time"
            ),
        ]
        indexes = [models.Index(fields=["status", "month"], name="award_status_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.get_kind_display()} {self.staff or self.window}"
