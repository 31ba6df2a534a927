"""Fees test data, built through the services: an item with two fee items (a fixed one that may be
waived and a per-unit one), the hall's fiscal account and bank, a decided case, its notice and
the bank's signed call."""

from __future__ import annotations

import json
import secrets
from datetime import date
from decimal import Decimal

from onewindow.cases import services
from onewindow.cases.models import Case, Decision, Task
from onewindow.cases.services import handling
from onewindow.cases.tests.factories import at, company, delegate, published_item, receive
from onewindow.catalog.models import FeeItem
from onewindow.fees import services as fee_services
from onewindow.fees.models import Bank, FiscalAccount, PaymentNotice
from onewindow.fees.signing import signed_headers

MONDAY = date(2026, 11, 16)
TUESDAY = date(2026, 11, 17)
BANK_SECRET = "test-bank-secret-0123456789"

#: 不动产登记费 80 元/件 (waivable) and 证书工本费 10 元/本 after the first, like the real items.
TWO_FEES = [
    {
        "name": "登记费",
        "kind": FeeItem.Kind.FIXED,
        "amount": "80.00",
        "unit": "件",
        "legal_basis": "《关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
        "is_waivable": True,
        "waiver_basis": "小微企业免征不动产登记费（财税〔2016〕79号）",
    },
    {
        "name": "证书工本费",
        "kind": FeeItem.Kind.TIERED,
        "unit": "本",
        "tiers": [{"up_to": 1, "amount": "0.00"}, {"up_to": None, "amount": "10.00"}],
        "legal_basis": "《关于不动产登记收费标准等有关问题的通知》",
    },
]


def fee_version(hall, *, fee_items=None, **fields):
    """A published item of the market department with the given fee items (TWO_FEES by default),
    covered by the chief representative's delegation."""
    version = published_item(hall, fee_items=TWO_FEES if fee_items is None else fee_items, **fields)
    delegate(hall, version)
    return version


def fiscal_setup(hall, *, code="ccb", secret=BANK_SECRET) -> Bank:
    """The county's fiscal account and its bank counter; returns the bank."""
    FiscalAccount.objects.create(
        site=hall["county"],
        payee_name="测试县财政局",
        account_number="2102 0000 1111 2222",
        bank_name="建设银行测试支行",
    )
    return Bank.objects.create(code=code, name="建设银行测试支行", site=hall["county"], api_secret=secret)


def accepted_case(hall, version, *, day=MONDAY) -> Case:
    case = receive(hall, version, day=day, applicant=company())
    return services.case_accept(case=case, user=hall["clerk"].user, at=at(day, 9, 45))


def decided_case(hall, version, *, day=MONDAY, decision=Decision.APPROVED, **decision_fields) -> Case:
    """Accepted, every review agreed by the reviewer, decided by the chief representative
    (`decision_fields` such as `valid_until` go to the decision)."""
    case = accepted_case(hall, version, day=day)
    for task in case.tasks.filter(status=Task.Status.ACTIVE, kind=Task.Kind.STEP).exclude(
        role="CHIEF_REPRESENTATIVE"
    ):
        handling.task_opinion(
            case=case, task_id=task.pk, user=hall["reviewer"].user, at=at(day, 11), verdict="AGREE"
        )
    reason = "不符合许可条件" if decision == Decision.DENIED else ""  # a denial states its reasons
    handling.case_decide(
        case=case,
        user=hall["chief"].user,
        at=at(day, 15),
        decision=decision,
        reason=reason,
        **decision_fields,
    )
    return Case.objects.get(pk=case.pk)


def all_fees(case, **by_name) -> list[fee_services.FeeChoice]:
    """A choice for every fee item of the case's version: quantity 1 unless `by_name` gives a
    FeeChoice's fields for an item by its name."""
    choices = []
    for item in case.version.fee_items.all():
        options = {"quantity": Decimal(1), **by_name.get(item.name, {})}
        choices.append(fee_services.FeeChoice(fee_item_id=item.pk, **options))
    return choices


def issue(hall, case, choices=None, *, user=None, day=TUESDAY, hour=9) -> PaymentNotice:
    """The clerk (or `user`) bills the case: every fee item once unless `choices` say otherwise."""
    notice, _created = fee_services.payment_notice_issue(
        case=case,
        user=user or hall["clerk"].user,
        at=at(day, hour),
        choices=choices if choices is not None else all_fees(case),
    )
    return notice


def signed_post(
    client, bank: Bank, path: str, payload: dict, *, nonce: str | None = None, timestamp=None, secret=None
):
    """POST `payload` as the bank would: JSON body, HMAC headers (a fresh nonce unless given)."""
    body = json.dumps(payload).encode()
    signer = bank if secret is None else Bank(code=bank.code, api_secret=secret)
    headers = signed_headers(
        signer, method="POST", path=path, body=body, nonce=nonce or secrets.token_hex(12), timestamp=timestamp
    )
    return client.generic("POST", path, body, content_type="application/json", headers=headers)


def bank_payload(
    notice: PaymentNotice, *, transaction_id="CCB20261117000001", amount=None, paid_at=None
) -> dict:
    return {
        "notice_number": notice.number,
        "transaction_id": transaction_id,
        "amount": str(notice.total if amount is None else amount),
        "paid_at": (paid_at or at(TUESDAY, 10)).isoformat(),
    }
