"""Writing fees: bill a case (payment notice), cancel and reissue, confirm a bank payment, refund,
import a bank statement.

Each service is one transaction. **Lock order** (docs/adr/0010): every service that touches a
case and its fees locks the case row first, then the payment notice, then the payment, then the
refund — never the other way round, so two clerks (or a clerk and the bank) acting on one case
queue instead of deadlocking. Billing and cancelling lock the case and check their move in
`cases.workflow`; confirming a payment locks the case, then the notice, so twenty confirmations of
one notice queue and exactly one payment is recorded. Issuing and confirming are safe to retry: the
same notice for the same fees, the same bank transaction, give back what the first call made.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases.models import Case, CaseEvent, Decision
from onewindow.cases.services import notify_applicant, site_code
from onewindow.cases.transitions import (
    case_check_move,
    case_event_append,
    case_lock,
    local_date,
)
from onewindow.catalog.models import FeeItem
from onewindow.common import numbering
from onewindow.common.api import DomainError, NotAllowed
from onewindow.fees import calculation, permissions, selectors, statements
from onewindow.fees.calculation import FeeInputError, Standard
from onewindow.fees.models import (
    Bank,
    BankStatement,
    FeeEvent,
    FiscalAccount,
    NoticeLine,
    Payment,
    PaymentNotice,
    Refund,
    StatementLine,
)
from onewindow.org.models import Staff
from onewindow.org.selectors import access_for

Action = CaseEvent.Action
Status = PaymentNotice.Status

#: A bank's clock may run a little ahead of ours; a payment further in the future is refused.
CLOCK_SKEW = timedelta(minutes=5)


class FeeError(DomainError):
    code = "fee_invalid"


class NoticeExists(DomainError):
    code = "notice_exists"
    status_code = 409


class UnknownNotice(DomainError):
    code = "unknown_notice"
    status_code = 404


class NoticeNotPayable(DomainError):
    code = "notice_not_payable"
    status_code = 409


class AlreadyPaid(DomainError):
    code = "already_paid"
    status_code = 409


class AmountMismatch(DomainError):
    code = "amount_mismatch"
    status_code = 422


class TransactionConflict(DomainError):
    """The bank transaction id is already recorded for another notice or another amount."""

    code = "transaction_conflict"
    status_code = 409


class RefundTooLarge(DomainError):
    code = "refund_exceeds_balance"


class WrongRefundState(DomainError):
    code = "refund_wrong_state"
    status_code = 409


def _fee_input_message(error: FeeInputError) -> str:
    labels = {"quantity": _("数量"), "unit_price": _("适用标准"), "waived_amount": _("减免金额")}
    params = {**error.params, "label": labels.get(error.params.get("label"), error.params.get("label", ""))}
    messages = {
        "not_a_number": _("%(label)s须为数字。"),
        "too_precise": _("%(label)s最多保留两位小数（到分）。"),
        "quantity_required": _("须填写数量（%(unit)s）。"),
        "quantity_not_positive": _("数量须大于0。"),
        "quantity_not_whole": _("定额收费的数量须为整数。"),
        "quantity_is_one": _("本项按次收取，数量为1。"),
        "price_required": _("区间收费须在 %(low)s–%(high)s 元之间选定适用标准。"),
        "price_out_of_range": _("适用标准 %(price)s 元不在 %(low)s–%(high)s 元之间。"),
        "unknown_kind": _("未知的计费方式：%(kind)s。"),
        "amount_too_large": _("金额超出上限。"),
        "not_waivable": _("本收费项目依法不得减免。"),
        "waiver_out_of_range": _("减免金额须在 0–%(amount)s 元之间。"),
    }
    return messages[error.code] % params


def money(value, *, field: str, label: str) -> Decimal | None:
    """A yuan amount from input (str or Decimal, at most two decimals), or None when empty.
    Raises ValidationError naming `field`."""
    try:
        return calculation.decimal_or_error(value, field=field, label=label)
    except FeeInputError as error:
        raise ValidationError({field: [_fee_input_message(error)]}) from None


# Calculation ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeeChoice:
    """The clerk's choice for one fee item of the case: quantity, the rate within a range, and a
    waiver with its reason."""

    fee_item_id: int
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    waived_amount: Decimal | None = None
    waiver_reason: str = ""


@dataclass(frozen=True)
class QuoteLine:
    fee_item: FeeItem
    quantity: Decimal
    unit_price: Decimal | None
    amount: Decimal
    waived_amount: Decimal
    amount_due: Decimal
    waiver_reason: str


@dataclass(frozen=True)
class Quote:
    lines: list[QuoteLine]

    @property
    def gross_amount(self) -> Decimal:
        return sum((line.amount for line in self.lines), calculation.ZERO)

    @property
    def waived_amount(self) -> Decimal:
        return sum((line.waived_amount for line in self.lines), calculation.ZERO)

    @property
    def total(self) -> Decimal:
        return sum((line.amount_due for line in self.lines), calculation.ZERO)

    def fingerprint(self) -> str:
        rows = [
            [
                line.fee_item.pk,
                str(line.quantity),
                str(line.unit_price),
                str(line.waived_amount),
                line.waiver_reason,
            ]
            for line in self.lines
        ]
        return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def standard_of(item: FeeItem) -> Standard:
    return Standard(
        kind=item.kind,
        amount=item.amount,
        unit=item.unit,
        amount_min=item.amount_min,
        amount_max=item.amount_max,
        tiers=tuple((tier.get("up_to"), Decimal(str(tier["amount"]))) for tier in item.tiers or []),
        is_waivable=item.is_waivable,
    )


def fee_quote(*, case: Case, choices: list[FeeChoice]) -> Quote:
    """The amounts of the chosen fee items of the case's item version, to the fen.
    Raises ValidationError listing every problem, each naming its fee item."""
    items = {item.pk: item for item in case.version.fee_items.all()}
    if not items:
        raise ValidationError({"lines": [_("本事项不收费。")]})
    if not choices:
        raise ValidationError({"lines": [_("请至少选择一个收费项目。")]})
    problems: list[str] = []
    lines: list[QuoteLine] = []
    seen: set[int] = set()
    for choice in choices:
        item = items.get(choice.fee_item_id)
        if item is None:
            problems.append(_("收费项目 %(id)s 不属于本办件适用的事项版本。") % {"id": choice.fee_item_id})
            continue
        if item.pk in seen:
            problems.append(_("收费项目“%(name)s”重复。") % {"name": item.name})
            continue
        seen.add(item.pk)
        reason = (choice.waiver_reason or "").strip()
        try:
            computed = calculation.line_amount(
                standard_of(item),
                quantity=choice.quantity,
                unit_price=choice.unit_price,
                waived_amount=choice.waived_amount,
            )
        except FeeInputError as error:
            problems.append(f"{item.name}：{_fee_input_message(error)}")
            continue
        if computed.waived_amount and not reason:
            problems.append(f"{item.name}：{_('减免须写明理由。')}")
            continue
        lines.append(
            QuoteLine(
                fee_item=item,
                quantity=computed.quantity,
                unit_price=computed.unit_price,
                amount=computed.amount,
                waived_amount=computed.waived_amount,
                amount_due=computed.amount_due,
                waiver_reason=reason[:300] if computed.waived_amount else "",
            )
        )
    if problems:
        raise ValidationError({"lines": problems})
    lines.sort(key=lambda line: (line.fee_item.sort_order, line.fee_item.pk))
    return Quote(lines=lines)


# Payment notice -------------------------------------------------------------------------------


def fiscal_account_for(case: Case) -> FiscalAccount:
    """The fiscal account of the case's site, or of the nearest site above it. Raises FeeError."""
    paths = case.site.lineage_paths
    accounts = {
        account.site.path: account
        for account in FiscalAccount.objects.select_related("site").filter(
            is_active=True, site__path__in=paths
        )
    }
    for path in reversed(paths):
        if path in accounts:
            return accounts[path]
    raise FeeError(_("%(site)s 尚未设置财政非税收入专户，不能开具缴款通知书。") % {"site": case.site.name})


def _staff(user) -> Staff:
    staff = access_for(user).staff
    if staff is None:
        raise NotAllowed(_("只有在岗工作人员可以办理收费。"))
    return staff


def payment_notice_issue(
    *, case: Case, user, at: datetime, choices: list[FeeChoice]
) -> tuple[PaymentNotice, bool]:
    """Bill the case: one notice listing every chosen fee, payable into the fiscal account. A
    notice whose fees all are waived is settled at once. Sending the same fees again returns the
    notice already issued (created False). Raises NotAllowed, WrongState, NoticeExists, FeeError,
    ValidationError."""
    if not permissions.can_bill(user, case):
        raise NotAllowed(_("只有窗口人员或牵头部门首席代表可以开具缴款通知书。"))
    staff = _staff(user)
    quote = fee_quote(case=case, choices=choices)
    fingerprint = quote.fingerprint()
    with transaction.atomic():
        locked = case_lock(case)
        case_check_move(locked, FeeEvent.FEE_NOTICE)
        if locked.decision == Decision.DENIED:
            raise FeeError(_("不予许可的办件不收费。"))
        live = selectors.live_notice(locked)
        if live is not None:
            if live.fingerprint == fingerprint:
                return live, False
            raise NoticeExists(
                _("办件已有缴款通知书 %(number)s（%(status)s）：如需更改，请先作废再重开。")
                % {"number": live.number, "status": live.get_status_display()}
            )
        account = fiscal_account_for(locked)
        on_date = local_date(at)
        sequence = numbering.next_number(
            series=numbering.PAYMENT_NOTICE, site=locked.site, period=on_date.year
        )
        is_waived = quote.total == 0
        notice = PaymentNotice.objects.create(
            number=f"{site_code(locked.site)}{on_date.year}{sequence:07d}",
            case=locked,
            site=locked.site,
            department=locked.department,
            status=Status.WAIVED if is_waived else Status.ISSUED,
            payer_name=locked.applicant_name,
            gross_amount=quote.gross_amount,
            waived_amount=quote.waived_amount,
            total=quote.total,
            payee_name=account.payee_name,
            payee_account=account.account_number,
            payee_bank=account.bank_name,
            issued_at=at,
            issued_date=on_date,
            issued_by=staff,
            settled_date=on_date if is_waived else None,
            replaces=locked.payment_notices.filter(status=Status.CANCELLED)
            .order_by("-issued_at", "-id")
            .first(),
            fingerprint=fingerprint,
        )
        NoticeLine.objects.bulk_create(
            NoticeLine(
                notice=notice,
                fee_item=line.fee_item,
                sort_order=index,
                name=line.fee_item.name,
                standard=str(line.fee_item.standard_text)[:300],
                legal_basis=line.fee_item.legal_basis,
                unit=line.fee_item.unit,
                quantity=line.quantity,
                unit_price=line.unit_price,
                amount=line.amount,
                waived_amount=line.waived_amount,
                waiver_basis=line.fee_item.waiver_basis if line.waived_amount else "",
                waiver_reason=line.waiver_reason,
                amount_due=line.amount_due,
            )
            for index, line in enumerate(quote.lines, start=1)
        )
        if notice.waived_amount:
            comment = _("缴款通知书 %(number)s：应收 %(gross)s 元，减免 %(waived)s 元，应缴 %(total)s 元") % {
                "number": notice.number,
                "gross": notice.gross_amount,
                "waived": notice.waived_amount,
                "total": notice.total,
            }
        else:
            comment = _("缴款通知书 %(number)s：应缴 %(total)s 元") % {
                "number": notice.number,
                "total": notice.total,
            }
        case_event_append(locked, FeeEvent.FEE_NOTICE, at=at, user=user, comment=comment)
        if not is_waived:
            notify_applicant(
                locked,
                subject=_("缴费通知"),
                body=_(
                    "您的办件 %(reference)s 应缴费 %(total)s 元，缴款通知书号 %(number)s。"
                    "请凭通知书到大厅银行收费窗口或网上缴费，缴费后方可领取办理结果。"
                )
                % {"reference": locked.reference, "total": notice.total, "number": notice.number},
                at=at,
            )
    return notice, True


def payment_notice_cancel(*, notice: PaymentNotice, user, at: datetime, reason: str) -> PaymentNotice:
    """Cancel (作废) an unpaid notice, keeping it in the history, so that a new one can be issued.
    A paid notice is not cancelled: overpaid fees are refunded. Raises NotAllowed, WrongState,
    FeeError."""
    case = notice.case
    if not permissions.can_bill(user, case):
        raise NotAllowed(_("只有窗口人员或牵头部门首席代表可以作废缴款通知书。"))
    staff = _staff(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("须写明作废原因。")]})
    with transaction.atomic():
        locked_case = case_lock(case)
        case_check_move(locked_case, FeeEvent.FEE_NOTICE_CANCELLED)
        locked = PaymentNotice.objects.select_for_update().get(pk=notice.pk)
        if locked.status == Status.PAID:
            raise FeeError(
                _("缴款通知书 %(number)s 已缴款，不能作废；多缴或误缴的请办理退款。")
                % {"number": locked.number}
            )
        if locked.status == Status.CANCELLED:
            raise FeeError(_("缴款通知书 %(number)s 已作废。") % {"number": locked.number})
        locked.status = Status.CANCELLED
        locked.cancelled_at = at
        locked.cancelled_date = local_date(at)
        locked.cancelled_by = staff
        locked.cancel_reason = reason[:300]
        locked.settled_date = None
        locked.save(
            update_fields=[
                "status",
                "cancelled_at",
                "cancelled_date",
                "cancelled_by",
                "cancel_reason",
                "settled_date",
            ]
        )
        case_event_append(
            locked_case,
            FeeEvent.FEE_NOTICE_CANCELLED,
            at=at,
            user=user,
            comment=_("缴款通知书 %(number)s 作废：%(reason)s")
            % {"number": locked.number, "reason": locked.cancel_reason},
        )
    return locked


# Bank confirmation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class BankConfirmation:
    """What the bank reports: which notice, its own transaction id, the amount and when."""

    notice_number: str
    transaction_id: str
    amount: Decimal
    paid_at: datetime
    payer_name: str = ""


def _clean_confirmation(confirmation: BankConfirmation, *, at: datetime) -> BankConfirmation:
    errors: dict[str, list[str]] = {}
    number = (confirmation.notice_number or "").strip()
    transaction_id = (confirmation.transaction_id or "").strip()
    if not number:
        errors["notice_number"] = [_("须填写缴款通知书号。")]
    if not transaction_id or len(transaction_id) > 64:
        errors["transaction_id"] = [_("须填写银行交易流水号（不超过64位）。")]
    amount = confirmation.amount
    if amount is None or amount <= 0:
        errors["amount"] = [_("缴款金额须大于0。")]
    if confirmation.paid_at is None:
        errors["paid_at"] = [_("须填写缴款时间。")]
    elif confirmation.paid_at > at + CLOCK_SKEW:
        errors["paid_at"] = [_("缴款时间晚于当前时间。")]
    if errors:
        raise ValidationError(errors)
    return BankConfirmation(
        notice_number=number,
        transaction_id=transaction_id,
        amount=amount,
        paid_at=confirmation.paid_at,
        payer_name=(confirmation.payer_name or "").strip()[:200],
    )


def _same_payment(payment: Payment, confirmation: BankConfirmation) -> Payment:
    """The payment already recorded for this bank transaction, if it is the same payment."""
    if payment.notice.number != confirmation.notice_number or payment.amount != confirmation.amount:
        raise TransactionConflict(
            _("银行交易流水号 %(transaction)s 已用于缴款通知书 %(number)s（%(amount)s 元），与本次确认不符。")
            % {
                "transaction": payment.transaction_id,
                "number": payment.notice.number,
                "amount": payment.amount,
            }
        )
    return payment


def payment_confirm(
    *,
    bank: Bank,
    confirmation: BankConfirmation,
    at: datetime,
    channel: str,
    user=None,
) -> tuple[Payment, bool]:
    """Record the bank's confirmation of a notice's payment. The same transaction confirmed again
    returns the payment already recorded (created False): it counts once. Raises NotAllowed,
    UnknownNotice, NoticeNotPayable, AlreadyPaid, AmountMismatch, TransactionConflict,
    ValidationError."""
    staff = None
    if channel == Payment.Channel.COUNTER:
        if not permissions.can_confirm_at_counter(user, bank):
            raise NotAllowed(_("只有大厅银行收费窗口人员可以确认缴款。"))
        staff = _staff(user)
    if not bank.is_active:
        raise NotAllowed(_("银行 %(bank)s 已停用。") % {"bank": bank.name})
    confirmation = _clean_confirmation(confirmation, at=at)
    existing = Payment.objects.select_related("notice").filter(
        bank=bank, transaction_id=confirmation.transaction_id
    )
    if payment := existing.first():
        return _same_payment(payment, confirmation), False
    try:
        with transaction.atomic():
            return _record_payment(bank, confirmation, at=at, channel=channel, user=user, staff=staff)
    except IntegrityError:
        # A concurrent confirmation of the same transaction for another notice won the race.
        if payment := existing.first():
            return _same_payment(payment, confirmation), False
        raise


def _locked_notice(number: str) -> PaymentNotice | None:
    """The notice with this number, locked in the documented order: its case's row, then its own
    (the case is locked by id first, then the notice re-read under its lock)."""
    case_id = PaymentNotice.objects.filter(number=number).values_list("case_id", flat=True).first()
    if case_id is None:
        return None
    case = case_lock(case_id)
    notice = PaymentNotice.objects.select_for_update(of=("self",)).get(number=number)
    notice.case = case
    return notice


def _record_payment(
    bank, confirmation: BankConfirmation, *, at, channel, user, staff
) -> tuple[Payment, bool]:
    """Under the case's and then the notice's lock: the payment, and whether this call recorded it
    (False when a concurrent retry of the same transaction got there first)."""
    notice = _locked_notice(confirmation.notice_number)
    if notice is None:
        raise UnknownNotice(
            _("没有缴款通知书号为 %(number)s 的通知书。") % {"number": confirmation.notice_number}
        )
    if notice.status == Status.PAID:
        paid = Payment.objects.select_related("notice").get(notice=notice)
        if paid.bank_id == bank.pk and paid.transaction_id == confirmation.transaction_id:
            return _same_payment(paid, confirmation), False
        raise AlreadyPaid(
            _("缴款通知书 %(number)s 已于 %(at)s 缴款（流水号 %(transaction)s），不能重复缴款。")
            % {
                "number": notice.number,
                "at": f"{timezone.localtime(paid.paid_at):%Y-%m-%d %H:%M}",
                "transaction": paid.transaction_id,
            }
        )
    if notice.status == Status.CANCELLED:
        replacement = notice.replaced_by.order_by("-issued_at").first()
        raise NoticeNotPayable(
            _("缴款通知书 %(number)s 已作废%(replacement)s，不能缴款。")
            % {
                "number": notice.number,
                "replacement": _("，请按新开具的 %(new)s 缴款") % {"new": replacement.number}
                if replacement
                else "",
            }
        )
    if notice.status == Status.WAIVED:
        raise NoticeNotPayable(_("缴款通知书 %(number)s 已全额减免，无需缴款。") % {"number": notice.number})
    if confirmation.paid_at < notice.issued_at:
        # Booking it on a day before the notice existed would change a day already reconciled.
        raise ValidationError(
            {
                "paid_at": [
                    _("缴款时间 %(paid)s 早于缴款通知书 %(number)s 的开具时间 %(issued)s，请核对。")
                    % {
                        "paid": f"{timezone.localtime(confirmation.paid_at):%Y-%m-%d %H:%M}",
                        "number": notice.number,
                        "issued": f"{timezone.localtime(notice.issued_at):%Y-%m-%d %H:%M}",
                    }
                ]
            }
        )
    if confirmation.amount != notice.total:
        raise AmountMismatch(
            _("缴款金额 %(amount)s 元与缴款通知书 %(number)s 应缴金额 %(total)s 元不符。")
            % {"amount": confirmation.amount, "number": notice.number, "total": notice.total}
        )
    paid_date = local_date(confirmation.paid_at)
    payment = Payment.objects.create(
        notice=notice,
        bank=bank,
        transaction_id=confirmation.transaction_id,
        amount=confirmation.amount,
        payer_name=confirmation.payer_name or notice.payer_name,
        paid_at=confirmation.paid_at,
        paid_date=paid_date,
        channel=channel,
        confirmed_at=at,
        confirmed_by=staff,
    )
    notice.status = Status.PAID
    notice.settled_date = paid_date
    notice.save(update_fields=["status", "settled_date"])
    case = notice.case
    case_event_append(
        case,
        FeeEvent.PAID,
        at=at,
        user=user if staff else None,
        comment=_("%(bank)s 确认缴款 %(amount)s 元（缴款通知书 %(number)s，流水号 %(transaction)s）")
        % {
            "bank": bank.name,
            "amount": payment.amount,
            "number": notice.number,
            "transaction": payment.transaction_id,
        },
    )
    notify_applicant(
        case,
        subject=_("缴费成功"),
        body=_("您的办件 %(reference)s 已缴费 %(amount)s 元（缴款通知书 %(number)s）。")
        % {"reference": case.reference, "amount": payment.amount, "number": notice.number},
        at=at,
    )
    return payment, True


# Refunds ---------------------------------------------------------------------------------------


def _line_refundable(line: NoticeLine) -> Decimal:
    """What is left to refund on a line: its amount paid less refunds approved or awaiting approval."""
    taken = line.refunds.exclude(status=Refund.Status.REJECTED).aggregate(total=Sum("amount"))["total"]
    return line.amount_due - (taken or calculation.ZERO)


def refund_request(*, payment: Payment, line_id: int, user, at: datetime, amount, reason: str) -> Refund:
    """Ask to refund part or all of one paid fee line. The amounts asked and approved never exceed
    what was paid on the line. Raises NotAllowed, RefundTooLarge, ValidationError."""
    case = payment.notice.case
    if not permissions.can_request_refund(user, case):
        raise NotAllowed(_("只有窗口人员或收费窗口可以申请退款。"))
    staff = _staff(user)
    amount = money(amount, field="amount", label=_("退款金额"))
    reason = (reason or "").strip()
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = [_("退款金额须大于0。")]
    if not reason:
        errors["reason"] = [_("须写明退款理由。")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case_lock(case)  # the documented order: case, then payment
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        line = NoticeLine.objects.filter(pk=line_id, notice_id=locked.notice_id).first()
        if line is None:
            raise ValidationError({"line": [_("该收费明细不属于这笔缴款。")]})
        available = _line_refundable(line)
        if amount > available:
            raise RefundTooLarge(
                _(
                    "“%(name)s”可退金额为 %(available)s 元（已缴 %(paid)s 元，已退或待批 %(taken)s 元），不能退 %(amount)s 元。"
                )
                % {
                    "name": line.name,
                    "available": available,
                    "paid": line.amount_due,
                    "taken": line.amount_due - available,
                    "amount": amount,
                }
            )
        refund = Refund.objects.create(
            payment=locked, line=line, amount=amount, reason=reason[:300], requested_at=at, requested_by=staff
        )
        case_event_append(
            case,
            FeeEvent.REFUND_REQUESTED,
            at=at,
            user=user,
            comment=_("“%(name)s”申请退款 %(amount)s 元：%(reason)s")
            % {"name": line.name, "amount": amount, "reason": refund.reason},
            is_public=False,
        )
    return refund


def refund_decide(*, refund: Refund, user, at: datetime, approve: bool, note: str = "") -> Refund:
    """The center office approves (退付) or rejects a refund. Raises NotAllowed,
    WrongRefundState, RefundTooLarge."""
    if not permissions.can_approve_refund(user, refund):
        raise NotAllowed(_("退款须由中心办公室审批，且申请人不能审批自己的申请。"))
    staff = _staff(user)
    note = (note or "").strip()[:300]
    if not approve and not note:
        raise ValidationError({"note": [_("驳回须写明理由。")]})
    with transaction.atomic():
        case_id = Payment.objects.filter(pk=refund.payment_id).values_list("notice__case_id", flat=True).get()
        case = case_lock(case_id)  # the documented order: case, then payment, then refund
        payment = Payment.objects.select_for_update().get(pk=refund.payment_id)
        locked = Refund.objects.select_for_update().select_related("line").get(pk=refund.pk)
        if locked.status != Refund.Status.REQUESTED:
            raise WrongRefundState(_("该退款申请%(status)s。") % {"status": locked.get_status_display()})
        if approve:
            if payment.refunded_amount + locked.amount > payment.amount:
                raise RefundTooLarge(_("退款后余额将为负数，不能批准。"))
            payment.refunded_amount += locked.amount
            payment.save(update_fields=["refunded_amount"])
        locked.status = Refund.Status.APPROVED if approve else Refund.Status.REJECTED
        locked.decided_at = at
        locked.decided_date = local_date(at)
        locked.decided_by = staff
        locked.decision_note = note
        locked.save(update_fields=["status", "decided_at", "decided_date", "decided_by", "decision_note"])
        case_event_append(
            case,
            FeeEvent.REFUNDED if approve else FeeEvent.REFUND_REJECTED,
            at=at,
            user=user,
            comment=_("“%(name)s”退款 %(amount)s 元%(note)s")
            % {"name": locked.line.name, "amount": locked.amount, "note": f"：{note}" if note else ""},
            is_public=approve,
        )
        if approve:
            notify_applicant(
                case,
                subject=_("退款通知"),
                body=_("您的办件 %(reference)s 已批准退款 %(amount)s 元，款项将由财政专户原路退回。")
                % {"reference": case.reference, "amount": locked.amount},
                at=at,
            )
    return locked


# Bank statements -------------------------------------------------------------------------------


def statement_import(
    *, bank: Bank, statement_date, content: bytes, file_name: str, user, at: datetime
) -> tuple[BankStatement, bool]:
    """Import the bank's statement of one day (CSV). The whole file is checked first: one bad row
    and nothing is imported, every problem is listed with its line. The same file again returns
    the statement already imported (created False); a different file for the same bank and day
    becomes the one reconciled. Raises NotAllowed, ValidationError."""
    if not permissions.can_import_statement(user, bank):
        raise NotAllowed(_("只有收费人员或中心办公室可以导入对账单。"))
    staff = _staff(user)
    rows = statements.parse(content, statement_date=statement_date)
    digest = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        latest = (
            BankStatement.objects.select_for_update()
            .filter(bank=bank, statement_date=statement_date)
            .order_by("-imported_at", "-id")
            .first()
        )
        if latest is not None and latest.sha256 == digest:
            return latest, False
        statement = BankStatement.objects.create(
            bank=bank,
            statement_date=statement_date,
            file_name=(file_name or "")[:200],
            sha256=digest,
            line_count=len(rows),
            total=sum((row.amount for row in rows), calculation.ZERO),
            imported_at=at,
            imported_by=staff,
        )
        StatementLine.objects.bulk_create(
            StatementLine(
                statement=statement,
                line_number=row.line_number,
                transaction_id=row.transaction_id,
                notice_number=row.notice_number,
                amount=row.amount,
                paid_at=row.paid_at,
                payer_name=row.payer_name,
            )
            for row in rows
        )
    return statement, True
