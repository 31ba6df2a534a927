"""GET /api/v1/screen/{site_code}: the big screen's figures as JSON, for the center's own systems
(an LED wall's controller, a report); the screen itself reads the same document from
/screen/<site code>/data. Computed at most once per site in ONEWINDOW_SCREEN_CACHE_SECONDS."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from onewindow.cases.services.handling import warning_days
from onewindow.common import clock
from onewindow.common.api import NamedApiView, NotAllowed
from onewindow.org.models import Site
from onewindow.screen import selectors
from onewindow.screen.pairing import may_watch


class ScreenSiteSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()


class ScreenTodaySerializer(serializers.Serializer):
    received = serializers.IntegerField(help_text="今日收件（收件日期为今日）")
    accepted = serializers.IntegerField(help_text="今日受理（受理日期为今日）")
    completed = serializers.IntegerField(help_text="今日办结（办结日期为今日）")


class ScreenMonthSerializer(serializers.Serializer):
    accepted = serializers.IntegerField(help_text="本月受理（本月一日至今日）")
    completed = serializers.IntegerField(help_text="本月办结（本月一日至今日）")


class ScreenLightsSerializer(serializers.Serializer):
    green = serializers.IntegerField(help_text="在办、承诺期限内（绿灯）")
    yellow = serializers.IntegerField(help_text="在办、预警期内（黄灯）")
    red = serializers.IntegerField(help_text="在办、已超承诺期限（红灯）")
    suspended = serializers.IntegerField(help_text="特别程序中（计时暂停）")
    handling = serializers.IntegerField(help_text="在办合计（绿 + 黄 + 红）")


class ScreenCategorySerializer(serializers.Serializer):
    prefix = serializers.CharField()
    name = serializers.CharField()
    waiting = serializers.IntegerField(help_text="正在等候")
    called = serializers.IntegerField(help_text="今日叫号次数")
    average_wait_seconds = serializers.IntegerField(allow_null=True, help_text="今日平均等候（秒）")


class ScreenQueueSerializer(serializers.Serializer):
    issued = serializers.IntegerField(help_text="今日取号")
    waiting = serializers.IntegerField(help_text="正在等候")
    serving = serializers.IntegerField(help_text="正在办理")
    finished = serializers.IntegerField(help_text="今日办理完毕")
    long_waits = serializers.IntegerField(help_text="等候超过提醒时间的人数（至多 50）")
    called = serializers.IntegerField(help_text="今日叫号次数")
    average_wait_seconds = serializers.IntegerField(
        allow_null=True, help_text="今日平均等候（叫号 − 排队，秒）；尚未叫号为 null"
    )
    categories = ScreenCategorySerializer(many=True)


class ScreenSatisfactionSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="本月评价数")
    bad = serializers.IntegerField(help_text="其中差评")
    good = serializers.IntegerField(help_text="非差评")
    rate = serializers.FloatField(allow_null=True, help_text="满意度 %（非差评 ÷ 全部，一位小数）")


class ScreenItemSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    code = serializers.CharField(help_text="实施编码")
    name = serializers.CharField()
    accepted = serializers.IntegerField(help_text="本月受理")
    completed = serializers.IntegerField(help_text="本月办结")


class ScreenLineSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    today_accepted = serializers.IntegerField()
    today_completed = serializers.IntegerField()
    month_accepted = serializers.IntegerField()
    month_completed = serializers.IntegerField()


class ScreenDaySerializer(serializers.Serializer):
    day = serializers.DateField()
    accepted = serializers.IntegerField()
    completed = serializers.IntegerField()


class ScreenSerializer(serializers.Serializer):
    """What the big screen shows: a site and the sites under it (figures only, no person)."""

    site = ScreenSiteSerializer()
    generated_at = serializers.DateTimeField()
    today = serializers.DateField()
    is_working_day = serializers.BooleanField()
    next_working_day = serializers.DateField(allow_null=True, help_text="今日不是工作日时，下一个工作日")
    month_first = serializers.DateField()
    today_counts = ScreenTodaySerializer()
    month_counts = ScreenMonthSerializer()
    lights = ScreenLightsSerializer()
    queue = ScreenQueueSerializer(help_text="本中心大厅的排队（不含下级网点）")
    satisfaction = ScreenSatisfactionSerializer()
    top_items = ScreenItemSerializer(
        many=True, help_text=f"本月受理最多的事项（至多 {selectors.TOP_ITEMS} 项）"
    )
    sites = ScreenLineSerializer(many=True, help_text="下一级网点，各含其下级")
    trend = ScreenDaySerializer(many=True, help_text=f"近 {selectors.TREND_DAYS} 天每日受理与办结（含今日）")


def screen_data(site: Site) -> dict:
    """The screen's document for `site` now, computed at most once per site (and day) in
    ONEWINDOW_SCREEN_CACHE_SECONDS (0: every time), however many screens and clients ask."""
    today = clock.today()
    seconds = settings.ONEWINDOW_SCREEN_CACHE_SECONDS
    key = f"screen:figures:{site.pk}:{today.isoformat()}"
    data = cache.get(key) if seconds > 0 else None
    if data is None:
        figures = selectors.screen_figures(site, at=clock.now(), today=today, warning_days=warning_days())
        data = ScreenSerializer(figures).data
        if seconds > 0:
            cache.set(key, data, seconds)
    return data


class ScreenApi(NamedApiView):
    """The big screen's figures of a site (by its code) and the sites under it: today's received,
    accepted and completed cases, the month's, the cases in handling by light, the hall's queue,
    the month's satisfaction, the month's top items, one line per site right under it and the last
    30 days. For the center office, the business and the supervision sections over their sites."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="screen_figures",
        parameters=[
            OpenApiParameter(
                "site_code",
                str,
                OpenApiParameter.PATH,
                description="服务中心的机构代码（如 210283），含其下级网点",
            )
        ],
        responses={
            200: ScreenSerializer,
            403: OpenApiResponse(description="无权查看该中心的大屏"),
            404: OpenApiResponse(description="没有这个服务中心"),
        },
    )
    def get(self, request, site_code: str):
        site = selectors.screen_site(site_code)
        if site is None:
            raise exceptions.NotFound(_("没有这个服务中心。"))
        if not may_watch(request.user, site):
            raise NotAllowed(_("只有该中心（或上级中心）的办公室、业务科和监察科可以查看大屏数据。"))
        return Response(screen_data(site))
