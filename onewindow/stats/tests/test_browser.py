"""The statistics as the center office uses them, in the Debian Chromium: open 统计分析, choose a
township and this quarter, read the figures beside the chart, export the table to Excel."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from onewindow.common.tests.browser import SCREENSHOTS, login
from onewindow.stats.tests.test_figures import NOVEMBER, expected, items  # noqa: F401 - fixture
from onewindow.stats.tests.test_pages import november  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_township_this_quarter_and_its_excel(november, browser_page, live_server, hall):  # noqa: F811
    township = hall["township"]
    mine = expected([spec for spec in november if spec.site_id == township.pk], *NOVEMBER)
    page = browser_page
    login(page, live_server, hall["office"].user.username)
    page.click("nav >> text=统计分析")
    page.select_option("#id_site", str(township.pk))
    page.select_option("#id_by", "channel")
    page.click("button:has-text('统计')")
    page.click(".stats-presets >> text=本季度")
    expect(page.locator("h2")).to_contain_text("2026-10-01 — 2026-11-30")
    expect(page.locator(".stats-card").first).to_contain_text(str(mine["accepted"]))
    expect(page.locator("#stats-chart svg")).to_be_visible()  # ECharts drew the chart
    expect(page.locator("#stats-table tbody tr")).to_have_count(
        len({spec.channel for spec in november if spec.site_id == township.pk})
    )
    page.screenshot(path=SCREENSHOTS / "stats-township-quarter.png", full_page=True)
    with page.expect_download() as download:
        page.click("#stats-export")
    with open(download.value.path(), "rb") as file:
        sheet = load_workbook(io.BytesIO(file.read())).active
    assert sheet["A1"].value == f"办件统计（{township.name}，2026-10-01至2026-11-30）"
    assert [cell.value for cell in sheet[sheet.max_row]][:4] == [
        "合计",
        mine["received"],
        mine["accepted"],
        mine["completed"],
    ]
