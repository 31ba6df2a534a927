"""The fees API over HTTP: billing a case, the notice and its PDF, cancel and reissue, the bank's
signed confirmation (idempotent, replays refused), the hall's bank counter, refunds, statement
import, reconciliation, the fiscal report and its Excel, and who may call what.

`settings.ONEWINDOW_FROZEN_NOW` stops `clock.now()` at Tuesday 2026-11-17 12:00 (Asia/Shanghai);
the bank signs with that moment as its timestamp. Cases are received and accepted on Monday.
"""

from __future__ import annotations

import io
import json
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from rest_framework.test import APIClient

from onewindow.cases import services as case_services
from onewindow.cases.models import Case
from onewindow.cases.tests.factories import at, entries, person
from onewindow.fees import services
from onewindow.fees.models import (
    Bank,
    BankRequestNonce,
    BankStatement,
    Payment,
    PaymentNotice,
    Refund,
)
from onewindow.fees.signing import signed_headers
from onewindow.fees.tests.factories import (
    BANK_SECRET,
    MONDAY,
    TUESDAY,
    accepted_case,
    all_fees,
    bank_payload,
    decided_case,
    fee_version,
    fiscal_setup,
    issue,
    signed_post,
)

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 11, 18)
NOW = at(TUESDAY, 12, 0)
STAMP = int(NOW.timestamp())
API = "/api/v1"
CONFIRM = f"{API}/payments/confirm"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@dataclass
class World:
    hall: dict
    bank: Bank
    version: object
    users: dict = field(default_factory=dict)

    def user(self, role):
        return self.users[role]

    def case(self) -> Case:
        return accepted_case(self.hall, self.version)

    def online_case(self, owner="applicant") -> Case:
        """Applied for online by the applicant's own account on Monday, accepted at the window."""
        case = case_services.case_receive(
            version=self.version, applicant=person(), materials=[], user=self.users[owner], at=at(MONDAY, 8)
        ).case
        brought = dict.fromkeys(("食品经营许可申请书", "法定代表人身份证明", "食品安全管理制度"), "RECEIVED")
        return case_services.case_accept(
            case=case,
            user=self.hall["clerk"].user,
            at=at(MONDAY, 9),
            materials=entries(self.version, **brought),
        )

    def item_id(self, name) -> int:
        return self.version.fee_items.get(name=name).pk


@pytest.fixture
def world(hall, seeded_calendar, settings, django_user_model):
    settings.ONEWINDOW_FROZEN_NOW = NOW
    users = {
        role: hall[role].user
        for role in ("office", "clerk", "market_a", "reviewer", "chief", "fee", "agent", "township_clerk")
    }
    users["applicant"] = django_user_model.objects.create_user("applicant-a", full_name="张晓梅")
    users["other_applicant"] = django_user_model.objects.create_user("applicant-b", full_name="李海涛")
    users["anonymous"] = None
    return World(hall=hall, bank=fiscal_setup(hall), version=fee_version(hall), users=users)


def lines_body(w, books=3, **extra) -> dict:
    """登记费 once and `books` certificates (80 + 10 × (books − 1))."""
    return {
        "lines": [
            {"fee_item": w.item_id("登记费"), **extra},
            {"fee_item": w.item_id("证书工本费"), "quantity": str(books)},
        ]
    }


def books(case, count):
    return all_fees(case, 证书工本费={"quantity": Decimal(count)})


def sign(bank, payload, **kwargs):
    """The bank's signed confirmation, stamped with the frozen clock unless told otherwise."""
    kwargs.setdefault("timestamp", STAMP)
    return signed_post(APIClient(), bank, CONFIRM, payload, **kwargs)


def pay(w, notice, transaction_id="T1", paid_at=None) -> Payment:
    payment, _created = services.payment_confirm(
        bank=w.bank,
        confirmation=services.BankConfirmation(
            notice_number=notice.number,
            transaction_id=transaction_id,
            amount=notice.total,
            paid_at=paid_at or at(TUESDAY, 10, 0),
        ),
        at=at(TUESDAY, 11, 0),
        channel=Payment.Channel.API,
    )
    return payment


# Billing ----------------------------------------------------------------------------------------


def test_issuing_answers_201_then_200_on_retry_then_409_for_other_fees(world):
    case = world.case()
    path = f"{API}/cases/{case.number}/payment-notice"
    client = api(world.user("clerk"))

    first = client.post(path, lines_body(world, 3), format="json")
    assert first.status_code == 201, first.data
    notice = PaymentNotice.objects.get()
    body = first.json()
    assert {
        key: body[key] for key in ("number", "case", "status", "gross_amount", "waived_amount", "total")
    } == {
        "number": notice.number,
        "case": case.number,
        "status": "ISSUED",
        "gross_amount": "100.00",
        "waived_amount": "0.00",
        "total": "100.00",
    }
    assert (
        body["total_in_capitals"],
        body["payee_account"],
        body["issued_by"],
        body["replaces"],
        body["payment"],
        body["refunds"],
    ) == ("壹佰元整", "2102 0000 1111 2222", "王秀英", None, None, [])
    assert [
        (line["name"], line["quantity"], line["amount"], line["amount_due"]) for line in body["lines"]
    ] == [
        ("登记费", "1.00", "80.00", "80.00"),
        ("证书工本费", "3.00", "20.00", "20.00"),
    ]

    again = client.post(path, lines_body(world, 3), format="json")
    assert (again.status_code, again.json()["number"]) == (200, notice.number)

    other = client.post(path, lines_body(world, 2), format="json")
    assert other.status_code == 409
    assert other.json() == {
        "code": "notice_exists",
        "message": f"办件已有缴款通知书 {notice.number}（待缴款）：如需更改，请先作废再重开。",
    }
    assert PaymentNotice.objects.count() == 1


def test_bad_billing_input_is_400_with_a_clear_message(world):
    case = world.case()
    path = f"{API}/cases/{case.number}/payment-notice"
    stranger = fee_version(world.hall, name="另一事项").fee_items.get(name="登记费")
    client = api(world.user("clerk"))
    cases = [
        (
            {"lines": [{"fee_item": world.item_id("登记费"), "quantity": "2.5"}]},
            ["登记费：定额收费的数量须为整数。"],
        ),
        (
            {"lines": [{"fee_item": world.item_id("登记费"), "waived_amount": "10.00"}]},
            ["登记费：减免须写明理由。"],
        ),
        (
            {
                "lines": [
                    {
                        "fee_item": world.item_id("证书工本费"),
                        "quantity": "3",
                        "waived_amount": "10.00",
                        "waiver_reason": "困难",
                    }
                ]
            },
            ["证书工本费：本收费项目依法不得减免。"],
        ),
        (
            {"lines": [{"fee_item": world.item_id("证书工本费")}]},
            ["证书工本费：须填写数量（本）。"],
        ),
        ({"lines": [{"fee_item": stranger.pk}]}, [f"收费项目 {stranger.pk} 不属于本办件适用的事项版本。"]),
        ({"lines": []}, ["请至少选择一个收费项目。"]),
    ]
    for body, problems in cases:
        response = client.post(path, body, format="json")
        assert response.status_code == 400, response.data
        assert response.json() == {"code": "invalid", "message": problems[0], "errors": {"lines": problems}}
    assert not PaymentNotice.objects.exists()


def test_a_malformed_line_is_400_with_a_message_people_can_read(world):
    case = world.case()
    response = api(world.user("clerk")).post(
        f"{API}/cases/{case.number}/payment-notice",
        {"lines": [{"fee_item": world.item_id("登记费"), "quantity": "两本"}]},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"] == {"lines": {"0": {"quantity": ["请填写合法的数字。"]}}}
    # the message is for people: the field's problem, not a Python repr of the error structure
    assert "ErrorDetail" not in body["message"] and "{" not in body["message"], body["message"]
    assert "请填写合法的数字。" in body["message"]


def test_a_case_not_yet_accepted_is_409_and_a_denied_case_400(world):
    received = case_services.case_receive(
        version=world.version, applicant=person(), materials=[], user=world.user("clerk"), at=at(MONDAY, 9)
    ).case
    response = api(world.user("clerk")).post(
        f"{API}/cases/{received.reference}/payment-notice", lines_body(world), format="json"
    )
    assert (response.status_code, response.json()["code"]) == (409, "case_wrong_state")
    denied = decided_case(world.hall, world.version, decision="DENIED")
    response = api(world.user("clerk")).post(
        f"{API}/cases/{denied.number}/payment-notice", lines_body(world), format="json"
    )
    assert response.json() == {"code": "fee_invalid", "message": "不予许可的办件不收费。"}
    assert response.status_code == 400
    assert not PaymentNotice.objects.exists()


def test_the_case_fees_list_the_items_the_notices_and_what_blocks_delivery(world):
    case = decided_case(world.hall, world.version)
    path = f"{API}/cases/{case.number}/fees"
    before = api(world.user("clerk")).get(path)
    assert before.status_code == 200
    body = before.json()
    assert [
        (item["name"], item["kind"], item["standard"], item["amount"], item["is_waivable"])
        for item in body["fee_items"]
    ] == [
        ("登记费", "FIXED", "80.00元/件", "80.00", True),
        ("证书工本费", "TIERED", "1本以内0.00元；其余10.00元", None, False),
    ]
    assert (body["case"], body["notices"], body["is_settled"], body["delivery_blockers"]) == (
        case.number,
        [],
        False,
        ["本事项收费，尚未开具缴款通知书：缴费或减免后方可送达。"],
    )
    notice = issue(world.hall, case, books(case, 3))
    unpaid = api(world.user("chief")).get(path).json()
    assert ([n["number"] for n in unpaid["notices"]], unpaid["is_settled"], unpaid["delivery_blockers"]) == (
        [notice.number],
        False,
        [f"缴款通知书 {notice.number} 应缴 100.00 元尚未缴款：银行确认缴款后方可送达。"],
    )
    pay(world, notice)
    paid = api(world.user("agent")).get(path).json()
    assert (paid["notices"][0]["status"], paid["is_settled"], paid["delivery_blockers"]) == ("PAID", True, [])


def test_a_quote_calculates_without_issuing(world):
    case = world.case()
    response = api(world.user("clerk")).post(
        f"{API}/cases/{case.number}/fee-quote",
        lines_body(world, 3, waived_amount="30.00", waiver_reason="小微企业"),
        format="json",
    )
    assert response.status_code == 200, response.data
    assert response.json() == {
        "lines": [
            {
                "fee_item": world.item_id("登记费"),
                "name": "登记费",
                "quantity": "1.00",
                "unit_price": None,
                "amount": "80.00",
                "waived_amount": "30.00",
                "amount_due": "50.00",
            },
            {
                "fee_item": world.item_id("证书工本费"),
                "name": "证书工本费",
                "quantity": "3.00",
                "unit_price": None,
                "amount": "20.00",
                "waived_amount": "0.00",
                "amount_due": "20.00",
            },
        ],
        "gross_amount": "100.00",
        "waived_amount": "30.00",
        "total": "70.00",
    }
    assert not PaymentNotice.objects.exists()


# The notice -------------------------------------------------------------------------------------


def test_a_notice_by_number_and_its_pdf(world):
    case = world.case()
    notice = issue(world.hall, case, books(case, 3))
    client = api(world.user("clerk"))
    response = client.get(f"{API}/payment-notices/{notice.number}")
    assert response.status_code == 200
    assert (response.json()["number"], response.json()["total"], response.json()["status_label"]) == (
        notice.number,
        "100.00",
        "待缴款",
    )
    pdf = client.get(f"{API}/payment-notices/{notice.number}/pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith("inline; filename*=UTF-8''")
    assert notice.number in pdf["Content-Disposition"]
    assert client.get(f"{API}/payment-notices/NOPE").status_code == 404
    assert client.get(f"{API}/payment-notices/NOPE/pdf").status_code == 404


def test_a_bank_looks_a_notice_up_with_a_signed_get(world):
    notice = issue(world.hall, world.case())
    path = f"{API}/payment-notices/{notice.number}"
    headers = signed_headers(
        world.bank, method="GET", path=path, body=b"", nonce=secrets.token_hex(12), timestamp=STAMP
    )
    response = APIClient().get(path, headers=headers)
    assert (response.status_code, response.json()["total"]) == (200, "80.00")


def test_an_applicant_sees_their_own_notice_and_not_anothers(world):
    mine = issue(world.hall, world.online_case("applicant"))
    theirs = issue(world.hall, world.online_case("other_applicant"))
    client = api(world.user("applicant"))
    assert client.get(f"{API}/payment-notices/{mine.number}").status_code == 200
    assert client.get(f"{API}/payment-notices/{mine.number}/pdf").status_code == 200
    for path in (f"{API}/payment-notices/{theirs.number}", f"{API}/payment-notices/{theirs.number}/pdf"):
        response = client.get(path)
        assert (response.status_code, response.json()["code"]) == (404, "not_found")
    response = client.get(f"{API}/cases/{theirs.case.number}/fees")
    assert response.status_code == 404


def test_cancel_and_reissue(world):
    case = world.case()
    client = api(world.user("clerk"))
    first = client.post(
        f"{API}/cases/{case.number}/payment-notice", lines_body(world, 3), format="json"
    ).json()
    no_reason = client.post(f"{API}/payment-notices/{first['number']}/cancel", {}, format="json")
    assert (no_reason.status_code, no_reason.json()["code"]) == (400, "invalid")
    cancelled = client.post(
        f"{API}/payment-notices/{first['number']}/cancel", {"reason": "证书本数有误"}, format="json"
    )
    assert cancelled.status_code == 200, cancelled.data
    assert (
        cancelled.json()["status"],
        cancelled.json()["cancel_reason"],
        cancelled.json()["cancelled_at"],
    ) == (
        "CANCELLED",
        "证书本数有误",
        "2026-11-17T12:00:00+08:00",
    )
    again = client.post(f"{API}/payment-notices/{first['number']}/cancel", {"reason": "再次"}, format="json")
    assert (again.status_code, again.json()["code"]) == (400, "fee_invalid")
    second = client.post(f"{API}/cases/{case.number}/payment-notice", lines_body(world, 2), format="json")
    assert second.status_code == 201
    assert (second.json()["replaces"], second.json()["total"]) == (first["number"], "90.00")
    assert PaymentNotice.objects.count() == 2


def test_a_paid_notice_is_not_cancelled(world):
    notice = issue(world.hall, world.case())
    pay(world, notice)
    response = api(world.user("clerk")).post(
        f"{API}/payment-notices/{notice.number}/cancel", {"reason": "错开"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "fee_invalid",
        "message": f"缴款通知书 {notice.number} 已缴款，不能作废；多缴或误缴的请办理退款。",
    }


# The bank's signed confirmation -----------------------------------------------------------------


def test_a_signed_confirmation_then_its_retry_with_a_fresh_nonce_counts_once(world):
    case = world.case()
    notice = issue(world.hall, case, books(case, 3))
    first = sign(world.bank, bank_payload(notice))
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["created"] is True
    assert {
        key: body["payment"][key] for key in ("bank", "transaction_id", "amount", "channel", "paid_at")
    } == {
        "bank": "ccb",
        "transaction_id": "CCB20261117000001",
        "amount": "100.00",
        "channel": "API",
        "paid_at": "2026-11-17T10:30:00+08:00",
    }
    assert (body["notice"]["status"], body["notice"]["payment"]["transaction_id"]) == (
        "PAID",
        "CCB20261117000001",
    )

    retry = sign(world.bank, bank_payload(notice))
    assert retry.status_code == 200, retry.content
    assert (retry.json()["created"], retry.json()["payment"]["id"]) == (False, body["payment"]["id"])
    assert Payment.objects.count() == 1
    assert BankRequestNonce.objects.count() == 2


def test_the_very_same_signed_request_again_is_a_replay(world):
    notice = issue(world.hall, world.case())
    first = sign(world.bank, bank_payload(notice), nonce="nonce-0001-abcdef")
    replay = sign(world.bank, bank_payload(notice), nonce="nonce-0001-abcdef")
    assert first.status_code == 201
    assert replay.status_code == 401
    assert replay.json()["code"] == "replayed"
    assert Payment.objects.count() == 1


def test_a_bad_signature_is_refused_and_nothing_is_recorded(world):
    notice = issue(world.hall, world.case())
    wrong = sign(world.bank, bank_payload(notice), secret="not-the-banks-secret")
    assert (wrong.status_code, wrong.json()["code"]) == (401, "bad_signature")
    # a body changed after signing
    signed_body = json.dumps(bank_payload(notice)).encode()
    headers = signed_headers(
        world.bank,
        method="POST",
        path=CONFIRM,
        body=signed_body,
        nonce=secrets.token_hex(12),
        timestamp=STAMP,
    )
    tampered = json.dumps(bank_payload(notice, transaction_id="OTHER")).encode()
    response = APIClient().generic(
        "POST", CONFIRM, tampered, content_type="application/json", headers=headers
    )
    assert (response.status_code, response.json()["code"]) == (401, "bad_signature")
    # headers missing
    unsigned = APIClient().generic(
        "POST", CONFIRM, signed_body, content_type="application/json", headers={"X-Bank-Code": "ccb"}
    )
    assert (unsigned.status_code, unsigned.json()["code"]) == (401, "bad_signature")
    notice.refresh_from_db()
    assert (notice.status, Payment.objects.count(), BankRequestNonce.objects.count()) == ("ISSUED", 0, 0)


def test_a_stale_timestamp_is_refused(world, settings):
    notice = issue(world.hall, world.case())
    tolerance = settings.ONEWINDOW_BANK_SIGNATURE_TOLERANCE
    for stamp in (STAMP - tolerance - 1, STAMP + tolerance + 1):
        response = sign(world.bank, bank_payload(notice), timestamp=stamp)
        assert (response.status_code, response.json()["code"]) == (401, "stale_request")
    assert Payment.objects.count() == 0
    assert sign(world.bank, bank_payload(notice), timestamp=STAMP - tolerance).status_code == 201


def test_an_unknown_bank_or_one_without_the_api_is_refused(world):
    notice = issue(world.hall, world.case())
    stranger = Bank(code="nobank", api_secret=BANK_SECRET)
    response = sign(stranger, bank_payload(notice))
    assert (response.status_code, response.json()["code"]) == (401, "unknown_bank")
    counter_only = Bank.objects.create(code="boc", name="中国银行测试支行", site=world.hall["county"])
    response = sign(counter_only, bank_payload(notice), secret=BANK_SECRET)
    assert (response.status_code, response.json()["code"]) == (401, "unknown_bank")
    assert Payment.objects.count() == 0


def test_the_banks_errors_by_code(world):
    case = world.case()
    notice = issue(world.hall, case, books(case, 3))
    wrong_amount = sign(world.bank, bank_payload(notice, amount="90.00"))
    assert wrong_amount.status_code == 422
    assert wrong_amount.json() == {
        "code": "amount_mismatch",
        "message": f"缴款金额 90.00 元与缴款通知书 {notice.number} 应缴金额 100.00 元不符。",
    }
    unknown = sign(world.bank, {**bank_payload(notice), "notice_number": "NOPE2026"})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_notice")
    no_time = {key: value for key, value in bank_payload(notice).items() if key != "paid_at"}
    missing = sign(world.bank, no_time)
    assert (missing.status_code, missing.json()["code"], list(missing.json()["errors"])) == (
        400,
        "invalid",
        ["paid_at"],
    )
    future = sign(world.bank, bank_payload(notice, paid_at=NOW + timedelta(minutes=6)))
    assert (future.status_code, future.json()["errors"]) == (400, {"paid_at": ["缴款时间晚于当前时间。"]})
    assert sign(world.bank, bank_payload(notice)).status_code == 201
    second = sign(world.bank, bank_payload(notice, transaction_id="CCB20261117000002"))
    assert (second.status_code, second.json()["code"]) == (409, "already_paid")
    other_case = world.case()
    other = issue(world.hall, other_case, books(other_case, 3))
    conflict = sign(world.bank, bank_payload(other))
    assert (conflict.status_code, conflict.json()["code"]) == (409, "transaction_conflict")
    assert Payment.objects.count() == 1


# The hall's bank counter ------------------------------------------------------------------------


def test_the_fee_clerk_confirms_at_the_counter_with_a_session(world):
    notice = issue(world.hall, world.case())
    fee = APIClient()
    fee.force_login(world.user("fee"))
    body = {"notice_number": notice.number, "transaction_id": "CNT-0001", "amount": "80.00", "bank": "ccb"}
    no_bank = fee.post(CONFIRM, {key: value for key, value in body.items() if key != "bank"}, format="json")
    assert (no_bank.status_code, no_bank.json()["errors"]) == (400, {"bank": ["柜台确认须填写银行代码。"]})
    unknown_bank = fee.post(CONFIRM, {**body, "bank": "nobank"}, format="json")
    assert (unknown_bank.status_code, unknown_bank.json()["code"]) == (403, "not_allowed")

    clerk = APIClient()
    clerk.force_login(world.user("clerk"))
    refused = clerk.post(CONFIRM, body, format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "not_allowed")
    assert not Payment.objects.exists()

    response = fee.post(CONFIRM, body, format="json")
    assert response.status_code == 201, response.data
    assert (
        response.json()["payment"]["channel"],
        response.json()["payment"]["paid_at"],
        response.json()["notice"]["status"],
    ) == ("COUNTER", "2026-11-17T12:00:00+08:00", "PAID")
    payment = Payment.objects.get()
    assert (payment.confirmed_by, payment.paid_at, payment.confirmed_at) == (world.hall["fee"], NOW, NOW)
    again = fee.post(CONFIRM, body, format="json")
    assert (again.status_code, again.json()["created"], Payment.objects.count()) == (200, False, 1)


# Refunds ----------------------------------------------------------------------------------------


def test_refunds_are_asked_listed_and_decided(world):
    case = world.case()
    notice = issue(world.hall, case, books(case, 3))
    payment = pay(world, notice)
    line = notice.lines.get(name="登记费")
    path = f"{API}/payments/{payment.pk}/refunds"
    too_much = api(world.user("clerk")).post(
        path, {"line": line.pk, "amount": "80.01", "reason": "多收"}, format="json"
    )
    assert (too_much.status_code, too_much.json()["code"]) == (400, "refund_exceeds_balance")
    asked = api(world.user("clerk")).post(
        path, {"line": line.pk, "amount": "30.00", "reason": "多收"}, format="json"
    )
    assert asked.status_code == 201, asked.data
    refund = asked.json()
    assert {
        key: refund[key] for key in ("payment", "line", "fee_name", "amount", "status", "requested_by")
    } == {
        "payment": payment.pk,
        "line": line.pk,
        "fee_name": "登记费",
        "amount": "30.00",
        "status": "REQUESTED",
        "requested_by": "王秀英",
    }
    listed = api(world.user("office")).get(f"{API}/refunds", {"status": "REQUESTED"})
    assert [row["id"] for row in listed.json()["results"]] == [refund["id"]]

    decision = f"{API}/refunds/{refund['id']}/decision"
    by_clerk = api(world.user("clerk")).post(decision, {"approve": True}, format="json")
    assert (by_clerk.status_code, by_clerk.json()["code"]) == (403, "not_allowed")
    approved = api(world.user("office")).post(decision, {"approve": True, "note": "同意"}, format="json")
    assert approved.status_code == 200, approved.data
    assert (approved.json()["status"], approved.json()["decided_by"], approved.json()["decision_note"]) == (
        "APPROVED",
        "林主任",
        "同意",
    )
    twice = api(world.user("office")).post(decision, {"approve": True}, format="json")
    assert (twice.status_code, twice.json()["code"]) == (409, "refund_wrong_state")
    shown = api(world.user("clerk")).get(f"{API}/payment-notices/{notice.number}").json()
    assert (shown["payment"]["refunded_amount"], shown["payment"]["balance"]) == ("30.00", "70.00")
    assert [(row["amount"], row["status"]) for row in shown["refunds"]] == [("30.00", "APPROVED")]
    assert api(world.user("office")).get(f"{API}/refunds", {"status": "REQUESTED"}).json()["results"] == []


def test_a_rejection_needs_a_note(world):
    notice = issue(world.hall, world.case())
    payment = pay(world, notice)
    refund = services.refund_request(
        payment=payment,
        line_id=notice.lines.get(name="登记费").pk,
        user=world.user("clerk"),
        at=at(TUESDAY, 11),
        amount="10.00",
        reason="多收",
    )
    decision = f"{API}/refunds/{refund.pk}/decision"
    bare = api(world.user("office")).post(decision, {"approve": False}, format="json")
    assert (bare.status_code, bare.json()["errors"]) == (400, {"note": ["驳回须写明理由。"]})
    rejected = api(world.user("office")).post(
        decision, {"approve": False, "note": "不符合条件"}, format="json"
    )
    assert (rejected.status_code, rejected.json()["status"]) == (200, "REJECTED")
    assert Refund.objects.get().status == Refund.Status.REJECTED


# Statements, reconciliation, the fiscal report ---------------------------------------------------


def statement_file(rows, name="ccb-20261117.csv", encoding="utf-8-sig") -> SimpleUploadedFile:
    text = (
        "\r\n".join(",".join(row) for row in [["交易流水号", "缴款通知书号", "金额", "交易时间"], *rows])
        + "\r\n"
    )
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def upload(user, rows, *, bank="ccb", on_date="2026-11-17", **kwargs):
    return api(user).post(
        f"{API}/bank-statements",
        {"bank": bank, "date": on_date, "file": statement_file(rows, **kwargs)},
        format="multipart",
    )


@pytest.fixture
def day(world):
    """Tuesday: n1 (100) paid T1, n2 (90) paid T2, n3 (80) paid T3, n4 (80) unpaid; the statement
    lists T1, T2 at 95, T4 for n4, an unknown notice, T1 again and T6 for n1, and leaves out T3."""
    notices = []
    for count in (3, 2, 1, 1):
        case = world.case()
        notices.append(issue(world.hall, case, books(case, count)))
    for notice, transaction in zip(notices[:3], ("T1", "T2", "T3"), strict=True):
        pay(world, notice, transaction)
    n1, n2, _n3, n4 = (notice.number for notice in notices)
    rows = [
        ["T1", n1, "100.00", "2026-11-17 10:00"],
        ["T2", n2, "95.00", "2026-11-17 10:00"],
        ["T9", "NOPE2026", "50.00", "2026-11-17 11:00"],
        ["T4", n4, "80.00", "2026-11-17 11:30"],
        ["T1", n1, "100.00", "2026-11-17 10:00"],
        ["T6", n1, "100.00", "2026-11-17 11:45"],
    ]
    return notices, rows


def test_a_statement_is_imported_then_reconciled(world, day):
    notices, rows = day
    fee = world.user("fee")
    imported = upload(fee, rows)
    assert imported.status_code == 201, imported.data
    assert {key: imported.json()[key] for key in ("bank", "statement_date", "line_count", "total")} == {
        "bank": "ccb",
        "statement_date": "2026-11-17",
        "line_count": 6,
        "total": "525.00",
    }
    again = upload(fee, rows)
    assert (again.status_code, again.json()["id"]) == (200, imported.json()["id"])
    assert BankStatement.objects.count() == 1

    response = api(fee).get(f"{API}/reconciliation", {"date": "2026-11-17"})
    assert response.status_code == 200
    result = response.json()
    assert result["is_balanced"] is False
    assert [(m["kind"], m["transaction_id"]) for m in result["mismatches"]] == [
        ("AMOUNT_MISMATCH", "T2"),
        ("UNKNOWN_NOTICE", "T9"),
        ("NOT_CONFIRMED", "T4"),
        ("DUPLICATE", "T1"),
        ("DUPLICATE", "T6"),
        ("MISSING_FROM_STATEMENT", "T3"),
    ]
    assert result["mismatches"][0] == {
        "kind": "AMOUNT_MISMATCH",
        "label": "金额不符",
        "bank": "ccb",
        "transaction_id": "T2",
        "notice_number": notices[1].number,
        "our_amount": "90.00",
        "bank_amount": "95.00",
        "line_number": 3,
    }
    assert result["banks"] == [
        {
            "bank": "ccb",
            "bank_name": "建设银行测试支行",
            "has_statement": True,
            "payment_count": 3,
            "payment_total": "270.00",
            "statement_count": 6,
            "statement_total": "525.00",
        }
    ]
    assert (result["issued"], result["paid"], result["outstanding"]) == (
        {"count": 4, "total": "350.00"},
        {"count": 3, "total": "270.00"},
        {"count": 1, "total": "80.00"},
    )


def test_a_bad_statement_is_400_listing_every_line(world):
    fee = world.user("fee")
    response = upload(
        fee,
        [
            ["T1", "N1", "100.00", "2026-11-17 10:00"],
            ["", "N2", "abc", "2026-11-17 10:00"],
            ["T3", "N3", "10.00", "2026-11-16 10:00"],
        ],
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "file": [
            "第3行：缺少交易流水号；金额“abc”不是大于0、最多两位小数的数字",
            "第4行：交易时间 2026-11-16 10:00 不在对账日 2026-11-17",
        ]
    }
    unknown_bank = upload(fee, [["T1", "N1", "100.00", "2026-11-17 10:00"]], bank="nobank")
    assert (unknown_bank.status_code, unknown_bank.json()["errors"]) == (
        400,
        {"bank": ["没有代码为 nobank 的银行。"]},
    )
    gbk = upload(fee, [["T1", "N1", "100.00", "2026-11-17 10:00"]], encoding="gb18030")
    assert gbk.status_code == 201
    assert BankStatement.objects.count() == 1


def test_reconciliation_of_a_bad_date_is_400(world):
    response = api(world.user("fee")).get(f"{API}/reconciliation", {"date": "2026-13-01"})
    assert (response.status_code, response.json()["code"]) == (400, "invalid")


@pytest.fixture
def report_day(world):
    """Tuesday: 100 (登记费 80 + 3 books 20) paid, 50 (登记费 80 less 30 waived + 1 book) paid, one
    notice unpaid; on Wednesday 90 paid and 30 of the first 登记费 refunded."""
    first_case, second_case, third_case, fourth_case = (world.case() for _ in range(4))
    first = issue(world.hall, first_case, books(first_case, 3))
    second = issue(
        world.hall,
        second_case,
        all_fees(second_case, 登记费={"waived_amount": Decimal("30.00"), "waiver_reason": "小微企业"}),
    )
    issue(world.hall, third_case)
    fourth = issue(world.hall, fourth_case, books(fourth_case, 2))
    payment = pay(world, first, "T1")
    pay(world, second, "T2")
    services.payment_confirm(
        bank=world.bank,
        confirmation=services.BankConfirmation(
            notice_number=fourth.number, transaction_id="T4", amount=fourth.total, paid_at=at(WEDNESDAY, 9)
        ),
        at=at(WEDNESDAY, 10),
        channel=Payment.Channel.API,
    )
    refund = services.refund_request(
        payment=payment,
        line_id=first.lines.get(name="登记费").pk,
        user=world.user("clerk"),
        at=at(TUESDAY, 14),
        amount="30.00",
        reason="多收",
    )
    services.refund_decide(refund=refund, user=world.user("office"), at=at(WEDNESDAY, 11), approve=True)


def test_the_fiscal_report_of_a_day_and_of_a_month(world, report_day):
    client = api(world.user("fee"))
    day = client.get(f"{API}/fiscal-report", {"date": "2026-11-17"})
    assert day.status_code == 200
    body = day.json()
    assert (body["start"], body["end"], body["label"]) == ("2026-11-17", "2026-11-18", "2026-11-17")
    assert [
        (
            row["fee_name"],
            row["count"],
            row["gross"],
            row["waived"],
            row["collected"],
            row["refunded"],
            row["net"],
        )
        for row in body["departments"][0]["rows"]
    ] == [
        ("登记费", 2, "160.00", "30.00", "130.00", "0.00", "130.00"),
        ("证书工本费", 2, "20.00", "0.00", "20.00", "0.00", "20.00"),
    ]
    assert body["total"] == {
        "department": "合计",
        "fee_name": "",
        "count": 4,
        "gross": "180.00",
        "waived": "30.00",
        "collected": "150.00",
        "refunded": "0.00",
        "net": "150.00",
    }
    month = client.get(f"{API}/fiscal-report", {"month": "2026-11"}).json()
    assert (month["label"], month["start"], month["end"]) == ("2026年11月", "2026-11-01", "2026-12-01")
    assert {
        key: month["total"][key] for key in ("count", "gross", "waived", "collected", "refunded", "net")
    } == {
        "count": 6,
        "gross": "270.00",
        "waived": "30.00",
        "collected": "240.00",
        "refunded": "30.00",
        "net": "210.00",
    }
    assert month["departments"][0]["subtotal"]["net"] == "210.00"
    bad = client.get(f"{API}/fiscal-report", {"month": "2026-13"})
    assert (bad.status_code, bad.json()["errors"]) == (400, {"month": ["月份“2026-13”应为 YYYY-MM。"]})


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def _money(value) -> str:
    return f"{Decimal(str(value)):.2f}"


@pytest.mark.parametrize("query", [{"date": "2026-11-17"}, {"date": "2026-11-18"}, {"month": "2026-11"}])
def test_the_fiscal_report_export_totals_equal_the_report(world, report_day, query):
    client = api(world.user("office"))
    report = client.get(f"{API}/fiscal-report", query).json()
    sheet = _workbook(client.get(f"{API}/fiscal-report/export", query)).active
    last = [cell.value for cell in sheet[sheet.max_row]]
    total = report["total"]
    assert (last[0], last[2]) == ("合计", total["count"])
    assert [_money(value) for value in last[3:8]] == [
        total["gross"],
        total["waived"],
        total["collected"],
        total["refunded"],
        total["net"],
    ]
    subtotals = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4) if row[1].value == "小计"]
    assert [[_money(value) for value in values[3:8]] for values in subtotals] == [
        [block["subtotal"][key] for key in ("gross", "waived", "collected", "refunded", "net")]
        for block in report["departments"]
    ]


def test_the_reconciliation_export_equals_the_reconciliation(world, day):
    _notices, rows = day
    upload(world.user("fee"), rows)
    client = api(world.user("fee"))
    result = client.get(f"{API}/reconciliation", {"date": "2026-11-17"}).json()
    workbook = _workbook(client.get(f"{API}/reconciliation/export", {"date": "2026-11-17"}))
    summary = workbook.worksheets[0]
    figures = [[cell.value for cell in row[:3]] for row in summary.iter_rows(min_row=4, max_row=9)]
    assert [(count, _money(total)) for _label, count, total in figures] == [
        (result[name]["count"], result[name]["total"])
        for name in ("issued", "cancelled", "waived", "paid", "outstanding", "refunded")
    ]
    bank_row = [cell.value for cell in summary[10]]
    assert (bank_row[0], bank_row[1], _money(bank_row[2]), bank_row[3], _money(bank_row[4])) == (
        "建设银行测试支行",
        3,
        "270.00",
        6,
        "525.00",
    )
    mismatches = workbook.worksheets[1]
    listed = [[cell.value for cell in row] for row in mismatches.iter_rows(min_row=4)]
    assert [(row[2], row[3]) for row in listed] == [
        (m["transaction_id"], m["notice_number"]) for m in result["mismatches"]
    ]


# Who may call what ------------------------------------------------------------------------------


def _fees_get(w):
    case = w.online_case()
    return "get", f"{API}/cases/{case.number}/fees", None, None


def _quote(w):
    case = w.online_case()
    return (
        "post",
        f"{API}/cases/{case.number}/fee-quote",
        lines_body(w),
        lambda: PaymentNotice.objects.count(),
    )


def _issue(w):
    case = w.online_case()
    return (
        "post",
        f"{API}/cases/{case.number}/payment-notice",
        lines_body(w),
        lambda: PaymentNotice.objects.count(),
    )


def _notice_get(w):
    notice = issue(w.hall, w.online_case())
    return "get", f"{API}/payment-notices/{notice.number}", None, None


def _notice_pdf(w):
    notice = issue(w.hall, w.online_case())
    return "get", f"{API}/payment-notices/{notice.number}/pdf", None, None


def _cancel(w):
    notice = issue(w.hall, w.online_case())
    return (
        "post",
        f"{API}/payment-notices/{notice.number}/cancel",
        {"reason": "金额有误"},
        lambda: PaymentNotice.objects.get(pk=notice.pk).status,
    )


def _counter(w):
    notice = issue(w.hall, w.online_case())
    body = {
        "notice_number": notice.number,
        "transaction_id": "CNT-1",
        "amount": str(notice.total),
        "bank": "ccb",
    }
    return "post", CONFIRM, body, lambda: Payment.objects.count()


def _paid(w):
    notice = issue(w.hall, w.online_case())
    return notice, pay(w, notice)


def _refund_request(w):
    notice, payment = _paid(w)
    body = {"line": notice.lines.get(name="登记费").pk, "amount": "10.00", "reason": "多收"}
    return "post", f"{API}/payments/{payment.pk}/refunds", body, lambda: Refund.objects.count()


def _refund_list(w):
    notice, payment = _paid(w)
    services.refund_request(
        payment=payment,
        line_id=notice.lines.get(name="登记费").pk,
        user=w.hall["clerk"].user,
        at=at(TUESDAY, 11),
        amount="10.00",
        reason="多收",
    )
    return "get", f"{API}/refunds", None, None


def _refund_decide(w):
    notice, payment = _paid(w)
    refund = services.refund_request(
        payment=payment,
        line_id=notice.lines.get(name="登记费").pk,
        user=w.hall["clerk"].user,
        at=at(TUESDAY, 11),
        amount="10.00",
        reason="多收",
    )
    return (
        "post",
        f"{API}/refunds/{refund.pk}/decision",
        {"approve": True},
        lambda: Refund.objects.get(pk=refund.pk).status,
    )


def _statement(w):
    notice, _payment = _paid(w)

    def body():  # a fresh upload for each request
        return {
            "bank": "ccb",
            "date": "2026-11-17",
            "file": statement_file([["T1", notice.number, "80.00", "2026-11-17 10:00"]]),
        }

    return "multipart", f"{API}/bank-statements", body, lambda: BankStatement.objects.count()


def _reconciliation(w):
    _paid(w)
    return "get", f"{API}/reconciliation?date=2026-11-17", None, None


def _reconciliation_export(w):
    _paid(w)
    return "get", f"{API}/reconciliation/export?date=2026-11-17", None, None


def _fiscal_report(w):
    _paid(w)
    return "get", f"{API}/fiscal-report?date=2026-11-17", None, None


def _fiscal_report_export(w):
    _paid(w)
    return "get", f"{API}/fiscal-report/export?month=2026-11", None, None


ROLES = (
    "office",
    "clerk",
    "market_a",
    "reviewer",
    "chief",
    "fee",
    "agent",
    "township_clerk",
    "applicant",
    "other_applicant",
    "anonymous",
)

#: endpoint: (prepare, expected status per role in ROLES order). The case is the applicant's own,
#: accepted at the county hall in the market department. From the rules (fees.permissions): the
#: window (county clerks, the lead chief representative) bills and cancels; only the fee clerk
#: confirms at the counter; the window or the fee clerk asks for a refund and the center office
#: approves; the fee clerk and the office import statements and read the reconciliation and the
#: report. Whoever sees the case reads its fees and notice; the township's clerk and another
#: applicant never learn it exists; the applicant does not see a refund awaiting approval; nobody
#: anonymous gets anything.
MATRIX = {
    #                           office clerk mkt_a  rev  chief  fee  agent  town  appl other anon
    "fees": (_fees_get, (200, 200, 200, 200, 200, 200, 200, 404, 200, 404, 401)),
    "quote": (_quote, (200, 200, 200, 200, 200, 200, 200, 404, 200, 404, 401)),
    "issue": (_issue, (403, 201, 201, 403, 201, 403, 403, 404, 403, 404, 401)),
    "notice": (_notice_get, (200, 200, 200, 200, 200, 200, 200, 404, 200, 404, 401)),
    "notice_pdf": (_notice_pdf, (200, 200, 200, 200, 200, 200, 200, 404, 200, 404, 401)),
    "cancel": (_cancel, (403, 200, 200, 403, 200, 403, 403, 404, 403, 404, 401)),
    "counter_confirm": (_counter, (403, 403, 403, 403, 403, 201, 403, 403, 403, 403, 401)),
    "refund_request": (_refund_request, (403, 201, 201, 403, 201, 201, 403, 404, 403, 404, 401)),
    "refund_list": (_refund_list, (200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401)),
    # An applicant sees only approved refunds: a pending one is not found for them.
    "refund_decide": (_refund_decide, (200, 403, 403, 403, 403, 403, 403, 404, 404, 404, 401)),
    "statement": (_statement, (201, 403, 403, 403, 403, 201, 403, 403, 403, 403, 401)),
    "reconciliation": (_reconciliation, (200, 403, 403, 403, 403, 200, 403, 403, 403, 403, 401)),
    "reconciliation_export": (
        _reconciliation_export,
        (200, 403, 403, 403, 403, 200, 403, 403, 403, 403, 401),
    ),
    "fiscal_report": (_fiscal_report, (200, 403, 403, 403, 403, 200, 403, 403, 403, 403, 401)),
    "fiscal_report_export": (_fiscal_report_export, (200, 403, 403, 403, 403, 200, 403, 403, 403, 403, 401)),
}

CELLS = [
    pytest.param(endpoint, role, expected[index], id=f"{endpoint}-{role}")
    for endpoint, (_prepare, expected) in MATRIX.items()
    for index, role in enumerate(ROLES)
]

REFUSAL_CODES = {401: "not_authenticated", 403: "not_allowed", 404: "not_found"}


@pytest.mark.parametrize(("endpoint", "role", "expected"), CELLS)
def test_permission_matrix(world, endpoint, role, expected):
    prepare, _row = MATRIX[endpoint][0], MATRIX[endpoint][1]
    method, path, body, probe = prepare(world)
    before = probe() if probe else None
    client = api(world.user(role))

    if method == "get":
        response = client.get(path)
    elif method == "multipart":
        response = client.post(path, body(), format="multipart")
    else:
        response = client.post(path, body, format="json")

    assert response.status_code == expected, response.content[:500]
    if expected >= 400:
        assert response.json()["code"] == REFUSAL_CODES[expected]
    if probe is not None:
        # a refusal changes nothing; a success changes what the command is for (a quote nothing)
        changes = expected < 400 and endpoint != "quote"
        assert (probe() != before) is changes


def test_the_refund_list_shows_only_the_cases_one_sees(world):
    _refund_list(world)
    staff = ("office", "clerk", "market_a", "reviewer", "chief", "fee", "agent", "township_clerk")
    counts = {
        role: len(api(world.user(role)).get(f"{API}/refunds").json()["results"])
        for role in (*staff, "other_applicant")
    }
    assert counts == {
        "office": 1,
        "clerk": 1,
        "market_a": 1,
        "reviewer": 1,
        "chief": 1,
        "fee": 1,
        "agent": 1,
        "township_clerk": 0,
        "other_applicant": 0,
    }


def test_an_applicant_sees_only_the_refunds_decided_in_their_favour(world):
    """Asking for a refund and rejecting one are internal steps (their case events are not public,
    the applicant is told only of an approval): the applicant sees approved refunds only."""
    notice, payment = _paid(world)
    line = notice.lines.get(name="登记费").pk

    def ask(reason):
        return services.refund_request(
            payment=payment,
            line_id=line,
            user=world.user("clerk"),
            at=at(TUESDAY, 11),
            amount="10.00",
            reason=reason,
        )

    ask("待审批的申请")
    rejected = ask("被驳回的申请")
    approved = ask("批准的申请")
    services.refund_decide(
        refund=rejected, user=world.user("office"), at=at(TUESDAY, 12), approve=False, note="内部意见"
    )
    services.refund_decide(refund=approved, user=world.user("office"), at=at(TUESDAY, 12), approve=True)
    assert len(api(world.user("clerk")).get(f"{API}/refunds").json()["results"]) == 3

    applicant = api(world.user("applicant"))
    assert [row["id"] for row in applicant.get(f"{API}/refunds").json()["results"]] == [approved.pk]
    shown = applicant.get(f"{API}/payment-notices/{notice.number}").json()
    assert [row["id"] for row in shown["refunds"]] == [approved.pk]


def test_every_fee_endpoint_is_in_the_matrix():
    from onewindow.fees import api_urls

    routes = {pattern.name for pattern in api_urls.urlpatterns}
    covered = {
        "api-case-fees",
        "api-case-fee-quote",
        "api-case-payment-notice",
        "api-payment-notice",
        "api-payment-notice-pdf",
        "api-payment-notice-cancel",
        "api-payment-confirm",
        "api-payment-refunds",
        "api-refund-list",
        "api-refund-decision",
        "api-bank-statements",
        "api-reconciliation",
        "api-reconciliation-export",
        "api-fiscal-report",
        "api-fiscal-report-export",
    }
    assert routes == covered
    assert len(MATRIX) == len(covered)
