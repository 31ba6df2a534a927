"""The kiosk (取号机), the slip it prints (HTML and PDF) and the ticket's live page, through the
pages: happy paths, refusals re-rendered on the kiosk with their status, limits, bad input."""

import io
import re
from datetime import time

import pytest
from django.test import Client
from pypdf import PdfReader

from onewindow.queueing import services, slip
from onewindow.queueing.models import Appointment, Category, PriorityGroup, Ticket
from onewindow.queueing.tests.factories import ELDERLY_ID, SATURDAY, TUESDAY, YOUNG_ID, at, book
from onewindow.queueing.views import kiosk

WRONG_CHECK = YOUNG_ID[:17] + ("0" if YOUNG_ID[17] != "0" else "1")
NOW = at(TUESDAY, 10, 0)


@pytest.fixture(autouse=True)
def frozen(settings, monkeypatch):
    settings.ONEWINDOW_FROZEN_NOW = NOW
    # django-ratelimit counts in windows of the wall clock: one window for the whole test
    monkeypatch.setattr("django_ratelimit.core.time.time", lambda: 1_800_000_000.0)


def kiosk_url(queue, tail=""):
    return f"/queue/kiosk/{queue['hall']['county'].code}/{tail}"


def take(client, queue, prefix="A", **fields):
    return client.post(kiosk_url(queue, "take/"), {"category": queue[prefix].pk, **fields})


def text_of(response) -> str:
    return response.content.decode()


def issued(client, queue, prefix="A", **fields) -> Ticket:
    response = take(client, queue, prefix, **fields)
    assert response.status_code == 302, text_of(response)
    return Ticket.objects.order_by("-id").first()


# The kiosk's home ---------------------------------------------------------------------------------


def test_the_kiosk_shows_a_button_per_active_category_with_the_people_waiting(client, queue):
    for _ in range(2):
        services.ticket_issue(category=queue["A"], at=NOW)
    Category.objects.create(site=queue["hall"]["county"], prefix="Z", name="已停用业务", is_active=False)
    response = client.get(kiosk_url(queue))
    page = text_of(response)
    assert response.status_code == 200
    buttons = re.findall(r'name="category" value="(\d+)"', page)
    assert buttons == [str(queue["A"].pk), str(queue["B"].pk)]
    assert "市场准入" in page and "不动产登记" in page and "已停用业务" not in page
    assert re.findall(r'queue-category-waiting">([^<]+)<', page) == ["2 人等候", "0 人等候"]
    # declared groups only: the elderly come from the ID card, the green channel from staff
    assert re.findall(r'name="priority_group" value="(\w*)"', page) == [
        "",
        "PREGNANT",
        "DISABLED",
        "SERVICEMAN",
    ]
    assert "csrfmiddlewaretoken" in page
    # a card reader's Enter must not take a ticket in the first category
    assert '<button type="submit" disabled hidden aria-hidden="true" tabindex="-1"></button>' in page
    assert 'data-home-url="' + kiosk_url(queue) + '"' in page
    assert "不在办公时间" not in page


def test_the_kiosk_says_when_the_hall_is_closed(client, queue, settings):
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 12, 30)
    page = text_of(client.get(kiosk_url(queue)))
    assert "现在不在办公时间（工作日 09:00-12:00、13:30-17:30），暂停取号。" in page


@pytest.mark.parametrize("code", ["NOPE", "x" * 20, "x" * 999])
def test_an_unknown_site_is_a_404_page(client, queue, code):
    assert client.get(f"/queue/kiosk/{code}/").status_code == 404
    assert client.post(f"/queue/kiosk/{code}/take/", {"category": queue["A"].pk}).status_code == 404
    assert client.get(f"/queue/kiosk/{code}/check-in/").status_code == 404


def test_an_inactive_site_has_no_kiosk(client, queue):
    county = queue["hall"]["county"]
    county.is_active = False
    county.save(update_fields=["is_active"])
    assert client.get(kiosk_url(queue)).status_code == 404


# Taking a ticket ------------------------------------------------------------------------------------


def test_a_tap_issues_a_ticket_and_opens_its_slip_to_print(client, queue):
    response = take(client, queue, "B")
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/queue/ticket/{ticket.token}/slip/?print=1"
    assert (ticket.code, ticket.source, ticket.lane, ticket.priority_group) == ("B001", "KIOSK", 2, "")
    assert (ticket.id_number, ticket.phone, ticket.issued_by) == ("", "", None)
    slip_page = client.get(response["Location"])
    page = text_of(slip_page)
    assert slip_page.status_code == 200
    assert '<p class="slip-code">B001</p>' in page
    assert '<p class="slip-category">不动产登记</p>' in page
    assert '<p class="slip-status">前面还有 0 人</p>' in page
    assert '<p class="slip-center">测试县政务服务中心</p>' in page
    assert "取号时间：2026-11-17 10:00" in page
    assert "过号顺延 3 位；再次过号作废，请重新取号。" in page
    assert 'src="data:image/svg+xml' in page
    # printed at once, then home after 20 s
    assert " data-print>" in page and 'data-idle-seconds="20"' in page
    assert f'data-home-url="{kiosk_url(queue)}"' in page


def test_the_id_card_gives_the_elderly_priority_and_a_declared_group_is_kept(client, queue):
    walk_in = issued(client, queue, id_number=YOUNG_ID, phone="13800138000")
    elderly = issued(client, queue, id_number=ELDERLY_ID)
    pregnant = issued(client, queue, priority_group="PREGNANT")
    assert (walk_in.lane, walk_in.id_number, walk_in.phone) == (2, YOUNG_ID, "13800138000")
    assert (elderly.priority_group, elderly.lane) == (PriorityGroup.ELDERLY, 1)
    assert (pregnant.priority_group, pregnant.lane) == (PriorityGroup.PREGNANT, 1)
    page = text_of(client.get(f"/queue/ticket/{elderly.token}/slip/"))
    assert '<p class="slip-priority">优先办理：60岁及以上老年人</p>' in page
    assert '<p class="slip-status">前面还有 0 人</p>' in page
    page = text_of(client.get(f"/queue/ticket/{walk_in.token}/slip/"))
    assert '<p class="slip-status">前面还有 2 人</p>' in page
    assert "slip-priority" not in page
    assert YOUNG_ID not in page  # the slip never prints the ID number


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (at(SATURDAY, 10, 0), "今天（2026-11-21）不是工作日，大厅不办公。"),
        (at(TUESDAY, 8, 30), "现在不在办公时间（09:00-12:00、13:30-17:30），暂停取号。"),
    ],
)
def test_a_closed_hall_is_said_on_the_kiosk_not_as_an_error_page(client, queue, settings, moment, message):
    settings.ONEWINDOW_FROZEN_NOW = moment
    response = take(client, queue)
    page = text_of(response)
    assert response.status_code == 409
    assert f'<div class="queue-kiosk-error" role="alert" id="kiosk-error">{message}</div>' in page
    assert 'name="category"' in page  # the kiosk itself, ready for the next try
    assert not Ticket.objects.exists()


def test_a_wrong_id_number_is_shown_beside_the_field_with_what_was_typed(client, queue):
    response = take(client, queue, id_number=WRONG_CHECK, phone="13800138000")
    page = text_of(response)
    assert response.status_code == 400
    assert "身份证号码校验位错误" in page
    assert 'queue-kiosk-field has-error">\n      <label for="kiosk-id-number">' in page
    assert f'value="{WRONG_CHECK}"' in page and 'value="13800138000"' in page
    assert not Ticket.objects.exists()


def test_a_wrong_phone_is_refused(client, queue):
    response = take(client, queue, phone="12345")
    assert response.status_code == 400
    assert "手机号码应为以 1 开头的 11 位数字。" in text_of(response)
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    "category",
    ["", "abc", "-1", "0", "99999999999999999999999", "9223372036854775807", "1e3", ["1", "2"]],
)
def test_a_missing_or_strange_category_is_refused_on_the_kiosk(client, queue, category):
    response = client.post(kiosk_url(queue, "take/"), {"category": category})
    assert response.status_code == 400
    assert "请点选要办理的业务。" in text_of(response)
    assert not Ticket.objects.exists()


def test_a_category_of_another_site_is_refused(client, queue):
    township = queue["hall"]["township"]
    elsewhere = Category.objects.create(site=township, prefix="A", name="镇业务")
    response = client.post(kiosk_url(queue, "take/"), {"category": elsewhere.pk})
    assert response.status_code == 400
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("group", ["GREEN_CHANNEL", "ELDERLY", "VIP", "孕妇"])
def test_only_the_declared_groups_may_be_chosen(client, queue, group):
    response = take(client, queue, priority_group=group)
    assert response.status_code == 400
    assert "请从列出的优先类别中选择。" in text_of(response)
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("field", ["id_number", "phone", "priority_group", "category"])
def test_a_nul_byte_in_a_field_is_a_clear_error_on_the_kiosk(client, queue, field):
    fields = {"category": str(queue["A"].pk), field: "1\x00"}
    response = client.post(kiosk_url(queue, "take/"), fields)
    assert response.status_code == 400
    assert "输入的内容含有不允许的字符，请重新输入。" in text_of(response)
    assert not Ticket.objects.exists()


def test_a_body_that_is_not_a_form_is_refused_on_the_kiosk(client, queue):
    response = client.post(
        kiosk_url(queue, "take/"), data=["not", "an", "object"], content_type="application/json"
    )
    assert response.status_code == 400
    assert "请点选要办理的业务。" in text_of(response)


def test_taking_by_get_goes_back_to_the_kiosk(client, queue):
    response = client.get(kiosk_url(queue, "take/"))
    assert response.status_code == 302 and response["Location"] == kiosk_url(queue)


def test_the_kiosk_form_needs_its_csrf_token(queue):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(kiosk_url(queue, "take/"), {"category": queue["A"].pk}).status_code == 403
    page = text_of(browser.get(kiosk_url(queue)))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answer = browser.post(
        kiosk_url(queue, "take/"), {"category": queue["A"].pk, "csrfmiddlewaretoken": token}
    )
    assert answer.status_code == 302


def test_a_flood_of_tickets_from_one_address_is_stopped_with_a_429_on_the_kiosk(client, queue):
    for _ in range(kiosk.KIOSK_TICKETS_PER_MINUTE):
        assert take(client, queue).status_code == 302
    response = take(client, queue)
    assert response.status_code == 429
    assert "本机取号过于频繁，请稍候再试，或到咨询台请工作人员帮您取号。" in text_of(response)
    assert Ticket.objects.count() == kiosk.KIOSK_TICKETS_PER_MINUTE
    # another kiosk (address) is not affected
    other = client.post(kiosk_url(queue, "take/"), {"category": queue["A"].pk}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_refused_tickets_do_not_use_up_the_limit(client, queue, monkeypatch):
    monkeypatch.setattr(kiosk, "TICKET_LIMITS", (("queueing-kiosk-hour", "2/h"),))
    for _ in range(5):
        assert take(client, queue, id_number=WRONG_CHECK).status_code == 400
    assert take(client, queue).status_code == 302
    assert take(client, queue).status_code == 302
    assert take(client, queue).status_code == 429


# Check-in of an appointment -----------------------------------------------------------------------


def check_in(client, queue, code):
    return client.post(kiosk_url(queue, "check-in/"), {"code": code})


def test_the_check_in_screen(client, queue):
    page = text_of(client.get(kiosk_url(queue, "check-in/")))
    assert 'name="code"' in page
    assert "请在预约时段开始前 30 分钟至开始后 15 分钟内签到。" in page
    assert 'aria-current="page">预约签到</a>' in page


@pytest.mark.parametrize("by", ["code", "id_number"])
def test_an_appointment_checks_in_by_its_code_or_the_id_number(client, queue, settings, by):
    appointment = book(queue, slot=(10, 0))
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 9, 45)
    response = check_in(client, queue, appointment.code if by == "code" else appointment.id_number.lower())
    appointment.refresh_from_db()
    ticket = appointment.ticket
    assert response.status_code == 302
    assert response["Location"] == f"/queue/ticket/{ticket.token}/slip/?print=1"
    assert (appointment.status, ticket.source, ticket.lane) == (
        Appointment.Status.CHECKED_IN,
        "APPOINTMENT",
        0,
    )
    page = text_of(client.get(response["Location"]))
    assert '<p class="slip-priority">预约签到 · 优先办理</p>' in page


def test_a_code_that_finds_nothing_is_a_404_on_the_kiosk_and_counts(client, queue, monkeypatch):
    monkeypatch.setattr(kiosk, "CHECK_IN_LIMIT", ("queueing-check-in", "2/h"))
    assert check_in(client, queue, "123456").status_code == 404
    assert check_in(client, queue, WRONG_CHECK).status_code == 400
    appointment = book(queue, slot=(10, 30))
    response = check_in(client, queue, appointment.code)  # right, but the address is over its limit
    assert response.status_code == 429
    assert "本机签到查询失败次数过多，请到咨询台请工作人员帮您签到。" in text_of(response)


def test_a_wrong_code_says_so(client, queue):
    response = check_in(client, queue, "123456")
    assert response.status_code == 404
    assert "没有找到您今天在本中心待签到的预约。" in text_of(response)
    assert 'value="123456"' in text_of(response)
    response = check_in(client, queue, WRONG_CHECK)
    assert response.status_code == 400 and "校验位" in text_of(response)


def test_too_early_and_too_late_are_said_on_the_kiosk(client, queue, settings):
    appointment = book(queue, slot=(11, 0))
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 10, 0)
    response = check_in(client, queue, appointment.code)
    assert response.status_code == 400
    assert "预约时段 11:00，请于 10:30 后签到。" in text_of(response)
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 11, 15)
    response = check_in(client, queue, appointment.code)
    assert response.status_code == 400
    assert "已超过签到时间（11:15），预约失效，请取普通号。" in text_of(response)
    assert not Ticket.objects.exists()


def test_check_in_while_the_hall_is_closed_is_refused(client, queue, settings):
    appointment = book(queue, slot=(13, 30))
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 13, 10)
    response = check_in(client, queue, appointment.code)
    assert response.status_code == 409
    assert "现在不在办公时间" in text_of(response)


@pytest.mark.parametrize(
    ("code", "message"), [("", "请输入 6 位预约码，或刷身份证。"), ("12\x003456", "不允许的字符")]
)
def test_an_empty_or_bad_check_in_is_a_clear_error(client, queue, code, message):
    response = check_in(client, queue, code)
    assert response.status_code == 400
    assert message in text_of(response)


# The slip -------------------------------------------------------------------------------------------


def test_a_slip_opened_elsewhere_neither_prints_nor_goes_home(client, queue):
    ticket = services.ticket_issue(category=queue["A"], at=NOW)
    page = text_of(client.get(f"/queue/ticket/{ticket.token}/slip/"))
    assert " data-print>" not in page and 'data-idle-seconds="0"' in page
    assert "data-print-button" in page
    assert f'href="/queue/ticket/{ticket.token}/slip.pdf"' in page


@pytest.mark.parametrize(
    "tail",
    ["", "place/", "slip/", "slip.pdf"],
)
@pytest.mark.parametrize("token", ["nope", "x" * 32, "x" * 33, "x" * 999])
def test_an_unknown_ticket_is_a_404(client, queue, tail, token):
    assert client.get(f"/queue/ticket/{token}/{tail}").status_code == 404


def test_the_slip_pdf_is_80_mm_wide_and_carries_the_ticket(client, queue, settings, monkeypatch):
    settings.ONEWINDOW_PUBLIC_URL = "https://zwfw.example.gov.cn"
    encoded = []
    real = slip.qr_png
    monkeypatch.setattr(slip, "qr_png", lambda text: encoded.append(text) or real(text))
    services.ticket_issue(category=queue["A"], at=NOW)
    ticket = services.ticket_issue(category=queue["A"], at=NOW, priority_group="DISABLED")
    response = client.get(f"/queue/ticket/{ticket.token}/slip.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    width = float(reader.pages[0].mediabox.width)
    assert round(width / 72 * 25.4, 1) == 80.0
    text = reader.pages[0].extract_text().replace("\x00", "")  # pypdf reads CID text with NULs
    for expected in (
        "测试县政务服务中心",
        "A002",
        "市场准入",
        "前面还有 0 人",
        "优先办理：残疾人",
        "2026-11-17 10:00",
    ):
        assert expected in text
    assert "请重新取号" in text
    assert encoded == [f"https://zwfw.example.gov.cn/queue/ticket/{ticket.token}/"]


def test_without_a_public_address_the_qr_code_leads_to_the_address_asked(client, queue, monkeypatch):
    encoded = []
    monkeypatch.setattr(slip, "qr_png", lambda text: encoded.append(text) or io.BytesIO(_tiny_png()))
    ticket = services.ticket_issue(category=queue["A"], at=NOW)
    assert client.get(f"/queue/ticket/{ticket.token}/slip.pdf").status_code == 200
    assert encoded == [f"http://testserver/queue/ticket/{ticket.token}/"]


def _tiny_png() -> bytes:
    buffer = io.BytesIO()
    import segno

    segno.make("x").save(buffer, kind="png")
    return buffer.getvalue()


# The ticket's live page -------------------------------------------------------------------------------


def test_the_live_page_shows_the_people_ahead_and_refreshes(client, queue):
    services.ticket_issue(category=queue["A"], at=NOW)
    ticket = services.ticket_issue(category=queue["A"], at=NOW, id_number=YOUNG_ID, phone="13800138000")
    response = client.get(f"/queue/ticket/{ticket.token}/")
    page = text_of(response)
    assert response.status_code == 200
    assert '<p class="queue-ticket-code">A002</p>' in page
    assert "前面还有 <strong>1</strong> 人" in page
    assert f'hx-get="/queue/ticket/{ticket.token}/place/" hx-trigger="every 10s" hx-swap="outerHTML"' in page
    assert YOUNG_ID not in page and YOUNG_ID[-4:] not in page and "13800138000" not in page
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_live_page_follows_the_call_to_the_window_and_stops_when_done(client, queue):
    ticket = services.ticket_issue(category=queue["A"], at=NOW)
    clerk, window = queue["hall"]["market_a"].user, queue["hall"]["windows"][1]
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 10, 5))
    place = client.get(f"/queue/ticket/{ticket.token}/place/")
    part = text_of(place)
    assert place.status_code == 200 and "<html" not in part
    assert "请到 <strong>2</strong> 号窗口办理" in part and 'hx-trigger="every 10s"' in part
    services.call_finish(user=clerk, window=window, at=at(TUESDAY, 10, 15))
    part = text_of(client.get(f"/queue/ticket/{ticket.token}/place/"))
    assert "已办结，感谢您的耐心等候。" in part and "hx-trigger" not in part


def test_a_ticket_skipped_twice_says_to_take_a_new_one(client, queue):
    ticket = services.ticket_issue(category=queue["A"], at=NOW)
    clerk, window = queue["hall"]["market_a"].user, queue["hall"]["windows"][1]
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 10, 5))
    services.call_skip(user=clerk, window=window, at=at(TUESDAY, 10, 6))
    page = text_of(client.get(f"/queue/ticket/{ticket.token}/"))
    assert "您已过号一次，已重新排队；再次过号需重新取号。" in page
    services.call_next(user=clerk, window=window, at=at(TUESDAY, 10, 7))
    services.call_skip(user=clerk, window=window, at=at(TUESDAY, 10, 8))
    page = text_of(client.get(f"/queue/ticket/{ticket.token}/"))
    assert "过号未到，本号已作废。如仍需办理，请重新取号。" in page and "hx-trigger" not in page


def test_the_live_pages_answer_get_only(client, queue):
    ticket = services.ticket_issue(category=queue["A"], at=NOW)
    for tail in ("", "place/", "slip/", "slip.pdf"):
        assert client.post(f"/queue/ticket/{ticket.token}/{tail}").status_code == 405


def test_slot_times_on_the_slip_follow_the_appointment(client, queue, settings):
    """A checked-in appointment waits before walk-ins: the slip says no one is ahead."""
    services.ticket_issue(category=queue["A"], at=NOW)
    appointment = book(queue, slot=(10, 30))
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 10, 10)
    response = check_in(client, queue, appointment.code)
    page = text_of(client.get(response["Location"]))
    assert '<p class="slip-status">前面还有 0 人</p>' in page
    assert appointment.slot_start == time(10, 30)


# The journey in the Debian Chromium ----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_kiosk_to_slip_to_home_and_the_live_page_follows_the_call(
    browser_page, live_server, queue, monkeypatch
):
    """An elderly person types their ID number on the kiosk's pad and taps 市场准入: the slip prints
    (the kiosk's Chromium prints silently; here window.print is counted), the kiosk goes home by
    itself, and the slip's live page shows the call to window 2 without a reload."""
    from playwright.sync_api import expect

    from onewindow.common.tests.browser import SCREENSHOTS

    monkeypatch.setattr(kiosk, "SLIP_HOME_SECONDS", 3)
    monkeypatch.setattr(kiosk, "TICKET_REFRESH_SECONDS", 1)
    page = browser_page
    page.context.add_init_script(
        "window.print = function () { window.printed = (window.printed || 0) + 1; };"
    )
    home = f"{live_server.url}{kiosk_url(queue)}"
    page.goto(home)
    for key in ELDERLY_ID:
        page.click(f".queue-keypad [data-key='{key}']")
    expect(page.locator("#kiosk-id-number")).to_have_value(ELDERLY_ID)
    page.focus("#kiosk-id-number")
    page.keyboard.press("Enter")  # a card reader's Enter takes no ticket
    page.wait_for_timeout(500)
    assert page.url == home and not Ticket.objects.exists()
    page.screenshot(path=SCREENSHOTS / "queueing-kiosk.png")
    page.click(".queue-category:has-text('市场准入')")
    expect(page.locator(".slip-code")).to_have_text("A001")
    expect(page.locator(".slip-priority")).to_have_text("优先办理：60岁及以上老年人")
    assert page.evaluate("window.printed") == 1
    page.screenshot(path=SCREENSHOTS / "queueing-slip.png")
    page.wait_for_url(home, timeout=8000)  # home again, the ID number gone
    expect(page.locator("#kiosk-id-number")).to_have_value("")
    ticket = Ticket.objects.get()
    assert (ticket.priority_group, ticket.id_number) == (PriorityGroup.ELDERLY, ELDERLY_ID)

    phone = page.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    live = phone.new_page()
    live.goto(f"{live_server.url}/queue/ticket/{ticket.token}/")
    expect(live.locator(".queue-ticket-main")).to_contain_text("前面还有 0 人")
    services.call_next(user=queue["hall"]["market_a"].user, window=queue["hall"]["windows"][1], at=NOW)
    expect(live.locator(".queue-ticket-main")).to_contain_text("请到 2 号窗口办理", timeout=8000)
    live.screenshot(path=SCREENSHOTS / "queueing-ticket-called.png", full_page=True)
    phone.close()
