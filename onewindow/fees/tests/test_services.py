"""The fees services and selectors: the arithmetic of each kind of standard, waivers, issuing and
numbering notices, cancel and reissue, the bank's confirmation, refunds, statement import,
reconciliation with planted mismatches, the fiscal report and delivery waiting for the fees.

Every case is received and accepted on Monday 2026-11-16 and billed on Tuesday the 17th (the
factories' days) unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError

from onewindow.cases import services as case_services
from onewindow.cases.models import CaseStatus, Decision, Delivery
from onewindow.cases.services import CaseError, WrongState, delivery
from onewindow.cases.services.delivery import DeliveryDetails
from onewindow.cases.tests.factories import FOOD_MATERIALS, at, company, receive
from onewindow.catalog.models import FeeItem
from onewindow.catalog.tests.factories import make_item, publish
from onewindow.common import numbering
from onewindow.common.api import NotAllowed
from onewindow.common.models import Counter
from onewindow.fees import selectors, services
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
from onewindow.fees.services import BankConfirmation, FeeChoice
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
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff

WEDNESDAY = date(2026, 11, 18)
FEN = Decimal("0.01")
Status = PaymentNotice.Status
Kind = selectors.MismatchKind
WINDOW = DeliveryDetails(method=Delivery.Method.WINDOW, recipient_name="张晓梅")

#: One fee item of each kind of standard.
EVERY_KIND = [
    {
        "name": "登记费",
        "kind": FeeItem.Kind.FIXED,
        "amount": "80.00",
        "unit": "件",
        "legal_basis": "《关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）",
        "is_waivable": True,
        "waiver_basis": "小微企业免征不动产登记费（财税〔2016〕79号）",
    },
    {
        "name": "测绘费",
        "kind": FeeItem.Kind.PER_UNIT,
        "amount": "3.33",
        "unit": "平方米",
        "legal_basis": "《房产测绘收费标准》",
    },
    {
        "name": "证书工本费",
        "kind": FeeItem.Kind.TIERED,
        "unit": "本",
        "tiers": [{"up_to": 1, "amount": "0.00"}, {"up_to": None, "amount": "10.00"}],
        "legal_basis": "《关于不动产登记收费标准等有关问题的通知》",
    },
    {
        "name": "评估费",
        "kind": FeeItem.Kind.RANGE,
        "amount_min": "100.00",
        "amount_max": "300.00",
        "legal_basis": "《资产评估收费管理办法》",
    },
    {
        "name": "检测费",
        "kind": FeeItem.Kind.RANGE,
        "amount_min": "50.00",
        "amount_max": "80.00",
        "unit": "项",
        "legal_basis": "《检验检测收费标准》",
        "is_waivable": True,
        "waiver_basis": "困难群众减免检测费",
    },
]

#: The housing department's per-unit fee, for the fiscal report's second department.
SURVEY_FEE = [
    {
        "name": "房屋测绘费",
        "kind": FeeItem.Kind.PER_UNIT,
        "amount": "1.36",
        "unit": "平方米",
        "legal_basis": "《房产测绘收费标准》",
    }
]


@pytest.fixture
def bank(hall):
    return fiscal_setup(hall)


@pytest.fixture
def version(hall, seeded_calendar):
    return fee_version(hall)


@pytest.fixture
def kinds(hall, seeded_calendar):
    return fee_version(hall, fee_items=EVERY_KIND, name="不动产登记（各类收费）")


# Helpers ----------------------------------------------------------------------------------------


def item(case, name) -> FeeItem:
    return case.version.fee_items.get(name=name)


def pick(case, name, **fields) -> FeeChoice:
    return FeeChoice(fee_item_id=item(case, name).pk, **fields)


def line_problems(excinfo) -> list[str]:
    return excinfo.value.message_dict["lines"]


def quote_one(case, name, **fields):
    """The single quoted line for one fee item."""
    quote = services.fee_quote(case=case, choices=[pick(case, name, **fields)])
    assert len(quote.lines) == 1
    return quote.lines[0]


def books(case, count) -> list[FeeChoice]:
    """登记费 once and `count` certificates: 80 + 10 × (count − 1)."""
    return all_fees(case, 证书工本费={"quantity": Decimal(count)})


def confirm(bank, notice, transaction_id="T1", *, amount=None, paid_at=None, now=None, **kwargs):
    return services.payment_confirm(
        bank=bank,
        confirmation=BankConfirmation(
            notice_number=notice.number,
            transaction_id=transaction_id,
            amount=notice.total if amount is None else Decimal(amount),
            paid_at=paid_at or at(TUESDAY, 10),
        ),
        at=now or at(TUESDAY, 12),
        channel=kwargs.pop("channel", Payment.Channel.API),
        **kwargs,
    )


def paid_notice(hall, bank, version, choices=None, *, transaction_id="T1", paid_at=None):
    case = accepted_case(hall, version)
    notice = issue(hall, case, choices(case) if choices else None)
    payment, _created = confirm(bank, notice, transaction_id, paid_at=paid_at)
    notice.refresh_from_db()
    return notice, payment


def site_prefix(hall) -> str:
    return case_services.site_code(hall["county"])


# Calculation ------------------------------------------------------------------------------------


def test_fixed_fee_is_its_amount_times_a_whole_number_of_pieces(hall, kinds):
    case = accepted_case(hall, kinds)
    once = quote_one(case, "登记费")
    assert (once.quantity, once.unit_price, once.amount, once.amount_due) == (
        Decimal("1.00"),
        None,
        Decimal("80.00"),
        Decimal("80.00"),
    )
    twice = quote_one(case, "登记费", quantity=Decimal(2))
    assert (twice.quantity, twice.amount) == (Decimal("2.00"), Decimal("160.00"))

    with pytest.raises(ValidationError) as half:
        quote_one(case, "登记费", quantity=Decimal("2.5"))
    assert line_problems(half) == ["登记费：定额收费的数量须为整数。"]
    with pytest.raises(ValidationError) as zero:
        quote_one(case, "登记费", quantity=Decimal(0))
    assert line_problems(zero) == ["登记费：数量须大于0。"]


def test_per_unit_fee_takes_a_decimal_quantity_and_rounds_half_up_to_the_fen(hall, kinds):
    case = accepted_case(hall, kinds)
    # 3.33 × 12.5 = 41.625: half-up gives 41.63 (banker's rounding would give 41.62)
    line = quote_one(case, "测绘费", quantity=Decimal("12.5"))
    assert (line.quantity, line.amount, line.amount_due) == (
        Decimal("12.50"),
        Decimal("41.63"),
        Decimal("41.63"),
    )
    # 3.33 × 0.15 = 0.4995 → 0.50
    assert quote_one(case, "测绘费", quantity=Decimal("0.15")).amount == Decimal("0.50")
    # 3.33 × 88.88 = 295.9704 → 295.97
    assert quote_one(case, "测绘费", quantity=Decimal("88.88")).amount == Decimal("295.97")

    with pytest.raises(ValidationError) as missing:
        quote_one(case, "测绘费")
    assert line_problems(missing) == ["测绘费：须填写数量（平方米）。"]


def test_tiered_fee_is_marginal(hall, kinds):
    """ "1本以内0元；其余10元": the first book is free, each further book costs 10元."""
    case = accepted_case(hall, kinds)
    assert item(case, "证书工本费").standard_text == "1本以内0.00元；其余10.00元"
    assert quote_one(case, "证书工本费", quantity=Decimal(3)).amount == Decimal("20.00")
    assert quote_one(case, "证书工本费", quantity=Decimal(1)).amount == Decimal("0.00")
    assert quote_one(case, "证书工本费", quantity=Decimal(2)).amount == Decimal("10.00")
    assert quote_one(case, "证书工本费", quantity=Decimal(11)).amount == Decimal("100.00")

    with pytest.raises(ValidationError) as missing:
        quote_one(case, "证书工本费")
    assert line_problems(missing) == ["证书工本费：须填写数量（本）。"]


def test_range_fee_takes_the_rate_chosen_within_its_bounds(hall, kinds):
    case = accepted_case(hall, kinds)
    chosen = quote_one(case, "评估费", unit_price=Decimal("150.00"))
    assert (chosen.quantity, chosen.unit_price, chosen.amount) == (
        Decimal("1.00"),
        Decimal("150.00"),
        Decimal("150.00"),
    )
    assert quote_one(case, "评估费", unit_price=Decimal("100.00")).amount == Decimal("100.00")
    assert quote_one(case, "评估费", unit_price=Decimal("300.00")).amount == Decimal("300.00")
    # with a unit, the chosen rate times the quantity
    per_test = quote_one(case, "检测费", unit_price=Decimal("65.50"), quantity=Decimal(3))
    assert (per_test.unit_price, per_test.amount) == (Decimal("65.50"), Decimal("196.50"))

    refusals = {
        "below": ({"unit_price": Decimal("99.99")}, "评估费：适用标准 99.99 元不在 100.00–300.00 元之间。"),
        "above": ({"unit_price": Decimal("300.01")}, "评估费：适用标准 300.01 元不在 100.00–300.00 元之间。"),
        "none": ({}, "评估费：区间收费须在 100.00–300.00 元之间选定适用标准。"),
        "twice": (
            {"unit_price": Decimal("150.00"), "quantity": Decimal(2)},
            "评估费：本项按次收取，数量为1。",
        ),
    }
    for fields, message in refusals.values():
        with pytest.raises(ValidationError) as refused:
            quote_one(case, "评估费", **fields)
        assert line_problems(refused) == [message]


def test_waivers_only_on_waivable_items_with_a_reason_and_never_above_the_line(hall, kinds):
    case = accepted_case(hall, kinds)
    part = quote_one(case, "登记费", waived_amount=Decimal("30.00"), waiver_reason="  小微企业  ")
    assert (part.amount, part.waived_amount, part.amount_due, part.waiver_reason) == (
        Decimal("80.00"),
        Decimal("30.00"),
        Decimal("50.00"),
        "小微企业",
    )
    whole = quote_one(case, "登记费", waived_amount=Decimal("80.00"), waiver_reason="小微企业")
    assert (whole.waived_amount, whole.amount_due) == (Decimal("80.00"), Decimal("0.00"))

    refusals = [
        (
            pick(case, "登记费", waived_amount=Decimal("80.01"), waiver_reason="小微企业"),
            "登记费：减免金额须在 0–80.00 元之间。",
        ),
        (pick(case, "登记费", waived_amount=Decimal("10.00")), "登记费：减免须写明理由。"),
        (
            pick(case, "登记费", waived_amount=Decimal("10.00"), waiver_reason="   "),
            "登记费：减免须写明理由。",
        ),
        (
            pick(case, "测绘费", quantity=Decimal(10), waived_amount=Decimal("1.00"), waiver_reason="困难"),
            "测绘费：本收费项目依法不得减免。",
        ),
        (
            pick(
                case,
                "检测费",
                unit_price=Decimal("50.00"),
                quantity=Decimal(2),
                waived_amount=Decimal("100.01"),
                waiver_reason="困难",
            ),
            "检测费：减免金额须在 0–100.00 元之间。",
        ),
    ]
    for choice, message in refusals:
        with pytest.raises(ValidationError) as refused:
            services.fee_quote(case=case, choices=[choice])
        assert line_problems(refused) == [message]


def test_a_notice_line_never_shows_a_quantity_or_rate_other_than_the_one_charged(hall, bank, kinds):
    """The notice prints quantity × standard = amount. A quantity or a chosen rate finer than the
    fen (the API and the desk refuse one; a direct caller of the service may send it) must be
    refused or kept as charged, never stored rounded differently from the amount."""
    case = accepted_case(hall, kinds)
    choices = [
        pick(case, "测绘费", quantity=Decimal("1.005")),
        pick(case, "评估费", unit_price=Decimal("150.005")),
    ]
    try:
        notice = issue(hall, case, choices)
    except ValidationError as refused:
        assert all(
            problem.split("：")[0] in ("测绘费", "评估费") for problem in refused.message_dict["lines"]
        )
        return
    printed = [
        (line.name, line.quantity, line.unit_price, line.amount)
        for line in NoticeLine.objects.filter(notice=notice)
    ]
    charged = [
        (name, quantity, price, (quantity * (price or item(case, name).amount)).quantize(FEN, ROUND_HALF_UP))
        for name, quantity, price, _amount in printed
    ]
    assert printed == charged


def test_a_reason_without_a_waiver_is_not_kept(hall, kinds):
    case = accepted_case(hall, kinds)
    line = quote_one(case, "登记费", waiver_reason="小微企业")
    assert (line.waived_amount, line.waiver_reason) == (Decimal("0.00"), "")


def test_items_of_another_version_and_duplicates_are_refused_all_problems_at_once(hall, version, kinds):
    case = accepted_case(hall, kinds)
    stranger = version.fee_items.get(name="登记费")
    choices = [
        pick(case, "登记费"),
        FeeChoice(fee_item_id=stranger.pk),
        pick(case, "登记费", quantity=Decimal(2)),
        pick(case, "测绘费"),
    ]
    with pytest.raises(ValidationError) as refused:
        services.fee_quote(case=case, choices=choices)
    assert line_problems(refused) == [
        f"收费项目 {stranger.pk} 不属于本办件适用的事项版本。",
        "收费项目“登记费”重复。",
        "测绘费：须填写数量（平方米）。",
    ]
    with pytest.raises(ValidationError) as nothing:
        services.fee_quote(case=case, choices=[])
    assert line_problems(nothing) == ["请至少选择一个收费项目。"]


def test_an_item_without_fees_cannot_be_quoted(hall, seeded_calendar):
    free = fee_version(hall, fee_items=[], name="免费事项")
    case = accepted_case(hall, free)
    with pytest.raises(ValidationError) as refused:
        services.fee_quote(case=case, choices=[FeeChoice(fee_item_id=1)])
    assert line_problems(refused) == ["本事项不收费。"]


def test_a_quote_totals_its_lines_exactly_in_the_items_order(hall, kinds):
    case = accepted_case(hall, kinds)
    quote = services.fee_quote(
        case=case,
        choices=[
            pick(case, "检测费", unit_price=Decimal("66.67"), quantity=Decimal(3)),
            pick(case, "测绘费", quantity=Decimal("12.5")),
            pick(case, "登记费", waived_amount=Decimal("0.01"), waiver_reason="小微企业"),
            pick(case, "证书工本费", quantity=Decimal(3)),
            pick(case, "评估费", unit_price=Decimal("123.45")),
        ],
    )
    assert [line.fee_item.name for line in quote.lines] == [
        "登记费",
        "测绘费",
        "证书工本费",
        "评估费",
        "检测费",
    ]
    assert [line.amount for line in quote.lines] == [
        Decimal("80.00"),
        Decimal("41.63"),
        Decimal("20.00"),
        Decimal("123.45"),
        Decimal("200.01"),
    ]
    assert (quote.gross_amount, quote.waived_amount, quote.total) == (
        Decimal("465.09"),
        Decimal("0.01"),
        Decimal("465.08"),
    )


# Issuing ----------------------------------------------------------------------------------------


def test_a_notice_lists_each_fee_with_its_standard_and_the_payee_account(hall, bank, kinds):
    case = accepted_case(hall, kinds)
    notice, created = services.payment_notice_issue(
        case=case,
        user=hall["clerk"].user,
        at=at(TUESDAY, 9),
        choices=[
            pick(case, "登记费", waived_amount=Decimal("30.00"), waiver_reason="小微企业"),
            pick(case, "测绘费", quantity=Decimal("12.5")),
            pick(case, "评估费", unit_price=Decimal("150.00")),
        ],
    )
    assert created is True
    assert notice.number == f"{site_prefix(hall)}20260000001"
    assert (
        notice.status,
        notice.case_id,
        notice.site,
        notice.department,
        notice.payer_name,
        notice.gross_amount,
        notice.waived_amount,
        notice.total,
        notice.issued_at,
        notice.issued_date,
        notice.issued_by,
        notice.settled_date,
        notice.replaces,
    ) == (
        Status.ISSUED,
        case.pk,
        hall["county"],
        hall["market"],
        "庄河市海味餐饮有限公司",
        Decimal("271.63"),
        Decimal("30.00"),
        Decimal("241.63"),
        at(TUESDAY, 9),
        TUESDAY,
        hall["clerk"],
        None,
        None,
    )
    assert (notice.payee_name, notice.payee_account, notice.payee_bank) == (
        "测试县财政局",
        "2102 0000 1111 2222",
        "建设银行测试支行",
    )
    lines = [
        (
            line.sort_order,
            line.name,
            line.standard,
            line.unit,
            line.quantity,
            line.unit_price,
            line.amount,
            line.waived_amount,
            line.amount_due,
            line.waiver_reason,
            line.waiver_basis,
        )
        for line in notice.lines.all()
    ]
    assert lines == [
        (
            1,
            "登记费",
            "80.00元/件",
            "件",
            Decimal("1.00"),
            None,
            Decimal("80.00"),
            Decimal("30.00"),
            Decimal("50.00"),
            "小微企业",
            "小微企业免征不动产登记费（财税〔2016〕79号）",
        ),
        (
            2,
            "测绘费",
            "3.33元/平方米",
            "平方米",
            Decimal("12.50"),
            None,
            Decimal("41.63"),
            Decimal("0.00"),
            Decimal("41.63"),
            "",
            "",
        ),
        (
            3,
            "评估费",
            "100.00–300.00元",
            "",
            Decimal("1.00"),
            Decimal("150.00"),
            Decimal("150.00"),
            Decimal("0.00"),
            Decimal("150.00"),
            "",
            "",
        ),
    ]
    assert notice.lines.get(name="评估费").legal_basis == "《资产评估收费管理办法》"
    event = case.events.get(action=FeeEvent.FEE_NOTICE)
    assert (event.actor, event.at, event.comment) == (
        hall["clerk"].user,
        at(TUESDAY, 9),
        f"缴款通知书 {notice.number}：应收 271.63 元，减免 30.00 元，应缴 241.63 元",
    )
    sms = Notification.objects.get(case=case, subject="缴费通知")
    assert f"应缴费 241.63 元，缴款通知书号 {notice.number}" in sms.body


def test_the_payee_account_is_a_snapshot(hall, bank, version):
    first = issue(hall, accepted_case(hall, version))
    FiscalAccount.objects.update(is_active=False)
    FiscalAccount.objects.create(
        site=hall["county"],
        payee_name="测试县财政局（新）",
        account_number="6222 9999",
        bank_name="工商银行测试支行",
    )
    second = issue(hall, accepted_case(hall, version))
    first.refresh_from_db()
    assert (first.payee_name, first.payee_account, first.payee_bank) == (
        "测试县财政局",
        "2102 0000 1111 2222",
        "建设银行测试支行",
    )
    assert (second.payee_name, second.payee_account, second.payee_bank) == (
        "测试县财政局（新）",
        "6222 9999",
        "工商银行测试支行",
    )


def test_without_a_fiscal_account_no_notice_is_issued(hall, version):
    case = accepted_case(hall, version)
    with pytest.raises(services.FeeError) as refused:
        issue(hall, case)
    assert refused.value.message == "测试县政务服务中心 尚未设置财政非税收入专户，不能开具缴款通知书。"
    assert (
        PaymentNotice.objects.count(),
        Counter.objects.filter(series=numbering.PAYMENT_NOTICE).count(),
    ) == (0, 0)


def test_notice_numbers_are_site_code_year_and_a_gap_free_sequence(hall, bank, version):
    prefix = site_prefix(hall)
    first_case, second_case, third_case = (accepted_case(hall, version) for _ in range(3))
    first = issue(hall, first_case)
    # refusals take no number: bad input, different fees while live, a repeat of the same fees
    with pytest.raises(ValidationError):
        issue(hall, second_case, [pick(second_case, "证书工本费")])
    with pytest.raises(services.NoticeExists):
        issue(hall, first_case, books(first_case, 2))
    assert issue(hall, first_case) == first
    second = issue(hall, second_case)
    services.payment_notice_cancel(
        notice=second, user=hall["clerk"].user, at=at(TUESDAY, 10), reason="数量有误"
    )
    reissued = issue(hall, second_case, books(second_case, 2))
    next_year = issue(hall, third_case, day=date(2027, 1, 4))
    assert [first.number, second.number, reissued.number, next_year.number] == [
        f"{prefix}20260000001",
        f"{prefix}20260000002",
        f"{prefix}20260000003",
        f"{prefix}20270000001",
    ]
    assert sorted(
        Counter.objects.filter(series=numbering.PAYMENT_NOTICE).values_list("period", "last_value")
    ) == [(2026, 3), (2027, 1)]


def test_a_wholly_waived_notice_is_settled_at_once(hall, bank, version):
    case = accepted_case(hall, version)
    notice = issue(
        hall, case, all_fees(case, 登记费={"waived_amount": Decimal("80.00"), "waiver_reason": "小微企业"})
    )
    assert (notice.status, notice.gross_amount, notice.waived_amount, notice.total, notice.settled_date) == (
        Status.WAIVED,
        Decimal("80.00"),
        Decimal("80.00"),
        Decimal("0.00"),
        TUESDAY,
    )
    assert not Notification.objects.filter(case=case, subject="缴费通知").exists()
    with pytest.raises(services.NoticeNotPayable) as refused:
        confirm(bank, notice, amount="0.01")
    assert refused.value.message == f"缴款通知书 {notice.number} 已全额减免，无需缴款。"


def test_the_same_fees_again_return_the_same_notice(hall, bank, version):
    case = accepted_case(hall, version)
    notice = issue(hall, case, books(case, 3))
    events = case.events.count()
    again, created = services.payment_notice_issue(
        case=case, user=hall["market_a"].user, at=at(TUESDAY, 11), choices=list(reversed(books(case, 3)))
    )
    assert (again.pk, created) == (notice.pk, False)
    assert (case.events.count(), PaymentNotice.objects.count()) == (events, 1)
    assert Counter.objects.get(series=numbering.PAYMENT_NOTICE).last_value == 1


def test_different_fees_while_a_notice_is_live_are_refused(hall, bank, version):
    case = accepted_case(hall, version)
    notice = issue(hall, case, books(case, 3))
    with pytest.raises(services.NoticeExists) as refused:
        issue(hall, case, books(case, 2))
    assert (refused.value.code, refused.value.status_code, refused.value.message) == (
        "notice_exists",
        409,
        f"办件已有缴款通知书 {notice.number}（待缴款）：如需更改，请先作废再重开。",
    )
    confirm(bank, notice)
    with pytest.raises(services.NoticeExists) as paid:
        issue(hall, case, books(case, 2))
    assert paid.value.message == f"办件已有缴款通知书 {notice.number}（已缴款）：如需更改，请先作废再重开。"
    assert PaymentNotice.objects.count() == 1


def test_a_denied_case_is_not_billed(hall, bank, version):
    case = decided_case(hall, version, decision=Decision.DENIED)
    with pytest.raises(services.FeeError) as refused:
        issue(hall, case)
    assert (refused.value.code, refused.value.message) == ("fee_invalid", "不予许可的办件不收费。")
    assert not PaymentNotice.objects.exists()


def test_a_case_not_yet_accepted_is_not_billed(hall, bank, version):
    case = receive(hall, version, day=MONDAY, applicant=company())
    with pytest.raises(WrongState) as refused:
        issue(hall, case)
    assert refused.value.message == f"办件 {case.reference} 当前为“待受理”，不能开具缴款通知书。"
    assert not PaymentNotice.objects.exists()


def test_only_the_window_and_the_lead_chief_bill(hall, bank, version):
    case = accepted_case(hall, version)
    for role in ("reviewer", "fee", "agent", "office"):
        with pytest.raises(NotAllowed):
            issue(hall, case, user=hall[role].user)
    assert not PaymentNotice.objects.exists()
    notice = issue(hall, case, user=hall["chief"].user)
    assert notice.issued_by == hall["chief"]


# Cancel and reissue -----------------------------------------------------------------------------


def test_cancel_and_reissue_keeps_both_and_links_them(hall, bank, version):
    case = accepted_case(hall, version)
    old = issue(hall, case, books(case, 3))
    with pytest.raises(ValidationError) as no_reason:
        services.payment_notice_cancel(notice=old, user=hall["clerk"].user, at=at(TUESDAY, 10), reason="  ")
    assert no_reason.value.message_dict == {"reason": ["须写明作废原因。"]}
    with pytest.raises(NotAllowed):
        services.payment_notice_cancel(notice=old, user=hall["fee"].user, at=at(TUESDAY, 10), reason="错")

    cancelled = services.payment_notice_cancel(
        notice=old, user=hall["clerk"].user, at=at(TUESDAY, 10), reason="证书本数有误"
    )
    assert (
        cancelled.status,
        cancelled.cancelled_at,
        cancelled.cancelled_date,
        cancelled.cancelled_by,
        cancelled.cancel_reason,
    ) == (Status.CANCELLED, at(TUESDAY, 10), TUESDAY, hall["clerk"], "证书本数有误")
    with pytest.raises(services.FeeError) as twice:
        services.payment_notice_cancel(notice=old, user=hall["clerk"].user, at=at(TUESDAY, 10), reason="再次")
    assert twice.value.message == f"缴款通知书 {old.number} 已作废。"

    new = issue(hall, case, books(case, 2))
    assert (new.status, new.total, new.replaces) == (Status.ISSUED, Decimal("90.00"), cancelled)
    assert [(n.number, n.status) for n in selectors.notices_of(case)] == [
        (new.number, Status.ISSUED),
        (old.number, Status.CANCELLED),
    ]
    assert case.events.get(action=FeeEvent.FEE_NOTICE_CANCELLED).comment == (
        f"缴款通知书 {old.number} 作废：证书本数有误"
    )


def test_a_paid_notice_cannot_be_cancelled(hall, bank, version):
    notice, _payment = paid_notice(hall, bank, version)
    with pytest.raises(services.FeeError) as refused:
        services.payment_notice_cancel(
            notice=notice, user=hall["clerk"].user, at=at(TUESDAY, 13), reason="错"
        )
    assert refused.value.message == f"缴款通知书 {notice.number} 已缴款，不能作废；多缴或误缴的请办理退款。"
    notice.refresh_from_db()
    assert notice.status == Status.PAID


# The bank's confirmation ------------------------------------------------------------------------


def test_the_same_transaction_confirmed_twice_counts_once(hall, bank, version):
    case = accepted_case(hall, version)
    notice = issue(hall, case, books(case, 3))
    first, created = confirm(bank, notice, "CCB001")
    again, created_again = confirm(bank, notice, "CCB001", now=at(TUESDAY, 12, 5))
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert Payment.objects.count() == 1
    assert (
        first.bank,
        first.transaction_id,
        first.amount,
        first.payer_name,
        first.paid_at,
        first.paid_date,
        first.channel,
        first.confirmed_at,
        first.confirmed_by,
        first.refunded_amount,
    ) == (
        bank,
        "CCB001",
        Decimal("100.00"),
        "庄河市海味餐饮有限公司",
        at(TUESDAY, 10),
        TUESDAY,
        Payment.Channel.API,
        at(TUESDAY, 12),
        None,
        Decimal("0.00"),
    )
    notice.refresh_from_db()
    assert (notice.status, notice.settled_date) == (Status.PAID, TUESDAY)
    paid_events = case.events.filter(action=FeeEvent.PAID)
    assert [(event.actor, event.comment) for event in paid_events] == [
        (None, f"建设银行测试支行 确认缴款 100.00 元（缴款通知书 {notice.number}，流水号 CCB001）")
    ]


def test_an_amount_other_than_the_total_is_refused(hall, bank, version):
    case = accepted_case(hall, version)
    notice = issue(hall, case, books(case, 3))
    with pytest.raises(services.AmountMismatch) as refused:
        confirm(bank, notice, amount="90.00")
    assert (refused.value.code, refused.value.status_code, refused.value.message) == (
        "amount_mismatch",
        422,
        f"缴款金额 90.00 元与缴款通知书 {notice.number} 应缴金额 100.00 元不符。",
    )
    notice.refresh_from_db()
    assert (notice.status, Payment.objects.count()) == (Status.ISSUED, 0)


def test_an_unknown_notice_is_refused(hall, bank, version):
    with pytest.raises(services.UnknownNotice) as refused:
        services.payment_confirm(
            bank=bank,
            confirmation=BankConfirmation(
                notice_number=" NOPE123 ",
                transaction_id="T1",
                amount=Decimal("1.00"),
                paid_at=at(TUESDAY, 10),
            ),
            at=at(TUESDAY, 12),
            channel=Payment.Channel.API,
        )
    assert (refused.value.code, refused.value.status_code, refused.value.message) == (
        "unknown_notice",
        404,
        "没有缴款通知书号为 NOPE123 的通知书。",
    )


def test_a_second_transaction_for_a_paid_notice_is_already_paid(hall, bank, version):
    notice, _payment = paid_notice(hall, bank, version)
    with pytest.raises(services.AlreadyPaid) as refused:
        confirm(bank, notice, "T2", paid_at=at(TUESDAY, 11))
    assert (refused.value.code, refused.value.status_code, refused.value.message) == (
        "already_paid",
        409,
        f"缴款通知书 {notice.number} 已于 2026-11-17 10:30 缴款（流水号 T1），不能重复缴款。",
    )
    assert Payment.objects.count() == 1


def test_a_cancelled_notice_is_refused_naming_its_replacement(hall, bank, version):
    case = accepted_case(hall, version)
    old = issue(hall, case, books(case, 3))
    services.payment_notice_cancel(
        notice=old, user=hall["clerk"].user, at=at(TUESDAY, 9, 10), reason="本数有误"
    )
    with pytest.raises(services.NoticeNotPayable) as before:
        confirm(bank, old)
    assert before.value.message == f"缴款通知书 {old.number} 已作废，不能缴款。"
    new = issue(hall, case, books(case, 2))
    with pytest.raises(services.NoticeNotPayable) as refused:
        confirm(bank, old)
    assert (refused.value.code, refused.value.status_code, refused.value.message) == (
        "notice_not_payable",
        409,
        f"缴款通知书 {old.number} 已作废，请按新开具的 {new.number} 缴款，不能缴款。",
    )
    assert not Payment.objects.exists()


def test_a_transaction_id_reused_for_another_notice_or_amount_conflicts(hall, bank, version):
    first, payment = paid_notice(hall, bank, version, transaction_id="T1")
    other_case = accepted_case(hall, version)
    other = issue(hall, other_case)
    with pytest.raises(services.TransactionConflict) as refused:
        confirm(bank, other, "T1")
    assert (refused.value.code, refused.value.status_code, refused.value.message) == (
        "transaction_conflict",
        409,
        f"银行交易流水号 T1 已用于缴款通知书 {first.number}（80.00 元），与本次确认不符。",
    )
    with pytest.raises(services.TransactionConflict):
        confirm(bank, first, "T1", amount="80.01")
    other.refresh_from_db()
    assert (other.status, Payment.objects.count()) == (Status.ISSUED, 1)
    # another bank's transaction with the same id is another transaction
    icbc = Bank.objects.create(code="icbc", name="工商银行测试支行", site=hall["county"])
    other_payment, created = confirm(icbc, other, "T1")
    assert (created, other_payment.bank) == (True, icbc)


def test_a_payment_in_the_future_is_refused(hall, bank, version):
    case = accepted_case(hall, version)
    notice = issue(hall, case)
    with pytest.raises(ValidationError) as refused:
        confirm(bank, notice, paid_at=at(TUESDAY, 12, 5) + timedelta(seconds=1), now=at(TUESDAY, 12, 0))
    assert refused.value.message_dict == {"paid_at": ["缴款时间晚于当前时间。"]}
    assert not Payment.objects.exists()
    # a bank's clock a few minutes ahead is tolerated
    payment, created = confirm(bank, notice, paid_at=at(TUESDAY, 12, 5), now=at(TUESDAY, 12, 0))
    assert (created, payment.paid_at) == (True, at(TUESDAY, 12, 5))


def test_counter_confirmation_only_by_the_fee_clerk(hall, bank, version):
    case = accepted_case(hall, version)
    notice = issue(hall, case)
    for role in ("clerk", "office", "chief", "township_clerk"):
        with pytest.raises(NotAllowed):
            confirm(bank, notice, channel=Payment.Channel.COUNTER, user=hall[role].user)
    assert not Payment.objects.exists()
    with pytest.raises(NotAllowed):
        confirm(bank, notice, channel=Payment.Channel.COUNTER, user=None)

    payment, created = confirm(bank, notice, "CNT-1", channel=Payment.Channel.COUNTER, user=hall["fee"].user)
    assert (created, payment.channel, payment.confirmed_by) == (True, Payment.Channel.COUNTER, hall["fee"])
    assert case.events.get(action=FeeEvent.PAID).actor == hall["fee"].user


# Refunds ----------------------------------------------------------------------------------------


@pytest.fixture
def paid(hall, bank, version):
    """A paid notice: 登记费 80 + 证书工本费 (3 books) 20 = 100."""
    notice, payment = paid_notice(hall, bank, version, lambda case: books(case, 3))
    return payment, {line.name: line for line in notice.lines.all()}


def ask(hall, payment, line, amount, *, role="clerk", reason="重复缴纳", day=TUESDAY, hour=14):
    return services.refund_request(
        payment=payment, line_id=line.pk, user=hall[role].user, at=at(day, hour), amount=amount, reason=reason
    )


def decide(hall, refund, *, role="office", approve=True, note="", day=TUESDAY, hour=15):
    return services.refund_decide(
        refund=refund, user=hall[role].user, at=at(day, hour), approve=approve, note=note
    )


def test_a_refund_is_requested_then_approved_by_the_office(hall, paid):
    payment, lines = paid
    refund = ask(hall, payment, lines["登记费"], "30.00", reason="多收")
    assert (refund.status, refund.amount, refund.requested_by, refund.line) == (
        Refund.Status.REQUESTED,
        Decimal("30.00"),
        hall["clerk"],
        lines["登记费"],
    )
    payment.refresh_from_db()
    assert payment.refunded_amount == Decimal("0.00")

    approved = decide(hall, refund, note="同意", day=WEDNESDAY)
    assert (approved.status, approved.decided_by, approved.decided_date, approved.decision_note) == (
        Refund.Status.APPROVED,
        hall["office"],
        WEDNESDAY,
        "同意",
    )
    payment.refresh_from_db()
    assert (payment.refunded_amount, payment.balance) == (Decimal("30.00"), Decimal("70.00"))
    case = payment.notice.case
    assert [(event.action, event.is_public) for event in case.events.filter(action__startswith="REFUND")] == [
        (FeeEvent.REFUND_REQUESTED, False),
        (FeeEvent.REFUNDED, True),
    ]
    assert Notification.objects.filter(case=case, subject="退款通知").exists()
    with pytest.raises(services.WrongRefundState) as twice:
        decide(hall, refund)
    assert (twice.value.status_code, twice.value.message) == (409, "该退款申请已批准。")


def test_a_rejected_refund_needs_a_note_and_frees_the_amount(hall, paid):
    payment, lines = paid
    refund = ask(hall, payment, lines["登记费"], "80.00")
    with pytest.raises(ValidationError) as no_note:
        decide(hall, refund, approve=False)
    assert no_note.value.message_dict == {"note": ["驳回须写明理由。"]}
    rejected = decide(hall, refund, approve=False, note="不符合退费条件")
    assert rejected.status == Refund.Status.REJECTED
    payment.refresh_from_db()
    assert payment.refunded_amount == Decimal("0.00")
    again = ask(hall, payment, lines["登记费"], "80.00")
    assert again.status == Refund.Status.REQUESTED


def test_refunds_asked_and_approved_never_exceed_the_line(hall, paid):
    payment, lines = paid
    first = ask(hall, payment, lines["登记费"], "50.00")
    with pytest.raises(services.RefundTooLarge) as refused:
        ask(hall, payment, lines["登记费"], "40.00", role="fee")
    assert (refused.value.code, refused.value.message) == (
        "refund_exceeds_balance",
        "“登记费”可退金额为 30.00 元（已缴 80.00 元，已退或待批 50.00 元），不能退 40.00 元。",
    )
    second = ask(hall, payment, lines["登记费"], "30.00", role="fee")
    with pytest.raises(services.RefundTooLarge):
        ask(hall, payment, lines["登记费"], "0.01")
    with pytest.raises(services.RefundTooLarge):
        ask(hall, payment, lines["证书工本费"], "20.01")
    decide(hall, first)
    decide(hall, second)
    third = ask(hall, payment, lines["证书工本费"], "20.00")
    decide(hall, third)
    payment.refresh_from_db()
    assert (payment.refunded_amount, payment.balance) == (Decimal("100.00"), Decimal("0.00"))
    assert Refund.objects.filter(status=Refund.Status.APPROVED).count() == 3


def test_the_requester_never_approves_their_own_refund(hall, paid):
    payment, lines = paid
    both = make_staff(site=hall["county"], roles=[Role.WINDOW_CLERK, Role.CENTER_OFFICE], full_name="兼职")
    refund = services.refund_request(
        payment=payment,
        line_id=lines["登记费"].pk,
        user=both.user,
        at=at(TUESDAY, 14),
        amount="10.00",
        reason="多收",
    )
    with pytest.raises(NotAllowed):
        services.refund_decide(refund=refund, user=both.user, at=at(TUESDAY, 15), approve=True)
    refund.refresh_from_db()
    assert refund.status == Refund.Status.REQUESTED
    assert decide(hall, refund).status == Refund.Status.APPROVED


def test_only_the_center_office_approves_refunds(hall, paid):
    payment, lines = paid
    refund = ask(hall, payment, lines["登记费"], "10.00")
    for role in ("clerk_b", "fee", "chief", "reviewer", "agent", "township_office"):
        with pytest.raises(NotAllowed):
            decide(hall, refund, role=role)
    refund.refresh_from_db()
    payment.refresh_from_db()
    assert (refund.status, payment.refunded_amount) == (Refund.Status.REQUESTED, Decimal("0.00"))


def test_who_may_ask_for_a_refund_and_what_they_must_give(hall, paid, version, bank):
    payment, lines = paid
    for role in ("reviewer", "agent", "office"):
        with pytest.raises(NotAllowed):
            ask(hall, payment, lines["登记费"], "10.00", role=role)
    assert ask(hall, payment, lines["登记费"], "1.00", role="chief").requested_by == hall["chief"]
    cases = [
        ("0", "重复", {"amount": ["退款金额须大于0。"]}),
        ("-5.00", "重复", {"amount": ["退款金额须大于0。"]}),
        ("1.234", "重复", {"amount": ["退款金额最多保留两位小数（到分）。"]}),
        ("abc", "重复", {"amount": ["退款金额须为数字。"]}),
        ("5.00", "   ", {"reason": ["须写明退款理由。"]}),
    ]
    for amount, reason, errors in cases:
        with pytest.raises(ValidationError) as refused:
            ask(hall, payment, lines["登记费"], amount, reason=reason)
        assert refused.value.message_dict == errors
    _other_notice, other_payment = paid_notice(hall, bank, version, transaction_id="T2")
    with pytest.raises(ValidationError) as stranger:
        ask(hall, other_payment, lines["登记费"], "1.00")
    assert stranger.value.message_dict == {"line": ["该收费明细不属于这笔缴款。"]}
    assert Refund.objects.count() == 1


# Bank statements --------------------------------------------------------------------------------


def csv_bytes(rows: list[list[str]], encoding="utf-8-sig") -> bytes:
    return ("\r\n".join(",".join(row) for row in rows) + "\r\n").encode(encoding)


def import_statement(hall, bank, content, *, day=TUESDAY, role="fee", name="statement.csv", hour=18):
    return services.statement_import(
        bank=bank, statement_date=day, content=content, file_name=name, user=hall[role].user, at=at(day, hour)
    )


CHINESE_HEADER = ["交易流水号", "缴款通知书号", "金额", "交易时间", "付款人"]


def test_a_utf8_statement_with_a_bom_and_chinese_headers(hall, bank):
    content = csv_bytes(
        [
            CHINESE_HEADER,
            ["CCB001", "N0001", "100.00", "2026-11-17 10:05:00", "庄河市海味餐饮有限公司"],
            ["CCB002", "N0002", "80", "2026/11/17 15:30", "张晓梅"],
        ]
    )
    assert content.startswith(b"\xef\xbb\xbf")
    statement, created = import_statement(hall, bank, content, name="建行对账单.csv")
    assert created is True
    assert (
        statement.bank,
        statement.statement_date,
        statement.file_name,
        statement.line_count,
        statement.total,
        statement.imported_by,
    ) == (bank, TUESDAY, "建行对账单.csv", 2, Decimal("180.00"), hall["fee"])
    lines = [
        (
            line.line_number,
            line.transaction_id,
            line.notice_number,
            line.amount,
            line.paid_at,
            line.payer_name,
        )
        for line in statement.lines.all()
    ]
    assert lines == [
        (2, "CCB001", "N0001", Decimal("100.00"), at(TUESDAY, 10, 5), "庄河市海味餐饮有限公司"),
        (3, "CCB002", "N0002", Decimal("80.00"), at(TUESDAY, 15, 30), "张晓梅"),
    ]


def test_a_gb18030_statement_with_other_chinese_headers(hall, bank):
    content = csv_bytes(
        [
            ["流水号", "缴款书号", "交易金额", "缴款时间", "缴款人"],
            ["CCB001", "N0001", '"1,234.50"', "20261117093000", "庄河市海味餐饮有限公司"],
        ],
        encoding="gb18030",
    )
    statement, created = import_statement(hall, bank, content)
    line = statement.lines.get()
    assert (created, line.amount, line.paid_at, line.payer_name) == (
        True,
        Decimal("1234.50"),
        at(TUESDAY, 9, 30),
        "庄河市海味餐饮有限公司",
    )


def test_a_statement_with_english_headers(hall, bank):
    content = csv_bytes(
        [
            ["Transaction_ID", "notice_number", "amount", "paid_at"],
            ["CCB001", "N0001", "12.34", "2026-11-16T16:30:00+00:00"],
        ],
        encoding="utf-8",
    )
    statement, _created = import_statement(hall, bank, content)
    line = statement.lines.get()
    # 16:30 UTC on the 16th is 00:30 on the 17th in the hall
    assert (line.transaction_id, line.amount, line.paid_at, line.payer_name) == (
        "CCB001",
        Decimal("12.34"),
        at(TUESDAY, 0, 30),
        "",
    )


def test_a_statement_with_bad_rows_lists_every_one_and_imports_nothing(hall, bank):
    content = csv_bytes(
        [
            CHINESE_HEADER,
            ["CCB001", "N0001", "100.00", "2026-11-17 10:05:00", ""],
            ["", "N0002", "80.00", "2026-11-17 10:06:00", ""],
            ["CCB003", "", "abc", "2026-11-17 10:07:00", ""],
            ["CCB004", "N0004", "1.234", "昨天", ""],
            ["", "", "", "", ""],
            ["CCB005", "N0005", "-5", "2026-11-16 23:59:59", ""],
            ["CCB006", "N0006", "50.00", "2026-11-17 10:08:00", ""],
        ]
    )
    with pytest.raises(ValidationError) as refused:
        import_statement(hall, bank, content)
    assert refused.value.message_dict == {
        "file": [
            "第3行：缺少交易流水号",
            "第4行：缺少缴款通知书号；金额“abc”不是大于0、最多两位小数的数字",
            "第5行：金额“1.234”不是大于0、最多两位小数的数字；交易时间“昨天”无法识别",
            "第7行：金额“-5”不是大于0、最多两位小数的数字；交易时间 2026-11-16 23:59:59 不在对账日 2026-11-17",
        ]
    }
    assert (BankStatement.objects.count(), StatementLine.objects.count()) == (0, 0)


def test_a_line_dated_another_day_is_refused(hall, bank):
    content = csv_bytes([CHINESE_HEADER, ["CCB001", "N0001", "100.00", "2026-11-18 00:00:00", ""]])
    with pytest.raises(ValidationError) as refused:
        import_statement(hall, bank, content)
    assert refused.value.message_dict == {
        "file": ["第2行：交易时间 2026-11-18 00:00:00 不在对账日 2026-11-17"]
    }
    assert not BankStatement.objects.exists()


def test_the_same_file_again_returns_the_statement_already_imported(hall, bank):
    content = csv_bytes([CHINESE_HEADER, ["CCB001", "N0001", "100.00", "2026-11-17 10:05:00", ""]])
    first, created = import_statement(hall, bank, content)
    again, created_again = import_statement(hall, bank, content, role="office", hour=19)
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert (BankStatement.objects.count(), StatementLine.objects.count()) == (1, 1)
    corrected = csv_bytes([CHINESE_HEADER, ["CCB001", "N0001", "100.00", "2026-11-17 10:05:00", "张晓梅"]])
    newer, created_newer = import_statement(hall, bank, corrected, hour=20)
    assert (created_newer, newer.pk != first.pk, BankStatement.objects.count()) == (True, True, 2)


def test_a_statement_without_a_required_column_or_empty_is_refused(hall, bank):
    with pytest.raises(ValidationError) as no_amount:
        import_statement(hall, bank, csv_bytes([["交易流水号", "缴款通知书号", "交易时间"], ["A", "B", "C"]]))
    assert no_amount.value.message_dict == {"file": ["表头缺少列：金额。"]}
    with pytest.raises(ValidationError) as empty:
        import_statement(hall, bank, b"")
    assert empty.value.message_dict == {"file": ["文件为空。"]}


def test_only_the_fee_clerks_and_the_office_import_statements(hall, bank):
    content = csv_bytes([CHINESE_HEADER, ["CCB001", "N0001", "100.00", "2026-11-17 10:05:00", ""]])
    for role in ("clerk", "chief", "reviewer", "agent", "township_clerk"):
        with pytest.raises(NotAllowed):
            import_statement(hall, bank, content, role=role)
    assert not BankStatement.objects.exists()
    assert import_statement(hall, bank, content, role="office")[1] is True


# Reconciliation ---------------------------------------------------------------------------------


def test_reconciliation_finds_every_planted_mismatch(hall, bank, version):
    notices = []
    for count in (3, 2, 1, 1):
        case = accepted_case(hall, version)
        notices.append(issue(hall, case, books(case, count)))
    n1, n2, n3, n4 = notices  # 100, 90, 80, 80
    confirm(bank, n1, "T1", paid_at=at(TUESDAY, 10))
    confirm(bank, n2, "T2", paid_at=at(TUESDAY, 10, 10))
    confirm(bank, n3, "T3", paid_at=at(TUESDAY, 10, 20))  # left out of the statement
    # n4 stays unpaid here, yet the bank took its money
    content = csv_bytes(
        [
            CHINESE_HEADER,
            ["T1", n1.number, "100.00", "2026-11-17 10:00:00", ""],  # matches
            ["T2", n2.number, "95.00", "2026-11-17 10:10:00", ""],  # amount differs
            ["T9", "NOPE2026", "50.00", "2026-11-17 11:00:00", ""],  # no such notice
            ["T4", n4.number, "80.00", "2026-11-17 11:30:00", ""],  # not confirmed here
            ["T1", n1.number, "100.00", "2026-11-17 10:00:00", ""],  # the same transaction twice
            ["T6", n1.number, "100.00", "2026-11-17 12:00:00", ""],  # the notice paid twice
        ]
    )
    import_statement(hall, bank, content)

    result = selectors.reconciliation(user=hall["fee"].user, on_date=TUESDAY)

    assert [(m.kind, m.transaction_id) for m in result.mismatches] == [
        (Kind.AMOUNT, "T2"),
        (Kind.UNKNOWN_NOTICE, "T9"),
        (Kind.NOT_CONFIRMED, "T4"),
        (Kind.DUPLICATE, "T1"),
        (Kind.DUPLICATE, "T6"),
        (Kind.MISSING, "T3"),
    ]
    assert [(m.notice_number, m.our_amount, m.bank_amount, m.line_number) for m in result.mismatches] == [
        (n2.number, Decimal("90.00"), Decimal("95.00"), 3),
        ("NOPE2026", None, Decimal("50.00"), 4),
        (n4.number, Decimal("80.00"), Decimal("80.00"), 5),
        (n1.number, None, Decimal("100.00"), 6),
        (n1.number, Decimal("100.00"), Decimal("100.00"), 7),
        (n3.number, Decimal("80.00"), None, None),
    ]
    assert {m.bank for m in result.mismatches} == {bank}
    assert result.is_balanced is False
    [day] = result.banks
    assert (day.bank, day.payment_count, day.payment_total, day.statement_count, day.statement_total) == (
        bank,
        3,
        Decimal("270.00"),
        6,
        Decimal("525.00"),
    )


def test_a_transaction_listed_under_another_notice_number(hall, bank, version):
    first_case, second_case = accepted_case(hall, version), accepted_case(hall, version)
    paid = issue(hall, first_case)
    other = issue(hall, second_case)
    confirm(bank, paid, "T1")
    import_statement(
        hall, bank, csv_bytes([CHINESE_HEADER, ["T1", other.number, "80.00", "2026-11-17 10:30", ""]])
    )
    result = selectors.reconciliation(user=hall["fee"].user, on_date=TUESDAY)
    assert [
        (m.kind, m.transaction_id, m.notice_number, m.our_amount, m.bank_amount) for m in result.mismatches
    ] == [(Kind.NOTICE, "T1", other.number, Decimal("80.00"), Decimal("80.00"))]


def test_a_bank_with_payments_and_no_statement(hall, bank, version):
    icbc = Bank.objects.create(code="icbc", name="工商银行测试支行", site=hall["county"])
    Bank.objects.create(code="boc", name="中国银行测试支行", site=hall["county"])
    matched, _payment = paid_notice(hall, bank, version, transaction_id="T1")
    import_statement(
        hall, bank, csv_bytes([CHINESE_HEADER, ["T1", matched.number, "80.00", "2026-11-17 10:00", ""]])
    )
    case = accepted_case(hall, version)
    unlisted = issue(hall, case, books(case, 2))
    confirm(icbc, unlisted, "ICBC1")

    result = selectors.reconciliation(user=hall["office"].user, on_date=TUESDAY)

    assert [(m.kind, m.bank, m.transaction_id, m.our_amount) for m in result.mismatches] == [
        (Kind.NO_STATEMENT, icbc, "", Decimal("90.00"))
    ]
    assert [
        (d.bank.code, d.payment_count, d.payment_total, d.statement is not None) for d in result.banks
    ] == [
        ("boc", 0, Decimal("0.00"), False),
        ("ccb", 1, Decimal("80.00"), True),
        ("icbc", 1, Decimal("90.00"), False),
    ]


def test_a_balanced_day(hall, bank, version):
    notice, _payment = paid_notice(hall, bank, version)
    import_statement(
        hall, bank, csv_bytes([CHINESE_HEADER, ["T1", notice.number, "80.00", "2026-11-17 10:00", ""]])
    )
    result = selectors.reconciliation(user=hall["fee"].user, on_date=TUESDAY)
    assert (result.is_balanced, result.mismatches) == (True, [])


def test_the_days_figures(hall, bank, version):
    monday_case = accepted_case(hall, version)
    monday = issue(hall, monday_case, books(monday_case, 4), day=MONDAY, hour=16)  # 110, paid on Wednesday
    cases = [accepted_case(hall, version) for _ in range(4)]
    paid_today = issue(hall, cases[0], books(cases[0], 3))  # 100
    unpaid = issue(hall, cases[1], books(cases[1], 2))  # 90
    cancelled = issue(hall, cases[2])  # 80, cancelled today
    services.payment_notice_cancel(
        notice=cancelled, user=hall["clerk"].user, at=at(TUESDAY, 16), reason="错开"
    )
    waived = issue(
        hall,
        cases[3],
        all_fees(cases[3], 登记费={"waived_amount": Decimal("80.00"), "waiver_reason": "小微企业"}),
    )
    payment, _created = confirm(bank, paid_today, "T1")
    refund = ask(hall, payment, paid_today.lines.get(name="登记费"), "10.00", hour=13)
    decide(hall, refund, hour=17)
    confirm(bank, monday, "T2", paid_at=at(WEDNESDAY, 9), now=at(WEDNESDAY, 9))
    assert waived.status == Status.WAIVED and unpaid.status == Status.ISSUED

    tuesday = selectors.reconciliation(user=hall["fee"].user, on_date=TUESDAY)
    figures = {
        name: (getattr(tuesday, name).count, getattr(tuesday, name).total)
        for name in ("issued", "cancelled", "waived", "paid", "outstanding", "refunded")
    }
    assert figures == {
        "issued": (4, Decimal("270.00")),
        "cancelled": (1, Decimal("80.00")),
        "waived": (1, Decimal("80.00")),
        "paid": (1, Decimal("100.00")),
        "outstanding": (2, Decimal("200.00")),  # Monday's (paid only on Wednesday) and `unpaid`
        "refunded": (1, Decimal("10.00")),
    }
    monday_figures = selectors.reconciliation(user=hall["fee"].user, on_date=MONDAY)
    assert (monday_figures.issued.count, monday_figures.outstanding.count, monday_figures.paid.count) == (
        1,
        1,
        0,
    )
    wednesday = selectors.reconciliation(user=hall["fee"].user, on_date=WEDNESDAY)
    assert (wednesday.issued.count, wednesday.paid.count, wednesday.paid.total) == (0, 1, Decimal("110.00"))
    assert (wednesday.outstanding.count, wednesday.outstanding.total) == (1, Decimal("90.00"))


def test_outstanding_on_a_past_day_counts_a_notice_paid_or_cancelled_later(hall, bank, version):
    first_case, second_case, third_case = (accepted_case(hall, version) for _ in range(3))
    paid_later = issue(hall, first_case, books(first_case, 3), day=MONDAY, hour=16)  # 100
    issue(hall, second_case, books(second_case, 2), day=MONDAY, hour=16)  # 90, cancelled on Wednesday
    cancelled_later = second_case.payment_notices.get()
    issue(hall, third_case, day=TUESDAY)  # 80, still unpaid
    confirm(bank, paid_later, "T1", paid_at=at(WEDNESDAY, 9), now=at(WEDNESDAY, 9))
    services.payment_notice_cancel(
        notice=cancelled_later, user=hall["clerk"].user, at=at(WEDNESDAY, 10), reason="错开"
    )

    def outstanding(day):
        figure = selectors.reconciliation(user=hall["fee"].user, on_date=day).outstanding
        return figure.count, figure.total

    assert outstanding(date(2026, 11, 15)) == (0, Decimal("0.00"))
    assert outstanding(MONDAY) == (2, Decimal("190.00"))
    assert outstanding(TUESDAY) == (3, Decimal("270.00"))
    assert outstanding(WEDNESDAY) == (1, Decimal("80.00"))


# Fiscal report ----------------------------------------------------------------------------------


def row(report_row):
    return (
        report_row.department,
        report_row.fee_name,
        report_row.count,
        report_row.gross,
        report_row.waived,
        report_row.collected,
        report_row.refunded,
        report_row.net,
    )


def blocks(report):
    return [(block.name, [row(r) for r in block.rows], row(block.subtotal)) for block in report.departments]


D = Decimal
MARKET, HOUSING = "市场监督管理局", "住房和城乡建设局"


@pytest.fixture
def fiscal_month(hall, bank, version):
    """Tuesday: A (登记费 80 + 3 books 20) paid; B (登记费 80 less 30 waived + 1 book 0) paid; D wholly
    waived (登记费 80 waived + 1 book 0); H (housing: 88.5 平方米 × 1.36 = 120.36) paid; U issued and never paid. Wednesday: W
    (登记费 80 + 2 books 10) paid, and 30 of A's 登记费 refunded (asked on Tuesday). December: E paid
    on 2026-12-01."""
    housing_reviewer = make_staff(
        site=hall["county"],
        roles=[Role.DEPARTMENT_REVIEWER],
        department=hall["housing"],
        full_name="住建审核",
    )
    housing_version = publish(
        make_item(
            department=hall["housing"],
            user=housing_reviewer.user,
            fee_items=SURVEY_FEE,
            materials=FOOD_MATERIALS,
            name="房屋测绘成果审核",
        ),
        submitter=housing_reviewer.user,
        approver=hall["office"].user,
        today=date(2026, 11, 2),
    )
    cases = {name: accepted_case(hall, version) for name in "ABDUWE"}
    cases["H"] = accepted_case(hall, housing_version)
    a = issue(hall, cases["A"], books(cases["A"], 3))
    b = issue(
        hall,
        cases["B"],
        all_fees(cases["B"], 登记费={"waived_amount": Decimal("30.00"), "waiver_reason": "小微企业"}),
    )
    issue(
        hall,
        cases["D"],
        all_fees(cases["D"], 登记费={"waived_amount": Decimal("80.00"), "waiver_reason": "困难"}),
    )
    h = issue(hall, cases["H"], [pick(cases["H"], "房屋测绘费", quantity=Decimal("88.5"))])
    issue(hall, cases["U"])
    w = issue(hall, cases["W"], books(cases["W"], 2))
    e = issue(hall, cases["E"])
    payment_a, _created = confirm(bank, a, "TA", paid_at=at(TUESDAY, 10))
    confirm(bank, b, "TB", paid_at=at(TUESDAY, 11))
    confirm(bank, h, "TH", paid_at=at(TUESDAY, 23, 59), now=at(TUESDAY, 23, 59))
    confirm(bank, w, "TW", paid_at=at(WEDNESDAY, 0, 1), now=at(WEDNESDAY, 9))
    confirm(bank, e, "TE", paid_at=at(date(2026, 12, 1), 9), now=at(date(2026, 12, 1), 9))
    refund = ask(hall, payment_a, a.lines.get(name="登记费"), "30.00", hour=16)
    decide(hall, refund, day=WEDNESDAY, hour=10)
    assert (a.total, b.total, h.total, w.total) == (D("100.00"), D("50.00"), D("120.36"), D("90.00"))


def report_for(hall, role="fee", **period):
    start, end, label = selectors.report_period(**period)
    return selectors.fiscal_report(user=hall[role].user, start=start, end=end, label=label)


def test_the_fiscal_report_of_a_day(hall, fiscal_month):
    report = report_for(hall, on_date=TUESDAY)
    assert (report.start, report.end, report.label) == (TUESDAY, WEDNESDAY, "2026-11-17")
    assert blocks(report) == [
        (
            HOUSING,
            [(HOUSING, "房屋测绘费", 1, D("120.36"), D("0.00"), D("120.36"), D("0.00"), D("120.36"))],
            (HOUSING, "小计", 1, D("120.36"), D("0.00"), D("120.36"), D("0.00"), D("120.36")),
        ),
        (
            MARKET,
            [
                (MARKET, "登记费", 3, D("240.00"), D("110.00"), D("130.00"), D("0.00"), D("130.00")),
                (MARKET, "证书工本费", 3, D("20.00"), D("0.00"), D("20.00"), D("0.00"), D("20.00")),
            ],
            (MARKET, "小计", 6, D("260.00"), D("110.00"), D("150.00"), D("0.00"), D("150.00")),
        ),
    ]
    assert row(report.total) == ("合计", "", 7, D("380.36"), D("110.00"), D("270.36"), D("0.00"), D("270.36"))


def test_the_fiscal_report_counts_a_refund_on_the_day_it_was_approved(hall, fiscal_month):
    report = report_for(hall, role="office", on_date=WEDNESDAY)
    assert blocks(report) == [
        (
            MARKET,
            [
                (MARKET, "登记费", 1, D("80.00"), D("0.00"), D("80.00"), D("30.00"), D("50.00")),
                (MARKET, "证书工本费", 1, D("10.00"), D("0.00"), D("10.00"), D("0.00"), D("10.00")),
            ],
            (MARKET, "小计", 2, D("90.00"), D("0.00"), D("90.00"), D("30.00"), D("60.00")),
        ),
    ]
    assert row(report.total) == ("合计", "", 2, D("90.00"), D("0.00"), D("90.00"), D("30.00"), D("60.00"))


def test_the_fiscal_report_of_a_month(hall, fiscal_month):
    report = report_for(hall, month=date(2026, 11, 20))
    assert (report.start, report.end, report.label) == (date(2026, 11, 1), date(2026, 12, 1), "2026年11月")
    assert blocks(report) == [
        (
            HOUSING,
            [(HOUSING, "房屋测绘费", 1, D("120.36"), D("0.00"), D("120.36"), D("0.00"), D("120.36"))],
            (HOUSING, "小计", 1, D("120.36"), D("0.00"), D("120.36"), D("0.00"), D("120.36")),
        ),
        (
            MARKET,
            [
                (MARKET, "登记费", 4, D("320.00"), D("110.00"), D("210.00"), D("30.00"), D("180.00")),
                (MARKET, "证书工本费", 4, D("30.00"), D("0.00"), D("30.00"), D("0.00"), D("30.00")),
            ],
            (MARKET, "小计", 8, D("350.00"), D("110.00"), D("240.00"), D("30.00"), D("210.00")),
        ),
    ]
    assert row(report.total) == (
        "合计",
        "",
        9,
        D("470.36"),
        D("110.00"),
        D("360.36"),
        D("30.00"),
        D("330.36"),
    )
    december = report_for(hall, month=date(2026, 12, 1))
    assert (december.label, row(december.total)) == (
        "2026年12月",
        ("合计", "", 2, D("80.00"), D("0.00"), D("80.00"), D("0.00"), D("80.00")),
    )


def test_the_fiscal_report_sees_only_the_users_sites(hall, fiscal_month):
    report = report_for(hall, role="township_office", on_date=TUESDAY)
    assert (report.departments, row(report.total)) == (
        [],
        ("合计", "", 0, D("0.00"), D("0.00"), D("0.00"), D("0.00"), D("0.00")),
    )


# Delivery waits for the fees ---------------------------------------------------------------------


def deliver(hall, case, hour=16):
    return delivery.case_deliver(case=case, user=hall["clerk"].user, at=at(TUESDAY, hour), details=WINDOW)


def test_delivery_is_blocked_until_the_bank_confirms(hall, bank, version):
    case = decided_case(hall, version)
    with pytest.raises(CaseError) as no_notice:
        deliver(hall, case, hour=8)
    assert (no_notice.value.code, no_notice.value.message) == (
        "delivery_blocked",
        "本事项收费，尚未开具缴款通知书：缴费或减免后方可送达。",
    )
    notice = issue(hall, case, books(case, 3))
    with pytest.raises(CaseError) as unpaid:
        deliver(hall, case, hour=9)
    assert (unpaid.value.code, unpaid.value.message) == (
        "delivery_blocked",
        f"缴款通知书 {notice.number} 应缴 100.00 元尚未缴款：银行确认缴款后方可送达。",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    confirm(bank, notice)
    deliver(hall, case, hour=12)
    case.refresh_from_db()
    assert case.status == CaseStatus.DELIVERED


def test_a_cancelled_notice_blocks_delivery_again(hall, bank, version):
    case = decided_case(hall, version)
    notice = issue(hall, case)
    services.payment_notice_cancel(notice=notice, user=hall["clerk"].user, at=at(TUESDAY, 10), reason="错开")
    with pytest.raises(CaseError) as refused:
        deliver(hall, case)
    assert refused.value.message == "本事项收费，尚未开具缴款通知书：缴费或减免后方可送达。"


def test_a_wholly_waived_notice_lets_the_result_be_delivered(hall, bank, version):
    case = decided_case(hall, version)
    issue(hall, case, all_fees(case, 登记费={"waived_amount": Decimal("80.00"), "waiver_reason": "小微企业"}))
    deliver(hall, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.DELIVERED


def test_a_denied_case_is_delivered_without_fees(hall, bank, version):
    case = decided_case(hall, version, decision=Decision.DENIED)
    assert selectors.unpaid_fee_blockers(case) == []
    deliver(hall, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.DELIVERED
    assert not NoticeLine.objects.exists()
