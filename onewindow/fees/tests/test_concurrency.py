"""Concurrent bank confirmations and billing on PostgreSQL: the notice row lock records exactly one
payment however many confirmations of one notice arrive together (retries of one transaction, or
different transactions), and the case row lock with the site's notice counter gives one notice per
case and gap-free notice numbers."""

from decimal import Decimal

import pytest

from onewindow.cases.models import Case, CaseEvent
from onewindow.cases.services import site_code
from onewindow.cases.tests.factories import at
from onewindow.common import numbering
from onewindow.common.tests.concurrency import fresh_user, run_together
from onewindow.fees import services
from onewindow.fees.models import Bank, FeeEvent, NoticeLine, Payment, PaymentNotice
from onewindow.fees.tests.factories import (
    MONDAY,
    TUESDAY,
    accepted_case,
    all_fees,
    decided_case,
    fee_version,
    fiscal_setup,
    issue,
)
from onewindow.notifications.models import Notification

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

THREADS = 20


def notice_number(hall, sequence: int, year: int = 2026) -> str:
    return f"{site_code(hall['county'])}{year}{sequence:07d}"


@pytest.fixture
def bank(hall):
    return fiscal_setup(hall)


@pytest.fixture
def version(hall, seeded_calendar):
    return fee_version(hall)


@pytest.fixture
def notice(hall, bank, version):
    """A decided case billed 登记费 80 + 证书工本费 for 3 books (20): 100.00 to pay."""
    case = decided_case(hall, version)
    notice = issue(hall, case, all_fees(case, 证书工本费={"quantity": Decimal(3)}))
    assert (notice.status, notice.total) == (PaymentNotice.Status.ISSUED, Decimal("100.00"))
    return notice


def confirm(bank_pk: int, number: str, transaction_id: str, amount: Decimal, minute: int = 0):
    """The bank's API call as a fresh request makes it: the bank re-read, paid at 10:00, confirmed
    a few seconds to minutes later."""
    return services.payment_confirm(
        bank=Bank.objects.get(pk=bank_pk),
        confirmation=services.BankConfirmation(
            notice_number=number,
            transaction_id=transaction_id,
            amount=amount,
            paid_at=at(TUESDAY, 10, 0),
        ),
        at=at(TUESDAY, 10, minute),
        channel=Payment.Channel.API,
    )


def paid_sms(case) -> int:
    return Notification.objects.filter(
        case=case, channel=Notification.Channel.SMS, subject="缴费成功"
    ).count()


def test_twenty_retries_of_one_bank_transaction_record_one_payment(bank, notice):
    """The bank retries one transaction twenty times at once (a timeout on its side): one
    payment, one PAID event, one SMS; every call gets that payment back, created only once."""
    outcomes = run_together(
        [
            (lambda minute=minute: confirm(bank.pk, notice.number, "CCB20261117000001", notice.total, minute))
            for minute in range(THREADS)
        ]
    )

    assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes
    payment = Payment.objects.get()
    assert {result.pk for result, _created in outcomes} == {payment.pk}
    assert (payment.notice_id, payment.bank_id, payment.transaction_id, payment.amount) == (
        notice.pk,
        bank.pk,
        "CCB20261117000001",
        Decimal("100.00"),
    )
    assert payment.paid_date == TUESDAY
    notice.refresh_from_db()
    assert (notice.status, notice.settled_date) == (PaymentNotice.Status.PAID, TUESDAY)
    assert CaseEvent.objects.filter(case=notice.case, action=FeeEvent.PAID).count() == 1
    assert paid_sms(notice.case) == 1
    # Only the call that recorded the payment says created: a retry that queued on the notice
    # lock behind it is a retry like any other (the API answers 200, not 201).
    created = [created for _result, created in outcomes]
    assert created.count(True) == 1, f"{created.count(True)} of {THREADS} calls say created"


def test_twenty_different_transactions_for_one_notice_record_one_payment(bank, notice):
    """Twenty different bank transactions for one notice at once (the applicant paid at the
    counter and online, twice each, ...): the first is recorded, the others are refused as paid."""
    outcomes = run_together(
        [
            (lambda index=index: confirm(bank.pk, notice.number, f"CCB2026111700{index:04d}", notice.total))
            for index in range(THREADS)
        ]
    )

    recorded = [outcome for outcome in outcomes if isinstance(outcome, tuple)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, services.AlreadyPaid)]
    assert len(recorded) == 1, outcomes
    assert len(refused) == THREADS - 1, outcomes
    payment = Payment.objects.get()
    assert recorded[0][0].pk == payment.pk and recorded[0][1] is True
    assert payment.notice_id == notice.pk and payment.amount == Decimal("100.00")
    assert payment.transaction_id in {f"CCB2026111700{index:04d}" for index in range(THREADS)}
    for error in refused:
        assert error.code == "already_paid" and error.status_code == 409
        assert error.message == (
            f"缴款通知书 {notice.number} 已于 2026-11-17 10:00 缴款（流水号 {payment.transaction_id}），不能重复缴款。"
        )
    notice.refresh_from_db()
    assert notice.status == PaymentNotice.Status.PAID
    assert CaseEvent.objects.filter(case=notice.case, action=FeeEvent.PAID).count() == 1
    assert paid_sms(notice.case) == 1


def test_twenty_clerks_billing_one_case_at_once_issue_one_notice(hall, bank, version):
    """Twenty submissions of the same fees for one case at once (double clicks, retries): one
    notice, numbered next after the site's last one; the others get it back."""
    earlier = decided_case(hall, version)
    first = issue(hall, earlier)
    assert first.number == notice_number(hall, 1)
    case = decided_case(hall, version)
    clerk = hall["clerk"].user

    outcomes = run_together(
        [
            (
                lambda minute=minute: services.payment_notice_issue(
                    case=Case.objects.get(pk=case.pk),
                    user=fresh_user(clerk.pk),
                    at=at(TUESDAY, 9, minute),
                    choices=all_fees(case, 证书工本费={"quantity": Decimal(2)}),
                )
            )
            for minute in range(THREADS)
        ]
    )

    assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes
    notice = PaymentNotice.objects.get(case=case)
    assert {result.pk for result, _created in outcomes} == {notice.pk}
    assert sorted(created for _result, created in outcomes) == [False] * (THREADS - 1) + [True]
    assert notice.number == notice_number(hall, 2)
    assert (notice.gross_amount, notice.waived_amount, notice.total) == (
        Decimal("90.00"),
        Decimal("0.00"),
        Decimal("90.00"),
    )
    assert NoticeLine.objects.filter(notice=notice).count() == 2
    assert CaseEvent.objects.filter(case=case, action=FeeEvent.FEE_NOTICE).count() == 1
    assert Notification.objects.filter(case=case, channel="SMS", subject="缴费通知").count() == 1
    assert numbering.last_number(series=numbering.PAYMENT_NOTICE, site=hall["county"], period=2026) == 2
    # the next notice of the site takes the next number: nothing was used up by the race
    later = issue(hall, decided_case(hall, version))
    assert later.number == notice_number(hall, 3)
    assert sorted(PaymentNotice.objects.values_list("number", flat=True)) == [
        notice_number(hall, sequence) for sequence in (1, 2, 3)
    ]


def test_twenty_cases_billed_at_once_at_one_site_number_without_gaps(hall, bank, version):
    """Twenty clerks bill twenty cases of one site at once: every notice is issued, numbered
    1–20 without a gap or a repeat."""
    cases = [accepted_case(hall, version, day=MONDAY) for _ in range(THREADS)]
    clerk = hall["clerk"].user

    outcomes = run_together(
        [
            (
                lambda case=case: services.payment_notice_issue(
                    case=Case.objects.get(pk=case.pk),
                    user=fresh_user(clerk.pk),
                    at=at(TUESDAY, 9),
                    choices=all_fees(case),
                )
            )
            for case in cases
        ]
    )

    assert all(isinstance(outcome, tuple) and outcome[1] is True for outcome in outcomes), outcomes
    numbers = sorted(PaymentNotice.objects.values_list("number", flat=True))
    assert numbers == [notice_number(hall, sequence) for sequence in range(1, THREADS + 1)]
    assert sorted(result.number for result, _created in outcomes) == numbers
    assert {result.case_id for result, _created in outcomes} == {case.pk for case in cases}
    assert numbering.last_number(series=numbering.PAYMENT_NOTICE, site=hall["county"], period=2026) == THREADS
    assert PaymentNotice.objects.filter(total=Decimal("80.00")).count() == THREADS


ROUNDS = 20


def test_cancelling_while_the_bank_confirms_never_deadlocks(hall, bank, version):
    """A clerk cancels (作废) a notice at the moment the bank confirms its payment, twenty times
    over: both take the case's row lock before the notice's (the documented order), so one of
    them wins cleanly and the other gets a clear refusal — never a deadlock, never both."""
    clerk = hall["clerk"].user
    winners = []
    for round_number in range(ROUNDS):
        notice = issue(hall, decided_case(hall, version))

        cancel, confirmation = run_together(
            [
                lambda notice=notice: services.payment_notice_cancel(
                    notice=PaymentNotice.objects.get(pk=notice.pk),
                    user=fresh_user(clerk.pk),
                    at=at(TUESDAY, 10, 1),
                    reason="金额开错",
                ),
                lambda notice=notice, round_number=round_number: confirm(
                    bank.pk, notice.number, f"CCB2026111799{round_number:04d}", notice.total, minute=1
                ),
            ]
        )

        notice.refresh_from_db()
        if notice.status == PaymentNotice.Status.PAID:
            assert isinstance(confirmation, tuple) and confirmation[1] is True, confirmation
            assert isinstance(cancel, services.FeeError), cancel
            assert cancel.message == f"缴款通知书 {notice.number} 已缴款，不能作废；多缴或误缴的请办理退款。"
            winners.append("confirm")
        else:
            assert notice.status == PaymentNotice.Status.CANCELLED
            assert isinstance(cancel, PaymentNotice) and cancel.pk == notice.pk, cancel
            assert isinstance(confirmation, services.NoticeNotPayable), confirmation
            assert not Payment.objects.filter(notice=notice).exists()
            winners.append("cancel")
    assert len(winners) == ROUNDS
