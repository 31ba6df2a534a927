"""Numbers as the assessment pages show them."""

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def percent(value) -> str:
    """A rate from 0 to 1 as a percentage with two decimals: 0.9375 → 93.75%."""
    if value is None or value == "":
        return "—"
    return f"{(Decimal(value) * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


@register.filter
def whole(value) -> str:
    """12.0 → 12, 20.5 → 20.5 (attendance counts half days)."""
    if value is None or value == "":
        return "—"
    number = Decimal(value)
    return (
        str(number.quantize(Decimal(1))) if number == number.to_integral_value() else str(number.normalize())
    )


@register.filter
def signed(value) -> str:
    """Points with their sign when negative: -5.00 stays, 0 → 0.00."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):.2f}"


@register.filter
def get_item(mapping, key):
    """mapping[key], or None."""
    return mapping.get(key) if mapping else None
