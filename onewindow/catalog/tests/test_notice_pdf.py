"""The one-page guide as PDF with the bundled font: Chinese that extracts, typeset lines."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from onewindow.catalog.models import ItemVersion
from onewindow.catalog.notice import notice_pdf
from onewindow.catalog.tests.factories import make_item
from onewindow.common.tests.browser import SCREENSHOTS

pytestmark = pytest.mark.django_db


def test_the_one_page_guide_renders_with_the_bundled_font(hall, settings):
    settings.ONEWINDOW_PDF_FONT = ""
    make_item(department=hall["market"], user=hall["reviewer"].user, code="SCJG0101", name="食品经营许可")
    version = ItemVersion.objects.filter(item__implementation_code="SCJG0101").latest("number")
    pdf = notice_pdf(version=version, center_name="测试县政务服务中心", on_date=date(2026, 12, 4))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "guide-notice.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text().replace("\x00", "")
    assert "测试县政务服务中心" in text and "一次性告知单" in text and version.name in text
    assert not [line for line in text.splitlines() if line[:1] in "，。、；）》"]
