"""The hall's queue as its users live it, in the Debian Chromium, with the kiosk, the hall display,
the clerk's desk and the window's tablet open at once (issue #18's "done when"):

- a walk-in takes A001 at the kiosk; then 李四, who booked 10:00 yesterday, checks in with the
  appointment's code and gets A002 with no one ahead;
- the clerk at window 1 presses F1: the appointment is called before the walk-in, and the hall
  display shows A002 to window 1 within a second;
- the clerk opens the intake from the call (李四's name and ID number filled in), accepts a
  食品经营许可, presses F: the ticket is linked to the case and the tablet asks for a rating;
- 李四 taps 非常满意 and the rating lands on the case; F1 then calls the walk-in A001.
"""

import time

import pytest
from playwright.sync_api import expect

from onewindow.cases.models import Case, CaseStatus
from onewindow.cases.tests.factories import delegate, published_item
from onewindow.common.tests.browser import SCREENSHOTS, login, logout
from onewindow.evaluations.models import Rating
from onewindow.evaluations.tests.factories import tablet_path
from onewindow.queueing.models import Ticket, TicketCase
from onewindow.queueing.tests.asgi_server import asgi_live_server  # noqa: F401
from onewindow.queueing.tests.factories import TUESDAY, at, book

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"queueing-journey-{name}.png", full_page=True)


@pytest.fixture
def morning(queue, settings, monkeypatch):
    """Tuesday 10:00, a published and delegated 食品经营许可, 李四's appointment for 10:00."""
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 10, 0)
    monkeypatch.setattr("django_ratelimit.core.time.time", lambda: 1_800_000_000.0)
    hall = queue["hall"]
    delegate(hall, published_item(hall, code="SCJG0201"))
    return {"appointment": book(queue, slot=(10, 0)), **queue}


def test_kiosk_display_desk_case_and_rating(morning, asgi_live_server, browser_page):  # noqa: F811
    hall = morning["hall"]
    county, window = hall["county"], hall["windows"][0]
    server = asgi_live_server.url
    browser = browser_page.context.browser

    def device(width, height):
        page = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN").new_page()
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        return page, errors

    kiosk, kiosk_errors = device(1080, 1920)
    kiosk.context.add_init_script("window.print = function () {};")  # the kiosk prints silently
    display, display_errors = device(1920, 1080)
    tablet, tablet_errors = device(1280, 800)

    # The hall display and the window's tablet are on before the hall opens.
    display.goto(f"{server}/queue/display/{county.code}/")
    expect(display.locator("body")).to_have_attribute("data-state", "live", timeout=5000)
    tablet.goto(f"{server}{tablet_path(window)}")

    # A walk-in takes a number for 市场准入.
    kiosk.goto(f"{server}/queue/kiosk/{county.code}/")
    shot(kiosk, "kiosk")
    kiosk.click(".queue-category:has-text('市场准入')")
    expect(kiosk.locator(".slip-code")).to_have_text("A001")
    # 李四 checks in with the appointment's code.
    kiosk.goto(f"{server}/queue/kiosk/{county.code}/check-in/")
    kiosk.fill("#check-in-code", morning["appointment"].code)
    kiosk.click(".queue-check-in-submit")
    expect(kiosk.locator(".slip-code")).to_have_text("A002")
    expect(kiosk.locator(".slip-status")).to_have_text("前面还有 0 人")
    shot(kiosk, "slip")
    expect(display.locator("#qd-total")).to_have_text("当前共有 2 人等候", timeout=5000)

    # The clerk at window 1 calls: the appointment before the walk-in, on the display within 1 s.
    desk = browser_page
    login(desk, asgi_live_server, hall["clerk"].user.username)
    desk.goto(f"{server}/desk/queue/")
    desk.keyboard.press("F1")
    expect(desk.locator(".desk-code")).to_have_text("A002")
    called = time.monotonic()
    expect(display.locator("#qd-now .qd-now-code")).to_have_text("A002", timeout=1000)
    assert time.monotonic() - called < 1.0
    expect(display.locator("#qd-calls tr.is-newest .qd-name")).to_have_text("李*")
    expect(display.locator("#qd-total")).to_have_text("当前共有 1 人等候")
    shot(display, "display")
    shot(desk, "desk")

    # The intake opens with 李四's details; the clerk accepts 食品经营许可.
    desk.click("a.desk-intake")
    desk.fill("#item-code", "食品经营")
    desk.keyboard.press("Enter")
    desk.wait_for_selector("text=今日受理则承诺办结于")
    expect(desk.locator("#id_applicant_name")).to_have_value("李四")
    desk.fill("#id_contact_name", "李四")
    desk.click("button[value=accept]")
    desk.wait_for_selector("text=已受理")
    case = Case.objects.get()
    assert case.status == CaseStatus.ACCEPTED and case.received_by == hall["clerk"]

    # Back at the queue, the case is listed; F finishes, linking it and asking the tablet.
    desk.goto(f"{server}/desk/queue/")
    expect(desk.locator(".desk-cases")).to_contain_text(case.number)
    desk.keyboard.press("f")
    expect(desk.locator(".desk-pushed")).to_contain_text("已推送评价器")
    assert list(TicketCase.objects.values_list("ticket__code", "case_id")) == [("A002", case.pk)]

    expect(tablet.locator(".tablet-levels")).to_be_visible(timeout=8000)
    shot(tablet, "tablet")
    tablet.click(".tablet-level-1")
    expect(tablet.locator(".tablet-thanks")).to_contain_text("感谢您的评价")
    rating = Rating.objects.get()
    assert (rating.case_id, rating.level_label, rating.staff) == (case.pk, "非常满意", hall["clerk"])

    # The next call is the walk-in, and the hall display follows.
    desk.keyboard.press("F1")
    expect(desk.locator(".desk-code")).to_have_text("A001")
    expect(display.locator("#qd-now .qd-now-code")).to_have_text("A001", timeout=1000)
    assert Ticket.objects.get(code="A002").status == Ticket.Status.FINISHED

    # The window's own display, and the office's KPIs of the morning.
    display.goto(f"{server}/queue/display/{county.code}/window/1/")
    expect(display.locator("body")).to_contain_text("A001")
    expect(display.locator("body")).to_contain_text(hall["clerk"].name)
    shot(display, "window-display")
    logout(desk)
    login(desk, asgi_live_server, hall["office"].user.username)
    desk.goto(f"{server}/office/queue/kpis/?by=category")
    expect(desk.locator("main table")).to_contain_text("市场准入")
    shot(desk, "kpis")

    for page in (kiosk, display, tablet):
        page.context.close()
    assert (kiosk_errors, display_errors, tablet_errors) == ([], [], [])
