"""`onewindow demo` — load the demo center and its catalog (idempotent) and print the demo logins."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from onewindow.assessment.demo import assessment_demo_load
from onewindow.cases.demo import CITIZEN, cases_demo_load
from onewindow.catalog.demo import catalog_demo_load
from onewindow.common import clock
from onewindow.complaints.demo import complaints_demo_load
from onewindow.evaluations.demo import evaluations_demo_load, evaluations_demo_tablet_path
from onewindow.fees.demo import fees_demo_load
from onewindow.org.demo import COUNTY_CODE, DEMO_PASSWORD, demo_load
from onewindow.org.models import Site
from onewindow.queueing.demo import queueing_demo_load
from onewindow.screen.demo import screen_demo_path
from onewindow.stats.demo import stats_demo_load
from onewindow.supervision.demo import supervision_demo_load
from onewindow.workcalendar.selectors import working_calendar


class Command(BaseCommand):
    help = "加载演示中心（可重复执行）并列出演示账户"

    def handle(self, *args, **options):
        result = demo_load(today=clock.today(), now=clock.now(), calendar=working_calendar())
        self.stdout.write("演示中心已创建。" if result.created else "演示中心已存在，未重复创建。")
        # The catalog is in force from two months back, so the demo's cases can have been
        # accepted weeks ago and show running, yellow and red clocks today.
        items = catalog_demo_load(
            county=Site.objects.get(code=COUNTY_CODE),
            today=clock.today() - timedelta(days=60),
            now=clock.now(),
        )
        if items:
            self.stdout.write(f"事项库已载入 {items} 个事项，办事指南：/guide/")
        county = Site.objects.get(code=COUNTY_CODE)
        cases = cases_demo_load(county=county, now=clock.now())
        if cases:
            self.stdout.write(f"已载入 {cases} 件演示办件，窗口收件：/desk/cases/")
        notices = fees_demo_load(county=county, now=clock.now())
        if notices:
            self.stdout.write(f"已载入 {notices} 张演示缴款通知书，银行收款与对账：/desk/fees/")
        warned = supervision_demo_load(county=county, now=clock.now())
        if warned:
            self.stdout.write(f"电子监察已预警 {warned} 件亮灯办件，监察大屏：/office/supervision/")
        complaints = complaints_demo_load(county=county, now=clock.now())
        if complaints:
            self.stdout.write(
                f"已载入 {complaints} 件演示投诉，投诉受理：/desk/complaints/，公众投诉：/complaints/new/"
            )
        ratings = evaluations_demo_load(county=county, now=clock.now())
        if ratings:
            self.stdout.write(
                f"已载入 {ratings} 条好差评，窗口评价器：{evaluations_demo_tablet_path(county=county)}，满意度公示：/satisfaction/"
            )
        tickets = queueing_demo_load(county=county, now=clock.now())
        if tickets:
            self.stdout.write(
                f"已载入 {tickets} 个排队号，取号机：/queue/kiosk/{COUNTY_CODE}/，大厅屏：/queue/display/{COUNTY_CODE}/，"
                "窗口叫号：/desk/queue/，大厅管理：/office/queue/"
            )
        history = stats_demo_load(county=county, now=clock.now())
        if history:
            self.stdout.write(f"已载入近一年 {history} 件历史办件并完成统计汇总，统计分析：/office/stats/")
        self.stdout.write(
            f"数据大屏（在大厅电视的浏览器中打开一次即配对）：{screen_demo_path(county=county)}"
        )
        assessed = assessment_demo_load(county=county, now=clock.now())
        if assessed:
            self.stdout.write(
                f"已载入上月考勤并完成月度考核（{assessed} 个窗口和人员），考核排名：/office/assessment/，评先公示：/awards/"
            )
        if result.roster_created or result.roster_gaps:
            self.stdout.write(
                f"{result.roster_date.isoformat()} 值班：已排 {result.roster_created} 个窗口；无人值守：{'、'.join(result.roster_gaps) or '无'}"
            )
        self.stdout.write(f"\n演示账户（密码均为 {DEMO_PASSWORD}）：")
        for username, name, role in [*result.logins, CITIZEN]:
            self.stdout.write(f"  {username:<12} {name:<6} {role}")
