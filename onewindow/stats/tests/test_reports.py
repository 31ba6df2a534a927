"""The statistics reports: made by the office or by the daily task, kept as PDF (with charts) and
Excel, listed, downloaded and made through the API; the public statistics page."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from rest_framework.test import APIClient

from onewindow.cases.tests.factories import at
from onewindow.stats import reports, selectors, services
from onewindow.stats.models import Report
from onewindow.stats.tests.factories import write_cases
from onewindow.stats.tests.test_figures import NOVEMBER, expected, generated, items  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def november(hall, items, settings):  # noqa: F811
    settings.ONEWINDOW_FROZEN_NOW = at(date(2026, 12, 2), 9, 0)
    specs = generated(hall, items)
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(date(2026, 10, 1), date(2026, 12, 1))
    return specs


def test_a_month_report_keeps_a_pdf_with_charts_and_a_workbook_with_the_figures(hall, november):
    report = services.report_generate(
        kind="MONTH",
        start=date(2026, 11, 1),
        site=hall["county"],
        at=at(date(2026, 12, 2), 9),
        user=hall["office"].user,
    )
    counts = expected(november, *NOVEMBER)
    assert report.title == "测试县政务服务中心2026年11月办件统计报告"
    assert (report.period_end, report.accepted, report.completed) == (
        date(2026, 11, 30),
        counts["accepted"],
        counts["completed"],
    )
    pdf = PdfReader(io.BytesIO(report.pdf.read()))
    text = "".join(page.extract_text() for page in pdf.pages).replace("\x00", "")
    assert "办件统计报告" in text and "市场监督管理局" in text and "主要指标" in text
    assert sum(len(page.images) for page in pdf.pages) >= 1  # the chart
    book = load_workbook(io.BytesIO(report.xlsx.read()))
    assert book.sheetnames[:2] == ["主要指标", "办件统计表"]
    table = book["办件统计表"]
    total = next(row for row in table.iter_rows(values_only=True) if row[0] == "合计")
    assert total[1:3] == (counts["accepted"], counts["completed"])
    assert table.cell(row=2, column=4).number_format == "0.00%"


def test_the_pdf_renders_its_chinese_and_its_chart(hall, november, tmp_path):
    """Rendered to PNG as a reader sees it: the page is not blank and carries the chart's colours."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is needed to look at the PDF"
    from PIL import Image

    report = services.report_generate(
        kind="QUARTER", start=date(2026, 10, 1), site=hall["county"], at=at(date(2027, 1, 2), 9)
    )
    path = tmp_path / "report.pdf"
    path.write_bytes(report.pdf.read())
    subprocess.run(  # noqa: S603 - our own file
        [pdftoppm, "-png", "-r", "100", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    image.save(tmp_path / "page-1.png")  # kept under pytest's temporary directory to look at
    colours = image.getcolors(maxcolors=1_000_000)
    blue = sum(count for count, (r, g, b) in colours if b > 150 and r < 90 and g < 140)
    dark = sum(count for count, (r, g, b) in colours if r + g + b < 200)
    assert blue > 500, "the bar chart's blue bars"
    assert dark > 2000, "the text"
    assert len(PdfReader(str(path)).pages) >= 2  # the months follow the departments


def test_a_department_report_is_by_item_and_a_quarter_has_its_months(hall, november):
    content = reports.content_of(
        kind="QUARTER", start=date(2026, 10, 1), site=hall["county"], department=hall["market"]
    )
    assert content.group_label == "事项" and content.title.endswith("2026年第4季度办件统计报告")
    assert [row["label"] for row in content.months] == ["2026年10月", "2026年11月", "2026年12月"]
    mine = [spec for spec in november if spec.version.item.department_id == hall["market"].pk]
    assert content.now.accepted == expected(mine, date(2026, 10, 1), date(2026, 12, 31))["accepted"]


@pytest.mark.parametrize(
    ("kind", "start", "message"),
    [
        ("MONTH", date(2026, 12, 1), "期间尚未结束"),
        ("MONTH", date(2026, 11, 2), "整月"),
        ("QUARTER", date(2026, 11, 1), "整月、整季度"),
    ],
)
def test_a_report_that_cannot_be_made_says_why(hall, november, kind, start, message):
    with pytest.raises(services.ReportError, match=message):
        services.report_generate(kind=kind, start=start, site=hall["county"], at=at(date(2026, 12, 2), 9))
    assert not Report.objects.exists()


def test_the_daily_task_makes_what_is_due_once(hall, november):
    made = services.reports_generate_due(at=at(date(2026, 12, 2), 1, 30))
    departments = hall["county"].departments.count()
    assert made == 3 * (1 + departments)  # November, the third quarter, 2025: the center and each department
    assert set(Report.objects.values_list("kind", "period_start").distinct()) == {
        ("MONTH", date(2026, 11, 1)),
        ("QUARTER", date(2026, 7, 1)),
        ("YEAR", date(2025, 1, 1)),
    }
    assert services.reports_generate_due(at=at(date(2026, 12, 3), 1, 30)) == 0
    # Made again by hand: the same report, its files replaced.
    again = services.report_generate(
        kind="MONTH", start=date(2026, 11, 1), site=hall["county"], at=at(date(2026, 12, 3), 9)
    )
    assert Report.objects.filter(kind="MONTH", department=None).count() == 1
    assert again.generated_at == at(date(2026, 12, 3), 9)


def test_the_office_makes_lists_opens_and_downloads_a_report(client, hall, november):
    client.force_login(hall["office"].user)
    bad = client.post("/office/stats/reports/", {"period": "2026-13", "site": hall["county"].pk})
    assert bad.status_code == 400 and "期间格式" in bad.content.decode()
    early = client.post("/office/stats/reports/", {"period": "2026-12", "site": hall["county"].pk})
    assert early.status_code == 400 and "期间尚未结束" in early.content.decode()
    made = client.post("/office/stats/reports/", {"period": "2026-11", "site": hall["county"].pk})
    report = Report.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/office/stats/reports/{report.pk}/"
    page = client.get(made["Location"]).content.decode()
    assert "2026年11月办件统计报告" in page and "市场监督管理局" in page and 'id="stats-chart-data"' in page
    assert str(selectors.period_figures(first=NOVEMBER[0], last=NOVEMBER[1]).accepted) in page
    listed = client.get("/office/stats/reports/").content.decode()
    assert report.title in listed
    pdf = client.get(f"/office/stats/reports/{report.pk}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = client.get(f"/office/stats/reports/{report.pk}/report.xlsx")
    assert "attachment" in xlsx["Content-Disposition"]
    assert client.get("/office/stats/reports/999999999999999999999/").status_code == 404
    # The township's office sees only its own subtree's reports.
    client.force_login(hall["township_office"].user)
    assert client.get(f"/office/stats/reports/{report.pk}/").status_code == 404
    assert client.get(f"/office/stats/reports/{report.pk}/report.pdf").status_code == 404
    # A clerk has no statistics console.
    client.force_login(hall["clerk"].user)
    assert client.get("/office/stats/reports/").status_code == 403


def test_the_api_makes_and_lists_reports(hall, november):
    api = APIClient()
    api.force_authenticate(hall["office"].user)
    made = api.post(
        "/api/v1/stats/reports",
        {"period": "2026-11", "site": hall["county"].pk, "department": hall["market"].pk},
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["department"] == "市场监督管理局" and made.json()["pdf_url"].endswith("/report.pdf")
    assert (
        api.post(
            "/api/v1/stats/reports", {"period": "2026-12", "site": hall["county"].pk}, format="json"
        ).json()["code"]
        == "report_not_possible"
    )
    assert (
        api.post(
            "/api/v1/stats/reports", {"period": "11/2026", "site": hall["county"].pk}, format="json"
        ).status_code
        == 400
    )
    listed = api.get("/api/v1/stats/reports", {"kind": "MONTH"}).json()
    assert [row["title"] for row in listed["results"]] == [made.json()["title"]]
    assert api.get("/api/v1/stats/reports", {"kind": "WEEK"}).status_code == 400
    api.force_authenticate(hall["clerk"].user)
    assert api.get("/api/v1/stats/reports").status_code == 403


def test_the_public_page_shows_each_month_to_anyone(client, hall, november):
    page = client.get("/statistics/")
    assert page.status_code == 200
    body = page.content.decode()
    november_figures = selectors.period_figures(first=NOVEMBER[0], last=NOVEMBER[1])
    row = body.split("2026年11月</td>")[1].split("</tr>")[0]
    assert f'<td class="num">{november_figures.accepted}</td>' in row
    assert f"{november_figures.completion_rate}%" in row
    assert "办件统计公示" in body and 'id="stats-chart-data"' in body
