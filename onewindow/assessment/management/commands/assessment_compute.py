"""`onewindow assessment_compute --month 2026-11 [--site 210283]` — (re)compute a month's scores of
a site's tree (every top-level site's without --site). A month not yet over is assessed through
yesterday. Bad input: a Chinese message and exit status 1."""

from django.core.management.base import BaseCommand, CommandError

from onewindow.assessment.scoring import BadMonth, parse_month, previous_month
from onewindow.assessment.services import AssessmentError, scores_compute
from onewindow.common import clock
from onewindow.org.models import Site


class Command(BaseCommand):
    help = "计算（或重新计算）某月的窗口与工作人员考核得分"

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM，默认上月")
        parser.add_argument("--site", help="服务中心机构代码，默认全部最上级中心")

    def handle(self, *args, **options):
        try:
            month = parse_month(options["month"]) if options["month"] else previous_month(clock.today())
        except BadMonth:
            raise CommandError(f"月份「{options['month']}」格式应为 YYYY-MM，例如 2026-11。") from None
        if options["site"]:
            sites = list(Site.objects.filter(code=options["site"]))
            if not sites:
                raise CommandError(f"没有机构代码为「{options['site']}」的服务中心。")
        else:
            sites = list(Site.objects.filter(parent__isnull=True, is_active=True).order_by("path"))
        for site in sites:
            try:
                run = scores_compute(month=month, site=site, at=clock.now())
            except AssessmentError as error:
                raise CommandError(error.message) from None
            self.stdout.write(
                f"{site.name} {run.month:%Y-%m}：{run.windows} 个窗口、{run.staff} 名工作人员，数据截至 {run.through_date}"
            )
