"""`onewindow calendar add|between|show|is-working|seed` — working days from the command line."""

import sys

from django.core.management.base import BaseCommand, CommandError

from onewindow.common import clock
from onewindow.common.parsing import BadInput, parse_date, parse_int
from onewindow.workcalendar import selectors, services
from onewindow.workcalendar.arithmetic import DateOutOfRange

WEEKDAYS = "一二三四五六日"


class Command(BaseCommand):
    help = "工作日计算：add 日期 N | between 开始 结束 | show 年份 | is-working 日期 | seed"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="开始日期之后第 N 个工作日（开始日不计）")
        add.add_argument("date")
        add.add_argument("days")
        between = sub.add_parser("between", help="两个日期之间的工作日数（开始日不计，结束日计）")
        between.add_argument("start")
        between.add_argument("end")
        show = sub.add_parser("show", help="列出某年的放假与调休安排")
        show.add_argument("year")
        working = sub.add_parser("is-working", help="某天是否工作日")
        working.add_argument("date")
        sub.add_parser("seed", help="从 chinese-calendar 数据包导入尚未录入的年份")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "_" + action.replace("-", "_"))(**options)
        except (BadInput, DateOutOfRange) as error:
            raise CommandError(str(error)) from None

    def _warn_uncovered(self, calendar, *days):
        for year in calendar.uncovered_years(*days):
            print(f"注意：{year} 年节假日安排尚未录入，按周一至周五推算。", file=sys.stderr)

    def _add(self, date, days, **_):
        start, count = (
            parse_date(date, label="开始日期"),
            parse_int(days, label="工作日数", minimum=-20000, maximum=20000),
        )
        calendar = selectors.working_calendar()
        result = calendar.add(start, count)
        self._warn_uncovered(calendar, start, result)
        self.stdout.write(result.isoformat())

    def _between(self, start, end, **_):
        first, last = parse_date(start, label="开始日期"), parse_date(end, label="结束日期")
        calendar = selectors.working_calendar()
        count = calendar.between(first, last)
        self._warn_uncovered(calendar, first, last)
        self.stdout.write(str(count))

    def _is_working(self, date, **_):
        day = parse_date(date)
        calendar = selectors.working_calendar()
        self._warn_uncovered(calendar, day)
        self.stdout.write("工作日" if calendar.is_working_day(day) else "休息日")

    def _show(self, year, **_):
        number = parse_int(year, label="年份", minimum=1990, maximum=2200)
        overview = selectors.calendar_year_overview(year=number)
        if not overview.is_covered:
            state = "已录入，尚未发布" if overview.record else "尚未录入"
            print(f"注意：{number} 年节假日安排{state}，工作日按周一至周五推算。", file=sys.stderr)
        for day in overview.days:
            self.stdout.write(
                f"{day.date.isoformat()}  周{WEEKDAYS[day.date.weekday()]}  {day.get_kind_display():<4}  {day.name}"
            )
        self.stdout.write(f"共 {overview.holiday_count} 天放假，{overview.makeup_count} 天调休上班。")

    def _seed(self, **_):
        added = services.calendar_seed_from_package(at=clock.now())
        self.stdout.write(f"已导入：{', '.join(map(str, added))}" if added else "没有需要导入的年份。")
