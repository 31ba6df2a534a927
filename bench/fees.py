"""Fees over a year of a busy hall, on PostgreSQL: the month's fiscal report (by department and fee
item) and a day's reconciliation (figures, each bank against its statement, every mismatch),
against the plainest raw SQL over the same rows measured in the same run: summing the
payments of that month, of that day.

The tables: 1,000,000 decided cases, each with a payment notice of two fee lines issued over the
last 365 days; 90% paid at the bank (a payment row each), 10% outstanding; the bank's statement
for the measured day holds every payment of that day plus three planted mismatches.

    make bench                     # PostgreSQL at 127.0.0.1:5432 (database onewindow_bench_fees)
    BENCH_FEES_DATABASE_URL=... python bench/fees.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

NOTICES = int(os.environ.get("BENCH_FEE_NOTICES", "1000000"))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/onewindow_bench_fees"

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("ONEWINDOW_DEBUG", "0")
os.environ.setdefault("ONEWINDOW_SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("ONEWINDOW_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("ONEWINDOW_VAR_DIR", tempfile.mkdtemp(prefix="onewindow-bench-"))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_FEES_DATABASE_URL", DEFAULT_URL)
os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.config.settings"

from support import fill_cases, median_ms, recreate_database  # noqa: E402

recreate_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from onewindow.cases.tests.factories import published_item  # noqa: E402
from onewindow.fees import selectors, services  # noqa: E402
from onewindow.fees.tests.factories import TWO_FEES, fiscal_setup  # noqa: E402
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
    with connection.cursor() as cursor:
        for table in ("cases_case", "fees_paymentnotice", "fees_noticeline", "fees_payment"):
            cursor.execute(f"VACUUM ANALYZE {table}")


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


def main() -> None:
    call_command("migrate", verbosity=0)
    hall = make_hall()
    version = published_item(hall, today=timezone.localdate(), fee_items=TWO_FEES)
    bank = fiscal_setup(hall)
    office = hall["office"]
    started = time.perf_counter()
    fill_cases(
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
    print(
        f"{NOTICES:,} cases with a notice of two lines (90% paid) written in {time.perf_counter() - started:.0f} s"
    )
    today = timezone.localdate()
    day = today - timedelta(days=40)
    month = day.replace(day=1)
    start, end, label = selectors.report_period(month=month)
    user = office.user
    _statement(bank, day, office.user)

    def raw_sum(first, last):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*), sum(amount) FROM fees_payment WHERE paid_date >= %s AND paid_date < %s",
                    [first, last],
                )
                return cursor.fetchone()

        return run

    def report():
        return selectors.fiscal_report(user=user, start=start, end=end, label=label)

    def reconcile():
        return selectors.reconciliation(user=user, on_date=day)

    month_reference = median_ms(raw_sum(start, end))
    month_report = median_ms(report)
    day_reference = median_ms(raw_sum(day, day + timedelta(days=1)))
    day_reconciliation = median_ms(reconcile)
    result = reconcile()
    print(
        f"database: {connection.vendor}; {label}: {report().total.count:,} fee lines collected"
        f" {report().total.collected:,}; {day}: {result.paid.count:,} payments,"
        f" {len(result.mismatches)} mismatches ({', '.join(sorted({m.kind for m in result.mismatches}))})"
    )
    print(f"sum the month's payments, raw SQL (reference)   median {month_reference:8.1f} ms")
    print(
        f"fiscal report of the month                     median {month_report:8.1f} ms"
        f"  ({month_report / month_reference:.2f}x the reference)"
    )
    print(f"sum the day's payments, raw SQL (reference)     median {day_reference:8.1f} ms")
    print(
        f"reconciliation of the day (with its statement) median {day_reconciliation:8.1f} ms"
        f"  ({day_reconciliation / day_reference:.2f}x the reference)"
    )


if __name__ == "__main__":
    main()
