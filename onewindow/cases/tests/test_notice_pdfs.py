"""Every notice and the certificate as PDF with the bundled font: Chinese that extracts, one page,
lines broken by the typesetting rules, and the seal — the center's or the department's."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from onewindow.cases import services
from onewindow.cases.models import Notice
from onewindow.cases.notices import certificate_issuer, notice_pdf
from onewindow.cases.tests.factories import at, delegate, receive
from onewindow.common.pdf import BUNDLED_FONT
from onewindow.common.tests.browser import SCREENSHOTS
from onewindow.fees.tests.factories import decided_case

MONDAY = date(2026, 11, 16)


def _decided(hall, version) -> Notice:
    """Accepted Monday, reviewed and approved the same day: returns the certificate."""
    delegate(hall, version)
    case = decided_case(hall, version, day=MONDAY, valid_until=date(2031, 11, 15))
    return Notice.objects.get(case=case, kind=Notice.Kind.CERTIFICATE)  # with the decided case


def _render(notice, name) -> bytes:
    pdf = notice_pdf(notice=notice, base_url="http://hall.example")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"notice-{name}.pdf").write_bytes(pdf)
    return pdf


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\x00", "")


def _fonts(pdf: bytes) -> set[str]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return {str(font["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}


@pytest.fixture
def bundled_font(settings):
    settings.ONEWINDOW_PDF_FONT = ""
    assert BUNDLED_FONT.is_file()


def test_an_acceptance_notice_embeds_the_bundled_font_and_its_chinese_extracts(hall, food, bundled_font):
    case = services.case_accept(case=receive(hall, food), user=hall["clerk"].user, at=at(MONDAY))
    pdf = _render(case.notices.get(), "acceptance-bundled")
    assert _fonts(pdf) == {"/MPDFAA+NotoSansCJKSC"}
    text = _text(pdf)
    assert "测试县政务服务中心" in text and "受理通知书" in text
    assert case.number in text.replace("\n", "")
    # Lines broken by common.typesetting: none starts with closing punctuation.
    assert not [line for line in text.splitlines() if line[:1] in "，。、；：？！）》”"]
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_the_certificate_is_sealed_by_the_center_unless_the_department_seals_its_own(
    hall, food, bundled_font
):
    certificate = _decided(hall, food)
    case = certificate.case
    center, department = case.site.name, case.department.name
    assert certificate_issuer(case) == center
    by_center = _text(_render(certificate, "certificate-center"))
    assert "食品经营许可证" in by_center and department in by_center  # the 发证机关 row

    case.department.seals_own_certificates = True
    case.department.save()
    certificate = Notice.objects.get(pk=certificate.pk)
    assert certificate_issuer(certificate.case) == department
    by_department = _text(_render(certificate, "certificate-department"))
    # The issuer's name is under the seal and along its arc; the center's name only in the footer.
    assert by_department.count(department) > by_center.count(department)
    assert by_department.count(center) < by_center.count(center)
