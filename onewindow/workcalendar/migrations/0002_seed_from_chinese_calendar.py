"""Seed every year the chinese-calendar package covers, so a fresh installation never counts a
legal time limit over a holiday it does not know. Later package releases: `onewindow calendar seed`."""

from django.db import migrations
from django.utils import timezone

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def seed(apps, schema_editor):
    from chinese_calendar import constants

    CalendarYear = apps.get_model("workcalendar", "CalendarYear")
    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    CalendarChange = apps.get_model("workcalendar", "CalendarChange")
    now = timezone.now()
    years = sorted({day.year for day in constants.holidays} | {day.year for day in constants.workdays})
    existing = set(CalendarYear.objects.values_list("year", flat=True))
    years = [year for year in years if year not in existing]
    days = [
        CalendarDay(date=day, kind=kind, name=NAMES.get(str(name), str(name)), calendar_year=day.year)
        for source, kind in ((constants.holidays, "HOLIDAY"), (constants.workdays, "MAKEUP_WORKDAY"))
        for day, name in source.items()
        if day.year in years
    ]
    CalendarDay.objects.bulk_create(days, ignore_conflicts=True)
    CalendarYear.objects.bulk_create([CalendarYear(year=y, source="PACKAGE", is_published=True, published_at=now) for y in years])
    CalendarChange.objects.bulk_create(
        [CalendarChange(year=y, action="SEEDED", detail="由 chinese-calendar 数据包导入", changed_at=now) for y in years]
    )


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
