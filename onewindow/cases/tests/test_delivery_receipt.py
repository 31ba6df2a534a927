"""The delivery receipt (送达回证) on the desk and over the API, and the QR code on every printed
document leading to the progress page marked `via=qr` (the QR code rating channel)."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from onewindow.cases import notices, services
from onewindow.cases.delivery_receipt import delivery_receipt_pdf, receipt_number
from onewindow.cases.models import Delivery, Notice
from onewindow.cases.notices import notice_pdf, progress_url, qr_url
from onewindow.cases.services import delivery as case_delivery
from onewindow.cases.services.delivery import DeliveryDetails
from onewindow.cases.tests.factories import at, delegate, id_card, receive
from onewindow.common.privacy import mask_id_number
from onewindow.common.tests.browser import SCREENSHOTS
from onewindow.fees.tests.factories import decided_case
from onewindow.org.tests.factories import PASSWORD

MONDAY = date(2026, 11, 16)
TUESDAY = date(2026, 11, 17)
CAPTION = "扫码查询办理进度、评价服务"
BASE = "http://hall.example"


def _text(pdf: bytes) -> str:
    """The PDF's text on one line (pypdf reads the CID text with NULs and breaks lines)."""
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return text.replace("\x00", "").replace("\n", "")


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _save(pdf: bytes, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}.pdf").write_bytes(pdf)


@pytest.fixture
def decided(hall, food):
    """Accepted Monday, reviewed and approved the same day (decision notice and certificate)."""
    delegate(hall, food)
    return decided_case(hall, food, day=MONDAY, valid_until=date(2031, 11, 15))


def deliver(hall, case, details: DeliveryDetails):
    case_delivery.case_deliver(case=case, user=hall["clerk"].user, at=at(TUESDAY, 10, 5), details=details)
    return Delivery.objects.get(case=case)


def at_window(hall, case):
    return deliver(
        hall,
        case,
        DeliveryDetails(
            method=Delivery.Method.WINDOW, recipient_name="张晓梅", recipient_id_number=id_card()
        ),
    )


def by_mail(hall, case):
    return deliver(
        hall,
        case,
        DeliveryDetails(
            method=Delivery.Method.MAIL,
            carrier="中国邮政EMS",
            waybill_number="EA123456789CN",
            address="庄河市昌盛街1号",
        ),
    )


# The QR code ---------------------------------------------------------------------------------


def test_the_qr_code_leads_to_the_progress_page_marked_via_qr(hall, food):
    case = services.case_accept(case=receive(hall, food), user=hall["clerk"].user, at=at(MONDAY))
    progress = f"{BASE}/progress/?number={case.number}&query_code={case.query_code}"
    assert progress_url(case, base_url=BASE) == progress  # links and messages: unchanged
    assert qr_url(case, base_url=BASE) == f"{progress}&via=qr"


def test_the_qr_code_uses_the_public_url_when_configured(hall, food, settings):
    settings.ONEWINDOW_PUBLIC_URL = "https://zwfw.example.gov.cn"
    case = services.case_accept(case=receive(hall, food), user=hall["clerk"].user, at=at(MONDAY))
    assert qr_url(case, base_url=BASE) == (
        f"https://zwfw.example.gov.cn/progress/?number={case.number}&query_code={case.query_code}&via=qr"
    )


def test_the_notice_caption_invites_a_rating(hall, food):
    case = services.case_accept(case=receive(hall, food), user=hall["clerk"].user, at=at(MONDAY))
    pdf = notice_pdf(notice=case.notices.get(), base_url=BASE)
    _save(pdf, "notice-acceptance-qr")
    text = _text(pdf)
    assert CAPTION in text
    assert f"编号 {case.number}" in text and f"查询码 {case.query_code}" in text
    assert _pages(pdf) == 1


def test_the_qr_codes_encode_the_via_qr_url(hall, decided, monkeypatch):
    """What every printed QR code encodes (segno cannot decode: the text handed to it)."""
    encoded = []
    real = notices.qr_png
    monkeypatch.setattr(notices, "qr_png", lambda text: encoded.append(text) or real(text))
    for notice in decided.notices.exclude(kind=Notice.Kind.CERTIFICATE):
        notice_pdf(notice=notice, base_url=BASE)
    delivery = at_window(hall, decided)
    delivery_receipt_pdf(case=decided, delivery=delivery, base_url=BASE)
    assert len(encoded) == decided.notices.exclude(kind=Notice.Kind.CERTIFICATE).count() + 1
    assert set(encoded) == {qr_url(decided, base_url=BASE)}
    # the certificate's code verifies it for whoever holds it: no rating channel
    encoded.clear()
    notice_pdf(notice=decided.notices.get(kind=Notice.Kind.CERTIFICATE), base_url=BASE)
    assert encoded == [progress_url(decided, base_url=BASE)]


# The receipt as PDF --------------------------------------------------------------------------


def test_mask_id_number_keeps_the_first_six_and_the_last_four():
    assert mask_id_number("210283199001011234") == "210283********1234"
    assert mask_id_number("") == ""
    assert mask_id_number("A1234567") == "******67"


def test_the_window_receipt_names_the_documents_the_signer_and_has_a_signature_line(hall, decided):
    delivery = at_window(hall, decided)
    pdf = delivery_receipt_pdf(case=decided, delivery=delivery, base_url=BASE)
    _save(pdf, "delivery-receipt-window")
    text = _text(pdf)
    assert _pages(pdf) == 1
    assert receipt_number(decided) == f"{decided.number}-SD"
    assert "送达回证" in text and receipt_number(decided) in text
    assert decided.applicant_name in text and "测试县政务服务中心" in text
    assert "窗口领取" in text and "2026年11月17日 10:05" in text
    certificate = decided.notices.get(kind=Notice.Kind.CERTIFICATE)
    decision = decided.notices.get(kind=Notice.Kind.DECISION)
    assert decided.result_name in text and decided.result_number in text  # as printed on it
    assert decision.document_number in text
    assert certificate.document_number not in text
    masked = mask_id_number(delivery.recipient_id_number)
    assert "张晓梅" in text and masked in text and delivery.recipient_id_number not in text
    assert "受送达人签名" in text and "王秀英" in text  # the clerk delivered it
    assert CAPTION in text and f"查询码 {decided.query_code}" in text


def test_the_mail_receipt_has_the_carrier_and_waybill_and_no_signature_line(hall, decided):
    delivery = by_mail(hall, decided)
    pdf = delivery_receipt_pdf(case=decided, delivery=delivery, base_url=BASE)
    _save(pdf, "delivery-receipt-mail")
    text = _text(pdf)
    assert _pages(pdf) == 1
    assert "邮寄送达" in text and "中国邮政EMS" in text and "EA123456789CN" in text
    assert "庄河市昌盛街1号" in text
    assert "受送达人签名" not in text and "签收人" not in text
    assert CAPTION in text


def test_the_electronic_receipt_names_the_mailbox(hall, decided):
    delivery = deliver(
        hall, decided, DeliveryDetails(method=Delivery.Method.ELECTRONIC, address="haiwei@example.com")
    )
    text = _text(delivery_receipt_pdf(case=decided, delivery=delivery, base_url=BASE))
    assert "电子送达" in text and "送达地址" in text and "haiwei@example.com" in text
    assert "受送达人签名" not in text and CAPTION in text


# The desk page -------------------------------------------------------------------------------


def test_the_desk_serves_the_receipt_of_a_delivered_case_linked_from_its_page(client, hall, decided):
    at_window(hall, decided)
    client.force_login(hall["clerk"].user)
    url = reverse("cases:delivery-receipt", args=[decided.reference])
    assert url == f"/desk/cases/{decided.reference}/delivery-receipt.pdf"
    assert url in client.get(reverse("cases:detail", args=[decided.reference])).content.decode()

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename*=UTF-8''")
    text = _text(response.content)
    assert "送达回证" in text and decided.applicant_name in text and "窗口领取" in text and CAPTION in text


def test_the_desk_answers_404_with_the_reason_before_delivery(client, hall, decided):
    client.force_login(hall["clerk"].user)
    page = client.get(reverse("cases:detail", args=[decided.reference])).content.decode()
    assert "delivery-receipt.pdf" not in page

    response = client.get(reverse("cases:delivery-receipt", args=[decided.reference]))

    assert response.status_code == 404
    assert "尚未送达" in response.content.decode()


def test_the_desk_receipt_is_only_for_staff_who_may_see_the_case(client, hall, decided, django_user_model):
    at_window(hall, decided)
    url = reverse("cases:delivery-receipt", args=[decided.reference])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(hall["township_clerk"].user)  # another site's window
    assert client.get(url).status_code == 404
    citizen = django_user_model.objects.create_user("citizen", password=PASSWORD)
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    assert client.get(reverse("cases:delivery-receipt", args=["NO-SUCH-CASE"])).status_code == 403


# The API -------------------------------------------------------------------------------------


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_the_api_serves_the_receipt_linked_from_the_case_record(hall, decided):
    by_mail(hall, decided)
    clerk = api(hall["clerk"].user)
    record = clerk.get(f"/api/v1/cases/{decided.reference}").data
    url = record["delivery"]["receipt_url"]
    assert url == f"/api/v1/cases/{decided.reference}/delivery-receipt.pdf"

    response = clerk.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "送达回证" in text and decided.applicant_name in text and "邮寄送达" in text and CAPTION in text


def test_the_api_answers_404_not_delivered_before_delivery(hall, decided):
    response = api(hall["clerk"].user).get(f"/api/v1/cases/{decided.reference}/delivery-receipt.pdf")
    assert response.status_code == 404
    assert response.json()["code"] == "not_delivered"
    assert "尚未送达" in response.json()["message"]


def test_the_api_receipt_is_only_for_who_may_see_the_case(hall, decided, django_user_model):
    at_window(hall, decided)
    url = f"/api/v1/cases/{decided.reference}/delivery-receipt.pdf"
    assert api().get(url).status_code == 401
    assert api(hall["township_clerk"].user).get(url).status_code == 404
    stranger = django_user_model.objects.create_user("stranger", password=PASSWORD)
    assert api(stranger).get(url).status_code == 404
    assert api(hall["clerk"].user).get("/api/v1/cases/NO-SUCH-CASE/delivery-receipt.pdf").status_code == 404


def test_the_applicant_downloads_their_own_receipt_and_no_one_elses(client, hall, decided, django_user_model):
    owner = django_user_model.objects.create_user(username="applicant-receipt", password="x-Long-Pass-2026")
    decided.applicant_user = owner
    decided.save(update_fields=["applicant_user"])
    url = f"/my/cases/{decided.reference}/delivery-receipt.pdf"
    client.force_login(owner)
    assert client.get(url).status_code == 404  # not delivered yet
    at_window(hall, decided)
    answer = client.get(url)
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert "送达回证" in client.get(f"/my/cases/{decided.reference}/").content.decode()
    stranger = django_user_model.objects.create_user(username="stranger-receipt", password="x-Long-Pass-2026")
    client.force_login(stranger)
    assert client.get(url).status_code == 404
