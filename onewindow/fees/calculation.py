"""Fee arithmetic, in decimal yuan to the fen (no floats, no Django).

- FIXED (定额): the amount per piece (件, 本, 证) times a whole number of pieces, 1 by default.
- PER_UNIT (按单位计费): the rate per unit times a measured quantity (12.5 平方米).
- TIERED (分档计费): marginal, like a tax table: each tier's amount is charged per unit for the
  quantity falling in it ("1本以内0元；其余10元" charges 10元 for each book after the first).
- RANGE (区间): the clerk chooses the applicable rate within [min, max]; times the quantity when the
  item has a unit, otherwise once.

Each line is rounded half-up to the fen once; totals are exact sums of lines. A waiver takes off
part or all of a line, never more.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
#: Larger than any fee a hall bills (a notice total has 14 digits, 2 after the point).
MAX_AMOUNT = Decimal("999999999999.99")
MAX_QUANTITY = Decimal("9999999999.99")


class FeeInputError(ValueError):
    """Bad input for one line: `field` names what is wrong, `code` why (with `params`); the
    service layer words it for people (fees.services.FEE_INPUT_MESSAGES)."""

    def __init__(self, field: str, code: str, **params):
        super().__init__(code)
        self.field = field
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Standard:
    """A fee item's standard (catalog FeeItem), as plain values."""

    kind: str
    amount: Decimal | None = None
    unit: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    tiers: tuple[tuple[Decimal | None, Decimal], ...] = ()
    is_waivable: bool = False


@dataclass(frozen=True)
class LineAmount:
    quantity: Decimal
    unit_price: Decimal | None
    amount: Decimal
    waived_amount: Decimal
    amount_due: Decimal


def to_fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def decimal_or_error(value, *, field: str, label: str) -> Decimal | None:
    """`value` (str, int or Decimal; None or "" → None) as a finite Decimal with at most two
    decimal places. Raises FeeInputError."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise FeeInputError(field, "not_a_number", label=label) from None
    if not number.is_finite():
        raise FeeInputError(field, "not_a_number", label=label)
    if number != number.quantize(FEN, rounding=ROUND_HALF_UP):
        raise FeeInputError(field, "too_precise", label=label)
    return number.quantize(FEN)


def _tiered(quantity: Decimal, tiers) -> Decimal:
    total = Decimal(0)
    lower = Decimal(0)
    for up_to, rate in tiers:
        upper = quantity if up_to is None else min(quantity, Decimal(up_to))
        if upper > lower:
            total += (upper - lower) * Decimal(rate)
        if up_to is None or quantity <= Decimal(up_to):
            break
        lower = Decimal(up_to)
    return total


def line_amount(
    standard: Standard,
    *,
    quantity: Decimal | None = None,
    unit_price: Decimal | None = None,
    waived_amount: Decimal | None = None,
) -> LineAmount:
    """The amount of one fee line. Raises FeeInputError naming the field at fault."""
    kind = standard.kind
    for field, value in (
        ("quantity", quantity),
        ("unit_price", unit_price),
        ("waived_amount", waived_amount),
    ):
        if value is not None and value != value.quantize(FEN, rounding=ROUND_HALF_UP):
            # What is printed must be what is charged: nothing finer than the fen.
            raise FeeInputError(field, "too_precise", label=field)
    if quantity is None:
        if kind in ("PER_UNIT", "TIERED"):
            raise FeeInputError("quantity", "quantity_required", unit=standard.unit)
        quantity = Decimal(1)
    if quantity <= 0 or quantity > MAX_QUANTITY:
        raise FeeInputError("quantity", "quantity_not_positive")
    if kind == "FIXED" and quantity != quantity.to_integral_value():
        raise FeeInputError("quantity", "quantity_not_whole")
    chosen = None
    if kind == "FIXED" or kind == "PER_UNIT":
        raw = Decimal(standard.amount) * quantity
    elif kind == "TIERED":
        raw = _tiered(quantity, standard.tiers)
    elif kind == "RANGE":
        if unit_price is None:
            raise FeeInputError(
                "unit_price", "price_required", low=standard.amount_min, high=standard.amount_max
            )
        if not Decimal(standard.amount_min) <= unit_price <= Decimal(standard.amount_max):
            raise FeeInputError(
                "unit_price",
                "price_out_of_range",
                price=unit_price,
                low=standard.amount_min,
                high=standard.amount_max,
            )
        if not standard.unit and quantity != 1:
            raise FeeInputError("quantity", "quantity_is_one")
        chosen = unit_price
        raw = unit_price * quantity
    else:
        raise FeeInputError("fee_item", "unknown_kind", kind=kind)
    amount = to_fen(raw)
    if amount > MAX_AMOUNT:
        raise FeeInputError("quantity", "amount_too_large")
    waived = waived_amount or ZERO
    if waived:
        if not standard.is_waivable:
            raise FeeInputError("waived_amount", "not_waivable")
        if waived < 0 or waived > amount:
            raise FeeInputError("waived_amount", "waiver_out_of_range", amount=amount)
    return LineAmount(
        quantity=quantity.quantize(FEN),
        unit_price=chosen,
        amount=amount,
        waived_amount=waived.quantize(FEN),
        amount_due=amount - waived.quantize(FEN),
    )
