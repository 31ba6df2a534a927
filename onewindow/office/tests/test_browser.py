"""Browser journeys in the Debian Chromium, driven by Playwright. Screenshots go to var/screenshots/."""

import pytest

from onewindow.common.tests.browser import SCREENSHOTS, login
from onewindow.workcalendar.models import CalendarYear

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_checks_the_organisation_and_roster_and_enters_next_years_holidays(
    seeded_calendar, hall, live_server, browser_page
):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.locator("h1").first.inner_text() == "测试县政务服务中心"
    page.screenshot(path=SCREENSHOTS / "portal-home.png", full_page=True)

    login(page, live_server, hall["office"].user.username)
    assert page.locator("h1").inner_text() == "中心概览"
    page.screenshot(path=SCREENSHOTS / "office-dashboard.png", full_page=True)

    # The organisation: the network of sites and the staff list
    page.click("nav.mainnav >> text=服务网点")
    assert page.locator("table.data").inner_text().count("测试村代办点") == 1
    page.click("nav.mainnav >> text=工作人员")
    page.fill("#id_q", "王秀英")
    page.click("form.filters button[type=submit]")
    assert page.locator("table.data tbody tr").count() == 1

    # The duty roster of a working Monday: generate from A/B posts, then cover the gap by hand
    page.goto(f"{live_server.url}/office/org/duty/?site={hall['county'].pk}&date=2026-11-23")
    assert page.locator("#gap-count .value").inner_text() == "3"
    page.click("text=按AB岗自动排班")
    assert "已按AB岗排班 3 个窗口" in page.locator(".messages").inner_text()
    assert page.locator("#gap-count .value").inner_text() == "0"
    page.screenshot(path=SCREENSHOTS / "office-duty-roster.png", full_page=True)

    # Next year's holidays, entered as the State Council notice reads, then published
    page.click("nav.mainnav >> text=工作日历")
    assert "2027 年节假日安排尚未录入" in page.locator(".notice-warning").inner_text()
    page.fill("#id_year", "2027")
    page.click("text=新建并录入")
    assert page.locator("h1").inner_text().startswith("2027 年工作日历")
    page.fill("#id_name", "春节")
    page.fill("#id_first_date", "2027-02-05")
    page.fill("#id_last_date", "2027-02-13")
    page.fill("#id_makeup_dates", "2027-01-31, 2027-02-30")
    page.click("#arrangement-form button[type=submit]")
    assert "「2027-02-30」不是有效日期" in page.locator("#arrangement-form .errorlist").inner_text()
    page.fill("#id_makeup_dates", "2027-01-31, 2027-02-20")
    page.click("#arrangement-form button[type=submit]")
    assert "放假安排已录入" in page.locator(".messages").inner_text()
    page.fill("#id_notice_reference", "国办发明电〔2026〕7号")
    page.click("text=发布 >> nth=-1")
    assert "2027 年工作日历已发布生效" in page.locator(".messages").inner_text()
    page.screenshot(path=SCREENSHOTS / "office-calendar-2027.png", full_page=True)
    assert CalendarYear.objects.get(year=2027).is_published is True


def test_a_clerk_reckons_a_due_date_on_the_desk(seeded_calendar, hall, live_server, browser_page):
    page = browser_page
    login(page, live_server, hall["clerk"].user.username)
    assert page.locator("h1").inner_text() == "收件受理"  # a window clerk lands on the desk's cases
    page.click("nav >> text=我的工作台")
    assert page.locator("h1").inner_text() == "王秀英，您好"
    page.fill("#due-start", "2026-02-13")
    page.fill("#due-days", "2")
    page.click("text=计算")
    page.wait_for_selector("#due-date-result .value:has-text('2026-02-24')")
    page.screenshot(path=SCREENSHOTS / "desk.png", full_page=True)
