"""The figures' roll-up (docs/adr/0015): one row per day × site × department × item × channel with
the counts the seeds' formulas need, each on the day its event happened (a case received on
Monday and decided on Friday counts on both days, once each), and the same per month. Figures
over any period are sums of these rows (whole months from the months, the rest from the days),
never a GROUP BY over the cases at request time. Rows are rebuilt from the cases, day by day
(services.rollup_days): re-running a day gives the same rows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onewindow.catalog.models import Item
from onewindow.org.models import Department, Site, Staff, Window


class Counts(models.Model):
    site = models.ForeignKey(Site, verbose_name=_("受理中心"), on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name=_("主办部门"), on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(Item, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("申请渠道"), max_length=10)
    received = models.PositiveIntegerField(_("收件"), default=0)
    accepted = models.PositiveIntegerField(_("受理"), default=0)
    correction_notices = models.PositiveIntegerField(_("补正告知"), default=0)
    completed = models.PositiveIntegerField(_("办结"), default=0)
    completed_immediate = models.PositiveIntegerField(_("即办件办结"), default=0)
    completed_promised = models.PositiveIntegerField(_("承诺件办结"), default=0)
    completed_early = models.PositiveIntegerField(_("提前办结"), default=0)
    completed_on_time = models.PositiveIntegerField(_("按时办结"), default=0)
    days_used = models.PositiveIntegerField(_("实际用时（工作日）"), default=0)
    days_statutory = models.PositiveIntegerField(_("法定时限（工作日）"), default=0)
    fees_collected = models.DecimalField(_("收费金额"), max_digits=16, decimal_places=2, default=0)
    fees_refunded = models.DecimalField(_("退费金额"), max_digits=16, decimal_places=2, default=0)

    class Meta:
        abstract = True


class CaseFigure(Counts):
    day = models.DateField(_("日期"))
    open_overdue = models.PositiveIntegerField(
        _("超期未办结（日终）"),
        default=0,
        help_text=_("当日终了时已受理、未办结且已过承诺办结日期的办件数（时点数，不累加）"),
    )

    class Meta:
        verbose_name = _("办件统计日数据")
        verbose_name_plural = _("办件统计日数据")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "site", "department", "item", "channel"], name="stats_case_figure_unique"
            )
        ]
        indexes = [
            models.Index(fields=["site", "day"], name="stats_case_figure_site_day"),
            models.Index(fields=["department", "day"], name="stats_case_figure_dept_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.site_id}/{self.department_id}/{self.item_id}/{self.channel}"


class CaseMonthFigure(Counts):
    """The same counts per month (`month` is its first day): a year's figures sum twelve months'
    rows instead of every day's (services.rollup_days keeps them with the days)."""

    month = models.DateField(_("月份"))

    class Meta:
        verbose_name = _("办件统计月数据")
        verbose_name_plural = _("办件统计月数据")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "site", "department", "item", "channel"], name="stats_case_month_unique"
            )
        ]
        indexes = [
            models.Index(fields=["month"], name="stats_case_month"),
            models.Index(fields=["site", "month"], name="stats_case_month_site"),
            models.Index(fields=["department", "month"], name="stats_case_month_dept"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.site_id}/{self.department_id}/{self.item_id}/{self.channel}"


class RatingFigure(models.Model):
    """The day's counted ratings (evaluations.selectors.counted: each service or case once by its
    current word, appeals upheld left out) per site, answering department, window and staff
    member: satisfaction by any of them."""

    day = models.DateField(_("日期"))
    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name=_("责任部门"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    window = models.ForeignKey(
        Window, verbose_name=_("窗口"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    staff = models.ForeignKey(
        Staff, verbose_name=_("工作人员"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    ratings = models.PositiveIntegerField(_("评价数"), default=0)
    bad = models.PositiveIntegerField(_("差评数"), default=0)

    class Meta:
        verbose_name = _("评价统计日数据")
        verbose_name_plural = _("评价统计日数据")
        indexes = [
            models.Index(fields=["day"], name="stats_rating_day"),
            models.Index(fields=["site", "day"], name="stats_rating_site_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.site_id}/{self.department_id}/{self.window_id}/{self.staff_id}"


class StaffFigure(models.Model):
    """The day's work of one staff member at one site: applications received and accepted (as the
    clerk who did it), cases decided (as the one who decided) and of those on time; the window
    they sat at that day by the duty roster (none for a reviewer off the floor)."""

    day = models.DateField(_("日期"))
    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(Staff, verbose_name=_("工作人员"), on_delete=models.CASCADE, related_name="+")
    window = models.ForeignKey(
        Window, verbose_name=_("窗口"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    received = models.PositiveIntegerField(_("收件"), default=0)
    accepted = models.PositiveIntegerField(_("受理"), default=0)
    decided = models.PositiveIntegerField(_("办结（决定）"), default=0)
    decided_on_time = models.PositiveIntegerField(_("按时办结"), default=0)

    class Meta:
        verbose_name = _("人员统计日数据")
        verbose_name_plural = _("人员统计日数据")
        constraints = [
            models.UniqueConstraint(fields=["day", "site", "staff"], name="stats_staff_figure_unique"),
        ]
        indexes = [models.Index(fields=["site", "day"], name="stats_staff_site_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.site_id}/{self.staff_id}"


class Rollup(models.Model):
    """How far the roll-up is current: the last run, and the first day it has not rebuilt since
    the cases changed (rebuilt_through + 1)."""

    name = models.CharField(max_length=30, unique=True)
    rebuilt_through = models.DateField(_("已汇总至"), null=True, blank=True)
    rebuilt_at = models.DateTimeField(_("汇总时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("汇总进度")
        verbose_name_plural = _("汇总进度")

    def __str__(self) -> str:
        return f"{self.name} → {self.rebuilt_through}"


def _report_path(report: "Report", filename: str) -> str:
    return f"reports/{report.period_start:%Y}/{filename}"


class Report(models.Model):
    """A generated report (办件统计报告) of a center, or of one of its departments, for a month, a
    quarter or a year, with its files kept as they were generated (reports.py)."""

    class Kind(models.TextChoices):
        MONTH = "MONTH", _("月报")
        QUARTER = "QUARTER", _("季报")
        YEAR = "YEAR", _("年报")

    kind = models.CharField(_("报告类型"), max_length=8, choices=Kind.choices)
    period_start = models.DateField(_("期间起"))
    period_end = models.DateField(_("期间止"))
    site = models.ForeignKey(Site, verbose_name=_("服务中心"), on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name=_("部门"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("标题"), max_length=200)
    accepted = models.PositiveIntegerField(_("受理"), default=0)
    completed = models.PositiveIntegerField(_("办结"), default=0)
    pdf = models.FileField(_("PDF"), upload_to=_report_path)
    xlsx = models.FileField(_("Excel"), upload_to=_report_path)
    generated_at = models.DateTimeField(_("生成时间"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("空为定时任务生成"),
    )

    class Meta:
        verbose_name = _("统计报告")
        verbose_name_plural = _("统计报告")
        ordering = ["-period_start", "kind", "site_id", "department_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period_start", "site"],
                condition=models.Q(department__isnull=True),
                name="stats_report_one_per_center_period",
            ),
            models.UniqueConstraint(
                fields=["kind", "period_start", "site", "department"],
                condition=models.Q(department__isnull=False),
                name="stats_report_one_per_department_period",
            ),
        ]

    def __str__(self) -> str:
        return self.title
