"""The statistics page, its Excel export and the API, through what their users touch."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from onewindow.stats import services
from onewindow.stats.tests.factories import write_cases
from onewindow.stats.tests.test_figures import NOVEMBER, expected, generated, items  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

URL = "/office/stats/"
QUERY = {"from": "2026-11-01", "to": "2026-11-30"}


@pytest.fixture
def november(hall, items, settings):  # noqa: F811
    from onewindow.cases.tests.factories import at

    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 11, 30), 17, 0)
    specs = generated(hall, items)
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(*NOVEMBER)
    return specs


def text(response) -> str:
    return response.content.decode()


def test_the_office_sees_the_month_by_department_with_its_rates(client, hall, november):
    client.force_login(hall["office"].user)
    page = text(client.get(URL, {**QUERY, "by": "department"}))
    counts = expected(november, *NOVEMBER)
    assert "市场监督管理局" in page and "住房和城乡建设局" in page
    rate = f"{counts['completed'] * 100 / counts['accepted']:.2f}%"
    assert f'<div class="value">{rate}</div>' in page
    assert f'<div class="value">{counts["accepted"]}</div>' in page
    assert 'id="stats-chart-data"' in page and "echarts.common.min.js" in page
    assert "环比" in page and "同比" in page


def test_a_township_and_its_figures_only(client, hall, november):
    client.force_login(hall["office"].user)
    township = hall["township"]
    page = text(client.get(URL, {**QUERY, "by": "site", "site": township.pk}))
    mine = [spec for spec in november if spec.site_id == township.pk]
    assert f'<div class="value">{expected(mine, *NOVEMBER)["accepted"]}</div>' in page
    assert hall["county"].name not in page.split('id="stats-table"')[1].split("</table>")[0]
    # The township's own office sees only its subtree, whatever it asks for.
    client.force_login(hall["township_office"].user)
    own = text(client.get(URL, {**QUERY, "by": "site"}))
    assert f'<div class="value">{expected(mine, *NOVEMBER)["accepted"]}</div>' in own
    assert client.get(URL, {**QUERY, "site": hall["county"].pk}).status_code == 400


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "2026-02-30"}, "有效的日期"),
        ({"from": "2026-11-30", "to": "2026-11-01"}, "截止日期早于起始日期"),
        ({"from": "1991-01-01", "to": "2026-11-30"}, "二十年"),
        ({"by": "colour"}, "选择一个有效的选项"),
        ({"site": "99999999999999999999999"}, "选择一个有效的选项"),
        ({"from": "2026-11-01\x00"}, ""),
    ],
)
def test_bad_filters_are_a_clear_400(client, hall, november, query, message):
    client.force_login(hall["office"].user)
    response = client.get(URL, query)
    assert response.status_code == 400
    assert message in text(response)


def test_only_the_office_and_its_sections_see_the_statistics(client, hall, november):
    client.force_login(hall["clerk"].user)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "export.xlsx").status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_the_excel_export_is_the_table_with_its_total(client, hall, november):
    client.force_login(hall["office"].user)
    response = client.get(URL + "export.xlsx", {**QUERY, "by": "channel"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "办件统计（全部服务中心，2026-11-01至2026-11-30）"
    assert [cell.value for cell in sheet[2]][:4] == ["申请渠道", "收件", "受理", "办结"]
    labels = [row[0].value for row in sheet.iter_rows(min_row=3)]
    assert labels[-1] == "合计" and set(labels[:-1]) == {"窗口", "网上申请"}
    counts = expected(november, *NOVEMBER)
    total = [cell.value for cell in sheet[sheet.max_row]]
    assert total[1:4] == [counts["received"], counts["accepted"], counts["completed"]]
    assert sheet.cell(row=sheet.max_row, column=5).number_format == "0.00%"
    assert abs(total[4] - counts["completed"] / counts["accepted"]) < 0.0001


def test_the_api_gives_the_same_figures(hall, november):
    client = APIClient()
    client.force_authenticate(hall["office"].user)
    answer = client.get("/api/v1/stats/figures", {**QUERY, "by": "department"}).json()
    counts = expected(november, *NOVEMBER)
    assert (answer["total"]["accepted"], answer["total"]["completed"]) == (
        counts["accepted"],
        counts["completed"],
    )
    assert answer["total"]["completion_rate"] == round(counts["completed"] * 100 / counts["accepted"], 2)
    assert {row["label"] for row in answer["rows"]} == {"市场监督管理局", "住房和城乡建设局"}
    assert answer["previous"]["accepted"] == 0 and answer["previous"]["completion_rate"] is None
    bad = client.get("/api/v1/stats/figures", {"by": "colour"})
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["by"]
    client.force_authenticate(hall["clerk"].user)
    assert client.get("/api/v1/stats/figures").status_code == 403


@pytest.fixture
def people_day(hall, items, settings):  # noqa: F811
    """One day with cases taken by two clerks at their windows (the day's roster)."""
    from onewindow.cases.tests.factories import at
    from onewindow.org import services as org_services
    from onewindow.stats.tests.factories import CaseSpec
    from onewindow.workcalendar.selectors import working_calendar

    day = date(2026, 11, 17)
    settings.ONEWINDOW_FROZEN_NOW = at(day, 17, 0)
    org_services.duty_roster_generate(
        site=hall["county"],
        duty_date=day,
        actor=hall["office"].user,
        at=at(day, 8),
        calendar=working_calendar(),
    )
    version = items["promised"]
    specs = [
        CaseSpec(version=version, site_id=hall["county"].pk, received=day, accepted=day, clerk_id=staff.pk)
        for staff in (hall["clerk"], hall["clerk"], hall["clerk"], hall["market_a"])
    ]
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(day, day)
    return day


def test_the_office_sees_each_window_and_staff_member(client, hall, people_day):
    client.force_login(hall["office"].user)
    query = {"from": people_day.isoformat(), "to": people_day.isoformat()}
    page = text(client.get(URL, {**query, "by": "staff"}))
    table = page.split('id="stats-table"')[1].split("</table>")[0]
    assert "王秀英" in table and "刘建国" in table
    assert table.index("王秀英") < table.index("刘建国")  # the busiest first
    windows = text(client.get(URL, {**query, "by": "window"}))
    assert "1号窗口" in windows and "2号窗口" in windows
    book = load_workbook(io.BytesIO(client.get(URL + "export.xlsx", {**query, "by": "staff"}).content))
    cells = [[cell.value for cell in row] for row in book.active.iter_rows(min_row=3)]
    assert ["王秀英（" in str(row[0]) for row in cells].count(True) == 1
    assert next(row for row in cells if "王秀英" in str(row[0]))[1:3] == [3, 3]


def test_the_api_gives_each_window(hall, people_day):
    api = APIClient()
    api.force_authenticate(hall["office"].user)
    day = people_day.isoformat()
    body = api.get("/api/v1/stats/figures", {"from": day, "to": day, "by": "window"}).json()
    assert body["rows"] == []
    by_id = {row["id"]: row for row in body["people"]}
    assert (by_id[hall["windows"][0].pk]["accepted"], by_id[hall["windows"][1].pk]["accepted"]) == (3, 1)
    assert body["total"]["accepted"] == 4 and body["total"]["satisfaction_rate"] is None
