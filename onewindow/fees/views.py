"""Fee pages. On the case page: the fee card (bill with a live total, the notices with their PDFs,
cancel, refund). In the fee console (收费): the bank counter (look up a notice by number or QR
scan, confirm with the bank's transaction number), refunds awaiting approval, the day's
reconciliation with the statement import, and the fiscal report. Downloads (PDF, Excel) are the
API's endpoints, which take the session too.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onewindow.cases import services as case_services
from onewindow.cases import workflow
from onewindow.cases.models import Case, Decision
from onewindow.common import clock
from onewindow.common.api import DomainError
from onewindow.common.forms import error_text
from onewindow.common.parsing import BadInput, parse_calendar_date
from onewindow.fees import permissions, selectors, services
from onewindow.fees.models import FeeEvent, Payment, PaymentNotice, Refund
from onewindow.org.permissions import staff_required
from onewindow.org.selectors import access_for


def _choices_from_post(post, case: Case) -> list[services.FeeChoice]:
    """The fee form: for each ticked item `fee_<id>`, its quantity, rate and waiver. Raises
    ValidationError naming the item at fault."""
    choices = []
    problems = []
    for item in case.version.fee_items.all():
        prefix = f"fee_{item.pk}"
        if not post.get(prefix):
            continue
        try:
            choices.append(
                services.FeeChoice(
                    fee_item_id=item.pk,
                    quantity=services.money(
                        post.get(f"{prefix}_quantity"), field="quantity", label=_("数量")
                    ),
                    unit_price=services.money(
                        post.get(f"{prefix}_unit_price"), field="unit_price", label=_("适用标准")
                    ),
                    waived_amount=services.money(
                        post.get(f"{prefix}_waived"), field="waived_amount", label=_("减免金额")
                    ),
                    waiver_reason=post.get(f"{prefix}_reason", ""),
                )
            )
        except ValidationError as error:
            problems.append(f"{item.name}：{error_text(error)}")
    if problems:
        raise ValidationError(problems)
    return choices


def case_fees_context(request, case: Case) -> dict:
    """What the fee card on the case page shows and offers this user."""
    items = list(case.version.fee_items.all())
    notices = selectors.notices_of(case) if items or case.payment_notices.exists() else []
    live = next((notice for notice in notices if notice.is_live), None)
    may_bill = permissions.can_bill(request.user, case)
    billable = (
        FeeEvent.FEE_NOTICE in workflow.allowed_actions(case.status) and case.decision != Decision.DENIED
    )
    return {
        "fee_items": items,
        "fee_notices": notices,
        "fee_live": live,
        "fee_may_issue": bool(items) and may_bill and billable and live is None,
        "fee_may_cancel": may_bill and FeeEvent.FEE_NOTICE_CANCELLED in workflow.allowed_actions(case.status),
        "fee_may_refund": permissions.can_request_refund(request.user, case),
    }


def _case(request, reference: str) -> Case:
    return case_services.visible_case_as_of(request.user, reference, at=clock.now())


def _back_to_case(case: Case):
    return redirect(reverse("cases:detail", args=[case.reference]) + "#fees")


@require_POST
@staff_required
def case_issue(request, reference: str):
    case = _case(request, reference)
    try:
        notice, created = services.payment_notice_issue(
            case=case, user=request.user, at=clock.now(), choices=_choices_from_post(request.POST, case)
        )
        if notice.status == PaymentNotice.Status.WAIVED:
            messages.success(
                request, _("已开具缴款通知书 %(number)s：全额减免，无需缴款。") % {"number": notice.number}
            )
        elif created:
            messages.success(
                request,
                _("已开具缴款通知书 %(number)s，应缴 %(total)s 元。请打印交申请人到银行窗口缴款。")
                % {"number": notice.number, "total": notice.total},
            )
        else:
            messages.info(request, _("缴款通知书 %(number)s 已开具。") % {"number": notice.number})
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    return _back_to_case(case)


@require_POST
@staff_required
def case_quote(request, reference: str):
    """htmx partial: the amounts and total of the ticked fees as the clerk types."""
    case = _case(request, reference)
    context = {"case": case}
    try:
        choices = _choices_from_post(request.POST, case)
        context["quote"] = services.fee_quote(case=case, choices=choices) if choices else None
    except ValidationError as error:
        context["error"] = error_text(error)
    return render(request, "fees/_quote.html", context)


@require_POST
@staff_required
def notice_cancel(request, number: str):
    notice = selectors.notice_by_number(request.user, number)
    if notice is None:
        raise Http404
    try:
        services.payment_notice_cancel(
            notice=notice, user=request.user, at=clock.now(), reason=request.POST.get("reason", "")
        )
        messages.success(request, _("缴款通知书 %(number)s 已作废，可重新开具。") % {"number": notice.number})
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    return _back_to_case(notice.case)


@require_POST
@staff_required
def refund_request(request, payment_id: int):
    payment = selectors.payments_visible_to(request.user).filter(pk=payment_id).first()
    if payment is None:
        raise Http404
    try:
        line_id = int(request.POST.get("line") or 0)
        refund = services.refund_request(
            payment=payment,
            line_id=line_id,
            user=request.user,
            at=clock.now(),
            amount=request.POST.get("amount"),
            reason=request.POST.get("reason", ""),
        )
        messages.success(
            request, _("已申请退款 %(amount)s 元，待中心办公室审批。") % {"amount": refund.amount}
        )
    except ValueError:
        messages.error(request, _("请选择要退款的收费项目。"))
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    return _back_to_case(payment.notice.case)


# The fee console ---------------------------------------------------------------------------------

#: Notices awaiting payment listed per page at the bank counter.
OUTSTANDING_PAGE_SIZE = 20


def _console_user(request) -> None:
    access = access_for(request.user)
    if not (permissions.can_reconcile(request.user) or access.has_role(*permissions.COUNTER_ROLES)):
        raise PermissionDenied


@staff_required
def counter(request):
    """银行收费窗口: look up a notice by its number (typed or scanned), or pick it from the list of
    notices awaiting payment, and confirm its payment."""
    _console_user(request)
    number = (request.GET.get("number") or "").strip()
    if number.startswith("ONEWINDOW-PAY|"):
        number = number.split("|")[1]
    notice = selectors.notice_by_number(request.user, number) if number else None
    banks = list(selectors.banks_visible_to(request.user))
    staff = access_for(request.user).staff
    preferred = next(
        (bank for bank in banks if staff and bank.window_id and bank.window.site_id == staff.site_id), None
    )
    today = clock.today()
    return render(
        request,
        "fees/counter.html",
        {
            "number": number,
            "notice": notice,
            "not_found": bool(number) and notice is None,
            "banks": banks,
            "preferred_bank": preferred or (banks[0] if banks else None),
            "may_confirm": access_for(request.user).has_role(*permissions.COUNTER_ROLES),
            "outstanding": Paginator(
                selectors.outstanding_notices_visible_to(request.user), OUTSTANDING_PAGE_SIZE
            ).get_page(request.GET.get("page")),
            "today_payments": list(
                Payment.objects.select_related("notice__case", "bank", "confirmed_by__user")
                .filter(bank__in=banks, paid_date=today)
                .order_by("-paid_at")[:50]
            ),
            "today": today,
        },
    )


@require_POST
@staff_required
def counter_confirm(request):
    number = (request.POST.get("number") or "").strip()
    bank = selectors.banks_visible_to(request.user).filter(code=request.POST.get("bank", "")).first()
    try:
        if bank is None:
            raise ValidationError(_("请选择收款银行。"))
        amount = services.money(request.POST.get("amount"), field="amount", label=_("实收金额"))
        payment, created = services.payment_confirm(
            bank=bank,
            confirmation=services.BankConfirmation(
                notice_number=number,
                transaction_id=request.POST.get("transaction_id", ""),
                amount=amount,
                paid_at=clock.now(),
                payer_name=request.POST.get("payer_name", ""),
            ),
            at=clock.now(),
            channel=Payment.Channel.COUNTER,
            user=request.user,
        )
        if created:
            messages.success(
                request,
                _("缴款通知书 %(number)s 已确认收款 %(amount)s 元（流水号 %(transaction)s）。")
                % {"number": number, "amount": payment.amount, "transaction": payment.transaction_id},
            )
        else:
            messages.info(request, _("该笔交易已确认过，未重复入账。"))
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
        # Keep what the clerk typed, so only the wrong field needs retyping.
        kept = urlencode(
            {
                "number": number,
                "transaction_id": request.POST.get("transaction_id", ""),
                "amount": request.POST.get("amount", ""),
            }
        )
        return redirect(reverse("fees:counter") + f"?{kept}")
    return redirect(reverse("fees:counter") + "?" + urlencode({"number": number}))


@staff_required
def refunds(request):
    """Refunds: those awaiting approval first, then the latest decided."""
    _console_user(request)
    visible = selectors.refunds_visible_to(request.user)
    return render(
        request,
        "fees/refunds.html",
        {
            "pending": list(visible.filter(status=Refund.Status.REQUESTED).order_by("requested_at")[:200]),
            "decided": list(visible.exclude(status=Refund.Status.REQUESTED).order_by("-decided_at")[:50]),
            "may_approve": access_for(request.user).has_role(*permissions.REFUND_APPROVING_ROLES),
        },
    )


@require_POST
@staff_required
def refund_decide(request, refund_id: int):
    refund = selectors.refunds_visible_to(request.user).filter(pk=refund_id).first()
    if refund is None:
        raise Http404
    approve = request.POST.get("approve") == "1"
    try:
        services.refund_decide(
            refund=refund,
            user=request.user,
            at=clock.now(),
            approve=approve,
            note=request.POST.get("note", ""),
        )
        messages.success(request, _("已批准退款。") if approve else _("已驳回退款申请。"))
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    return redirect("fees:refunds")


def _reconciler(request) -> None:
    if not permissions.can_reconcile(request.user):
        raise PermissionDenied


def _day(request, name="date"):
    try:
        return parse_calendar_date(request.GET.get(name) or clock.today().isoformat(), label=_("日期")), None
    except BadInput as error:
        return clock.today(), str(error)


@staff_required
def reconciliation(request):
    """对账: the day's figures, the banks against their statements, every mismatch."""
    _reconciler(request)
    on_date, problem = _day(request)
    if problem:
        messages.error(request, problem)
    result = selectors.reconciliation(user=request.user, on_date=on_date)
    return render(
        request,
        "fees/reconciliation.html",
        {"result": result, "on_date": on_date, "banks": list(selectors.banks_visible_to(request.user))},
    )


@require_POST
@staff_required
def statement_import(request):
    _reconciler(request)
    on_date_text = request.POST.get("date", "")
    target = reverse("fees:reconciliation") + f"?date={on_date_text}"
    try:
        on_date = parse_calendar_date(on_date_text, label=_("对账日期"))
        bank = selectors.banks_visible_to(request.user).filter(code=request.POST.get("bank", "")).first()
        upload = request.FILES.get("file")
        if bank is None or upload is None:
            raise ValidationError(_("请选择银行和对账单文件。"))
        statement, created = services.statement_import(
            bank=bank,
            statement_date=on_date,
            content=upload.read(),
            file_name=upload.name,
            user=request.user,
            at=clock.now(),
        )
        if created:
            messages.success(
                request,
                _("已导入%(bank)s %(date)s 对账单：%(count)s 笔，合计 %(total)s 元。")
                % {
                    "bank": bank.name,
                    "date": on_date,
                    "count": statement.line_count,
                    "total": statement.total,
                },
            )
        else:
            messages.info(request, _("该对账单此前已导入，未重复导入。"))
    except BadInput as error:
        messages.error(request, str(error))
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    return redirect(target)


@staff_required
def report(request):
    """财政报表 for a day or a month, by department and fee item."""
    _reconciler(request)
    month = (request.GET.get("month") or "").strip()
    try:
        start, end, label = selectors.report_period_from(
            month_text=month, date_text=request.GET.get("date"), today=clock.today()
        )
        query = f"month={month}" if month else f"date={start.isoformat()}"
    except BadInput as error:
        messages.error(request, str(error))
        start, end, label = selectors.report_period(on_date=clock.today())
        query = f"date={start.isoformat()}"
    result = selectors.fiscal_report(user=request.user, start=start, end=end, label=label)
    return render(
        request,
        "fees/report.html",
        {
            "report": result,
            "query": query,
            "month": month,
            "on_date": start if not month else None,
            "today": clock.today(),
        },
    )
