"""The hall's displays (public, no login: they hang in the hall): the hall display of a site and
each window's display. A page renders its snapshot server-side, then static/queueing/display.js
opens the WebSocket of queueing/consumers.py and re-renders from every pushed snapshot, speaking
the calls; while the socket is down it re-reads the snapshot as JSON every 30 seconds.

Names are masked (张*梅) by the selectors; the staff photo is the evaluations app's public one.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from onewindow.common import clock
from onewindow.org.models import Site, Window
from onewindow.queueing import selectors

#: While its WebSocket is down a display re-reads its snapshot this often (display.js).
REFRESH_SECONDS = 30
#: A stand-in id reverse() accepts, replaced by "{id}" in the photo address display.js fills in.
_PHOTO_ID_PLACEHOLDER = 987654321


def hall_language(view):
    """A display speaks the hall's language (LANGUAGE_CODE), not the TV browser's, which is often
    left in English; a language chosen explicitly on the device (the language cookie) wins."""

    @wraps(view)
    def in_hall_language(request, *args, **kwargs):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
        response["Content-Language"] = language
        return response

    return in_hall_language


def _site(site_code: str) -> Site:
    return get_object_or_404(Site, code=site_code, is_active=True)


def _window(site: Site, number: str) -> Window:
    return get_object_or_404(Window, site=site, number=number, is_active=True)


def websocket_port() -> str:
    """settings.ONEWINDOW_WS_PORT when it names a port (Daphne beside gunicorn), else ""."""
    value = str(getattr(settings, "ONEWINDOW_WS_PORT", "") or "").strip()
    return value if value.isdigit() and 0 < int(value) < 65536 else ""


def content_security_policy(request) -> str:
    """The site's policy; with a WebSocket port of its own, the page may also connect there
    (connect-src 'self' covers ws: and wss: on the page's own host and port only)."""
    policy = settings.CONTENT_SECURITY_POLICY
    port = websocket_port()
    if not port or "connect-src 'self'" not in policy:
        return policy
    hostname = urlsplit(f"//{request.get_host()}").hostname or ""
    if ":" in hostname:
        hostname = f"[{hostname}]"  # IPv6
    sources = f"ws://{hostname}:{port} wss://{hostname}:{port}"
    return policy.replace("connect-src 'self'", f"connect-src 'self' {sources}", 1)


def waiting_density(count: int) -> str:
    """How the waiting counts fit their panel (display.css; display.js decides the same)."""
    if count <= 5:
        return "roomy"
    return "compact" if count <= 8 else "columns"


def _hours_text(site: Site) -> str:
    if site.opening_hours:
        return site.opening_hours
    return "、".join(part.strip() for part in settings.ONEWINDOW_QUEUE_HOURS.split(",") if part.strip())


def hall_notice(site: Site) -> str:
    """The scrolling line under the hall display."""
    parts = [
        _("请留意屏幕显示和语音叫号，听到叫号请到对应窗口办理；过号请与窗口工作人员联系。"),
        _("办公时间：%(hours)s") % {"hours": _hours_text(site)},
    ]
    if site.phone:
        parts.append(_("咨询电话：%(phone)s") % {"phone": site.phone})
    if site.supervision_phone:
        parts.append(_("监督电话：%(phone)s") % {"phone": site.supervision_phone})
    parts.append(_("请保管好您的排队小票，过号后请重新取号或联系工作人员。"))
    return "　　".join(parts)


def _labels() -> dict:
    """The words display.js writes when it re-renders (translated here, with the page)."""
    return {
        "call_please": _("请"),
        "call_number": _("号"),
        "call_to": _("到"),
        "call_window": _("号窗口办理"),
        "window_label": _("%(number)s号窗口"),
        "recall": _("重呼"),
        "serving": _("办理中"),
        "called": _("已叫号"),
        "no_calls": _("今日尚未开始叫号"),
        "no_calls_hint": _("请留意屏幕与语音提示"),
        "people": _("人"),
        "waiting_total": _("当前共有 {count} 人等候"),
        "no_categories": _("暂无业务类别"),
        "idle": _("等待叫号"),
        "idle_hint": _("请留意大厅叫号屏与语音提示"),
        "paused": _("暂停服务"),
        "this_window": _("本窗口"),
        "now_serving": _("正在办理"),
        "called_at": _("{time} 叫号"),
        "no_staff": _("本窗口今日暂无值班人员"),
        "employee_number": _("工号"),
        "voice_on": _("语音播报：开"),
        "voice_off": _("语音播报：关"),
        "voice_ready": _("语音播报已开启"),
        "live": _("实时"),
        "offline": _("连接中断，正在重连…"),
        "weekdays": [
            _("星期一"),
            _("星期二"),
            _("星期三"),
            _("星期四"),
            _("星期五"),
            _("星期六"),
            _("星期日"),
        ],
        "date_format": _("{year}年{month}月{day}日 {weekday}"),
    }


def _date_text(labels: dict, moment) -> str:
    return labels["date_format"].format(
        year=moment.year, month=moment.month, day=moment.day, weekday=labels["weekdays"][moment.weekday()]
    )


def _page_context(request, *, display: str, site: Site, websocket_path: str, snapshot_url: str) -> dict:
    labels = _labels()
    moment = timezone.localtime(clock.now())
    return {
        "display": display,
        "site": site,
        "labels": labels,
        "clock_text": moment.strftime("%H:%M:%S"),
        "date_text": _date_text(labels, moment),
        "websocket_path": websocket_path,
        "websocket_port": websocket_port(),
        "snapshot_url": snapshot_url,
        "refresh_seconds": REFRESH_SECONDS,
        "time_zone": settings.TIME_ZONE,
        "server_now_ms": int(moment.timestamp() * 1000),
    }


def _display_response(request, template: str, context: dict):
    response = render(request, template, context)
    response["Content-Security-Policy"] = content_security_policy(request)
    response["Cache-Control"] = "no-store"
    return response


def _json(kind: str, snapshot: dict) -> JsonResponse:
    response = JsonResponse(
        {"kind": kind, "snapshot": snapshot, "now": clock.now().isoformat()},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@hall_language
def hall(request, site_code: str):
    """The hall display: the latest calls (the newest large), the waiting count of each category,
    the clock and a scrolling notice."""
    site = _site(site_code)
    snapshot = selectors.hall_snapshot(site.pk)
    context = _page_context(
        request,
        display="hall",
        site=site,
        websocket_path=f"/ws/queue/hall/{site.pk}/",
        snapshot_url=reverse("queueing:display-hall-snapshot", args=[site.code]),
    )
    context.update(
        {
            "snapshot": snapshot,
            "newest": snapshot["calls"][0] if snapshot["calls"] else None,
            "notice": hall_notice(site),
            "waiting_density": waiting_density(len(snapshot["categories"])),
        }
    )
    return _display_response(request, "queueing/display_hall.html", context)


@require_GET
def hall_snapshot(request, site_code: str):
    site = _site(site_code)
    return _json("hall", selectors.hall_snapshot(site.pk))


@require_GET
@hall_language
def window(request, site_code: str, number: str):
    """A window's display: its number, name and categories, the staff member on duty, the number
    being served, or 暂停服务 with the reason."""
    site = _site(site_code)
    window = _window(site, number)
    snapshot = selectors.window_snapshot(window.pk)
    photo_template = reverse("evaluations:staff-photo", args=[_PHOTO_ID_PLACEHOLDER]).replace(
        str(_PHOTO_ID_PLACEHOLDER), "{id}"
    )
    context = _page_context(
        request,
        display="window",
        site=site,
        websocket_path=f"/ws/queue/window/{window.pk}/",
        snapshot_url=reverse("queueing:display-window-snapshot", args=[site.code, window.number]),
    )
    staff = snapshot["staff"]
    context.update(
        {
            "window": window,
            "snapshot": snapshot,
            "photo_template": photo_template,
            "photo_url": photo_template.replace("{id}", str(staff["id"])) if staff and staff["photo"] else "",
        }
    )
    return _display_response(request, "queueing/display_window.html", context)


@require_GET
def window_snapshot(request, site_code: str, number: str):
    window = _window(_site(site_code), number)
    return _json("window", selectors.window_snapshot(window.pk))


urlpatterns = [
    path("queue/display/<str:site_code>/", hall, name="display-hall"),
    path("queue/display/<str:site_code>/snapshot.json", hall_snapshot, name="display-hall-snapshot"),
    path("queue/display/<str:site_code>/window/<str:number>/", window, name="display-window"),
    path(
        "queue/display/<str:site_code>/window/<str:number>/snapshot.json",
        window_snapshot,
        name="display-window-snapshot",
    ),
]
