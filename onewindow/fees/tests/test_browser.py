"""The fee journey in the Debian Chromium, through the desk's pages (票款分离):

- the window clerk may not hand over a decided result whose fees are not billed, bills the case
  from the case page's 收费 card (live total as she ticks the fee items and types the quantity),
  prints the payment notice (PDF) and is still refused delivery while it is unpaid;
- the bank's fee counter (收费 › 银行收款) looks the notice up, refuses a wrong amount and
  confirms the right one; the day's list shows it;
- the window then delivers; the timeline shows the billing and the bank's confirmation;
- the center office reconciles the day against the bank's CSV statement (an unknown notice
  number shows as a mismatch) and reads the fiscal report for the day and the month, on the page
  and in the exported Excel workbook.

Set up with the factories: the hall, the item with its two fee items (登记费 80 元/件, waivable;
证书工本费 first book free then 10 元/本), the county's fiscal account and bank, and a case
decided on Monday 2026-11-16. Everything else happens on Tuesday 2026-11-17, the clock frozen
through settings.ONEWINDOW_FROZEN_NOW (the live server runs in this process).
"""

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from onewindow.cases.models import Case, CaseStatus, Delivery
from onewindow.cases.tests.factories import at
from onewindow.common.tests.browser import SCREENSHOTS, login, logout
from onewindow.fees.models import Payment, PaymentNotice
from onewindow.fees.tests.factories import TUESDAY, decided_case, fee_version, fiscal_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TRANSACTION_ID = "CCB20261117000123"
UNKNOWN_NOTICE = "9999202699999"
MONTH = f"{TUESDAY:%Y-%m}"


@pytest.fixture
def billed_item(hall, seeded_calendar):
    return fee_version(hall)


@pytest.fixture
def bank(hall):
    return fiscal_setup(hall)


@pytest.fixture
def case(hall, billed_item, bank):
    return decided_case(hall, billed_item)


# Helpers -------------------------------------------------------------------------------------


def shot(page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"fees-{name}.png", full_page=True)


def message(page, kind: str) -> str:
    """The text of the page's success or error message (there must be one)."""
    return page.inner_text(f".messages .message-{kind}")


def open_case(page, case: Case) -> None:
    page.click("nav >> text=收件受理")
    page.fill("#case-q", case.number)
    page.click("form.search-box button:has-text('查找')")
    page.click(f"a:has-text('{case.number}')")
    page.wait_for_selector("#fees")


def try_window_delivery(page) -> None:
    deliver = page.locator("form[action$='/handle/deliver/']")
    deliver.locator("input[name=method][value=WINDOW]").check()
    deliver.locator("input[name=recipient_name]").fill("张晓梅")
    deliver.locator("button:has-text('登记送达')").click()
    page.wait_for_selector(".messages")


def fee_row(page, name: str):
    return page.locator("#fees form.fee-form tbody tr", has=page.locator(f"label:has-text('{name}')"))


def console(page, tab: str) -> None:
    page.click(f"nav.subnav >> text={tab}")
    page.wait_for_load_state("networkidle")


def pdf_to_png(page, live_server, href: str, name: str) -> str:
    """Fetch a PDF with the page's session, keep it and a PNG of it in the screenshots folder,
    and return its text."""
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    body = response.body()
    assert body.startswith(b"%PDF-")
    path = SCREENSHOTS / f"fees-{name}.pdf"
    path.write_bytes(body)
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is needed to render the notice as PNG"
    subprocess.run(  # noqa: S603 - a fixed tool on a file this test wrote
        [pdftoppm, "-r", "60", "-png", "-singlefile", str(path), str(path.with_suffix(""))], check=True
    )
    png = path.with_suffix(".png")
    assert png.exists() and png.stat().st_size > 0
    reader = PdfReader(io.BytesIO(body))
    return "".join(pdf_page.extract_text() for pdf_page in reader.pages).replace("\x00", "").replace("\n", "")


def timeline_actions(page) -> list[str]:
    return [text.strip() for text in page.locator("ol.timeline > li > strong").all_inner_texts()]


def money_cell(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


# The journey ---------------------------------------------------------------------------------


def test_bill_pay_at_the_bank_deliver_reconcile_and_report(
    browser_page, live_server, hall, case, bank, settings, tmp_path
):
    page = browser_page
    assert case.status == CaseStatus.COMPLETED

    # 1. Tuesday 08:30: the window clerk tries to hand the result over before billing.
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 8, 30)
    login(page, live_server, hall["clerk"].user.username)
    open_case(page, case)
    assert "未开具缴款通知书" in page.inner_text("#fees .card-title")
    try_window_delivery(page)
    refusal = message(page, "error")
    assert "尚未开具缴款通知书" in refusal and "缴费或减免后方可送达" in refusal
    assert "暂不能送达" in page.inner_text("form[action$='/handle/deliver/'] >> xpath=..")
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    assert not Delivery.objects.filter(case=case).exists()
    shot(page, "01-delivery-refused-not-billed")

    # 2. 09:00: she bills the case; the total follows the ticks and the quantity.
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 9, 0)
    quote = page.locator("#fee-quote")
    assert "勾选收费项目后显示应缴合计" in quote.inner_text()
    fee_row(page, "登记费").locator("input[type=checkbox]").check()
    expect(quote).to_contain_text("应缴合计 80.00")  # the htmx partial, swapped in
    fee_row(page, "证书工本费").locator("input[type=checkbox]").check()
    fee_row(page, "证书工本费").locator("input[name$='_quantity']").fill("3")
    expect(quote).to_contain_text("应缴合计 100.00")  # the htmx partial, swapped in
    assert "应收 100.00 元" in quote.inner_text()
    shot(page, "02-fee-card-live-total")
    page.click("#fees button:has-text('开具缴款通知书')")
    page.wait_for_selector(".messages")
    notice = PaymentNotice.objects.get(case=case)
    assert message(page, "success") == (
        f"已开具缴款通知书 {notice.number}，应缴 100.00 元。请打印交申请人到银行窗口缴款。"
    )
    assert (notice.status, notice.total) == (PaymentNotice.Status.ISSUED, Decimal("100.00"))
    card = page.inner_text("#fees")
    assert "待缴款" in card and notice.number in card
    assert page.locator("#fees form.fee-form").count() == 0  # one live notice: no second form
    lines = page.locator("#fees .fee-notice tbody tr")
    assert lines.count() == 2
    assert "登记费" in lines.nth(0).inner_text() and "80.00" in lines.nth(0).inner_text()
    assert "证书工本费" in lines.nth(1).inner_text() and "20.00" in lines.nth(1).inner_text()
    shot(page, "03-notice-issued")
    href = page.get_attribute("#fees a:has-text('缴款通知书 PDF')", "href")
    notice_text = pdf_to_png(page, live_server, href, "04-payment-notice")
    assert notice.number in notice_text and "100.00" in notice_text
    assert "登记费" in notice_text and "证书工本费" in notice_text
    assert "测试县财政局" in notice_text

    # 3. 09:10: delivery is tried again: refused until the bank confirms the payment.
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 9, 10)
    try_window_delivery(page)
    refusal = message(page, "error")
    assert notice.number in refusal and "尚未缴款" in refusal
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    shot(page, "05-delivery-refused-unpaid")
    logout(page)

    # 4. 10:00: the bank's fee counter takes the payment.
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 10, 0)
    login(page, live_server, hall["fee"].user.username)
    page.click("nav >> text=收费")
    page.wait_for_selector("h1:has-text('银行收款')")
    assert "今日尚无收款" in page.inner_text(".layout-side > div:nth-child(2)")
    page.fill("#number", notice.number)
    page.click(".counter-lookup button:has-text('查询')")
    page.wait_for_selector(f"h2:has-text('{notice.number}')")
    found = page.inner_text(".layout-side > div:first-child section.card")
    assert "待缴款" in found and "¥100.00" in found and "测试县财政局" in found
    page.fill("#transaction_id", TRANSACTION_ID)
    page.fill("#amount", "80.00")
    page.click("button:has-text('确认收款')")
    page.wait_for_selector(".messages")
    assert message(page, "error") == (
        f"缴款金额 80.00 元与缴款通知书 {notice.number} 应缴金额 100.00 元不符。"
    )
    assert not Payment.objects.exists()
    shot(page, "06-counter-wrong-amount")
    page.fill("#transaction_id", TRANSACTION_ID)
    page.fill("#amount", "100.00")
    page.click("button:has-text('确认收款')")
    page.wait_for_selector(".messages .message-success")
    assert message(page, "success") == (
        f"缴款通知书 {notice.number} 已确认收款 100.00 元（流水号 {TRANSACTION_ID}）。"
    )
    today_list = page.locator(".layout-side > div:nth-child(2) table tbody tr")
    assert today_list.count() == 1
    row = today_list.first.inner_text()
    assert "10:00" in row and notice.number in row and "100.00" in row
    assert "已于 2026-11-17 10:00 在建设银行测试支行缴款" in page.inner_text("section.card")
    shot(page, "07-counter-paid")
    logout(page)

    # 5. 11:00: the window hands the result over.
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 11, 0)
    login(page, live_server, hall["clerk"].user.username)
    open_case(page, case)
    card = page.inner_text("#fees")
    assert "已缴费" in card
    assert f"建设银行测试支行 2026-11-17 10:00 收款 100.00 元，流水号 {TRANSACTION_ID}" in card
    assert page.locator("text=暂不能送达").count() == 0
    try_window_delivery(page)
    assert message(page, "success") == "已登记送达。"
    assert "已送达" in page.inner_text("h1")
    case.refresh_from_db()
    assert case.status == CaseStatus.DELIVERED
    delivery = Delivery.objects.get(case=case)
    assert (delivery.method, delivery.recipient_name) == (Delivery.Method.WINDOW, "张晓梅")
    actions = timeline_actions(page)
    assert "开具缴款通知书" in actions and "银行确认缴款" in actions
    assert actions.index("开具缴款通知书") < actions.index("银行确认缴款") < actions.index("送达")
    timeline = page.inner_text("ol.timeline")
    assert f"缴款通知书 {notice.number}：" in timeline and "应缴 100.00 元" in timeline
    assert (
        f"建设银行测试支行 确认缴款 100.00 元（缴款通知书 {notice.number}，流水号 {TRANSACTION_ID}）"
        in timeline
    )
    shot(page, "08-delivered")
    logout(page)

    # 6. 17:00: the center office reconciles the day and reads the fiscal report.
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 17, 0)
    login(page, live_server, hall["office"].user.username)
    # the office lands on its dashboard, whose menu has no 收费: through 我的工作台
    page.click("nav >> text=我的工作台")
    page.click("nav >> text=收费")
    page.wait_for_selector("h1:has-text('银行收款')")
    console(page, "每日对账")
    page.wait_for_selector("h1:has-text('每日对账')")
    assert page.input_value("#date") == TUESDAY.isoformat()
    assert "未导入" in page.inner_text("table.data >> nth=0")
    statement = tmp_path / "ccb-20261117.csv"
    statement.write_text(
        "交易流水号,缴款通知书号,金额,交易时间\n"
        f"{TRANSACTION_ID},{notice.number},100.00,2026-11-17 10:00:00\n"
        f"CCB20261117000999,{UNKNOWN_NOTICE},50.00,2026-11-17 14:20:00\n",
        encoding="utf-8",
    )
    page.select_option("#statement-bank", bank.code)
    page.set_input_files("#statement-file", str(statement))
    page.click("button:has-text('导入并对账')")
    page.wait_for_selector(".messages")
    assert message(page, "success") == "已导入建设银行测试支行 2026-11-17 对账单：2 笔，合计 150.00 元。"
    mismatches = page.locator("section.card:has(h2:has-text('差异明细')) tbody tr")
    assert mismatches.count() == 1
    mismatch = mismatches.first.inner_text()
    assert "银行已收款，无对应缴款通知书" in mismatch
    assert "CCB20261117000999" in mismatch and UNKNOWN_NOTICE in mismatch and "50.00" in mismatch
    assert "对账单第3行" in mismatch
    stats = page.inner_text(".grid.grid-4")
    assert "须逐笔核实" in stats
    banks_row = page.inner_text("section.card:has(h2:text-is('银行')) tbody tr")
    assert "1 笔 / 100.00" in banks_row and "2 笔 / 150.00" in banks_row
    shot(page, "09-reconciliation-mismatch")

    console(page, "财政报表")
    page.wait_for_selector("h1:has-text('财政报表')")
    assert TUESDAY.isoformat() in page.inner_text("h1")
    total = page.locator("table.report tfoot tr.total td")  # 合计 spans the first two columns
    assert total.nth(4).inner_text().strip() == "100.00"  # 实收
    assert total.nth(6).inner_text().strip() == "100.00"  # 净收入
    subtotal = page.locator("table.report tbody tr.subtotal td")
    assert subtotal.nth(5).inner_text().strip() == "100.00"
    body = page.inner_text("table.report tbody")
    assert "市场监督管理局" in body and "登记费" in body and "证书工本费" in body
    shot(page, "10-report-day")

    page.fill("#report-month", MONTH)
    page.click("form:has(#report-month) button:has-text('查看')")
    page.wait_for_selector("h1:has-text('2026年11月')")
    assert page.locator("table.report tfoot tr.total td").nth(4).inner_text().strip() == "100.00"
    shot(page, "11-report-month")
    with page.expect_download() as download_info:
        page.click(".print-actions a:has-text('导出 Excel')")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook_path = SCREENSHOTS / "fees-12-report-month.xlsx"
    download.save_as(workbook_path)
    sheet = load_workbook(workbook_path).active
    rows = [row for row in sheet.iter_rows(values_only=True) if any(cell is not None for cell in row)]
    total_rows = [row for row in rows if row[0] == "合计"]
    assert len(total_rows) == 1
    assert money_cell(total_rows[0][5]) == Decimal("100.00")  # 实收
    assert money_cell(total_rows[0][7]) == Decimal("100.00")  # 净收入
    subtotals = [row for row in rows if row[1] == "小计"]
    assert [(row[0], money_cell(row[5])) for row in subtotals] == [("市场监督管理局", Decimal("100.00"))]
    by_fee = {row[1]: money_cell(row[5]) for row in rows if row[0] == "市场监督管理局" and row[1] != "小计"}
    assert by_fee == {"登记费": Decimal("80.00"), "证书工本费": Decimal("20.00")}
