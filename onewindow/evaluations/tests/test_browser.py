"""The 好差评 journey in the Debian Chromium, as its users click it:

- the market department's window clerk (window 2) ends a service on a finished case from the
  case page; the window's tablet, idle with the clerk's name and number, asks for a rating;
- the citizen taps 不满意, ticks a reason, submits, and sees the thank-you;
- the market department's chief representative finds the rectification with its due date in the
  desk and reports the measures; the office records the return visit and verifies it;
- the public satisfaction page shows the department's month with the bad review counted.
"""

from datetime import date

import pytest
from playwright.sync_api import expect

from onewindow.cases.tests.factories import at
from onewindow.common.tests.browser import SCREENSHOTS, login, logout
from onewindow.evaluations.models import Rating, Rectification
from onewindow.evaluations.tests.factories import tablet_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TUESDAY = date(2026, 11, 17)


def shot(page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"evaluations-{name}.png", full_page=True)


def test_tablet_to_bad_review_to_rectification_to_public_figures(
    browser_page, live_server, hall, finished, settings
):
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 10, 0)
    page = browser_page
    device = page.context.browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    tablet = device.new_page()  # the tablet is its own device
    tablet.goto(f"{live_server.url}{tablet_path(hall['windows'][1])}")  # the office's pairing link
    assert "key=" not in tablet.url  # the key went into the tablet's cookie
    expect(tablet.locator(".tablet-name")).to_have_text(hall["market_a"].name)  # the A post
    shot(tablet, "tablet-idle")

    login(page, live_server, hall["market_a"].user.username)
    page.goto(f"{live_server.url}/desk/cases/{finished.reference}/")
    page.select_option("#ratings select[name=window]", str(hall["windows"][1].pk))
    page.click("#ratings button:has-text('服务结束，请群众评价')")
    expect(page.locator(".messages")).to_contain_text("已推送到2号窗口评价器")
    logout(page)

    expect(tablet.locator(".tablet-levels")).to_be_visible(timeout=8000)  # polled every 2 s
    shot(tablet, "tablet-rate")
    tablet.click(".tablet-level-4")
    expect(tablet.locator(".tablet-reasons")).to_be_visible()
    tablet.click("label:has-text('多次跑动')")
    tablet.click(".tablet-submit")
    expect(tablet.locator(".tablet-thanks")).to_contain_text("感谢您的评价")
    shot(tablet, "tablet-thanks")
    rating = Rating.objects.get()
    assert (rating.level_label, rating.reason_labels, rating.staff) == (
        "不满意",
        "多次跑动",
        hall["market_a"],
    )

    login(page, live_server, hall["chief"].user.username)
    page.goto(f"{live_server.url}/desk/evaluations/")
    rectification = Rectification.objects.get()
    row = page.locator("#rectifications tr", has_text=rectification.number)
    expect(row).to_contain_text("2026-11-24")
    row.locator("a").click()
    page.fill("#measures", "已约谈窗口人员，实行一次性告知，材料当场核对。")
    page.click("button:has-text('反馈整改')")
    expect(page.locator(".messages")).to_contain_text("整改措施已反馈")
    logout(page)

    login(page, live_server, hall["office"].user.username)
    page.goto(f"{live_server.url}/desk/evaluations/rectifications/{rectification.pk}/")
    page.select_option("#visit-answer", "SATISFIED")
    page.fill("#visit-note", "电话回访，申请人表示满意")
    page.click("button:has-text('记录回访')")
    expect(page.locator(".messages")).to_contain_text("回访已记录")
    page.click("button:has-text('核实办结')")
    expect(page.locator(".messages")).to_contain_text("整改已核实办结")
    shot(page, "rectification")
    assert Rectification.objects.get().status == Rectification.Status.VERIFIED
    logout(page)

    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/satisfaction/")
    row = page.locator("table.satisfaction-table tr", has_text="市场监督管理局")
    expect(row).to_contain_text("0.0%")
    expect(row).to_contain_text("1 评 · 1 差")
    shot(page, "satisfaction-phone")
    device.close()


def test_the_tablet_shows_its_errors_keeps_polling_and_says_when_it_is_no_longer_paired(
    browser_page, live_server, hall, settings
):
    from onewindow.evaluations import services

    settings.ONEWINDOW_FROZEN_NOW = now = at(TUESDAY, 10, 0)
    # the tablet is its own device; its console logs the 403 this test provokes at the end
    device = browser_page.context.browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    tablet = device.new_page()
    tablet.goto(f"{live_server.url}{tablet_path(hall['windows'][1])}")
    service = services.service_push(user=hall["market_a"].user, window=hall["windows"][1], at=now)
    expect(tablet.locator(".tablet-levels")).to_be_visible(timeout=8000)
    # the service is rated elsewhere (a second tap, the API) before the citizen taps here
    services.rating_at_window(token=service.token, given=services.RatingInput(level=1), at=now)
    tablet.click(".tablet-level-2")
    expect(tablet.locator(".tablet-error")).to_contain_text("这次服务已经评价过或已结束")  # not frozen
    shot(tablet, "tablet-error")
    # and it keeps asking: the next service shows up by itself
    services.service_push(user=hall["market_a"].user, window=hall["windows"][1], at=now)
    expect(tablet.locator(".tablet-levels")).to_be_visible(timeout=15000)
    expect(tablet.locator(".tablet-error")).to_have_count(0)
    # its pairing lost (the cookie cleared), the next poll says how to pair again
    tablet.context.clear_cookies()
    expect(tablet.locator(".tablet-unpaired")).to_contain_text("尚未与窗口配对", timeout=15000)
    shot(tablet, "tablet-unpaired")
    assert Rating.objects.count() == 1
    device.close()
