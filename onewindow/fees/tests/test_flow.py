"""The fee journey through the services and the API: bill, the bank confirms, deliver."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from onewindow.cases.models import CaseStatus, Delivery
from onewindow.cases.services import CaseError, delivery
from onewindow.cases.services.delivery import DeliveryDetails
from onewindow.cases.tests.factories import at
from onewindow.fees.models import Payment, PaymentNotice
from onewindow.fees.tests.factories import (
    TUESDAY,
    all_fees,
    bank_payload,
    decided_case,
    fee_version,
    fiscal_setup,
    issue,
    signed_post,
)

WINDOW = DeliveryDetails(method=Delivery.Method.WINDOW, recipient_name="张晓梅")


@pytest.fixture
def bank(hall):
    return fiscal_setup(hall)


@pytest.fixture
def version(hall, seeded_calendar):
    return fee_version(hall)


def test_delivery_waits_for_the_bank_then_goes(hall, bank, version, settings):
    settings.ONEWINDOW_BANK_SIGNATURE_TOLERANCE = 10**9
    case = decided_case(hall, version)
    with pytest.raises(CaseError) as refused:
        delivery.case_deliver(case=case, user=hall["clerk"].user, at=at(TUESDAY, 8), details=WINDOW)
    assert refused.value.code == "delivery_blocked"
    assert "尚未开具缴款通知书" in refused.value.message

    notice = issue(hall, case, all_fees(case, 证书工本费={"quantity": Decimal(3)}))
    assert (notice.status, notice.gross_amount, notice.total) == (
        PaymentNotice.Status.ISSUED,
        Decimal("100.00"),
        Decimal("100.00"),
    )
    with pytest.raises(CaseError) as unpaid:
        delivery.case_deliver(case=case, user=hall["clerk"].user, at=at(TUESDAY, 9, 30), details=WINDOW)
    assert f"缴款通知书 {notice.number} 应缴 100.00 元尚未缴款" in unpaid.value.message

    client = APIClient()
    path = "/api/v1/payments/confirm"
    first = signed_post(client, bank, path, bank_payload(notice))
    again = signed_post(client, bank, path, bank_payload(notice))
    assert (first.status_code, again.status_code) == (201, 200), (first.content, again.content)
    assert again.json()["created"] is False
    assert Payment.objects.count() == 1

    delivery.case_deliver(case=case, user=hall["clerk"].user, at=at(TUESDAY, 11), details=WINDOW)
    case.refresh_from_db()
    assert case.status == CaseStatus.DELIVERED
