"""Fees (统一收费 · 票款分离): the window bills, the bank collects, the fiscal account keeps.

A case's fees are billed on one payment notice (缴款通知书) listing each fee item of the case's
item version with its amount and any waiver; the bank confirms the payment against the notice
number (at its counter in the hall, or through the signed API); refunds are recorded against a
line of the payment; each day the bank's statement is imported and matched against the
confirmations. Notices, payments, refunds and statement lines are inserted, never rewritten,
except for the status and the denormalised refunded total kept in the same transaction.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from onewindow.cases.models import Case
from onewindow.catalog.models import FeeItem
from onewindow.org.models import Department, Site, Staff, Window

ZERO = Decimal("0.00")
HALF_FEN = Decimal("0.005")


def _money(verbose_name, **options):
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **options)


class FeeEvent(models.TextChoices):
    """What fees write on a case's timeline (registered with cases.events in FeesConfig.ready)."""

    FEE_NOTICE = "FEE_NOTICE", _("开具缴款通知书")
    FEE_NOTICE_CANCELLED = "FEE_CANCELLED", _("作废缴款通知书")
    PAID = "PAID", _("银行确认缴款")
    REFUND_REQUESTED = "REFUND_ASKED", _("申请退款")
    REFUNDED = "REFUNDED", _("批准退款")
    REFUND_REJECTED = "REFUND_REJECTED", _("驳回退款")


class FiscalAccount(models.Model):
    """The fiscal non-tax revenue account (财政非税收入专户) a site's fees are paid into."""

    site = models.ForeignKey(
        Site, verbose_name=_("中心"), on_delete=models.PROTECT, related_name="fiscal_accounts"
    )
    payee_name = models.CharField(_("收款人全称"), max_length=100)
    account_number = models.CharField(_("账号"), max_length=40)
    bank_name = models.CharField(_("开户银行"), max_length=100)
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("财政专户")
        verbose_name_plural = _("财政专户")
        constraints = [
            models.UniqueConstraint(
                fields=["site"], condition=Q(is_active=True), name="fiscal_account_one_active_per_site"
            )
        ]

    def __str__(self) -> str:
        return f"{self.payee_name} {self.account_number}"


class Bank(models.Model):
    """A collecting bank (代收银行): its counter in the hall, and its API credentials. The
    shared secret signs the bank's API calls (HMAC-SHA256); it must be readable to verify them,
    so it is stored as given and never shown again after it is set."""

    code = models.SlugField(_("银行代码"), max_length=20, unique=True)
    name = models.CharField(_("银行名称"), max_length=100)
    site = models.ForeignKey(Site, verbose_name=_("所在中心"), on_delete=models.PROTECT, related_name="banks")
    window = models.ForeignKey(
        Window, verbose_name=_("收费窗口"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    api_secret = models.CharField(_("接口密钥"), max_length=128, blank=True, help_text=_("空为不开通接口"))
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        verbose_name = _("代收银行")
        verbose_name_plural = _("代收银行")
        ordering = ["site_id", "code"]

    def __str__(self) -> str:
        return self.name


class PaymentNotice(models.Model):
    """缴款通知书: every fee of one case on one notice, with the payee's fiscal account."""

    class Status(models.TextChoices):
        ISSUED = "ISSUED", _("待缴款")
        PAID = "PAID", _("已缴款")
        WAIVED = "WAIVED", _("已全额减免")
        CANCELLED = "CANCELLED", _("已作废")

    #: A case has at most one notice in these statuses; a cancelled one may be reissued.
    LIVE_STATUSES = (Status.ISSUED, Status.PAID, Status.WAIVED)
    #: The fees are settled: paid at the bank, or nothing to pay.
    SETTLED_STATUSES = (Status.PAID, Status.WAIVED)

    number = models.CharField(_("缴款通知书号"), max_length=30, unique=True)
    case = models.ForeignKey(
        Case, verbose_name=_("办件"), on_delete=models.PROTECT, related_name="payment_notices"
    )
    site = models.ForeignKey(Site, verbose_name=_("中心"), on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, verbose_name=_("执收单位"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ISSUED)
    payer_name = models.CharField(_("缴款人"), max_length=200)
    gross_amount = _money(_("应收金额"))
    waived_amount = _money(_("减免金额"), default=ZERO)
    total = _money(_("应缴金额"))
    payee_name = models.CharField(_("收款人全称"), max_length=100)
    payee_account = models.CharField(_("收款账号"), max_length=40)
    payee_bank = models.CharField(_("收款开户行"), max_length=100)
    issued_at = models.DateTimeField(_("开具时间"))
    issued_date = models.DateField(_("开具日期"))
    issued_by = models.ForeignKey(Staff, verbose_name=_("开具人"), on_delete=models.PROTECT, related_name="+")
    settled_date = models.DateField(
        _("结清日期"),
        null=True,
        blank=True,
        help_text=_("缴款日期，全额减免的为开具日期：财政报表按此日期统计"),
    )
    cancelled_at = models.DateTimeField(_("作废时间"), null=True, blank=True)
    cancelled_date = models.DateField(_("作废日期"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        Staff, verbose_name=_("作废人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancel_reason = models.CharField(_("作废原因"), max_length=300, blank=True)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("重开自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    fingerprint = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("缴款通知书")
        verbose_name_plural = _("缴款通知书")
        ordering = ["-issued_at", "-id"]
        indexes = [
            models.Index(fields=["site", "issued_date"], name="fee_notice_site_issued"),
            # The fiscal report (settled in a period) and "paid after the day" of outstanding; the
            # issued date rides along so the latter needs no table read.
            models.Index(fields=["site", "settled_date", "issued_date"], name="fee_notice_site_settled"),
            models.Index(
                fields=["cancelled_date"],
                condition=Q(cancelled_date__isnull=False),
                name="fee_notice_cancelled",
            ),
            models.Index(fields=["status", "issued_date"], name="fee_notice_status_issued"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=["ISSUED", "PAID", "WAIVED"]),
                name="fee_notice_one_live",
            ),
            # Equal to the fen; written as a half-fen band because SQLite does decimal arithmetic
            # in floating point (on PostgreSQL the band holds only the exact value).
            models.CheckConstraint(
                condition=Q(total__gt=F("gross_amount") - F("waived_amount") - HALF_FEN)
                & Q(total__lt=F("gross_amount") - F("waived_amount") + HALF_FEN),
                name="fee_notice_total_is_net",
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0, waived_amount__gte=0), name="fee_notice_amounts_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(status="CANCELLED") | ~Q(cancel_reason=""), name="fee_notice_cancel_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE_STATUSES


class NoticeLine(models.Model):
    """One fee item on a notice: the standard as it was, the quantity, the amount to the fen and
    the waiver with its basis and reason."""

    notice = models.ForeignKey(
        PaymentNotice, verbose_name=_("缴款通知书"), on_delete=models.CASCADE, related_name="lines"
    )
    fee_item = models.ForeignKey(
        FeeItem, verbose_name=_("收费项目"), on_delete=models.PROTECT, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("收费项目名称"), max_length=150)
    standard = models.CharField(_("收费标准"), max_length=300)
    legal_basis = models.TextField(_("收费依据"))
    unit = models.CharField(_("计费单位"), max_length=20, blank=True)
    quantity = models.DecimalField(_("数量"), max_digits=12, decimal_places=2)
    unit_price = models.DecimalField(
        _("适用标准（元）"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("区间收费所选标准"),
    )
    amount = _money(_("应收金额"))
    waived_amount = _money(_("减免金额"), default=ZERO)
    waiver_basis = models.TextField(_("减免依据"), blank=True)
    waiver_reason = models.CharField(_("减免理由"), max_length=300, blank=True)
    amount_due = _money(_("应缴金额"))

    class Meta:
        verbose_name = _("收费明细")
        verbose_name_plural = _("收费明细")
        ordering = ["notice_id", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_due__gt=F("amount") - F("waived_amount") - HALF_FEN)
                & Q(amount_due__lt=F("amount") - F("waived_amount") + HALF_FEN),
                name="fee_line_due_is_net",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0, waived_amount__gte=0, amount_due__gte=0),
                name="fee_line_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(waived_amount=0) | ~Q(waiver_reason=""), name="fee_line_waiver_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notice_id}/{self.name}"


class Payment(models.Model):
    """The bank's confirmation that a notice was paid: one per notice, one per bank transaction."""

    class Channel(models.TextChoices):
        COUNTER = "COUNTER", _("大厅银行柜台")
        API = "API", _("银行/支付接口")

    notice = models.OneToOneField(
        PaymentNotice, verbose_name=_("缴款通知书"), on_delete=models.PROTECT, related_name="payment"
    )
    bank = models.ForeignKey(
        Bank, verbose_name=_("代收银行"), on_delete=models.PROTECT, related_name="payments"
    )
    transaction_id = models.CharField(_("银行交易流水号"), max_length=64)
    amount = _money(_("缴款金额"))
    payer_name = models.CharField(_("缴款人"), max_length=200, blank=True)
    paid_at = models.DateTimeField(_("缴款时间"))
    paid_date = models.DateField(_("缴款日期"))
    channel = models.CharField(_("确认方式"), max_length=10, choices=Channel.choices)
    confirmed_at = models.DateTimeField(_("确认时间"))
    confirmed_by = models.ForeignKey(
        Staff, verbose_name=_("确认人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refunded_amount = _money(_("已退金额"), default=ZERO)

    class Meta:
        verbose_name = _("缴款")
        verbose_name_plural = _("缴款")
        ordering = ["-paid_at", "-id"]
        indexes = [models.Index(fields=["paid_date", "bank"], name="fee_payment_day_bank")]
        constraints = [
            models.UniqueConstraint(fields=["bank", "transaction_id"], name="fee_payment_transaction_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_payment_positive"),
            models.CheckConstraint(
                condition=Q(refunded_amount__gte=0, refunded_amount__lte=F("amount")),
                name="fee_payment_balance_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bank_id}/{self.transaction_id}"

    @property
    def balance(self) -> Decimal:
        return self.amount - self.refunded_amount


class Refund(models.Model):
    """A refund (退付) of part or all of one paid fee line, asked for with a reason and approved
    by the center office (never by the one who asked)."""

    class Status(models.TextChoices):
        REQUESTED = "REQUESTED", _("待审批")
        APPROVED = "APPROVED", _("已批准")
        REJECTED = "REJECTED", _("已驳回")

    payment = models.ForeignKey(
        Payment, verbose_name=_("缴款"), on_delete=models.PROTECT, related_name="refunds"
    )
    line = models.ForeignKey(
        NoticeLine, verbose_name=_("收费明细"), on_delete=models.PROTECT, related_name="refunds"
    )
    amount = _money(_("退款金额"))
    reason = models.CharField(_("退款理由"), max_length=300)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("申请时间"))
    requested_by = models.ForeignKey(
        Staff, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decided_date = models.DateField(_("审批日期"), null=True, blank=True)
    decided_by = models.ForeignKey(
        Staff, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.CharField(_("审批意见"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("退款")
        verbose_name_plural = _("退款")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "decided_date"], name="fee_refund_status_decided")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_refund_positive"),
            models.CheckConstraint(condition=~Q(reason=""), name="fee_refund_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.payment_id}: {self.amount}"


class BankStatement(models.Model):
    """A bank's daily statement (对账单) as imported. The latest import of a bank and day is the
    one reconciled; earlier ones stay for the record."""

    bank = models.ForeignKey(
        Bank, verbose_name=_("代收银行"), on_delete=models.PROTECT, related_name="statements"
    )
    statement_date = models.DateField(_("对账日期"))
    file_name = models.CharField(_("文件名"), max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, editable=False)
    line_count = models.PositiveIntegerField(_("笔数"))
    total = _money(_("合计金额"))
    imported_at = models.DateTimeField(_("导入时间"))
    imported_by = models.ForeignKey(
        Staff, verbose_name=_("导入人"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("银行对账单")
        verbose_name_plural = _("银行对账单")
        ordering = ["-statement_date", "-imported_at", "-id"]
        indexes = [models.Index(fields=["bank", "statement_date"], name="fee_statement_bank_day")]

    def __str__(self) -> str:
        return f"{self.bank_id}/{self.statement_date}"


class StatementLine(models.Model):
    statement = models.ForeignKey(BankStatement, on_delete=models.CASCADE, related_name="lines")
    line_number = models.PositiveIntegerField(_("行号"))
    transaction_id = models.CharField(_("银行交易流水号"), max_length=64)
    notice_number = models.CharField(_("缴款通知书号"), max_length=30)
    amount = _money(_("金额"))
    paid_at = models.DateTimeField(_("交易时间"))
    payer_name = models.CharField(_("付款人"), max_length=200, blank=True)

    class Meta:
        ordering = ["statement_id", "line_number"]

    def __str__(self) -> str:
        return f"{self.statement_id}#{self.line_number}"


class BankRequestNonce(models.Model):
    """A nonce a bank has used in a signed request: a second request with it is a replay."""

    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bank", "nonce"], name="bank_nonce_unique")]
        indexes = [models.Index(fields=["seen_at"], name="bank_nonce_seen")]

    def __str__(self) -> str:
        return f"{self.bank_id}/{self.nonce}"
