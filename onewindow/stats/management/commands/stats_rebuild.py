"""onewindow stats_rebuild --from 2026-01-01 --to 2026-06-30: rebuild the figures' roll-up of a
range of days from the cases (after a correction of old cases, or to check the periodic job:
a rebuilt day gives the same rows)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from onewindow.common import clock
from onewindow.stats.services import rollup_days


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"不是有效日期（YYYY-MM-DD）：{value}") from None


class Command(BaseCommand):
    help = "按日重建办件统计汇总（从办件重新计算，可重复执行）"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", required=True, help="起始日期 YYYY-MM-DD")
        parser.add_argument("--to", dest="last", help="截止日期 YYYY-MM-DD（默认今天）")

    def handle(self, *args, first, last=None, **options):
        first_day = _day(first)
        last_day = _day(last) if last else clock.today()
        if last_day < first_day:
            raise CommandError("截止日期早于起始日期。")
        if (last_day - first_day).days > 366 * 20:
            raise CommandError("一次最多重建二十年。")
        rows = rollup_days(first_day, last_day)
        self.stdout.write(f"已重建 {first_day} 至 {last_day} 的统计汇总：{rows} 行")
