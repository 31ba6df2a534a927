"""A bank confirmation dated before its notice existed is refused: booking it on that earlier day
would change a day already reconciled."""

import pytest
from django.core.exceptions import ValidationError

from onewindow.cases.tests.factories import at
from onewindow.fees import services
from onewindow.fees.models import Payment, PaymentNotice
from onewindow.fees.tests.factories import MONDAY, TUESDAY, decided_case, fee_version, fiscal_setup, issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(hall, seeded_calendar):
    bank = fiscal_setup(hall)
    notice = issue(hall, decided_case(hall, fee_version(hall)), day=TUESDAY, hour=9)
    return bank, notice


def confirm(bank, notice, *, paid_at):
    return services.payment_confirm(
        bank=bank,
        confirmation=services.BankConfirmation(
            notice_number=notice.number,
            transaction_id="CCB2026111700077",
            amount=notice.total,
            paid_at=paid_at,
        ),
        at=at(TUESDAY, 11),
        channel=Payment.Channel.API,
    )


def test_a_payment_before_the_notice_was_issued_is_refused(notice):
    bank, notice = notice

    with pytest.raises(ValidationError) as refused:
        confirm(bank, notice, paid_at=at(MONDAY, 16))

    assert refused.value.message_dict == {
        "paid_at": [
            f"缴款时间 2026-11-16 16:30 早于缴款通知书 {notice.number} 的开具时间 2026-11-17 09:30，请核对。"
        ]
    }
    notice.refresh_from_db()
    assert notice.status == PaymentNotice.Status.ISSUED and notice.settled_date is None
    assert not Payment.objects.exists()


def test_a_payment_after_the_notice_is_booked_on_its_day(notice):
    bank, notice = notice

    payment, created = confirm(bank, notice, paid_at=at(TUESDAY, 9, 45))

    assert (created, payment.paid_date, payment.amount) == (True, TUESDAY, notice.total)
    notice.refresh_from_db()
    assert (notice.status, notice.settled_date) == (PaymentNotice.Status.PAID, TUESDAY)
