"""The big screen on the hall's TV, in the Debian Chromium at 1920×1080: paired by the office's
link, it shows the figures with their charts; a case received at a window shows on the next
refresh without a reload; a failed read keeps the figures and says since when; a full-size
screenshot to look at."""

from datetime import date

import pytest
from playwright.sync_api import expect

from onewindow.cases.tests.factories import at, receive
from onewindow.common.tests.browser import SCREENSHOTS
from onewindow.queueing import services as queueing
from onewindow.queueing.tests.factories import TUESDAY, make_categories, put_on_duty
from onewindow.screen.pairing import screen_key
from onewindow.stats import services as stats
from onewindow.stats.tests.factories import CaseSpec, write_cases
from onewindow.stats.tests.test_figures import items  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_screen_at_full_size_refreshes_itself_and_survives_a_failed_read(
    browser_page,
    live_server,
    hall,
    items,  # noqa: F811 - the items fixture
    settings,
):
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 10, 30)
    settings.ONEWINDOW_SCREEN_REFRESH_SECONDS = 2
    settings.ONEWINDOW_SCREEN_CACHE_SECONDS = 0
    county = hall["county"]
    version = items["immediate"]
    specs = [
        CaseSpec(version, county.pk, day, accepted=day, decided=day)
        for day in (date(2026, 11, 2), date(2026, 11, 10), date(2026, 11, 16))
        for _ in range(4)
    ]
    specs += [CaseSpec(version, hall["township"].pk, TUESDAY, accepted=TUESDAY)]
    write_cases(specs, user=hall["clerk"].user)
    stats.rollup_days(date(2026, 11, 1), TUESDAY)
    queue = make_categories(hall)
    put_on_duty(hall)
    for minute in (1, 2, 3):
        queueing.ticket_issue(category=queue["A"], at=at(TUESDAY, 9, minute))
    queueing.call_next(user=hall["market_a"].user, window=hall["windows"][1], at=at(TUESDAY, 9, 11))

    # the TV is its own device (its console will log the failed reads this test provokes)
    tv = browser_page.context.browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    page = tv.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/screen/{county.code}/?key={screen_key(county)}")  # the office's link
    assert page.url == f"{live_server.url}/screen/{county.code}/"
    received = page.locator('.sc-kpi [data-figure="today_counts.received"]')
    expect(received).to_have_text("1")
    expect(page.locator('.sc-kpi [data-figure="month_counts.accepted"]')).to_have_text("13")
    expect(page.locator("#sc-average-wait")).to_have_text("10")  # A001 waited ten minutes
    expect(page.locator("#sc-categories li").first).to_contain_text("市场准入")
    expect(page.locator("#sc-sites tr").first).to_contain_text("测试镇便民服务中心")
    expect(page.locator("#sc-items-chart svg")).to_be_visible()  # ECharts drew the charts
    expect(page.locator("#sc-trend-chart svg")).to_be_visible()
    expect(page.locator("#sc-day-kind")).to_have_text("工作日")
    assert page.evaluate("document.documentElement.scrollHeight") <= 1080  # nothing to scroll
    page.screenshot(path=SCREENSHOTS / "screen-1920x1080.png")

    # a window receives a case: the next refresh shows it, without reloading the page
    page.evaluate("window.notReloaded = true")
    receive(hall, items["promised"], day=TUESDAY)
    expect(received).to_have_text("2", timeout=10000)
    assert page.evaluate("window.notReloaded") is True
    assert errors == []  # no script error, nothing the page's Content-Security-Policy refused

    # the network fails: the figures stay, a mark says since when
    page.route("**/data?*", lambda route: route.abort())
    expect(page.locator("body")).to_have_attribute("data-state", "offline", timeout=10000)
    expect(page.locator("#sc-link")).to_contain_text("连接中断 · 数据停留在 10:30:00")
    expect(received).to_have_text("2")
    page.screenshot(path=SCREENSHOTS / "screen-offline.png")
    page.unroute("**/data?*")
    expect(page.locator("body")).to_have_attribute("data-state", "live", timeout=10000)
    tv.close()
