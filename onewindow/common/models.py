from django.db import models
from django.utils.translation import gettext_lazy as _


class Counter(models.Model):
    """The last number given in a gap-free series at a site in a period (the year): case numbers,
    payment notice numbers (票据号), and whatever series later apps keep (common.numbering)."""

    series = models.CharField(_("编号序列"), max_length=30)
    site = models.ForeignKey("org.Site", verbose_name=_("场所"), on_delete=models.PROTECT, related_name="+")
    period = models.PositiveIntegerField(_("期间"))
    last_value = models.PositiveIntegerField(_("已用至"), default=0)

    class Meta:
        verbose_name = _("编号计数器")
        verbose_name_plural = _("编号计数器")
        constraints = [
            models.UniqueConstraint(fields=["series", "site", "period"], name="counter_unique_per_series")
        ]

    def __str__(self) -> str:
        return f"{self.series}/{self.site_id}/{self.period}: {self.last_value}"
