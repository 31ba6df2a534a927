"""The hall's big screen (数据大屏): /screen/<site code>/ on a 1920×1080 TV, full screen, reading its
figures again from /screen/<site code>/data every ONEWINDOW_SCREEN_REFRESH_SECONDS
(static/screen/screen.js). It shows a site's figures to the TV the center office paired with it
(the link on /office/screen/ carries the key once; a cookie keeps it) and to the center office,
the business and the supervision sections signed in over that site. /screen/ opens one's own
site's screen."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from onewindow.common import clock
from onewindow.org.models import Site
from onewindow.org.permissions import CONSOLE_ROLES, role_required
from onewindow.org.selectors import center_name
from onewindow.queueing.views.displays import hall_language
from onewindow.screen import pairing, selectors
from onewindow.screen.api import screen_data

#: A paired TV's cookie lasts as long as browsers keep one (400 days); every visit renews it.
COOKIE_SECONDS = 400 * 24 * 3600


def _site(site_code: str) -> Site:
    site = selectors.screen_site(site_code)
    if site is None:
        raise Http404(_("没有这个服务中心。"))
    return site


def _cookie_name(site: Site) -> str:
    return f"onewindow_screen_{site.pk}"


def _screen_path(site: Site) -> str:
    return reverse("screen:screen", args=[site.code])


def pairing_link(request, site: Site) -> str:
    """The link the center office opens once on the hall's TV to pair it with `site`'s screen."""
    return request.build_absolute_uri(f"{_screen_path(site)}?key={pairing.screen_key(site)}")


def _is_paired(request, site: Site) -> bool:
    return pairing.screen_key_is_valid(site, request.COOKIES.get(_cookie_name(site), ""))


def _may_see(request, site: Site) -> bool:
    return _is_paired(request, site) or pairing.may_watch(request.user, site)


def _remember_pairing(request, response: HttpResponse, site: Site) -> HttpResponse:
    response.set_cookie(
        _cookie_name(site),
        pairing.screen_key(site),
        max_age=COOKIE_SECONDS,
        path=_screen_path(site),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def _refuse(request, site: Site) -> HttpResponse:
    """The TV that is not paired (or whose pairing ended) is told how to pair; nothing of the
    site's figures is shown."""
    context = {
        "site": site,
        "center_name": center_name(),
        "login_url": f"{reverse('accounts:login')}?{urlencode({'next': _screen_path(site)})}",
        "signed_in": request.user.is_authenticated,
    }
    response = render(request, "screen/unpaired.html", context, status=403)
    response["Cache-Control"] = "no-store"
    return response


def _labels() -> dict:
    """The words screen.js writes (translated here, with the page)."""
    return {
        "weekdays": [
            _("星期一"),
            _("星期二"),
            _("星期三"),
            _("星期四"),
            _("星期五"),
            _("星期六"),
            _("星期日"),
        ],
        "date_format": _("{year}年{month}月{day}日"),
        "working_day": _("工作日"),
        "rest_day": _("休息日"),
        "next_working_day": _("下一工作日 {month}月{day}日"),
        "minute_unit": _("分"),
        "nothing": _("暂无"),
        "no_calls": _("尚未叫号"),
        "people": _("人"),
        "accepted": _("受理"),
        "completed": _("办结"),
        "green": _("绿灯 · 正常"),
        "yellow": _("黄灯 · 预警"),
        "red": _("红灯 · 超期"),
        "suspended": _("特别程序"),
        "no_categories": _("本中心未设排队类别"),
        "no_sites": _("本中心没有下级网点"),
        "live": _("实时 · 每{seconds}秒更新 · 更新于 {time}"),
        "offline": _("连接中断 · 数据停留在 {time} · 正在重试"),
        "unpaired": _("本屏幕的配对已失效，请中心办公室重新配对 · 数据停留在 {time}"),
        "page": _("{page}/{pages}"),
    }


@require_GET
@role_required(*CONSOLE_ROLES)
def home(request):
    """/screen/: the big screen of one's own site (the top site for an administrator)."""
    site = pairing.home_site(request.user)
    if site is None or not pairing.may_watch(request.user, site):
        raise PermissionDenied
    return redirect(_screen_path(site))


@require_GET
@hall_language
def screen(request, site_code: str):
    """The big screen of a site and the sites under it, 1920×1080, full screen; its figures come
    embedded, then from the data endpoint every ONEWINDOW_SCREEN_REFRESH_SECONDS."""
    site = _site(site_code)
    if "key" in request.GET:
        if not pairing.screen_key_is_valid(site, request.GET.get("key", "")):
            return _refuse(request, site)
        return _remember_pairing(request, redirect(_screen_path(site)), site)
    paired = _is_paired(request, site)
    if not paired and not pairing.may_watch(request.user, site):
        return _refuse(request, site)
    data = screen_data(site)
    moment = timezone.localtime(clock.now())
    response = render(
        request,
        "screen/screen.html",
        {
            "site": site,
            "data": data,
            "labels": _labels(),
            "data_url": reverse("screen:data", args=[site.code]),
            "refresh_seconds": max(1, settings.ONEWINDOW_SCREEN_REFRESH_SECONDS),
            "time_zone": settings.TIME_ZONE,
            "server_now_ms": int(moment.timestamp() * 1000),
            "clock_text": moment.strftime("%H:%M:%S"),
            "items_limit": selectors.TOP_ITEMS,
            "trend_days": selectors.TREND_DAYS,
        },
    )
    response["Cache-Control"] = "no-store"
    return _remember_pairing(request, response, site) if paired else response


@require_GET
def data(request, site_code: str):
    """The screen's figures as JSON (the API's document); 403 with code not_paired when the
    device is neither paired nor signed in over the site."""
    site = _site(site_code)
    if not _may_see(request, site):
        response = JsonResponse(
            {"code": "not_paired", "message": _("本屏幕尚未与该中心配对，或配对已失效。")}, status=403
        )
    else:
        response = JsonResponse(screen_data(site), json_dumps_params={"ensure_ascii": False})
    # The screen keeps its clock on the server's (a TV box's own clock is often wrong).
    response["X-OneWindow-Now"] = str(int(clock.now().timestamp() * 1000))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@role_required(*CONSOLE_ROLES)
def office(request):
    """数据大屏 in the office console: each site's screen to open, and for the center office the
    link that pairs a hall's TV with it (open once on the TV)."""
    pairable = set(pairing.pairable_sites(request.user).values_list("pk", flat=True))
    rows = [
        {
            "site": site,
            "url": _screen_path(site),
            "link": pairing_link(request, site) if site.pk in pairable else "",
        }
        for site in pairing.watchable_sites(request.user)[:500]
    ]
    return render(
        request,
        "screen/office.html",
        {"section": "screen", "rows": rows, "refresh_seconds": settings.ONEWINDOW_SCREEN_REFRESH_SECONDS},
    )
