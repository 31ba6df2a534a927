"""The supervision journey in the Debian Chromium, as its users click it:

- Monday 2026-11-16 a food-licence case is accepted (promised in 5 working days: due Monday 23);
  on Tuesday 24 at 08:00 the ten-minute sweep (time passed in) finds it red, warns the chain and
  opens a supervision record;
- the supervision section lands on the board, sees the red count, drills from the market
  department's red badge to its red cases, issues a supervision order on the case and downloads
  the letter (the PDF is rendered to PNG and its text read);
- the market department's chief representative finds the order in the desk (督办) and replies;
- the section accepts the reply and the order turns green.
"""

import io
import shutil
import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from onewindow.cases.tests.factories import at
from onewindow.common.tests.browser import SCREENSHOTS, login, logout
from onewindow.fees.tests.factories import accepted_case
from onewindow.notifications.models import Notification
from onewindow.supervision import services
from onewindow.supervision.models import Order, Record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY, TUESDAY = date(2026, 11, 16), date(2026, 11, 24)


def shot(page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"supervision-{name}.png", full_page=True)


def test_red_case_to_order_to_reply_to_green(browser_page, live_server, hall, version, settings):
    page = browser_page
    case = accepted_case(hall, version, day=MONDAY)
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 8, 0)
    result = services.escalation_sweep(at=at(TUESDAY, 8, 0))
    assert result.total == 1 and Record.objects.count() == 1
    # exactly one warning to each person in the chain
    red = f"红灯告警：{case.number} 已超期"
    for who in ("chief", "supervision"):
        assert Notification.objects.filter(user=hall[who].user, subject=red).count() == 1

    login(page, live_server, hall["supervision"].user.username)
    page.goto(f"{live_server.url}/office/supervision/")
    expect(page.locator("h1")).to_have_text("电子监察")
    assert page.inner_text(".stat-red .value") == "1"
    shot(page, "board")
    page.click(f"#by-department a.badge-red[href*='department={hall['market'].pk}']")
    expect(page.locator("h1")).to_contain_text("红灯办件")
    assert case.number in page.inner_text("table.data")
    page.click("a:has-text('发督办函')")
    expect(page.locator("#id_subject")).to_have_value("办件超期未办结")
    page.fill("#id_body", "请立即核查超期原因，落实整改，并于期限内书面回复。")
    page.fill("#id_reply_days", "3")
    page.click("button:has-text('发出')")
    expect(page.locator(".messages")).to_contain_text("已发出督办函〔2026〕1号")
    order = Order.objects.get()
    shot(page, "order")

    href = page.get_attribute("a:has-text('下载函件')", "href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    path = SCREENSHOTS / "supervision-order.pdf"
    path.write_bytes(response.body())
    subprocess.run(  # noqa: S603 - a fixed tool on a file this test wrote
        [shutil.which("pdftoppm"), "-r", "60", "-png", "-singlefile", str(path), str(path.with_suffix(""))],
        check=True,
    )
    assert path.with_suffix(".png").stat().st_size > 0
    pages = PdfReader(io.BytesIO(response.body())).pages
    text = "".join(p.extract_text() for p in pages).replace("\x00", "").replace("\n", "")
    assert "督办函" in text and "市场监督管理局" in text and case.number in text
    logout(page)

    login(page, live_server, hall["chief"].user.username)
    page.click("nav >> text=督办")
    page.click(f"#orders a:has-text('{order.number}')")
    page.fill("#id_text", "已约谈承办人员，现场核查已完成，办件将于今日办结。")
    page.click("button:has-text('提交回复')")
    expect(page.locator(".messages")).to_contain_text("已回复")
    shot(page, "reply")
    logout(page)

    login(page, live_server, hall["supervision"].user.username)
    page.goto(f"{live_server.url}/office/supervision/orders/{order.pk}/")
    page.check("input[name=accept][value='1']")
    page.click("button:has-text('提交审核')")
    expect(page.locator(".messages")).to_contain_text("督办函办结")
    expect(page.locator("h1 .light-green")).to_be_visible()
    shot(page, "green")
    order.refresh_from_db()
    assert order.status == Order.Status.ACCEPTED
