"""Fee arithmetic and the fiscal figures hold for any fees, quantities, rates and waivers.

The pure properties compare `calculation.line_amount` with a reference worked out in whole
ten-thousandths of a yuan (integers: no Decimal context, no float), tiered fees with a walk unit by
unit. The database property bills, pays, cancels and refunds at random through the services and
checks the fiscal report, the day's reconciliation and the Excel export against a ledger the test
keeps itself and against the payments recorded.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from onewindow.cases.tests.factories import FOOD_MATERIALS, SHANGHAI, at
from onewindow.catalog.models import FeeItem
from onewindow.catalog.tests.factories import make_item, publish
from onewindow.fees import calculation, documents, selectors, services
from onewindow.fees.calculation import FeeInputError, Standard
from onewindow.fees.models import Bank, Payment, PaymentNotice, Refund
from onewindow.fees.tests.factories import accepted_case, decided_case, fee_version, fiscal_setup
from onewindow.org.models import Role
from onewindow.org.tests.factories import make_staff

Kind = FeeItem.Kind

# Reference arithmetic ---------------------------------------------------------------------------


def yuan(fen: int) -> Decimal:
    """`fen` as yuan with exactly two decimal places, built from the digits (no arithmetic)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return Decimal(f"{sign}{fen // 100}.{fen % 100:02d}")


def fen_of(value: Decimal) -> int:
    """Whole fen of a yuan amount that has at most two decimal places."""
    scaled = value * 100
    assert scaled == scaled.to_integral_value(), value
    return int(scaled)


def round_half_up(ten_thousandths: int) -> int:
    """Ten-thousandths of a yuan (fen × hundredths of a unit) to whole fen, half up."""
    assert ten_thousandths >= 0
    return (ten_thousandths + 50) // 100


def tier_rate(tiers: list[tuple[int | None, int]], position_hundredths: int) -> int:
    """The rate (fen per unit) of the tier a slice ending at `position_hundredths` falls in: the
    first tier whose bound reaches it; nothing beyond the last closed tier."""
    for up_to, rate in tiers:
        if up_to is None or up_to * 100 >= position_hundredths:
            return rate
    return 0


def tiered_unit_by_unit(tiers: list[tuple[int | None, int]], units: int) -> int:
    """Fen for a whole number of units, unit after unit (unit i fills (i-1, i])."""
    return sum(tier_rate(tiers, unit * 100) for unit in range(1, units + 1))


def tiered_hundredth_by_hundredth(tiers: list[tuple[int | None, int]], quantity_hundredths: int) -> int:
    """Fen for any quantity to the hundredth, one hundredth of a unit after the other (each in the
    first tier whose bound reaches it, as `tier_rate` says; walking up, the tier only moves up)."""
    total, tier = 0, 0
    for position in range(1, quantity_hundredths + 1):
        while tier < len(tiers) and tiers[tier][0] is not None and tiers[tier][0] * 100 < position:
            tier += 1
        total += tiers[tier][1] if tier < len(tiers) else 0
    return round_half_up(total)


def reference_fen(
    kind: str, *, rate_fen: int | None, quantity_hundredths: int, tiers=(), price_fen=None
) -> int:
    if kind in (Kind.FIXED, Kind.PER_UNIT):
        return round_half_up(rate_fen * quantity_hundredths)
    if kind == Kind.RANGE:
        return round_half_up(price_fen * quantity_hundredths)
    assert kind == Kind.TIERED
    return tiered_hundredth_by_hundredth(list(tiers), quantity_hundredths)


def as_given(hundredths: int, style: int) -> Decimal:
    """A value in hundredths as a person or a parser might pass it: 3.00, 3, 3.0 or 3E+0."""
    value = yuan(hundredths)
    if style == 1:
        return value.normalize()
    if style == 2 and hundredths % 10 == 0:
        return value.quantize(Decimal("0.1"))
    return value


def has_two_places(value: Decimal) -> bool:
    return isinstance(value, Decimal) and value.as_tuple().exponent == -2


# Pure properties --------------------------------------------------------------------------------

FEN = st.integers(min_value=0, max_value=99_999_999)  # 0.00 – 999 999.99 yuan
ANY_QUANTITY = st.integers(min_value=1, max_value=9_999_999)  # 0.01 – 99 999.99
STYLE = st.integers(min_value=0, max_value=2)


@st.composite
def tier_tables(draw, *, max_bound=60):
    bounds = sorted(draw(st.sets(st.integers(min_value=0, max_value=max_bound), max_size=4)))
    rates = [draw(st.integers(min_value=0, max_value=100_000)) for _ in bounds]
    table = list(zip(bounds, rates, strict=True))
    if draw(st.booleans()) or not table:
        table.append((None, draw(st.integers(min_value=0, max_value=100_000))))
    return table


@dataclass(frozen=True)
class DrawnLine:
    standard: Standard
    quantity: Decimal | None
    unit_price: Decimal | None
    waived: Decimal | None
    quantity_hundredths: int
    price_fen: int | None
    amount_fen: int
    waived_fen: int


@st.composite
def fee_lines(draw):
    """A fee standard of any kind, a valid quantity (and rate) for it, the amount the reference
    arithmetic gives, and a waiver from nothing to all of it when the item may be waived."""
    kind = draw(st.sampled_from([Kind.FIXED, Kind.PER_UNIT, Kind.TIERED, Kind.RANGE]))
    waivable = draw(st.booleans())
    price_fen = rate_fen = None
    tiers = ()
    unit = draw(st.sampled_from(["", "件", "平方米"]))
    if kind == Kind.FIXED:
        quantity_hundredths = draw(st.integers(min_value=1, max_value=10_000)) * 100
        omitted = quantity_hundredths == 100 and draw(st.booleans())
        rate_fen = draw(FEN)
        standard = Standard(kind=kind, amount=yuan(rate_fen), unit=unit, is_waivable=waivable)
    elif kind == Kind.PER_UNIT:
        quantity_hundredths, omitted = draw(ANY_QUANTITY), False
        rate_fen = draw(FEN)
        standard = Standard(kind=kind, amount=yuan(rate_fen), unit=unit or "米", is_waivable=waivable)
    elif kind == Kind.TIERED:
        tiers = draw(tier_tables(max_bound=40))
        whole = draw(st.booleans())
        quantity_hundredths = (
            draw(st.integers(min_value=1, max_value=200)) * 100
            if whole
            else draw(st.integers(min_value=1, max_value=3_000))
        )
        omitted = False
        standard = Standard(
            kind=kind,
            unit=unit or "本",
            tiers=tuple((up_to, yuan(rate)) for up_to, rate in tiers),
            is_waivable=waivable,
        )
    else:
        low, high = sorted((draw(FEN), draw(FEN)))
        price_fen = draw(st.integers(min_value=low, max_value=high))
        if unit:
            quantity_hundredths, omitted = draw(ANY_QUANTITY), False
        else:
            quantity_hundredths, omitted = 100, draw(st.booleans())
        standard = Standard(
            kind=kind, unit=unit, amount_min=yuan(low), amount_max=yuan(high), is_waivable=waivable
        )
    amount_fen = reference_fen(
        kind,
        rate_fen=rate_fen,
        quantity_hundredths=quantity_hundredths,
        tiers=tiers,
        price_fen=price_fen,
    )
    if waivable:
        waived_fen = draw(
            st.one_of(st.just(0), st.just(amount_fen), st.integers(min_value=0, max_value=amount_fen))
        )
    else:
        waived_fen = 0
    waived = None if waived_fen == 0 and draw(st.booleans()) else as_given(waived_fen, draw(STYLE))
    return DrawnLine(
        standard=standard,
        quantity=None if omitted else as_given(quantity_hundredths, draw(STYLE)),
        unit_price=None if price_fen is None else yuan(price_fen),
        waived=waived,
        quantity_hundredths=quantity_hundredths,
        price_fen=price_fen,
        amount_fen=amount_fen,
        waived_fen=waived_fen,
    )


@settings(max_examples=3000, deadline=None)
@given(lines=st.lists(fee_lines(), min_size=1, max_size=6))
def test_every_line_is_exact_to_the_fen_and_lines_add_up_exactly(lines):
    computed = []
    for drawn in lines:
        result = calculation.line_amount(
            drawn.standard, quantity=drawn.quantity, unit_price=drawn.unit_price, waived_amount=drawn.waived
        )
        assert result.amount == yuan(drawn.amount_fen), drawn
        assert result.waived_amount == yuan(drawn.waived_fen), drawn
        assert result.amount_due == result.amount - result.waived_amount
        assert result.amount_due == yuan(drawn.amount_fen - drawn.waived_fen)
        assert result.quantity == yuan(drawn.quantity_hundredths)
        assert all(
            has_two_places(value)
            for value in (result.quantity, result.amount, result.waived_amount, result.amount_due)
        ), result
        if drawn.standard.kind == Kind.RANGE:
            assert result.unit_price == yuan(drawn.price_fen) and has_two_places(result.unit_price)
        else:
            assert result.unit_price is None
        if drawn.standard.is_waivable:
            with pytest.raises(FeeInputError) as too_much:
                calculation.line_amount(
                    drawn.standard,
                    quantity=drawn.quantity,
                    unit_price=drawn.unit_price,
                    waived_amount=yuan(drawn.amount_fen + 1),
                )
            assert (too_much.value.field, too_much.value.code) == ("waived_amount", "waiver_out_of_range")
        computed.append(result)

    quote = services.Quote(
        lines=[
            services.QuoteLine(
                fee_item=None,
                quantity=result.quantity,
                unit_price=result.unit_price,
                amount=result.amount,
                waived_amount=result.waived_amount,
                amount_due=result.amount_due,
                waiver_reason="减免" if result.waived_amount else "",
            )
            for result in computed
        ]
    )
    gross_fen = sum(drawn.amount_fen for drawn in lines)
    waived_fen = sum(drawn.waived_fen for drawn in lines)
    assert (quote.gross_amount, quote.waived_amount, quote.total) == (
        yuan(gross_fen),
        yuan(waived_fen),
        yuan(gross_fen - waived_fen),
    )
    assert quote.total == quote.gross_amount - quote.waived_amount
    assert all(has_two_places(value) for value in (quote.gross_amount, quote.waived_amount, quote.total))


@settings(max_examples=3000, deadline=None)
@given(tiers=tier_tables(max_bound=300), units=st.integers(min_value=1, max_value=400), style=STYLE)
def test_a_tiered_fee_for_whole_units_is_the_sum_unit_by_unit(tiers, units, style):
    standard = Standard(
        kind=Kind.TIERED, unit="本", tiers=tuple((bound, yuan(rate)) for bound, rate in tiers)
    )
    result = calculation.line_amount(standard, quantity=as_given(units * 100, style))
    assert result.amount == yuan(tiered_unit_by_unit(tiers, units))
    assert has_two_places(result.amount) and result.amount_due == result.amount


@settings(max_examples=1000, deadline=None)
@given(
    kind=st.sampled_from([Kind.FIXED, Kind.PER_UNIT, Kind.TIERED, Kind.RANGE]),
    amount=FEN,
    quantity=st.integers(min_value=1, max_value=100_000),
)
def test_a_waiver_of_an_item_that_may_not_be_waived_is_refused(kind, amount, quantity):
    standard = Standard(
        kind=kind,
        amount=yuan(amount),
        unit="件",
        amount_min=yuan(amount),
        amount_max=yuan(amount),
        tiers=((None, yuan(amount)),),
        is_waivable=False,
    )
    quantity = yuan(quantity * 100) if kind == Kind.FIXED else yuan(quantity)
    unit_price = yuan(amount) if kind == Kind.RANGE else None
    assert calculation.line_amount(standard, quantity=quantity, unit_price=unit_price).waived_amount == 0
    with pytest.raises(FeeInputError) as refused:
        calculation.line_amount(
            standard, quantity=quantity, unit_price=unit_price, waived_amount=Decimal("0.01")
        )
    assert (refused.value.field, refused.value.code) == ("waived_amount", "not_waivable")


# Through the database ---------------------------------------------------------------------------

MARKET_FEES = [
    {
        "name": "登记费",
        "kind": Kind.FIXED,
        "amount": "80.00",
        "unit": "件",
        "legal_basis": "发改价格规〔2016〕2559号",
        "is_waivable": True,
        "waiver_basis": "小微企业免征（财税〔2016〕79号）",
    },
    {
        "name": "证书工本费",
        "kind": Kind.TIERED,
        "unit": "本",
        "tiers": [{"up_to": 1, "amount": "0.00"}, {"up_to": None, "amount": "10.00"}],
        "legal_basis": "发改价格规〔2016〕2559号",
    },
    {
        "name": "测绘费",
        "kind": Kind.PER_UNIT,
        "amount": "1.37",
        "unit": "平方米",
        "legal_basis": "测绘收费标准",
        "is_waivable": True,
        "waiver_basis": "困难群众减半",
    },
]
HOUSING_FEES = [
    {
        "name": "配套费",
        "kind": Kind.RANGE,
        "amount_min": "100.00",
        "amount_max": "300.00",
        "legal_basis": "城市基础设施配套费征收办法",
        "is_waivable": True,
        "waiver_basis": "保障性住房免征",
    },
    {
        "name": "检测费",
        "kind": Kind.RANGE,
        "amount_min": "2.50",
        "amount_max": "4.75",
        "unit": "米",
        "legal_basis": "检测收费标准",
    },
    {
        "name": "档案查询费",
        "kind": Kind.FIXED,
        "amount": "12.34",
        "unit": "次",
        "legal_basis": "档案查询收费标准",
    },
    {
        "name": "超层费",
        "kind": Kind.TIERED,
        "unit": "层",
        "tiers": [
            {"up_to": 3, "amount": "1.11"},
            {"up_to": 10, "amount": "2.22"},
            {"up_to": None, "amount": "3.33"},
        ],
        "legal_basis": "超层收费标准",
        "is_waivable": True,
        "waiver_basis": "旧城改造减免",
    },
]

FIRST_DAY = date(2026, 11, 17)
DAYS = [FIRST_DAY + timedelta(days=offset) for offset in range(8)]
MONTH = selectors.report_period(month=FIRST_DAY)
CASES = 6


def fee_rows_by_name(definitions) -> dict[str, dict]:
    return {row["name"]: row for row in definitions}


@dataclass
class Ledger:
    """What the test did, kept by itself: every notice as finally stored, every payment and every
    refund decided."""

    notices: list[dict] = field(default_factory=list)
    payments: list[dict] = field(default_factory=list)
    refunds: list[dict] = field(default_factory=list)


@pytest.fixture
def fee_world(hall, seeded_calendar):
    """Two banks of the county, and a pool of cases to bill: three decided cases of a market item
    (fixed, tiered and per-unit fees) and three accepted cases of a housing item (two ranges, a
    fixed and a three-tier fee)."""
    bank = fiscal_setup(hall)
    other = Bank.objects.create(code="icbc", name="工商银行测试支行", site=hall["county"])
    market = fee_version(hall, fee_items=MARKET_FEES)
    reviewer = make_staff(site=hall["county"], roles=[Role.DEPARTMENT_REVIEWER], department=hall["housing"])
    housing = publish(
        make_item(
            department=hall["housing"],
            user=reviewer.user,
            name="建设工程规划许可",
            materials=FOOD_MATERIALS,
            fee_items=HOUSING_FEES,
        ),
        submitter=reviewer.user,
        approver=hall["office"].user,
        today=date(2026, 11, 2),
    )
    cases = [decided_case(hall, market) for _ in range(3)] + [accepted_case(hall, housing) for _ in range(3)]
    return {"banks": [bank, other], "cases": cases}


def draw_choices(data, case) -> tuple[list[services.FeeChoice], list[dict]]:
    """A random non-empty choice of the case's fee items with valid quantities, rates and waivers;
    and what the reference arithmetic says each line comes to."""
    items = list(case.version.fee_items.all())
    definitions = fee_rows_by_name(MARKET_FEES + HOUSING_FEES)
    chosen = data.draw(
        st.lists(st.sampled_from(items), min_size=1, max_size=len(items), unique_by=lambda i: i.pk)
    )
    waivers = data.draw(st.sampled_from(["none", "any", "all"]), label="waivers")
    choices, expected = [], []
    for item in chosen:
        definition = definitions[item.name]
        price_fen = None
        if item.kind == Kind.FIXED:
            quantity = data.draw(st.integers(min_value=1, max_value=20)) * 100
        elif item.kind == Kind.TIERED:
            quantity = data.draw(st.integers(min_value=1, max_value=1_500))
        elif item.kind == Kind.RANGE and not item.unit:
            quantity = 100
        else:
            quantity = data.draw(st.integers(min_value=1, max_value=500_000))
        if item.kind == Kind.RANGE:
            price_fen = data.draw(
                st.integers(
                    min_value=fen_of(Decimal(definition["amount_min"])),
                    max_value=fen_of(Decimal(definition["amount_max"])),
                )
            )
        amount_fen = reference_fen(
            item.kind,
            rate_fen=fen_of(Decimal(definition["amount"])) if "amount" in definition else None,
            quantity_hundredths=quantity,
            tiers=[(tier["up_to"], fen_of(Decimal(tier["amount"]))) for tier in definition.get("tiers", [])],
            price_fen=price_fen,
        )
        waived_fen = 0
        if item.is_waivable and waivers == "all":
            waived_fen = amount_fen
        elif item.is_waivable and waivers == "any":
            waived_fen = data.draw(
                st.one_of(st.just(0), st.just(amount_fen), st.integers(min_value=0, max_value=amount_fen))
            )
        choices.append(
            services.FeeChoice(
                fee_item_id=item.pk,
                quantity=yuan(quantity),
                unit_price=None if price_fen is None else yuan(price_fen),
                waived_amount=yuan(waived_fen) if waived_fen else None,
                waiver_reason="小微企业" if waived_fen else "",
            )
        )
        expected.append({"name": item.name, "amount": amount_fen, "waived": waived_fen})
    return choices, expected


def moment(data, day: date, *, not_before_hour: int = 0):
    return at(
        day,
        data.draw(st.integers(min_value=not_before_hour, max_value=23)),
        data.draw(st.integers(min_value=0, max_value=59)),
    )


def play(data, hall, world, ledger: Ledger) -> None:
    """Bill some of the cases on random days, cancel and reissue some, pay some (at the counter or
    through the API, at any hour), ask for refunds and approve or reject them."""
    clerk, fee_clerk, office = hall["clerk"].user, hall["fee"].user, hall["office"].user
    for index, case in enumerate(world["cases"]):
        if not data.draw(st.booleans(), label=f"bill case {index}"):
            continue
        issue_offset = data.draw(st.integers(min_value=0, max_value=len(DAYS) - 2))
        choices, expected = draw_choices(data, case)
        notice, created = services.payment_notice_issue(
            case=case, user=clerk, at=at(DAYS[issue_offset], 9), choices=choices
        )
        assert created is True
        history = []
        if data.draw(st.booleans(), label="cancel and reissue"):
            cancel_offset = data.draw(st.integers(min_value=issue_offset, max_value=len(DAYS) - 2))
            services.payment_notice_cancel(
                notice=notice, user=clerk, at=at(DAYS[cancel_offset], 10), reason="收费项目选错"
            )
            history.append(
                {"notice": notice, "expected": expected, "cancelled": DAYS[cancel_offset], "paid": None}
            )
            issue_offset = cancel_offset
            choices, expected = draw_choices(data, case)
            notice, created = services.payment_notice_issue(
                case=case, user=clerk, at=at(DAYS[issue_offset], 11), choices=choices
            )
            assert created is True and notice.replaces_id == history[-1]["notice"].pk
        gross = sum(line["amount"] for line in expected)
        waived = sum(line["waived"] for line in expected)
        assert (notice.gross_amount, notice.waived_amount, notice.total) == (
            yuan(gross),
            yuan(waived),
            yuan(gross - waived),
        )
        record = {"notice": notice, "expected": expected, "cancelled": None, "paid": None}
        if notice.status == PaymentNotice.Status.WAIVED:
            assert gross == waived and notice.settled_date == DAYS[issue_offset]
        elif data.draw(st.booleans(), label="pay"):
            pay_offset = data.draw(st.integers(min_value=issue_offset, max_value=len(DAYS) - 1))
            paid_at = moment(data, DAYS[pay_offset], not_before_hour=12 if pay_offset == issue_offset else 0)
            bank = data.draw(st.sampled_from(world["banks"]))
            channel = data.draw(st.sampled_from(Payment.Channel.values))
            payment, created = services.payment_confirm(
                bank=bank,
                confirmation=services.BankConfirmation(
                    notice_number=notice.number,
                    transaction_id=f"{bank.code.upper()}{notice.number}",
                    amount=notice.total,
                    paid_at=paid_at,
                ),
                at=paid_at + timedelta(minutes=2),
                channel=channel,
                user=fee_clerk if channel == Payment.Channel.COUNTER else None,
            )
            assert created is True and payment.paid_date == DAYS[pay_offset]
            record["paid"] = DAYS[pay_offset]
            ledger.payments.append(
                {"bank": bank.pk, "amount": fen_of(payment.amount), "day": DAYS[pay_offset]}
            )
            for line in notice.lines.filter(amount_due__gt=0):
                if not data.draw(st.booleans(), label="refund"):
                    continue
                amount = data.draw(st.integers(min_value=1, max_value=fen_of(line.amount_due)))
                decide_offset = data.draw(st.integers(min_value=pay_offset, max_value=len(DAYS) - 1))
                refund = services.refund_request(
                    payment=payment,
                    line_id=line.pk,
                    user=clerk,
                    at=paid_at + timedelta(minutes=5),
                    amount=yuan(amount),
                    reason="多缴",
                )
                approve = data.draw(st.booleans(), label="approve")
                decided_at = (
                    moment(data, DAYS[decide_offset])
                    if decide_offset > pay_offset
                    else paid_at + timedelta(minutes=10)
                )
                services.refund_decide(
                    refund=refund,
                    user=office,
                    at=decided_at,
                    approve=approve,
                    note="" if approve else "不符合退付条件",
                )
                if approve:
                    ledger.refunds.append(
                        {
                            "department": case.department.name,
                            "name": line.name,
                            "amount": amount,
                            "day": decided_at.astimezone(SHANGHAI).date(),
                        }
                    )
        for earlier in history:
            earlier["notice"].refresh_from_db()
            ledger.notices.append(earlier | {"department": case.department.name})
        notice.refresh_from_db()
        ledger.notices.append(record | {"department": case.department.name})


def expected_report(ledger: Ledger, start: date, end: date):
    rows = defaultdict(lambda: {"count": 0, "gross": 0, "waived": 0, "collected": 0, "refunded": 0})
    for record in ledger.notices:
        notice = record["notice"]
        if notice.status not in PaymentNotice.SETTLED_STATUSES or not start <= notice.settled_date < end:
            continue
        for line in record["expected"]:
            row = rows[(record["department"], line["name"])]
            row["count"] += 1
            row["gross"] += line["amount"]
            row["waived"] += line["waived"]
            row["collected"] += line["amount"] - line["waived"]
    for refund in ledger.refunds:
        if start <= refund["day"] < end:
            rows[(refund["department"], refund["name"])]["refunded"] += refund["amount"]
    return dict(rows)


FIGURES = ("count", "gross", "waived", "collected", "refunded")


def figures_of(row) -> dict:
    return {
        "count": row.count,
        "gross": fen_of(row.gross),
        "waived": fen_of(row.waived),
        "collected": fen_of(row.collected),
        "refunded": fen_of(row.refunded),
    }


def check_report(hall, ledger: Ledger, start: date, end: date, label: str) -> None:
    report = selectors.fiscal_report(user=hall["office"].user, start=start, end=end, label=label)
    total = report.total
    values = (total.gross, total.waived, total.collected, total.refunded, total.net)
    assert all(has_two_places(value) for value in values), values

    # collected is what the banks paid into the account in the period, to the fen
    paid = Payment.objects.filter(paid_date__gte=start, paid_date__lt=end).aggregate(total=Sum("amount"))
    assert total.collected == (paid["total"] or Decimal("0.00"))
    assert fen_of(total.collected) == sum(
        payment["amount"] for payment in ledger.payments if start <= payment["day"] < end
    )
    # the report counts only settled notices: billed less waived is what was collected
    assert total.gross - total.waived == total.collected
    refunded = Refund.objects.filter(
        status=Refund.Status.APPROVED, decided_date__gte=start, decided_date__lt=end
    ).aggregate(total=Sum("amount"))
    assert total.refunded == (refunded["total"] or Decimal("0.00"))
    assert total.net == total.collected - total.refunded

    # every row as the ledger has it; rows add up to the subtotals, subtotals to the total
    expected = expected_report(ledger, start, end)
    got = {
        (row.department, row.fee_name): figures_of(row) for block in report.departments for row in block.rows
    }
    assert got == expected
    sums = dict.fromkeys(FIGURES, 0)
    for block in report.departments:
        assert figures_of(block.subtotal) == {
            figure: sum(figures_of(row)[figure] for row in block.rows) for figure in FIGURES
        }
        for figure in FIGURES:
            sums[figure] += figures_of(block.subtotal)[figure]
    assert figures_of(total) == sums

    # the Excel export shows the same figures, the total on its last row
    sheet = load_workbook(io.BytesIO(documents.fiscal_report_workbook(report, center="测试县"))).active
    table = [list(row) for row in sheet.iter_rows(min_row=4, values_only=True)]
    shown = [row for block in report.departments for row in [*block.rows, block.subtotal]] + [total]
    assert len(table) == len(shown)
    for cells, row in zip(table, shown, strict=True):
        # (an empty text cell reads back as None)
        assert [cells[0], cells[1] or "", cells[2]] == [row.department, row.fee_name, row.count]
        assert all(isinstance(cell, int | float) for cell in cells[3:8]), cells
        assert [Decimal(str(cell)) for cell in cells[3:8]] == [
            row.gross,
            row.waived,
            row.collected,
            row.refunded,
            row.net,
        ]


def check_reconciliation(hall, ledger: Ledger, world, day: date) -> None:
    result = selectors.reconciliation(user=hall["fee"].user, on_date=day)
    of_day = [payment for payment in ledger.payments if payment["day"] == day]
    assert result.paid.count == len(of_day)
    assert fen_of(result.paid.total) == sum(payment["amount"] for payment in of_day)
    paid = Payment.objects.filter(paid_date=day).aggregate(total=Sum("amount"))
    assert result.paid.total == (paid["total"] or Decimal("0.00"))
    by_bank = {bank_day.bank.pk: bank_day for bank_day in result.banks}
    assert set(by_bank) == {bank.pk for bank in world["banks"]}
    for bank in world["banks"]:
        mine = [payment for payment in of_day if payment["bank"] == bank.pk]
        assert by_bank[bank.pk].payment_count == len(mine)
        assert fen_of(by_bank[bank.pk].payment_total) == sum(payment["amount"] for payment in mine)
    assert sum((bank_day.payment_total for bank_day in result.banks), Decimal("0.00")) == result.paid.total
    refunds = [refund for refund in ledger.refunds if refund["day"] == day]
    assert (result.refunded.count, fen_of(result.refunded.total)) == (
        len(refunds),
        sum(refund["amount"] for refund in refunds),
    )
    issued = [record["notice"] for record in ledger.notices if record["notice"].issued_date == day]
    assert (result.issued.count, result.issued.total) == (
        len(issued),
        sum((notice.total for notice in issued), Decimal("0.00")),
    )
    cancelled = [record["notice"] for record in ledger.notices if record["cancelled"] == day]
    assert (result.cancelled.count, result.cancelled.total) == (
        len(cancelled),
        sum((notice.total for notice in cancelled), Decimal("0.00")),
    )
    # outstanding: issued by the end of the day, and neither settled nor cancelled by then
    outstanding = [
        record["notice"]
        for record in ledger.notices
        if record["notice"].issued_date <= day
        and record["notice"].status != PaymentNotice.Status.WAIVED
        and not (record["paid"] and record["paid"] <= day)
        and not (record["cancelled"] and record["cancelled"] <= day)
    ]
    assert (result.outstanding.count, result.outstanding.total) == (
        len(outstanding),
        sum((notice.total for notice in outstanding), Decimal("0.00")),
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    # each example bills and pays through the database: shrink a failure, but skip the (slow)
    # explain phase
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)
@given(data=st.data())
def test_the_fiscal_report_reconciliation_and_export_agree_with_the_payments(hall, fee_world, data):
    ledger = Ledger()
    with transaction.atomic():
        play(data, hall, fee_world, ledger)
        check_report(hall, ledger, *MONTH)
        start_offset = data.draw(st.integers(min_value=0, max_value=len(DAYS) - 1), label="period start")
        length = data.draw(st.integers(min_value=1, max_value=len(DAYS) - start_offset), label="period days")
        start = DAYS[start_offset]
        check_report(hall, ledger, start, start + timedelta(days=length), "period")
        for day in DAYS:
            check_reconciliation(hall, ledger, fee_world, day)
        transaction.set_rollback(True)
