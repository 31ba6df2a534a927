"""Fees over a year of a busy hall, on PostgreSQL: the month's fiscal report (by department and fee
item) and a day's reconciliation (figures, each bank against its statement, every mismatch), each
against the plainest raw SQL giving the same answer over the same rows, measured in the same run
(the answers are compared before timing): the report as two GROUP BY statements (fee lines and
refunds), the reconciliation as one statement per figure and, per bank, one FULL JOIN of the
statement's lines with the day's payments.

The tables: 1,000,000 decided cases, each with a payment notice of two fee lines issued over the
last 365 days; 90% paid at the bank (a payment row each), 10% outstanding; the bank's statement
for the measured day holds every payment of that day plus three planted mismatches. VACUUM
ANALYZE after loading, as autovacuum would have run by then.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_fees)
    BENCH_FEES_DATABASE_URL=... python bench/fees.py    # dropped and created again: a *bench* name
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import support  # noqa: E402

NOTICES = int(os.environ.get("BENCH_FEE_NOTICES", "1000000"))

support.setup(support.bench_url("fees", default=support.POSTGRES + "onewindow_bench_fees"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from onewindow.cases.tests.factories import published_item  # noqa: E402
from onewindow.fees import selectors, services  # noqa: E402
from onewindow.fees.models import PaymentNotice, Refund  # noqa: E402
from onewindow.fees.selectors import MismatchKind  # noqa: E402
from onewindow.fees.tests.factories import TWO_FEES, fiscal_setup  # noqa: E402
from onewindow.org.selectors import site_visible_to  # noqa: E402
from onewindow.org.tests.factories import make_hall  # noqa: E402


def _fill_fees(*, site_id, department_id, fee_item_ids, bank_id, staff_id) -> None:
    """One notice per case (90% paid), two lines each, a payment per paid notice."""
    first, second = fee_item_ids
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO fees_paymentnotice (number, case_id, site_id, department_id, status, payer_name,"
            " gross_amount, waived_amount, total, payee_name, payee_account, payee_bank, issued_at, issued_date,"
            " issued_by_id, settled_date, cancel_reason, fingerprint)"
            " SELECT 'B' || lpad(c.id::text, 12, '0'), c.id, %s, %s,"
            " CASE WHEN c.id %% 10 = 0 THEN 'ISSUED' ELSE 'PAID' END, c.applicant_name,"
            " 90.00, 0, 90.00, '财政局', '1', '银行', now() - (c.id %% 365) * interval '1 day',"
            " current_date - (c.id %% 365)::int, %s,"
            " CASE WHEN c.id %% 10 = 0 THEN NULL ELSE current_date - (c.id %% 365)::int END, '', ''"
            " FROM cases_case c",
            [site_id, department_id, staff_id],
        )
        cursor.execute(
            "INSERT INTO fees_noticeline (notice_id, fee_item_id, sort_order, name, standard, legal_basis, unit,"
            " quantity, amount, waived_amount, waiver_basis, waiver_reason, amount_due)"
            " SELECT n.id, %s, 1, '登记费', '80元/件', '依据', '件', 1, 80.00, 0, '', '', 80.00"
            " FROM fees_paymentnotice n UNION ALL"
            " SELECT n.id, %s, 2, '证书工本费', '10元/本', '依据', '本', 2, 10.00, 0, '', '', 10.00"
            " FROM fees_paymentnotice n",
            [first, second],
        )
        cursor.execute(
            "INSERT INTO fees_payment (notice_id, bank_id, transaction_id, amount, payer_name, paid_at, paid_date,"
            " channel, confirmed_at, refunded_amount)"
            " SELECT n.id, %s, 'T' || n.id, n.total, n.payer_name, n.issued_at, n.settled_date, 'API', n.issued_at, 0"
            " FROM fees_paymentnotice n WHERE n.status = 'PAID'",
            [bank_id],
        )


def _statement(bank, day, user) -> None:
    """The bank's statement of `day`: every payment, one left out, plus an unknown notice and a
    wrong amount."""
    payments = list(
        selectors.Payment.objects.filter(bank=bank, paid_date=day).select_related("notice").order_by("id")
    )
    rows = ["交易流水号,缴款通知书号,金额,交易时间"]
    stamp = f"{day} 10:00:00"
    for index, payment in enumerate(payments[1:]):
        amount = payment.amount + 1 if index == 0 else payment.amount
        rows.append(f"{payment.transaction_id},{payment.notice.number},{amount},{stamp}")
    rows.append(f"X1,UNKNOWN0001,12.00,{stamp}")
    services.statement_import(
        bank=bank,
        statement_date=day,
        content="\n".join(rows).encode(),
        file_name="bench.csv",
        user=user,
        at=timezone.now(),
    )


def _fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


SETTLED = list(PaymentNotice.SETTLED_STATUSES)
Status = PaymentNotice.Status


def raw_report(site_ids, start, end) -> dict:
    """The fiscal report's figures by hand: {(department, fee): (count, gross, waived, collected,
    refunded)}."""
    rows = {
        (department, fee): [count, gross, waived, collected, Decimal("0.00")]
        for department, fee, count, gross, waived, collected in _fetch(
            "SELECT d.name, l.name, count(*), sum(l.amount), sum(l.waived_amount), sum(l.amount_due)"
            " FROM fees_noticeline l JOIN fees_paymentnotice n ON n.id = l.notice_id"
            " JOIN org_department d ON d.id = n.department_id"
            " WHERE n.site_id = ANY(%s) AND n.status = ANY(%s) AND n.settled_date >= %s AND n.settled_date < %s"
            " GROUP BY d.name, l.name",
            [site_ids, SETTLED, start, end],
        )
    }
    for department, fee, refunded in _fetch(
        "SELECT d.name, l.name, sum(r.amount) FROM fees_refund r JOIN fees_payment p ON p.id = r.payment_id"
        " JOIN fees_paymentnotice n ON n.id = p.notice_id JOIN org_department d ON d.id = n.department_id"
        " JOIN fees_noticeline l ON l.id = r.line_id"
        " WHERE r.status = %s AND r.decided_date >= %s AND r.decided_date < %s AND n.site_id = ANY(%s)"
        " GROUP BY d.name, l.name",
        [Refund.Status.APPROVED, start, end, site_ids],
    ):
        rows.setdefault((department, fee), [0, 0, 0, 0, Decimal("0.00")])[4] += refunded
    return {key: tuple(value) for key, value in rows.items()}


FIGURES = {
    "issued": "SELECT count(*), sum(total) FROM fees_paymentnotice WHERE site_id = ANY(%(sites)s)"
    " AND issued_date = %(day)s",
    "cancelled": "SELECT count(*), sum(total) FROM fees_paymentnotice WHERE site_id = ANY(%(sites)s)"
    " AND cancelled_date = %(day)s",
    "waived": "SELECT count(*), sum(waived_amount) FROM fees_paymentnotice WHERE site_id = ANY(%(sites)s)"
    " AND issued_date = %(day)s AND status = 'WAIVED'",
    "paid": "SELECT count(*), sum(amount) FROM fees_payment WHERE paid_date = %(day)s AND bank_id = ANY(%(banks)s)",
    "outstanding": "SELECT count(*), sum(total) FROM fees_paymentnotice WHERE site_id = ANY(%(sites)s)"
    " AND issued_date <= %(day)s AND (status = 'ISSUED' OR (status = 'PAID' AND settled_date > %(day)s)"
    " OR (status = 'CANCELLED' AND cancelled_date > %(day)s))",
    "refunded": "SELECT count(*), sum(r.amount) FROM fees_refund r JOIN fees_payment p ON p.id = r.payment_id"
    " JOIN fees_paymentnotice n ON n.id = p.notice_id WHERE r.status = 'APPROVED' AND r.decided_date = %(day)s"
    " AND n.site_id = ANY(%(sites)s)",
}

# The latest statement's lines against the day's payments at the bank; for a line without a payment
# that day, the bank's payment of that transaction on another day and the notice it names.
MISMATCHES = """
WITH s AS (
    SELECT line_number, transaction_id, notice_number, amount,
           row_number() OVER (PARTITION BY transaction_id ORDER BY line_number) AS nth_transaction,
           row_number() OVER (PARTITION BY notice_number ORDER BY line_number) AS nth_notice
    FROM fees_statementline
    WHERE statement_id = (SELECT id FROM fees_bankstatement WHERE bank_id = %(bank)s AND statement_date = %(day)s
                          ORDER BY imported_at DESC, id DESC LIMIT 1)
), p AS (
    SELECT p.transaction_id, p.amount, n.number FROM fees_payment p JOIN fees_paymentnotice n ON n.id = p.notice_id
    WHERE p.bank_id = %(bank)s AND p.paid_date = %(day)s
)
SELECT s.line_number, s.nth_transaction, s.nth_notice, s.notice_number, s.amount, p.transaction_id, p.number,
       p.amount, e.number, e.amount, k.id
FROM s FULL JOIN p ON p.transaction_id = s.transaction_id
LEFT JOIN LATERAL (
    SELECT n.number, x.amount FROM fees_payment x JOIN fees_paymentnotice n ON n.id = x.notice_id
    WHERE p.transaction_id IS NULL AND x.bank_id = %(bank)s AND x.transaction_id = s.transaction_id
) e ON true
LEFT JOIN fees_paymentnotice k ON k.number = s.notice_number
WHERE s.line_number IS NULL OR p.transaction_id IS NULL OR s.nth_transaction > 1 OR s.nth_notice > 1
   OR s.notice_number <> p.number OR s.amount <> p.amount
"""


def _kind(row) -> str:
    (
        line,
        nth_transaction,
        nth_notice,
        number,
        amount,
        paid,
        paid_number,
        paid_amount,
        other,
        other_amount,
        known,
    ) = row
    if line is None:
        return MismatchKind.MISSING
    if nth_transaction > 1 or nth_notice > 1:
        return MismatchKind.DUPLICATE
    if paid is None and other is None:
        return MismatchKind.NOT_CONFIRMED if known else MismatchKind.UNKNOWN_NOTICE
    if (paid_number if paid else other) != number:
        return MismatchKind.NOTICE
    return MismatchKind.AMOUNT if (paid_amount if paid else other_amount) != amount else ""


def raw_reconciliation(site_ids, bank_ids, day) -> tuple[dict, list[str]]:
    """The reconciliation's figures and mismatch kinds by hand."""
    params = {"sites": site_ids, "banks": bank_ids, "day": day}
    figures = {name: _fetch(sql, params)[0] for name, sql in FIGURES.items()}
    kinds = []
    for bank_id in bank_ids:
        _fetch(
            "SELECT count(*), sum(amount) FROM fees_payment WHERE bank_id = %s AND paid_date = %s",
            [bank_id, day],
        )
        kinds += [kind for row in _fetch(MISMATCHES, {"bank": bank_id, "day": day}) if (kind := _kind(row))]
    return figures, sorted(kinds)


def main() -> None:
    call_command("migrate", verbosity=0)
    hall = make_hall()
    version = published_item(hall, today=timezone.localdate(), fee_items=TWO_FEES)
    bank = fiscal_setup(hall)
    office = hall["office"]
    started = time.perf_counter()
    support.fill_cases(
        site_id=hall["county"].pk,
        item_id=version.item_id,
        version_id=version.pk,
        department_id=version.item.department_id,
        user_id=hall["clerk"].user_id,
        count=NOTICES,
    )
    _fill_fees(
        site_id=hall["county"].pk,
        department_id=version.item.department_id,
        fee_item_ids=list(version.fee_items.values_list("pk", flat=True)),
        bank_id=bank.pk,
        staff_id=hall["clerk"].pk,
    )
    today = timezone.localdate()
    day = today - timedelta(days=40)
    month = day.replace(day=1)
    start, end, label = selectors.report_period(month=month)
    user = office.user
    _statement(bank, day, office.user)
    support.analyze()
    print(
        f"{NOTICES:,} cases with a notice of two lines (90% paid) written and analyzed"
        f" in {time.perf_counter() - started:.0f} s"
    )
    site_ids = list(site_visible_to(user).values_list("pk", flat=True))
    bank_ids = list(selectors.banks_visible_to(user).order_by("code").values_list("pk", flat=True))

    def report():
        return selectors.fiscal_report(user=user, start=start, end=end, label=label)

    def reconcile():
        return selectors.reconciliation(user=user, on_date=day)

    # The same answers before timing.
    fiscal = report()
    assert raw_report(site_ids, start, end) == {
        (block.name, row.fee_name): (row.count, row.gross, row.waived, row.collected, row.refunded)
        for block in fiscal.departments
        for row in block.rows
    }
    result = reconcile()
    figures, kinds = raw_reconciliation(site_ids, bank_ids, day)
    for name, (count, total) in figures.items():
        figure = getattr(result, name)
        assert (figure.count, figure.total) == (count, (total or Decimal(0)).quantize(Decimal("0.01"))), name
    assert kinds == sorted(m.kind for m in result.mismatches), (kinds, result.mismatches)

    report_reference = support.median_ms(lambda: raw_report(site_ids, start, end))
    month_report = support.median_ms(report)
    reconciliation_reference = support.median_ms(lambda: raw_reconciliation(site_ids, bank_ids, day))
    day_reconciliation = support.median_ms(reconcile)
    kinds_seen = Counter(m.kind for m in result.mismatches)
    print(
        f"database: {connection.vendor}; {label}: {fiscal.total.count:,} fee lines collected"
        f" {fiscal.total.collected:,}; {day}: {result.paid.count:,} payments,"
        f" {len(result.mismatches)} mismatches ({', '.join(sorted(kinds_seen))})"
    )
    print(
        f"fiscal report of the month, raw SQL, same figures (reference)    median {report_reference:8.1f} ms"
    )
    print(
        f"fiscal report of the month                                       median {month_report:8.1f} ms"
        f"  ({month_report / report_reference:.2f}x the reference)"
    )
    print(
        f"reconciliation of the day, raw SQL, same figures and mismatches   median {reconciliation_reference:8.1f} ms"
    )
    print(
        f"reconciliation of the day (with its statement)                   median {day_reconciliation:8.1f} ms"
        f"  ({day_reconciliation / reconciliation_reference:.2f}x the reference)"
    )


if __name__ == "__main__":
    main()
