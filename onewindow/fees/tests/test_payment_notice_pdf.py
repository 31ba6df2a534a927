"""The payment notice as PDF with the bundled font: its figures extract whole, the seal sits
under the table beside the instructions."""

import io

from pypdf import PdfReader

from onewindow.common.tests.browser import SCREENSHOTS
from onewindow.fees.documents import payment_notice_pdf
from onewindow.fees.tests.factories import decided_case, fee_version, fiscal_setup, issue


def test_a_payment_notice_renders_with_the_bundled_font(hall, seeded_calendar, settings):
    settings.ONEWINDOW_PDF_FONT = ""
    fiscal_setup(hall)
    notice = issue(hall, decided_case(hall, fee_version(hall)))
    pdf = payment_notice_pdf(notice)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "payment-notice.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text().replace("\x00", "")
    assert "缴款通知书" in text and notice.number in text and "测试县财政局" in text
    assert "¥80.00" in text and "捌拾元整" in text
    assert "收费专用章" in text
    assert not [line for line in text.splitlines() if line[:1] in "，。、；）"]
