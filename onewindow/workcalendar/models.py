"""Holidays and make-up working days as rows; the arithmetic lives in arithmetic.py."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    """A year whose holiday arrangement (国务院办公厅节假日安排通知) is known.

    Only a published year counts: until then its dates fall back to Monday–Friday, and pages
    that show such dates say so.
    """

    class Source(models.TextChoices):
        PACKAGE = "PACKAGE", _("chinese-calendar 数据包")
        OFFICE = "OFFICE", _("中心办公室录入")

    year = models.PositiveSmallIntegerField(
        _("年份"), unique=True, validators=[MinValueValidator(1990), MaxValueValidator(2200)]
    )
    source = models.CharField(_("数据来源"), max_length=16, choices=Source.choices)
    is_published = models.BooleanField(_("已发布生效"), default=False)
    notice_reference = models.CharField(_("通知文号"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=1990, year__lte=2200), name="calendar_year_in_range"
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    """One exception to Monday–Friday: a holiday (放假) or a make-up working day (调休上班)."""

    class Kind(models.TextChoices):
        HOLIDAY = "HOLIDAY", _("放假")
        MAKEUP_WORKDAY = "MAKEUP_WORKDAY", _("调休上班")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("节日"), max_length=60)
    calendar_year = models.PositiveSmallIntegerField(
        _("所属年度"),
        db_index=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2200)],
        help_text=_("该日所属年度的放假安排（元旦可能从上一年12月31日开始）；该年度发布后才生效"),
    )

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}（{self.name}）"


class CalendarChange(models.Model):
    """Append-only log of every change the office makes to the calendar."""

    class Action(models.TextChoices):
        SEEDED = "SEEDED", _("从数据包导入")
        DAY_SET = "DAY_SET", _("设置日期")
        DAY_REMOVED = "DAY_REMOVED", _("删除日期")
        YEAR_OPENED = "YEAR_OPENED", _("新建年度")
        YEAR_PUBLISHED = "YEAR_PUBLISHED", _("发布年度")

    year = models.PositiveSmallIntegerField(_("年份"), db_index=True)
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("内容"), max_length=300)
    changed_at = models.DateTimeField(_("时间"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("日历变更记录")
        verbose_name_plural = _("日历变更记录")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.year} {self.get_action_display()} {self.detail} @ {self.changed_at.isoformat()}"
