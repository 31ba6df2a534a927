"""Reading fees: what a case owes, the day's reconciliation against the bank statements, and the
fiscal report by department and fee item. Every read is scoped to the sites the user sees.

Reconciliation compares, bank by bank, the payments confirmed here on a day with the latest
statement the bank sent for it, matching on the bank's transaction id, and lists every mismatch.
The fiscal report counts a notice on its settled date (the day it was paid, or issued when wholly
waived) and a refund on the day it was approved.
"""

from __future__ import annotations

import calendar as month_calendar
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from onewindow.cases.models import Case, Decision
from onewindow.cases.selectors import case_visible_to
from onewindow.common.parsing import BadInput, parse_calendar_date
from onewindow.fees.models import Bank, BankStatement, NoticeLine, Payment, PaymentNotice, Refund
from onewindow.org.selectors import access_for, site_visible_to

ZERO = Decimal("0.00")
FEN = Decimal("0.01")
Status = PaymentNotice.Status


def unpaid_fee_blockers(case: Case) -> list[str]:
    """An approved result is handed over only when its fees are paid or waived
    (cases.services.delivery.DELIVERY_CHECKS)."""
    if case.decision != Decision.APPROVED or not case.version.fee_items.exists():
        return []
    live = live_notice(case)
    if live is None:
        return [_("本事项收费，尚未开具缴款通知书：缴费或减免后方可送达。")]
    if live.status == Status.ISSUED:
        return [
            _("缴款通知书 %(number)s 应缴 %(total)s 元尚未缴款：银行确认缴款后方可送达。")
            % {"number": live.number, "total": live.total}
        ]
    return []


def notice_visible_to_all() -> QuerySet[PaymentNotice]:
    """Every notice with what its record and PDF read. Only for a bank's signed lookup and for
    re-reading a notice already checked."""
    return PaymentNotice.objects.select_related(
        "case", "case__site", "case__version", "department", "site", "issued_by__user", "replaces"
    ).prefetch_related(
        "lines", "payment__bank", "payment__refunds__line", "payment__refunds__requested_by__user"
    )


def notice_visible_to(user) -> QuerySet[PaymentNotice]:
    """Notices of the cases the user sees (an applicant sees their own)."""
    return notice_visible_to_all().filter(case__in=case_visible_to(user))


def notices_of(case: Case) -> list[PaymentNotice]:
    """The case's notices, newest first, with lines, payment and refunds."""
    return list(
        case.payment_notices.select_related(
            "issued_by__user",
            "cancelled_by__user",
            "payment__bank",
            "payment__confirmed_by__user",
            "replaces",
        )
        .prefetch_related(
            "lines", "payment__refunds__requested_by__user", "payment__refunds__decided_by__user"
        )
        .order_by("-issued_at", "-id")
    )


def live_notice(case: Case) -> PaymentNotice | None:
    return case.payment_notices.filter(status__in=PaymentNotice.LIVE_STATUSES).first()


def banks_visible_to(user) -> QuerySet[Bank]:
    return Bank.objects.select_related("site", "window").filter(
        site__in=site_visible_to(user), is_active=True
    )


def payments_visible_to(user) -> QuerySet[Payment]:
    """Payments of the notices the user sees."""
    return Payment.objects.select_related("notice__case").filter(notice__in=notice_visible_to(user))


def refunds_visible_to(user) -> QuerySet[Refund]:
    """Refunds of the cases the user sees; an applicant sees only those approved (a request under
    review or rejected is the hall's internal business)."""
    refunds = Refund.objects.select_related(
        "payment__notice__case", "payment__bank", "line", "requested_by__user", "decided_by__user"
    ).filter(payment__notice__case__in=case_visible_to(user))
    if access_for(user).scope == "none":
        refunds = refunds.filter(status=Refund.Status.APPROVED)
    return refunds


def notice_by_number(user, number: str) -> PaymentNotice | None:
    return notice_visible_to(user).filter(number=(number or "").strip()).first()


def outstanding_notices_visible_to(user) -> QuerySet[PaymentNotice]:
    """The notices waiting at the bank counter: issued, neither paid nor cancelled, at the sites
    the user sees, newest first. Read through the (status, issued date) index: outstanding notices
    are a small, recent slice of all notices ever issued."""
    return (
        PaymentNotice.objects.select_related("case__version", "department")
        .filter(status=Status.ISSUED, site__in=site_visible_to(user))
        .order_by("-issued_date", "-issued_at", "-id")
    )


# Reconciliation ---------------------------------------------------------------------------------


class MismatchKind:
    UNKNOWN_NOTICE = "UNKNOWN_NOTICE"
    NOT_CONFIRMED = "NOT_CONFIRMED"
    AMOUNT = "AMOUNT_MISMATCH"
    NOTICE = "NOTICE_MISMATCH"
    DUPLICATE = "DUPLICATE"
    MISSING = "MISSING_FROM_STATEMENT"
    NO_STATEMENT = "NO_STATEMENT"

    LABELS = {
        UNKNOWN_NOTICE: gettext_lazy("银行已收款，无对应缴款通知书"),
        NOT_CONFIRMED: gettext_lazy("银行已收款，本系统未确认"),
        AMOUNT: gettext_lazy("金额不符"),
        NOTICE: gettext_lazy("缴款通知书号不符"),
        DUPLICATE: gettext_lazy("重复缴款"),
        MISSING: gettext_lazy("本系统已确认，对账单无此笔"),
        NO_STATEMENT: gettext_lazy("未导入对账单"),
    }


@dataclass(frozen=True)
class Mismatch:
    kind: str
    bank: Bank
    transaction_id: str = ""
    notice_number: str = ""
    our_amount: Decimal | None = None
    bank_amount: Decimal | None = None
    line_number: int | None = None

    @property
    def label(self) -> str:
        return str(MismatchKind.LABELS[self.kind])


@dataclass
class BankDay:
    bank: Bank
    statement: BankStatement | None
    payment_count: int = 0
    payment_total: Decimal = ZERO

    @property
    def statement_count(self) -> int:
        return self.statement.line_count if self.statement else 0

    @property
    def statement_total(self) -> Decimal:
        return self.statement.total if self.statement else ZERO


@dataclass
class Figure:
    count: int = 0
    total: Decimal = ZERO


@dataclass
class Reconciliation:
    on_date: date
    issued: Figure
    cancelled: Figure
    waived: Figure
    paid: Figure
    outstanding: Figure
    refunded: Figure
    banks: list[BankDay] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def is_balanced(self) -> bool:
        return not self.mismatches


def _fen(value) -> Decimal:
    """A database sum as yuan to the fen (SQLite gives sums back without their scale)."""
    return (value or ZERO).quantize(FEN)


def _figure(queryset, amount_field: str) -> Figure:
    row = queryset.aggregate(count=Count("id"), total=Sum(amount_field))
    return Figure(count=row["count"], total=_fen(row["total"]))


def outstanding_on(notices: QuerySet[PaymentNotice], on_date: date) -> Figure:
    """Notices issued by the end of `on_date` and neither paid nor cancelled by then: those still
    unpaid, those paid later and those cancelled later. Three index ranges rather than one OR,
    which would read every notice ever issued."""
    issued = notices.filter(issued_date__lte=on_date)
    parts = [
        _figure(issued.filter(status=Status.ISSUED), "total"),
        _figure(
            notices.filter(status=Status.PAID, settled_date__gt=on_date, issued_date__lte=on_date), "total"
        ),
        _figure(issued.filter(status=Status.CANCELLED, cancelled_date__gt=on_date), "total"),
    ]
    return Figure(count=sum(part.count for part in parts), total=sum((part.total for part in parts), ZERO))


def reconciliation(*, user, on_date: date) -> Reconciliation:
    """The day's figures and every mismatch between the payments confirmed here and the banks'
    statements."""
    sites = site_visible_to(user)
    notices = PaymentNotice.objects.filter(site__in=sites)
    issued = notices.filter(issued_date=on_date)
    banks = list(Bank.objects.select_related("site").filter(site__in=sites).order_by("code"))
    payments = Payment.objects.filter(paid_date=on_date, bank__in=banks)
    refunds = Refund.objects.filter(
        status=Refund.Status.APPROVED, decided_date=on_date, payment__notice__site__in=sites
    )
    result = Reconciliation(
        on_date=on_date,
        issued=_figure(issued, "total"),
        cancelled=_figure(notices.filter(cancelled_date=on_date), "total"),
        waived=_figure(issued.filter(status=Status.WAIVED), "waived_amount"),
        paid=_figure(payments, "amount"),
        outstanding=outstanding_on(notices, on_date),
        refunded=_figure(refunds, "amount"),
    )
    for bank in banks:
        day = _bank_day(bank, on_date, result.mismatches)
        if day.statement is not None or day.payment_count or bank.is_active:
            result.banks.append(day)
    return result


def _latest_statement(bank: Bank, on_date: date) -> BankStatement | None:
    return (
        BankStatement.objects.select_related("imported_by__user")
        .filter(bank=bank, statement_date=on_date)
        .order_by("-imported_at", "-id")
        .first()
    )


class _PaymentRow(NamedTuple):
    transaction_id: str
    amount: Decimal
    notice_number: str


def _payment_rows(payments: QuerySet[Payment]) -> list[_PaymentRow]:
    """Just what matching needs: a day holds thousands of payments."""
    return [_PaymentRow(*row) for row in payments.values_list("transaction_id", "amount", "notice__number")]


def _bank_day(bank: Bank, on_date: date, mismatches: list[Mismatch]) -> BankDay:
    payments = {
        row.transaction_id: row for row in _payment_rows(Payment.objects.filter(bank=bank, paid_date=on_date))
    }
    statement = _latest_statement(bank, on_date)
    day = BankDay(
        bank=bank,
        statement=statement,
        payment_count=len(payments),
        payment_total=_fen(sum((payment.amount for payment in payments.values()), ZERO)),
    )
    if statement is None:
        if payments:
            mismatches.append(
                Mismatch(kind=MismatchKind.NO_STATEMENT, bank=bank, our_amount=day.payment_total)
            )
        return day
    lines = list(statement.lines.all())
    notice_numbers = {line.notice_number for line in lines}
    known = dict(PaymentNotice.objects.filter(number__in=notice_numbers).values_list("number", "total"))
    # A transaction our records hold under another day still counts as confirmed here.
    elsewhere = {
        row.transaction_id: row
        for row in _payment_rows(
            Payment.objects.filter(
                bank=bank, transaction_id__in=[line.transaction_id for line in lines]
            ).exclude(paid_date=on_date)
        )
    }
    seen_transactions: set[str] = set()
    per_notice = Counter()
    for line in lines:
        base = {
            "bank": bank,
            "transaction_id": line.transaction_id,
            "notice_number": line.notice_number,
            "bank_amount": line.amount,
            "line_number": line.line_number,
        }
        if line.transaction_id in seen_transactions:
            mismatches.append(Mismatch(kind=MismatchKind.DUPLICATE, **base))
            continue
        seen_transactions.add(line.transaction_id)
        per_notice[line.notice_number] += 1
        if per_notice[line.notice_number] > 1:
            mismatches.append(
                Mismatch(kind=MismatchKind.DUPLICATE, our_amount=known.get(line.notice_number), **base)
            )
            continue
        payment = payments.get(line.transaction_id) or elsewhere.get(line.transaction_id)
        if payment is None:
            kind = MismatchKind.NOT_CONFIRMED if line.notice_number in known else MismatchKind.UNKNOWN_NOTICE
            mismatches.append(Mismatch(kind=kind, our_amount=known.get(line.notice_number), **base))
        elif payment.notice_number != line.notice_number:
            mismatches.append(Mismatch(kind=MismatchKind.NOTICE, our_amount=payment.amount, **base))
        elif payment.amount != line.amount:
            mismatches.append(Mismatch(kind=MismatchKind.AMOUNT, our_amount=payment.amount, **base))
    for transaction_id, payment in payments.items():
        if transaction_id not in seen_transactions:
            mismatches.append(
                Mismatch(
                    kind=MismatchKind.MISSING,
                    bank=bank,
                    transaction_id=transaction_id,
                    notice_number=payment.notice_number,
                    our_amount=payment.amount,
                )
            )
    return day


# Fiscal report ---------------------------------------------------------------------------------


@dataclass
class ReportRow:
    department: str
    fee_name: str
    count: int = 0
    gross: Decimal = ZERO
    waived: Decimal = ZERO
    collected: Decimal = ZERO
    refunded: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.collected - self.refunded

    def add(self, other: ReportRow) -> None:
        self.count += other.count
        self.gross += other.gross
        self.waived += other.waived
        self.collected += other.collected
        self.refunded += other.refunded


@dataclass
class DepartmentBlock:
    name: str
    rows: list[ReportRow]
    subtotal: ReportRow


@dataclass
class FiscalReport:
    start: date
    end: date  # exclusive
    label: str
    departments: list[DepartmentBlock]
    total: ReportRow


def report_period(*, on_date: date | None = None, month: date | None = None) -> tuple[date, date, str]:
    """[start, end) and a label for a day or a calendar month."""
    if month is not None:
        start = month.replace(day=1)
        days = month_calendar.monthrange(start.year, start.month)[1]
        return (
            start,
            start + timedelta(days=days),
            _("%(year)s年%(month)s月")
            % {
                "year": start.year,
                "month": start.month,
            },
        )
    return on_date, on_date + timedelta(days=1), on_date.isoformat()


def report_period_from(
    *, month_text: str | None, date_text: str | None, today: date
) -> tuple[date, date, str]:
    """The period a query asks for: `month=YYYY-MM`, else `date=YYYY-MM-DD`, else today.
    Raises BadInput."""
    month_text = (month_text or "").strip()
    if month_text:
        try:
            first = parse_calendar_date(f"{month_text}-01", label=_("月份"))
        except BadInput:
            raise BadInput(_("月份“%(month)s”应为 YYYY-MM。") % {"month": month_text}) from None
        return report_period(month=first)
    return report_period(on_date=parse_calendar_date(date_text or today.isoformat(), label=_("日期")))


def fiscal_report(*, user, start: date, end: date, label: str) -> FiscalReport:
    """Amounts billed, waived, collected and refunded, by department (执收单位) and fee item."""
    sites = site_visible_to(user)
    lines = (
        NoticeLine.objects.filter(
            notice__site__in=sites,
            notice__status__in=PaymentNotice.SETTLED_STATUSES,
            notice__settled_date__gte=start,
            notice__settled_date__lt=end,
        )
        .values("notice__department__name", "name")
        .annotate(
            count=Count("id"), gross=Sum("amount"), waived=Sum("waived_amount"), collected=Sum("amount_due")
        )
    )
    refunds = (
        Refund.objects.filter(
            status=Refund.Status.APPROVED,
            decided_date__gte=start,
            decided_date__lt=end,
            payment__notice__site__in=sites,
        )
        .values("payment__notice__department__name", "line__name")
        .annotate(refunded=Sum("amount"))
    )
    rows: dict[tuple[str, str], ReportRow] = {}
    for line in lines:
        key = (line["notice__department__name"], line["name"])
        rows[key] = ReportRow(
            department=key[0],
            fee_name=key[1],
            count=line["count"],
            gross=_fen(line["gross"]),
            waived=_fen(line["waived"]),
            collected=_fen(line["collected"]),
        )
    for refund in refunds:
        key = (refund["payment__notice__department__name"], refund["line__name"])
        rows.setdefault(key, ReportRow(department=key[0], fee_name=key[1])).refunded += _fen(
            refund["refunded"]
        )
    by_department: dict[str, list[ReportRow]] = defaultdict(list)
    for key in sorted(rows):
        by_department[key[0]].append(rows[key])
    total = ReportRow(department=_("合计"), fee_name="")
    blocks = []
    for name, department_rows in by_department.items():
        subtotal = ReportRow(department=name, fee_name=_("小计"))
        for row in department_rows:
            subtotal.add(row)
        total.add(subtotal)
        blocks.append(DepartmentBlock(name=name, rows=department_rows, subtotal=subtotal))
    return FiscalReport(start=start, end=end, label=label, departments=blocks, total=total)
