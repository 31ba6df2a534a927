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


def test_the_office_makes_the_month_report_and_reads_its_pdf(
    november,  # noqa: F811
    browser_page,
    live_server,
    hall,
    settings,
    tmp_path,
):
    """统计报告: make November's report, read it on its page beside its chart, open the PDF and
    look at its first page as PNG."""
    import shutil
    import subprocess
    from datetime import date

    from onewindow.cases.tests.factories import at

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 12, 2), 9, 0)  # November has ended
    page = browser_page
    login(page, live_server, hall["office"].user.username)
    page.goto(f"{live_server.url}/office/stats/")
    page.click(".stats-tabs >> text=统计报告")
    page.fill("#id_period", "2026-11")
    page.select_option("#id_site", str(hall["county"].pk))
    page.click("#report-form button")
    expect(page.locator("h1")).to_have_text("测试县政务服务中心2026年11月办件统计报告")
    expect(page.locator("#stats-chart svg")).to_be_visible()
    expect(page.locator(".report-summary")).to_contain_text(str(expected(november, *NOVEMBER)["accepted"]))
    page.screenshot(path=SCREENSHOTS / "stats-report.png", full_page=True)
    response = page.request.get(live_server.url + page.locator("#report-pdf").get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    path = SCREENSHOTS / "stats-report-pdf.pdf"
    path.write_bytes(response.body())
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is needed to render the report as PNG"
    subprocess.run(  # noqa: S603 - a fixed tool on a file this test wrote
        [pdftoppm, "-r", "70", "-png", "-singlefile", str(path), str(path.with_suffix(""))], check=True
    )
    assert path.with_suffix(".png").stat().st_size > 20_000  # text and a chart, not a blank page
    page.goto(f"{live_server.url}/statistics/")
    expect(page.locator("#public-stats")).to_contain_text("2026年11月")
    page.screenshot(path=SCREENSHOTS / "stats-public.png", full_page=True)
