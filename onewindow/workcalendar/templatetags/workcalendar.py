"""Template helpers: say plainly when a date's year has no announced holiday arrangement."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.workcalendar.selectors import working_calendar

register = template.Library()


@register.simple_tag
def calendar_notice(*days):
    """A warning banner when any of the dates falls in a year computed as Monday–Friday."""
    years = working_calendar().uncovered_years(*(day for day in days if day is not None))
    if not years:
        return ""
    return format_html(
        '<div class="notice notice-warning" role="note">{}</div>',
        _("%(years)s 年节假日安排尚未录入，该年日期暂按周一至周五推算工作日，以国务院办公厅通知为准。")
        % {"years": "、".join(map(str, years))},
    )


@register.filter
def is_working_day(day) -> bool:
    return working_calendar().is_working_day(day)


WEEKDAY_LABELS = (
    gettext_lazy("周一"),
    gettext_lazy("周二"),
    gettext_lazy("周三"),
    gettext_lazy("周四"),
    gettext_lazy("周五"),
    gettext_lazy("周六"),
    gettext_lazy("周日"),
)


@register.filter
def weekday_label(day) -> str:
    return str(WEEKDAY_LABELS[day.weekday()])
