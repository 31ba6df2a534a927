"""The hall display and each window's display through their pages and JSON snapshots (public, no
login): Chinese, names masked, the WebSocket address and port handed to display.js, 404 for a
site or window that is not there. The live push in a real browser is at the end (marked browser).
"""

import json
import re
from html import unescape

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from onewindow.common.tests.browser import SCREENSHOTS
from onewindow.queueing import services
from onewindow.queueing.models import Category
from onewindow.queueing.tests.asgi_server import asgi_live_server  # noqa: F401
from onewindow.queueing.tests.factories import TUESDAY, at

NOW = at(TUESDAY, 10, 0)


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.ONEWINDOW_FROZEN_NOW = NOW


def issue(queue, prefix, minute, name=""):
    return services.ticket_issue(category=queue[prefix], at=at(TUESDAY, 9, minute), name=name)


def call(queue, window_index, who, minute):
    hall = queue["hall"]
    return services.call_next(
        user=hall[who].user, window=hall["windows"][window_index], at=at(TUESDAY, 9, minute)
    )


def text_of(answer) -> str:
    return unescape(answer.content.decode())


def embedded(answer, element_id: str):
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', answer.content.decode()
    )
    assert match, element_id
    return json.loads(match.group(1))


@pytest.fixture
def hall_day(queue):
    """Tuesday morning: A001 张晓梅 (09:01), A002 李四 (09:02), B001 王五 (09:03), A003 (09:04)
    issued; window 1 called A001 at 09:10; window 2 called A002 at 09:12; window 3 called B001 at
    09:15 and finished it calling nobody (B queue empty) at 09:40. A003 waits."""
    issue(queue, "A", 1, name="张晓梅")
    issue(queue, "A", 2, name="李四")
    issue(queue, "B", 3, name="王五")
    issue(queue, "A", 4)
    call(queue, 0, "clerk", 10)
    call(queue, 1, "market_a", 12)
    call(queue, 2, "housing_a", 15)
    services.call_finish(
        user=queue["hall"]["housing_a"].user, window=queue["hall"]["windows"][2], at=at(TUESDAY, 9, 40)
    )
    return queue


def test_the_hall_display_shows_the_calls_masked_and_the_waiting_counts(hall_day, client):
    county = hall_day["hall"]["county"]
    answer = client.get(f"/queue/display/{county.code}/")
    text = text_of(answer)
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "no-store"
    assert "<h1>测试县政务服务中心</h1>" in text and "排队叫号信息" in text
    # the newest call across the top: 请 B001 号 到 3 号窗口办理 王*
    now = re.search(r'<section class="qd-now" id="qd-now".*?</section>', text, re.S).group(0)
    assert re.sub(r"<[^>]+>|\s+", "", now) == "请B001号到3号窗口办理王*"
    rows = re.findall(r"<tr class=\"([^\"]*)\">\s*(.*?)</tr>", text.split('id="qd-calls"')[1], re.S)
    cells = [(classes.strip(), re.sub(r"<[^>]+>|\s+", " ", row).split()) for classes, row in rows]
    assert cells == [
        ("is-newest is-done", ["B001", "3号窗口", "王*", "09:15", "已叫号"]),
        ("", ["A002", "2号窗口", "李*", "09:12", "办理中"]),
        ("", ["A001", "1号窗口", "张*梅", "09:10", "办理中"]),
    ]
    waiting = re.findall(
        r'<span class="qd-prefix">(\w+)</span>\s*<span class="qd-category">(.*?)</span>\s*'
        r'<span class="qd-count"><strong>(\d+)</strong>人</span>',
        text,
    )
    assert waiting == [("A", "市场准入", "1"), ("B", "不动产登记", "0")]
    assert "当前共有 1 人等候" in text
    assert "请留意屏幕显示和语音叫号" in text and "办公时间：09:00-12:00、13:30-17:30" in text
    assert "点击开启语音" in text and "10:00:00" in text and "2026年11月17日 星期二" in text
    # the whole names are nowhere on the page, not even in the snapshot handed to display.js
    assert "张晓梅" not in text and "李四" not in text and "王五" not in text
    assert embedded(answer, "qd-snapshot")["calls"][2]["name"] == "张*梅"
    assert embedded(answer, "qd-labels")["call_window"] == "号窗口办理"
    assert f'data-ws-path="/ws/queue/hall/{county.pk}/"' in text
    assert 'data-ws-port=""' in text
    assert f'data-snapshot-url="/queue/display/{county.code}/snapshot.json"' in text
    assert "connect-src 'self';" in answer["Content-Security-Policy"]


def test_a_hall_with_no_call_yet_says_so(queue, client):
    answer = client.get(f"/queue/display/{queue['hall']['county'].code}/")
    text = text_of(answer)
    assert answer.status_code == 200
    assert text.count("今日尚未开始叫号") == 2  # the banner and the list
    assert "当前共有 0 人等候" in text


def test_the_hall_snapshot_as_json(hall_day, client):
    county = hall_day["hall"]["county"]
    answer = client.get(f"/queue/display/{county.code}/snapshot.json")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/json"
    assert answer["Cache-Control"] == "no-store"
    data = answer.json()
    assert data["kind"] == "hall" and data["now"] == "2026-11-17T10:00:00+08:00"
    snapshot = data["snapshot"]
    assert (snapshot["site"], snapshot["date"], snapshot["waiting_total"]) == (
        "测试县政务服务中心",
        "2026-11-17",
        1,
    )
    assert [
        (row["code"], row["window"], row["name"], row["at"], row["serving"]) for row in snapshot["calls"]
    ] == [
        ("B001", "3", "王*", "09:15", False),
        ("A002", "2", "李*", "09:12", True),
        ("A001", "1", "张*梅", "09:10", True),
    ]
    assert snapshot["categories"] == [
        {"prefix": "A", "name": "市场准入", "waiting": 1},
        {"prefix": "B", "name": "不动产登记", "waiting": 0},
    ]
    assert "张晓梅" not in answer.content.decode()


def test_unknown_or_closed_sites_and_windows_are_404(queue, client):
    hall = queue["hall"]
    county, township = hall["county"], hall["township"]
    missing = [
        "/queue/display/NOPE/",
        "/queue/display/NOPE/snapshot.json",
        "/queue/display/" + "9" * 300 + "/",
        f"/queue/display/{county.code}/window/99/",
        f"/queue/display/{county.code}/window/99/snapshot.json",
        f"/queue/display/{township.code}/window/3/",  # window 3 is the county's
        f"/queue/display/{county.code}/window/{'1' * 200}/",
    ]
    for url in missing:
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert "页面" in answer.content.decode() or url.endswith(".json"), url
    # the township's own window 1 is there
    assert client.get(f"/queue/display/{township.code}/window/1/").status_code == 200
    township.is_active = False
    township.save(update_fields=["is_active"])
    assert client.get(f"/queue/display/{township.code}/").status_code == 404
    assert client.get(f"/queue/display/{township.code}/window/1/").status_code == 404
    window = hall["windows"][2]
    window.is_active = False
    window.save(update_fields=["is_active"])
    assert client.get(f"/queue/display/{county.code}/window/3/snapshot.json").status_code == 404


def test_displays_only_answer_get(queue, client):
    code = queue["hall"]["county"].code
    assert client.post(f"/queue/display/{code}/").status_code == 405
    assert client.post(f"/queue/display/{code}/window/1/snapshot.json").status_code == 405


def test_a_websocket_port_of_its_own_goes_to_the_page_and_its_policy(queue, client, settings):
    code = queue["hall"]["county"].code
    settings.ONEWINDOW_WS_PORT = "8001"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "hall.example.cn"]
    answer = client.get(f"/queue/display/{code}/window/2/", HTTP_HOST="hall.example.cn:8000")
    assert 'data-ws-port="8001"' in answer.content.decode()
    assert (
        "connect-src 'self' ws://hall.example.cn:8001 wss://hall.example.cn:8001;"
        in answer["Content-Security-Policy"]
    )
    settings.ONEWINDOW_WS_PORT = "not-a-port"
    answer = client.get(f"/queue/display/{code}/")
    assert 'data-ws-port=""' in answer.content.decode()
    assert "connect-src 'self';" in answer["Content-Security-Policy"]


def test_a_display_speaks_the_halls_language_whatever_the_tv_browser_says(hall_day, client, settings):
    code = hall_day["hall"]["county"].code
    for url, words in (
        (f"/queue/display/{code}/", "办理中"),
        (f"/queue/display/{code}/window/1/", "正在办理"),
    ):
        answer = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert answer["Content-Language"] == "zh-hans"
        assert words in answer.content.decode() and "In progress" not in answer.content.decode()
    # a language chosen on the device itself is kept
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(f"/queue/display/{code}/")["Content-Language"] == "en"


def test_a_window_display_shows_the_window_the_staff_and_the_number_served(hall_day, client):
    hall = hall_day["hall"]
    clerk = hall["market_a"]
    clerk.title = "市场监管窗口负责人"
    clerk.save(update_fields=["title"])
    clerk.photo.save("market_a.png", ContentFile(b"\x89PNG\r\n\x1a\n photo"), save=True)
    county = hall["county"]
    answer = client.get(f"/queue/display/{county.code}/window/2/")
    text = text_of(answer)
    assert answer.status_code == 200
    assert '<strong id="qd-window-number">2</strong><span>号窗口</span>' in text
    assert re.findall(r'id="qd-window-categories".*?</ul>', text, re.S)[0].count("<li>") == 1
    assert "<li>市场准入</li>" in text and "不动产登记" not in text
    assert '<strong class="qd-staff-name">刘建国</strong>' in text
    assert '<span class="qd-staff-title">市场监管窗口负责人</span>' in text
    assert f'<span class="qd-staff-number">工号 {clerk.employee_number}</span>' in text
    assert f'<img class="qd-photo" src="/rate/staff/{clerk.pk}/photo/" alt="刘建国">' in text
    assert 'data-photo-template="/rate/staff/{id}/photo/"' in text
    assert client.get(f"/rate/staff/{clerk.pk}/photo/").status_code == 200  # public: on duty today
    assert '<strong class="qd-serving-code">A002</strong>' in text
    assert '<span class="qd-serving-name">李*</span>' in text and "09:12 叫号" in text
    assert "李四" not in text
    window = hall["windows"][1]
    assert f'data-ws-path="/ws/queue/window/{window.pk}/"' in text
    assert f'data-snapshot-url="/queue/display/{county.code}/window/2/snapshot.json"' in text
    assert "语音播报：关" in text


def test_a_window_idle_paused_or_without_staff(hall_day, client):
    hall = hall_day["hall"]
    code = hall["county"].code
    window = hall["windows"][2]  # window 3 finished B001, calls nobody
    text = text_of(client.get(f"/queue/display/{code}/window/3/"))
    assert '<strong class="qd-idle">等待叫号</strong>' in text
    assert '<span class="qd-photo qd-photo-none" aria-hidden="true">梁</span>' in text  # no photo
    services.window_pause(
        user=hall["housing_a"].user, window=window, at=at(TUESDAY, 9, 45), reason="系统维护"
    )
    text = text_of(client.get(f"/queue/display/{code}/window/3/"))
    assert '<strong class="qd-paused">暂停服务</strong>' in text
    assert '<span class="qd-pause-reason">（系统维护）</span>' in text
    assert "qd-serving-code" not in text
    # nobody on duty at the township's window today
    text = text_of(client.get(f"/queue/display/{hall['township'].code}/window/1/"))
    assert "本窗口今日暂无值班人员" in text


def test_the_window_snapshot_as_json(hall_day, client):
    hall = hall_day["hall"]
    answer = client.get(f"/queue/display/{hall['county'].code}/window/1/snapshot.json")
    assert answer.status_code == 200
    data = answer.json()
    assert data["kind"] == "window"
    assert data["snapshot"] == {
        "window": "1",
        "name": "测试窗口",
        "staff": {
            "name": "王秀英",
            "title": "",
            "employee_number": hall["clerk"].employee_number,
            "photo": False,
            "id": hall["clerk"].pk,
        },
        "serving": {
            "code": "A001",
            "window": "1",
            "window_name": "测试窗口",
            "name": "张*梅",
            "at": "09:10",
            "serving": True,
        },
        "paused": False,
        "pause_reason": "",
        "categories": ["市场准入", "不动产登记"],
    }


def test_an_inactive_category_is_not_on_the_hall_display(hall_day, client):
    Category.objects.filter(prefix="B").update(is_active=False)
    answer = client.get(f"/queue/display/{hall_day['hall']['county'].code}/snapshot.json")
    assert [row["prefix"] for row in answer.json()["snapshot"]["categories"]] == ["A"]


# In the browser: the live push ------------------------------------------------------------------


def shot(page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"queueing-{name}.png")


@pytest.mark.browser
def test_a_call_appears_on_the_hall_display_within_a_second(queue, asgi_live_server, browser_page):  # noqa: F811
    hall = queue["hall"]
    # Playwright holds an event loop in this thread: services (and their pushes) run in another.
    asgi_live_server.call(issue, queue, "A", 1, name="张晓梅")
    asgi_live_server.call(issue, queue, "B", 2, name="欧阳明")
    page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{asgi_live_server.url}/queue/display/{hall['county'].code}/")
    expect(page.locator("body")).to_have_attribute("data-state", "live", timeout=5000)  # the socket is open
    expect(page.locator("#qd-now")).to_contain_text("今日尚未开始叫号")

    asgi_live_server.call(call, queue, 0, "clerk", 10)  # window 1 calls A001
    expect(page.locator("#qd-now .qd-now-code")).to_have_text("A001", timeout=1000)
    expect(page.locator("#qd-now .qd-now-window")).to_have_text("1")
    expect(page.locator("#qd-calls tr.is-newest .qd-name")).to_have_text("张*梅")
    expect(page.locator("#qd-calls tr.is-newest")).to_have_class(re.compile(r"\bis-flashing\b"))
    expect(page.locator("#qd-total")).to_have_text("当前共有 1 人等候")

    asgi_live_server.call(call, queue, 2, "housing_a", 12)  # window 3 calls B001
    expect(page.locator("#qd-calls tr.is-newest .qd-code")).to_have_text("B001", timeout=1000)
    expect(page.locator("#qd-calls tr .qd-code")).to_have_text(["B001", "A001"])
    expect(page.locator("#qd-now")).to_contain_text("欧*明")
    expect(page.locator("#qd-total")).to_have_text("当前共有 0 人等候")
    shot(page, "hall-display")


#: Stands in for the browser's speech engine (headless Chromium has no voice): records what the
#: display says and ends each utterance at once.
FAKE_SPEECH = """
window.__spoken = [];
const fakeSpeech = {
  speak(utterance) {
    window.__spoken.push({text: utterance.text, lang: utterance.lang});
    setTimeout(() => utterance.onend && utterance.onend(), 20);
  },
  cancel() {},
  getVoices() { return []; },
  onvoiceschanged: null,
};
Object.defineProperty(window, "speechSynthesis", {value: fakeSpeech, configurable: true});
"""


@pytest.mark.browser
def test_the_hall_speaks_each_call_twice_once_voice_is_on(queue, asgi_live_server, browser_page):  # noqa: F811
    hall = queue["hall"]
    asgi_live_server.call(issue, queue, "A", 1)
    asgi_live_server.call(issue, queue, "B", 2)
    page = browser_page
    page.add_init_script(FAKE_SPEECH)
    url = f"{asgi_live_server.url}/queue/display/{hall['county'].code}/"
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-state", "live", timeout=5000)
    unlock = page.locator("#qd-voice-unlock")
    expect(unlock).to_be_visible()
    expect(unlock).to_contain_text("点击开启语音")
    unlock.click()
    expect(unlock).to_be_hidden()
    assert page.evaluate("localStorage.getItem('onewindow.queue.voice.hall')") == "on"

    asgi_live_server.call(call, queue, 0, "clerk", 10)  # A001 to window 1
    asgi_live_server.call(call, queue, 2, "housing_a", 11)  # B001 to window 3, right after
    page.wait_for_function("() => window.__spoken.length >= 5", timeout=5000)
    spoken = page.evaluate("window.__spoken")
    first, second = "请 A 0 0 1 号，到 1 号窗口办理", "请 B 0 0 1 号，到 3 号窗口办理"
    assert [entry["text"] for entry in spoken] == ["语音播报已开启", first, first, second, second]
    assert {entry["lang"] for entry in spoken} == {"zh-CN"}

    page.reload()  # remembered: no button again
    expect(page.locator("body")).to_have_attribute("data-state", "live", timeout=5000)
    expect(unlock).to_be_hidden()


@pytest.mark.browser
def test_a_window_display_follows_its_window_live(queue, asgi_live_server, browser_page):  # noqa: F811
    hall = queue["hall"]
    window, clerk = hall["windows"][0], hall["clerk"]
    asgi_live_server.call(issue, queue, "B", 1, name="欧阳明")
    page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.add_init_script(FAKE_SPEECH)
    page.goto(f"{asgi_live_server.url}/queue/display/{hall['county'].code}/window/1/")
    expect(page.locator("body")).to_have_attribute("data-state", "live", timeout=5000)
    expect(page.locator("#qd-serving .qd-idle")).to_have_text("等待叫号")
    expect(page.locator("#qd-voice-unlock")).to_be_hidden()  # voice is the window's own choice
    toggle = page.locator("#qd-voice-toggle")
    expect(toggle).to_have_text("语音播报：关")
    toggle.click()
    expect(toggle).to_have_text("语音播报：开")

    asgi_live_server.call(call, queue, 0, "clerk", 10)
    expect(page.locator("#qd-serving .qd-serving-code")).to_have_text("B001", timeout=1000)
    expect(page.locator("#qd-serving .qd-serving-name")).to_have_text("欧*明")
    expect(page.locator("#qd-staff .qd-staff-name")).to_have_text(clerk.name)
    page.wait_for_function("() => window.__spoken.length >= 3", timeout=5000)
    assert [entry["text"] for entry in page.evaluate("window.__spoken")][1:] == [
        "请 B 0 0 1 号，到 1 号窗口办理"
    ] * 2
    shot(page, "window-display")

    asgi_live_server.call(services.call_finish, user=clerk.user, window=window, at=at(TUESDAY, 9, 20))
    expect(page.locator("#qd-serving .qd-idle")).to_have_text("等待叫号", timeout=1000)
    asgi_live_server.call(
        services.window_pause, user=clerk.user, window=window, at=at(TUESDAY, 9, 21), reason="午间交接"
    )
    expect(page.locator("#qd-serving .qd-paused")).to_have_text("暂停服务", timeout=1000)
    expect(page.locator("#qd-serving .qd-pause-reason")).to_have_text("（午间交接）")


@pytest.mark.parametrize(
    ("name", "shown"), [("阿不都热合曼", "阿****曼"), ("欧阳明", "欧*明"), ("李四", "李*"), ("", "")]
)
def test_the_hall_shows_a_long_name_by_its_first_and_last_characters(queue, name, shown):
    from onewindow.queueing.selectors import hall_snapshot

    issue(queue, "A", 1, name=name)
    call(queue, 0, "clerk", 10)
    assert hall_snapshot(queue["hall"]["county"].pk, on_date=TUESDAY)["calls"][0]["name"] == shown
