"""Browser journeys at the counter, in the Debian Chromium:

- a clerk takes an application for 食品经营许可 with one material missing; the correction notice
  lists exactly that material; the applicant comes back with it; the case is accepted on the eve
  of National Day and the acceptance notice's promised date counts across the holiday; the
  applicant checks progress with the number and query code;
- an online application that the window pre-reviews and accepts, seen from "my cases".
"""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from onewindow.cases.models import Case, CaseStatus
from onewindow.cases.tests.factories import id_card, published_item
from onewindow.common.tests.browser import SCREENSHOTS, login, logout
from onewindow.org.tests.factories import PASSWORD, credit_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Wednesday 30 September 2026, the last working day before National Day (10-01 … 10-07 off,
#: Saturday 10-10 a make-up working day).
EVE_OF_NATIONAL_DAY = datetime(2026, 9, 30, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def counter(hall, seeded_calendar, settings):
    settings.ONEWINDOW_FROZEN_NOW = EVE_OF_NATIONAL_DAY
    return published_item(hall, today=date(2026, 9, 1), code="SCJG0201")


def _pdf_text(page, live_server, href: str, name: str) -> str:
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    (SCREENSHOTS / f"journey-{name}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return "".join(page.extract_text() for page in reader.pages).replace("\x00", "").replace("\n", "")


def test_window_intake_correction_acceptance_and_progress(browser_page, live_server, hall, counter):
    page = browser_page
    login(page, live_server, hall["clerk"].user.username)
    page.click("nav >> text=收件受理")
    page.click("text=新收件")
    page.fill("#item-code", "食品经营")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=今日受理则承诺办结于")
    assert "2026-10-13" in page.inner_text(".item-pick")

    missing = counter.materials.get(name="法定代表人身份证明")
    page.check(f"input[name=state_{missing.pk}][value=MISSING]")
    page.fill(f"input[name=problem_{missing.pk}]", "未带法定代表人身份证原件")
    page.check("input[name=applicant_kind][value=ORGANISATION]")
    page.fill("#id_applicant_name", "庄河市海味餐饮有限公司")
    page.fill("#id_id_number", credit_code(4242))
    page.fill("#id_legal_representative", "王海")
    page.fill("#id_contact_name", "张晓梅")
    page.fill("#id_contact_id_number", id_card())
    page.fill("#id_contact_phone", "13912345678")
    page.screenshot(path=SCREENSHOTS / "cases-intake.png", full_page=True)
    page.click("button[value=correction]")
    page.wait_for_selector("text=已收件并出具补正材料告知书")

    case = Case.objects.get()
    assert case.status == CaseStatus.CORRECTION
    correction = _pdf_text(
        page, live_server, page.get_attribute("a:has-text('补正材料告知书')", "href"), "correction"
    )
    listed = correction.split("补正的全部内容如下：")[1].split("请按上述要求")[0]
    assert "法定代表人身份证明" in listed and "未带法定代表人身份证原件" in listed
    for other in ("食品经营许可申请书", "营业执照", "食品安全管理制度", "经营场所平面图"):
        assert other not in listed
    page.screenshot(path=SCREENSHOTS / "cases-correction.png", full_page=True)

    # The applicant comes back with the missing document.
    page.check(f"input[name=supplied][value='{missing.pk}']")
    page.click("button:has-text('登记并受理')")
    page.wait_for_selector("text=补正材料已登记并受理")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.promised_due_date == date(2026, 10, 13)
    assert "2026-10-13" in page.inner_text(".grid")
    page.screenshot(path=SCREENSHOTS / "cases-accepted.png", full_page=True)
    acceptance = _pdf_text(
        page, live_server, page.get_attribute("a:has-text('受理通知书')", "href"), "acceptance"
    )
    assert case.number in acceptance and case.query_code in acceptance
    assert "2026年10月13日" in acceptance  # promised: across 10-01…10-07, counting Saturday 10-10
    logout(page)

    # The applicant checks progress with the number and query code.
    page.goto(f"{live_server.url}/")
    page.click("text=办件查询")
    page.fill("#progress-number", case.number)
    page.fill("#progress-code", case.query_code)
    page.click("button:has-text('查询')")
    page.wait_for_selector(".progress-card")
    card = page.inner_text(".progress-card")
    assert "已受理" in card and "2026-10-13" in card and "出具补正告知书" in card
    assert "海味" not in card and "张晓梅" not in card
    page.screenshot(path=SCREENSHOTS / "cases-progress.png", full_page=True)


def test_online_application_pre_reviewed_and_accepted(
    browser_page, live_server, hall, counter, django_user_model
):
    django_user_model.objects.create_user(
        "citizen", password=PASSWORD, full_name="张晓梅", id_card_number=id_card(), phone="13912345678"
    )
    page = browser_page
    login(page, live_server, "citizen")
    page.goto(f"{live_server.url}/guide/SCJG0201/")
    page.click("text=网上申请")
    page.wait_for_selector("text=申请材料")
    assert page.input_value("#id_id_number") == id_card()
    for material in counter.materials.exclude(source="SHARED").exclude(necessity="OPTIONAL"):
        page.set_input_files(
            f"input[name=file_{material.pk}]",
            files=[
                {"name": f"{material.name}.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 scan"}
            ],
        )
    page.screenshot(path=SCREENSHOTS / "cases-online-apply.png", full_page=True)
    page.click("button:has-text('提交申请')")
    page.wait_for_selector("text=申请已提交")
    case = Case.objects.get()
    assert case.channel == "ONLINE" and case.status == CaseStatus.RECEIVED
    logout(page)

    login(page, live_server, hall["clerk"].user.username)
    page.click("nav >> text=收件受理")
    page.wait_for_selector("h2:has-text('网上申请待预审')")
    page.click(f"a:has-text('{case.receipt_number}')")
    page.wait_for_selector("text=预审：材料核验")
    page.screenshot(path=SCREENSHOTS / "cases-pre-review.png", full_page=True)
    page.click("form.card button:has-text('受理')")
    page.wait_for_selector("text=已受理，办件编号")
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and case.promised_due_date == date(2026, 10, 13)
    logout(page)

    login(page, live_server, "citizen")
    page.wait_for_selector("h1:has-text('我的办件')")
    body = page.inner_text("main")
    assert case.number in body and "申请已受理" in body and "2026-10-13" in body
    page.screenshot(path=SCREENSHOTS / "cases-my-cases.png", full_page=True)
