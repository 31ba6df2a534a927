"""The notice PDFs: Chinese text, the numbers and dates the law asks for, a QR code to progress."""

import io
from datetime import date

from pypdf import PdfReader

from onewindow.cases import services
from onewindow.cases.models import RefusalKind
from onewindow.cases.notices import notice_pdf, progress_url
from onewindow.cases.tests.factories import State, at, delegate, entries, immediate_item, receive
from onewindow.common.tests.browser import SCREENSHOTS

MONDAY = date(2026, 11, 16)


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _render(notice, name):
    pdf = notice_pdf(notice=notice, base_url="http://hall.example")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"notice-{name}.pdf").write_bytes(pdf)
    return pdf


def test_every_notice_renders(hall, food):
    accepted = services.case_accept(case=receive(hall, food), user=hall["clerk"].user, at=at(MONDAY))
    correction_case = receive(hall, food, materials=entries(food, 法定代表人身份证明=State.MISSING))
    correction = services.case_correction_notice(case=correction_case, user=hall["clerk"].user, at=at(MONDAY))
    refused = services.case_refuse(
        case=receive(hall, food),
        user=hall["clerk"].user,
        at=at(MONDAY),
        kind=RefusalKind.NOT_COMPETENT,
        reason="经营场所不在本县",
        competent_authority="瓦房店市市场监督管理局",
    )
    version = immediate_item(hall)
    delegate(hall, version)
    quick = services.case_accept(case=receive(hall, version), user=hall["clerk"].user, at=at(MONDAY))
    decided = services.case_decide_immediately(
        case=quick, user=hall["chief"].user, at=at(MONDAY), decision="APPROVED"
    )

    texts = {}
    for notice, name in (
        (accepted.notices.get(), "acceptance"),
        (correction, "correction"),
        (refused, "non-acceptance"),
        (decided, "decision"),
    ):
        pdf = _render(notice, name)
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
        texts[name] = _text(pdf).replace("\n", "").replace("\x00", "")  # pypdf reads CID text as UTF-16
    assert "受理通知书" in texts["acceptance"]
    assert accepted.number in texts["acceptance"] and accepted.query_code in texts["acceptance"]
    assert "2026年11月23日" in texts["acceptance"]  # promised
    assert "2026年12月14日" in texts["acceptance"]  # statutory
    assert "测试县政务服务中心" in texts["acceptance"]
    assert "法定代表人身份证明" in texts["correction"]
    assert "食品经营许可申请书" not in texts["correction"].split("如下")[1]
    assert "瓦房店市市场监督管理局" in texts["non-acceptance"] and "行政复议" in texts["non-acceptance"]
    assert "准予办理" in texts["decision"]
    assert progress_url(accepted, base_url="http://hall.example") == (
        f"http://hall.example/progress/?number={accepted.number}&query_code={accepted.query_code}"
    )
