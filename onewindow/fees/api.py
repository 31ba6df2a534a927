"""Fees API: bill a case, cancel a notice, confirm a payment (the bank's signed call or the hall's
bank counter), refunds, bank statements, reconciliation and the fiscal report. The same services
as the desk; errors are JSON with a stable code.
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from onewindow.accounts.authentication import RecentTokenAuthentication
from onewindow.cases.api import visible_case
from onewindow.catalog.api import FeeItemSerializer as CatalogFeeItemSerializer
from onewindow.common import clock, keyset
from onewindow.common.api import (
    IdField,
    NamedApiView,
    NotAllowed,
    keyset_cursor,
    keyset_envelope,
    keyset_limit,
    keyset_parameters,
    keyset_response,
)
from onewindow.common.parsing import BadInput, parse_calendar_date
from onewindow.common.pdf import pdf_response
from onewindow.common.spreadsheet import XLSX
from onewindow.fees import documents, permissions, selectors, services
from onewindow.fees.models import Bank, Payment, PaymentNotice, Refund
from onewindow.fees.signing import BankSignatureAuthentication
from onewindow.org.selectors import access_for

STAFF_AUTHENTICATION = [RecentTokenAuthentication, SessionAuthentication]


# Serializers -----------------------------------------------------------------------------------


class NoticeLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    fee_item = serializers.IntegerField(source="fee_item_id")
    name = serializers.CharField()
    standard = serializers.CharField()
    legal_basis = serializers.CharField()
    unit = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2)
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    waived_amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    waiver_basis = serializers.CharField()
    waiver_reason = serializers.CharField()
    amount_due = serializers.DecimalField(max_digits=14, decimal_places=2)


class RefundSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    payment = serializers.IntegerField(source="payment_id")
    line = serializers.IntegerField(source="line_id")
    fee_name = serializers.CharField(source="line.name")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    reason = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    requested_at = serializers.DateTimeField()
    requested_by = serializers.CharField(source="requested_by.name")
    decided_at = serializers.DateTimeField(allow_null=True)
    decided_by = serializers.CharField(source="decided_by.name", default=None, allow_null=True)
    decision_note = serializers.CharField()


class PaymentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    bank = serializers.CharField(source="bank.code")
    bank_name = serializers.CharField(source="bank.name")
    transaction_id = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    refunded_amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    balance = serializers.DecimalField(max_digits=14, decimal_places=2)
    payer_name = serializers.CharField()
    paid_at = serializers.DateTimeField()
    channel = serializers.CharField()
    confirmed_at = serializers.DateTimeField()


class PaymentNoticeSerializer(serializers.Serializer):
    number = serializers.CharField()
    case = serializers.CharField(source="case.reference")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    department = serializers.CharField(source="department.name")
    payer_name = serializers.CharField()
    gross_amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    waived_amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    total_in_capitals = serializers.SerializerMethodField()
    payee_name = serializers.CharField()
    payee_account = serializers.CharField()
    payee_bank = serializers.CharField()
    issued_at = serializers.DateTimeField()
    issued_by = serializers.CharField(source="issued_by.name")
    cancelled_at = serializers.DateTimeField(allow_null=True)
    cancel_reason = serializers.CharField()
    replaces = serializers.CharField(source="replaces.number", default=None, allow_null=True)
    lines = NoticeLineSerializer(many=True)
    payment = serializers.SerializerMethodField()
    refunds = serializers.SerializerMethodField()

    def get_total_in_capitals(self, notice) -> str:
        return documents.yuan_in_capitals(notice.total)

    @extend_schema_field(PaymentSerializer(allow_null=True))
    def get_payment(self, notice) -> dict | None:
        payment = getattr(notice, "payment", None) if notice.status == PaymentNotice.Status.PAID else None
        return PaymentSerializer(payment).data if payment else None

    @extend_schema_field(RefundSerializer(many=True))
    def get_refunds(self, notice) -> list[dict]:
        payment = getattr(notice, "payment", None) if notice.status == PaymentNotice.Status.PAID else None
        if not payment:
            return []
        refunds = payment.refunds.all()
        if self.context.get("approved_refunds_only"):
            refunds = [refund for refund in refunds if refund.status == Refund.Status.APPROVED]
        return RefundSerializer(refunds, many=True).data


class FeeChoiceSerializer(serializers.Serializer):
    fee_item = IdField(help_text="收费项目 id（见 GET …/fees 的 fee_items）")
    quantity = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, help_text="数量；定额默认1"
    )
    unit_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, help_text="区间收费选定的标准"
    )
    waived_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, help_text="减免金额（可减免的项目）"
    )
    waiver_reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    def to_choice(self, data) -> services.FeeChoice:
        return services.FeeChoice(
            fee_item_id=data["fee_item"],
            quantity=data.get("quantity"),
            unit_price=data.get("unit_price"),
            waived_amount=data.get("waived_amount"),
            waiver_reason=data.get("waiver_reason", ""),
        )


def _choices(data) -> list[services.FeeChoice]:
    return [FeeChoiceSerializer().to_choice(row) for row in data["lines"]]


class BillableFeeItemSerializer(CatalogFeeItemSerializer):
    """A fee item of the case's version, with the id a fee choice names."""

    id = serializers.IntegerField()


class QuoteLineSerializer(serializers.Serializer):
    fee_item = serializers.IntegerField(source="fee_item.pk")
    name = serializers.CharField(source="fee_item.name")
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2)
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    waived_amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    amount_due = serializers.DecimalField(max_digits=14, decimal_places=2)


class QuoteSerializer(serializers.Serializer):
    lines = QuoteLineSerializer(many=True)
    gross_amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    waived_amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)


def _notice_data(notice: PaymentNotice, user=None, *, reload: bool = True) -> dict:
    """The notice's record (re-read with its lines, payment and refunds unless `notice` came from
    the selectors already); an applicant sees only approved refunds (selectors.refunds_visible_to)."""
    if reload:
        notice = selectors.notice_visible_to_all().get(pk=notice.pk)
    applicant = user is not None and access_for(user).scope == "none"
    return PaymentNoticeSerializer(notice, context={"approved_refunds_only": applicant}).data


# Case fees ---------------------------------------------------------------------------------------


class CaseFeesApi(NamedApiView):
    """GET: the fee items of the case's item version, the case's payment notices (newest first)
    and why delivery is still blocked, if it is."""

    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        case = serializers.CharField()
        fee_items = BillableFeeItemSerializer(many=True)
        notices = PaymentNoticeSerializer(many=True)
        is_settled = serializers.BooleanField(help_text="已缴款或全额减免")
        delivery_blockers = serializers.ListField(child=serializers.CharField())

    @extend_schema(operation_id="case_fees", responses=OutputSerializer)
    def get(self, request, reference: str):
        case = visible_case(request, reference)
        live = selectors.live_notice(case)
        return Response(
            self.OutputSerializer(
                {
                    "case": case.reference,
                    "fee_items": case.version.fee_items.all(),
                    "notices": selectors.notices_of(case),
                    "is_settled": live is not None and live.status in PaymentNotice.SETTLED_STATUSES,
                    "delivery_blockers": selectors.unpaid_fee_blockers(case),
                },
                context={"approved_refunds_only": access_for(request.user).scope == "none"},
            ).data
        )


class CaseFeeQuoteApi(NamedApiView):
    """Calculate the fees without issuing anything (the page's live total)."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        lines = FeeChoiceSerializer(many=True)

    @extend_schema(operation_id="case_fee_quote", request=InputSerializer, responses=QuoteSerializer)
    def post(self, request, reference: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = visible_case(request, reference)
        quote_ = services.fee_quote(case=case, choices=_choices(data.validated_data))
        return Response(
            QuoteSerializer(
                {
                    "lines": quote_.lines,
                    "gross_amount": quote_.gross_amount,
                    "waived_amount": quote_.waived_amount,
                    "total": quote_.total,
                }
            ).data
        )


class CasePaymentNoticeApi(NamedApiView):
    """Issue the case's payment notice (缴款通知书): every chosen fee item on one notice. Sending
    the same fees again returns the notice already issued (200); different fees while a notice is
    live are refused (409 notice_exists): cancel it first."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        lines = FeeChoiceSerializer(many=True)

    @extend_schema(
        operation_id="case_payment_notice_issue",
        request=InputSerializer,
        responses={201: PaymentNoticeSerializer, 200: PaymentNoticeSerializer},
    )
    def post(self, request, reference: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = visible_case(request, reference)
        notice, created = services.payment_notice_issue(
            case=case, user=request.user, at=clock.now(), choices=_choices(data.validated_data)
        )
        return Response(
            _notice_data(notice), status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


# Notices ------------------------------------------------------------------------------------------


class IsStaffOrBank(BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.auth, Bank) or bool(request.user and request.user.is_authenticated)


def _notice_for(request, number: str) -> PaymentNotice:
    if isinstance(request.auth, Bank):
        return get_object_or_404(selectors.notice_visible_to_all(), number=number)
    return get_object_or_404(selectors.notice_visible_to(request.user), number=number)


class PaymentNoticeApi(NamedApiView):
    """A notice by its number: for staff who see its case, and for a bank (signed GET) looking
    up what to collect."""

    authentication_classes = [BankSignatureAuthentication, *STAFF_AUTHENTICATION]
    permission_classes = [IsStaffOrBank]

    @extend_schema(operation_id="payment_notice", responses=PaymentNoticeSerializer)
    def get(self, request, number: str):
        return Response(_notice_data(_notice_for(request, number), request.user, reload=False))


class PaymentNoticePdfApi(NamedApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="payment_notice_pdf",
        responses={(200, "application/pdf"): OpenApiResponse(description="缴款通知书 PDF")},
    )
    def get(self, request, number: str):
        return notice_pdf_response(_notice_for(request, number))


def notice_pdf_response(notice: PaymentNotice) -> HttpResponse:
    """The notice's PDF (inline), for a notice read through the selectors."""
    return pdf_response(
        lambda: documents.payment_notice_pdf(notice), filename=f"缴款通知书-{notice.number}.pdf"
    )


class PaymentNoticeCancelApi(NamedApiView):
    """作废 an unpaid notice (kept in the history) so that a corrected one can be issued."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=300)

    @extend_schema(
        operation_id="payment_notice_cancel", request=InputSerializer, responses=PaymentNoticeSerializer
    )
    def post(self, request, number: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        notice = _notice_for(request, number)
        notice = services.payment_notice_cancel(
            notice=notice, user=request.user, at=clock.now(), reason=data.validated_data["reason"]
        )
        return Response(_notice_data(notice))


# Payments ----------------------------------------------------------------------------------------


class PaymentConfirmApi(NamedApiView):
    """The bank's confirmation of a payment. A bank signs the call (see `fees.signing`: headers
    X-Bank-Code, X-Timestamp, X-Nonce, X-Signature); the hall's bank counter calls it with its
    staff token and names the `bank`. Idempotent by the bank's `transaction_id`: the same
    transaction again answers 200 with the payment already recorded, counted once. The amount
    must equal the notice's total. Errors: 401 bad_signature / stale_request / replayed,
    404 unknown_notice, 409 already_paid / notice_not_payable / transaction_conflict,
    422 amount_mismatch."""

    authentication_classes = [BankSignatureAuthentication, *STAFF_AUTHENTICATION]
    permission_classes = [IsStaffOrBank]

    class InputSerializer(serializers.Serializer):
        notice_number = serializers.CharField(max_length=30)
        transaction_id = serializers.CharField(max_length=64)
        amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
        paid_at = serializers.DateTimeField(
            required=False, help_text="银行记账时间；柜台可省略（取当前时间）"
        )
        payer_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        bank = serializers.CharField(max_length=20, required=False, help_text="柜台确认时填写银行代码")

    class OutputSerializer(serializers.Serializer):
        created = serializers.BooleanField(help_text="false：该交易此前已确认，本次不重复计")
        payment = PaymentSerializer()
        notice = PaymentNoticeSerializer()

    @extend_schema(
        operation_id="payment_confirm",
        request=InputSerializer,
        responses={201: OutputSerializer, 200: OutputSerializer},
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        now = clock.now()
        if isinstance(request.auth, Bank):
            bank, channel, user = request.auth, Payment.Channel.API, None
            if "paid_at" not in values:
                raise exceptions.ValidationError({"paid_at": [_("银行接口须提供记账时间 paid_at。")]})
        else:
            code = values.get("bank")
            if not code:
                raise exceptions.ValidationError({"bank": [_("柜台确认须填写银行代码。")]})
            bank = selectors.banks_visible_to(request.user).filter(code=code).first()
            if bank is None:
                raise NotAllowed(_("您不能以该银行的名义确认缴款。"))
            channel, user = Payment.Channel.COUNTER, request.user
        payment, created = services.payment_confirm(
            bank=bank,
            confirmation=services.BankConfirmation(
                notice_number=values["notice_number"],
                transaction_id=values["transaction_id"],
                amount=values["amount"],
                paid_at=values.get("paid_at") or now,
                payer_name=values["payer_name"],
            ),
            at=now,
            channel=channel,
            user=user,
        )
        payment = Payment.objects.select_related("bank").get(pk=payment.pk)
        return Response(
            {
                "created": created,
                "payment": PaymentSerializer(payment).data,
                "notice": _notice_data(payment.notice),
            },
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class PaymentRefundApi(NamedApiView):
    """Ask for a refund of part or all of one paid fee line (approved by the center office)."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        line = IdField(help_text="收费明细 id")
        amount = serializers.DecimalField(max_digits=14, decimal_places=2)
        reason = serializers.CharField(max_length=300)

    @extend_schema(
        operation_id="payment_refund_request", request=InputSerializer, responses={201: RefundSerializer}
    )
    def post(self, request, payment_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        payment = get_object_or_404(selectors.payments_visible_to(request.user), pk=payment_id)
        refund = services.refund_request(
            payment=payment,
            line_id=data.validated_data["line"],
            user=request.user,
            at=clock.now(),
            amount=data.validated_data["amount"],
            reason=data.validated_data["reason"],
        )
        refund = selectors.refunds_visible_to(request.user).get(pk=refund.pk)
        return Response(RefundSerializer(refund).data, status=status.HTTP_201_CREATED)


class RefundListApi(NamedApiView):
    """Refunds of the cases you see, newest first, in pages of `limit` (50, at most 200)
    continued by the `next` link; `status=REQUESTED` for those awaiting approval."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="refund_list",
        parameters=[
            OpenApiParameter("status", str, enum=[choice for choice, _label in Refund.Status.choices]),
            *keyset_parameters(),
        ],
        responses=keyset_envelope(RefundSerializer, "RefundPageSerializer"),
    )
    def get(self, request):
        refunds = selectors.refunds_visible_to(request.user)
        if wanted := request.query_params.get("status"):
            refunds = refunds.filter(status=wanted)
        page = keyset.paginate(
            refunds,
            ordering=("-requested_at", "-id"),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="refunds",
        )
        return keyset_response(request, page, RefundSerializer(page.rows, many=True).data)


class RefundDecisionApi(NamedApiView):
    """The center office approves or rejects a refund (never its own request)."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        approve = serializers.BooleanField()
        note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    @extend_schema(operation_id="refund_decide", request=InputSerializer, responses=RefundSerializer)
    def post(self, request, refund_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        refund = get_object_or_404(selectors.refunds_visible_to(request.user), pk=refund_id)
        refund = services.refund_decide(
            refund=refund,
            user=request.user,
            at=clock.now(),
            approve=data.validated_data["approve"],
            note=data.validated_data["note"],
        )
        return Response(RefundSerializer(selectors.refunds_visible_to(request.user).get(pk=refund.pk)).data)


# Reconciliation ------------------------------------------------------------------------------------


def _require_reconciler(request) -> None:
    if not permissions.can_reconcile(request.user):
        raise NotAllowed(_("只有收费人员或中心办公室可以查看对账和财政报表。"))


def _query_date(request, name: str = "date"):
    try:
        return parse_calendar_date(request.query_params.get(name) or clock.today().isoformat(), label=name)
    except BadInput as error:
        raise exceptions.ValidationError({name: [str(error)]}) from None


class BankStatementApi(NamedApiView):
    """Import a bank's daily statement (CSV: 交易流水号, 缴款通知书号, 金额, 交易时间[, 付款人]; UTF-8 or
    GBK). One bad row and nothing is imported: every problem is listed with its line. The same
    file again answers 200 with the statement already imported."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        bank = serializers.CharField(max_length=20)
        date = serializers.DateField()
        file = serializers.FileField()

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        bank = serializers.CharField(source="bank.code")
        statement_date = serializers.DateField()
        line_count = serializers.IntegerField()
        total = serializers.DecimalField(max_digits=14, decimal_places=2)
        imported_at = serializers.DateTimeField()

    @extend_schema(
        operation_id="bank_statement_import",
        request={"multipart/form-data": InputSerializer},
        responses={201: OutputSerializer, 200: OutputSerializer},
    )
    def post(self, request):
        _require_reconciler(request)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        bank = selectors.banks_visible_to(request.user).filter(code=values["bank"]).first()
        if bank is None:
            raise exceptions.ValidationError(
                {"bank": [_("没有代码为 %(code)s 的银行。") % {"code": values["bank"]}]}
            )
        upload = values["file"]
        statement, created = services.statement_import(
            bank=bank,
            statement_date=values["date"],
            content=upload.read(),
            file_name=upload.name,
            user=request.user,
            at=clock.now(),
        )
        return Response(
            self.OutputSerializer(statement).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class FigureSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=16, decimal_places=2)


class MismatchSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    bank = serializers.CharField(source="bank.code")
    transaction_id = serializers.CharField()
    notice_number = serializers.CharField()
    our_amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    bank_amount = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    line_number = serializers.IntegerField(allow_null=True)


class BankDaySerializer(serializers.Serializer):
    bank = serializers.CharField(source="bank.code")
    bank_name = serializers.CharField(source="bank.name")
    has_statement = serializers.SerializerMethodField()
    payment_count = serializers.IntegerField()
    payment_total = serializers.DecimalField(max_digits=16, decimal_places=2)
    statement_count = serializers.IntegerField()
    statement_total = serializers.DecimalField(max_digits=16, decimal_places=2)

    def get_has_statement(self, day) -> bool:
        return day.statement is not None


class ReconciliationSerializer(serializers.Serializer):
    date = serializers.DateField(source="on_date")
    is_balanced = serializers.BooleanField()
    issued = FigureSerializer()
    cancelled = FigureSerializer()
    waived = FigureSerializer()
    paid = FigureSerializer()
    outstanding = FigureSerializer()
    refunded = FigureSerializer()
    banks = BankDaySerializer(many=True)
    mismatches = MismatchSerializer(many=True)


class ReconciliationApi(NamedApiView):
    """The day's reconciliation: notices issued, cancelled, waived, paid, outstanding at the end
    of the day, refunds; per bank the payments confirmed here against its statement; and every
    mismatch (paid at the bank with no notice, not confirmed here, amount or notice mismatch,
    duplicate, confirmed here but missing from the statement, no statement imported)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="reconciliation",
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE, description="对账日期，默认今天")],
        responses=ReconciliationSerializer,
    )
    def get(self, request):
        _require_reconciler(request)
        result = selectors.reconciliation(user=request.user, on_date=_query_date(request))
        return Response(ReconciliationSerializer(result).data)


class ReportRowSerializer(serializers.Serializer):
    department = serializers.CharField()
    fee_name = serializers.CharField()
    count = serializers.IntegerField()
    gross = serializers.DecimalField(max_digits=16, decimal_places=2)
    waived = serializers.DecimalField(max_digits=16, decimal_places=2)
    collected = serializers.DecimalField(max_digits=16, decimal_places=2)
    refunded = serializers.DecimalField(max_digits=16, decimal_places=2)
    net = serializers.DecimalField(max_digits=16, decimal_places=2)


class DepartmentBlockSerializer(serializers.Serializer):
    name = serializers.CharField()
    rows = ReportRowSerializer(many=True)
    subtotal = ReportRowSerializer()


class FiscalReportSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField(help_text="不含")
    label = serializers.CharField()
    departments = DepartmentBlockSerializer(many=True)
    total = ReportRowSerializer()


def report_from_query(request) -> selectors.FiscalReport:
    """`?month=YYYY-MM` for a month, otherwise `?date=YYYY-MM-DD` (default today)."""
    params = request.query_params
    try:
        start, end, label = selectors.report_period_from(
            month_text=params.get("month"), date_text=params.get("date"), today=clock.today()
        )
    except BadInput as error:
        raise exceptions.ValidationError({"month" if params.get("month") else "date": [str(error)]}) from None
    return selectors.fiscal_report(user=request.user, start=start, end=end, label=label)


_PERIOD_PARAMETERS = [
    OpenApiParameter("date", OpenApiTypes.DATE, description="日报：日期，默认今天"),
    OpenApiParameter("month", str, description="月报：YYYY-MM"),
]


class FiscalReportApi(NamedApiView):
    """The fiscal report (财政报表) by department and fee item for a day or a month: billed,
    waived, collected (on the day paid), refunded (on the day approved), net."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="fiscal_report", parameters=_PERIOD_PARAMETERS, responses=FiscalReportSerializer
    )
    def get(self, request):
        _require_reconciler(request)
        return Response(FiscalReportSerializer(report_from_query(request)).data)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def center_name(user) -> str:
    staff = access_for(user).staff
    return staff.site.name if staff else ""


class FiscalReportExportApi(NamedApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="fiscal_report_export",
        parameters=_PERIOD_PARAMETERS,
        responses={(200, XLSX): OpenApiResponse(description="财政报表 Excel")},
    )
    def get(self, request):
        _require_reconciler(request)
        report = report_from_query(request)
        content = documents.fiscal_report_workbook(report, center=center_name(request.user))
        return xlsx_response(content, f"财政报表-{report.label}.xlsx")


class ReconciliationExportApi(NamedApiView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="reconciliation_export",
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE)],
        responses={(200, XLSX): OpenApiResponse(description="对账 Excel")},
    )
    def get(self, request):
        _require_reconciler(request)
        result = selectors.reconciliation(user=request.user, on_date=_query_date(request))
        content = documents.reconciliation_workbook(result, center=center_name(request.user))
        return xlsx_response(content, f"收费对账-{result.on_date.isoformat()}.xlsx")
