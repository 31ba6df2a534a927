"""The assessment as the center office uses it, in the Debian Chromium: open 考核考勤, read last
month's window ranking, click window 1's score and see it explained — each component's formula and
points, and the records behind it (the cases, then the ratings) — then name the best window 红旗窗口
and publish it on the portal."""

from datetime import date

import pytest
from playwright.sync_api import expect

from onewindow.assessment.models import Score
from onewindow.assessment.tests.test_scores import NOVEMBER, november  # noqa: F401 - fixture
from onewindow.cases.tests.factories import at
from onewindow.common.tests.browser import SCREENSHOTS, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_ranks_the_windows_and_a_score_explains_itself(
    november,  # noqa: F811 - the fixture
    browser_page,
    live_server,
    hall,
    settings,
):
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 12, 3), 10, 0)
    window1 = Score.objects.get(month=NOVEMBER, window=hall["windows"][0])
    page = browser_page
    login(page, live_server, hall["office"].user.username)
    page.click("nav >> text=考核考勤")
    expect(page.locator("h2").first).to_contain_text("2026年11月 · 窗口排名")
    rows = page.locator("#assess-ranking tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("2号窗口")
    page.screenshot(path=SCREENSHOTS / "assessment-rankings.png", full_page=True)

    page.click(f"#assess-ranking tr[data-score='{window1.pk}'] a.assess-score")
    expect(page.locator("#assess-total")).to_have_text("43.37")
    components = page.locator("#assess-components")
    expect(components.locator("tr[data-indicator='ON_TIME']")).to_contain_text("按时办结 4 ÷ 办结 6")
    expect(components.locator("tr[data-indicator='COMPLAINTS']")).to_contain_text("-5.00")
    records = page.locator("#assess-records tbody tr")
    expect(records).to_have_count(6)  # the six cases received at window 1 and decided in November
    expect(page.locator("#records")).to_contain_text(november["cases"]["c3"].number)
    expect(records.filter(has_text="超期")).to_have_count(2)
    page.screenshot(path=SCREENSHOTS / "assessment-score.png", full_page=True)

    components.locator("tr[data-indicator='SATISFACTION'] a").click()
    expect(page.locator("#records h2")).to_contain_text("满意度")
    expect(page.locator("#assess-records tbody tr")).to_have_count(4)
    expect(page.locator("#assess-records")).to_contain_text("非常不满意")

    page.click("text=考核排名")
    page.locator("#assess-ranking tbody tr").first.locator("button:has-text('评红旗')").click()
    expect(page.locator(".messages")).to_contain_text("已评定红旗窗口")
    page.click("#assess-publish")
    expect(page.locator(".messages")).to_contain_text("已在门户网站公示 1 项评定。")
    page.goto(f"{live_server.url}/awards/")
    expect(page.locator(".assess-award-list")).to_contain_text("2号窗口")
