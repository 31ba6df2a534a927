"""Django field validators wrapping the pure identifier checks."""

from django.core.exceptions import ValidationError

from onewindow.common import clock, identifiers


def validate_credit_code(value: str) -> None:
    try:
        identifiers.normalize_credit_code(value)
    except identifiers.InvalidIdentifier as error:
        raise ValidationError(str(error), code="invalid_credit_code") from None


def validate_id_card_number(value: str) -> None:
    try:
        identifiers.normalize_id_card_number(value, today=clock.today())
    except identifiers.InvalidIdentifier as error:
        raise ValidationError(str(error), code="invalid_id_card_number") from None
