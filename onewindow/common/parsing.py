"""Parsing user input at the edge, with messages people understand."""

from datetime import date

from django.utils.translation import gettext as _


class BadInput(ValueError):
    pass


def parse_date(value: str | None, *, label: str = "日期") -> date:
    """Parse YYYY-MM-DD; raise BadInput with a Chinese message otherwise."""
    text = (value or "").strip()
    if not text:
        raise BadInput(_("请填写%(label)s（格式 YYYY-MM-DD）。") % {"label": label})
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(
            _("%(label)s「%(value)s」不是有效日期，应为 YYYY-MM-DD，例如 2026-02-13。")
            % {"label": label, "value": text}
        ) from None


def parse_int(
    value: str | None, *, label: str, minimum: int | None = None, maximum: int | None = None
) -> int:
    text = (value or "").strip()
    try:
        number = int(text)
    except ValueError:
        raise BadInput(_("%(label)s「%(value)s」不是整数。") % {"label": label, "value": text}) from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise BadInput(
            _("%(label)s须在 %(minimum)s 至 %(maximum)s 之间。")
            % {"label": label, "minimum": minimum, "maximum": maximum}
        )
    return number
