"""The complaints journey in the Debian Chromium, as its users click it:

- on a phone (375 px wide) a citizen opens the form from a case's link, files a complaint and
  copies down the number and query code from the receipt; nothing scrolls sideways;
- the supervision section finds it in the desk's inbox, accepts it, assigns itself and answers;
- back on the phone, the citizen tracks it by number and query code, reads the answer and rates it.
"""

from datetime import date

import pytest
from playwright.sync_api import expect

from onewindow.cases.tests.factories import at
from onewindow.common.tests.browser import SCREENSHOTS, login, logout
from onewindow.complaints.models import Complaint, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY = date(2026, 11, 16)
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1366, "height": 900}


def shot(page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"complaints-{name}.png", full_page=True)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_file_on_a_phone_answer_at_the_desk_track_by_code(browser_page, live_server, hall, case, settings):
    page = browser_page
    settings.ONEWINDOW_FROZEN_NOW = at(MONDAY, 10, 0)

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/complaints/new/?case={case.number}")
    expect(page.locator("h1")).to_have_text("我要投诉")
    expect(page.locator("#id_case")).to_have_value(case.number)
    assert fits_the_screen(page)
    page.fill("#id_complainant_name", "张晓梅")
    page.fill("#id_complainant_phone", "13912345678")
    page.fill("#id_title", "办件进度无人答复")
    page.fill("#id_content", "办件受理后多次电话询问进度，窗口一直说等通知，没有明确答复。")
    shot(page, "form-phone")
    page.click("button:has-text('提交投诉')")
    expect(page.locator("#receipt h1")).to_have_text("投诉已提交")
    assert fits_the_screen(page)
    number, code = page.inner_text("#filed-number"), page.inner_text("#filed-code")
    complaint = Complaint.objects.get()
    assert (number, code, complaint.case) == (complaint.number, complaint.query_code, case)
    shot(page, "receipt-phone")

    page.set_viewport_size(DESKTOP)
    login(page, live_server, hall["supervision"].user.username)
    page.goto(f"{live_server.url}/desk/complaints/")
    page.click(f"#to-accept a:has-text('{number}')")
    expect(page.locator("h1")).to_contain_text("办件进度无人答复")
    page.fill("#id_answer_days", "10")
    page.select_option("#id_investigator", str(hall["supervision"].pk))
    page.click("#accept button:has-text('受理')")
    expect(page.locator(".messages")).to_contain_text("已受理")
    page.fill("#id_investigation", "调阅办件记录并询问承办人员，确认曾两次答复“等通知”，未告知具体进度。")
    page.check("input[name=result][value=UPHELD]")
    page.select_option("#id_result_department", str(hall["market"].pk))
    page.fill("#id_reply", "经调查情况属实，已要求承办部门当日告知办理进度，并对相关人员批评教育。")
    page.click("button:has-text('答复投诉人')")
    expect(page.locator(".messages")).to_contain_text("已答复投诉人")
    shot(page, "answered-desk")
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED
    logout(page)

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/complaints/track/")
    page.fill("#track-number", number)
    page.fill("#track-code", code.lower())
    page.click("button:has-text('查询')")
    expect(page.locator("#complaint-status-label")).to_have_text("已答复")
    expect(page.locator("#complaint-answer")).to_contain_text("经调查情况属实")
    assert fits_the_screen(page)
    page.check("input[name=rating][value=SATISFIED]")
    page.click("button:has-text('提交评价')")
    expect(page.locator(".messages")).to_contain_text("感谢您的评价")
    expect(page.locator("#complaint-status-label")).to_have_text("已办结")
    shot(page, "tracked-phone")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.rating) == (Status.CLOSED, "SATISFIED")
