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


#: Dates a page may ask about: the working calendar's range less a year's margin either side.
FIRST_DATE, LAST_DATE = date(1991, 1, 1), date(2199, 12, 31)


def parse_calendar_date(value: str | None, *, label: str = "日期") -> date:
    """parse_date, and within the years the working calendar covers."""
    day = parse_date(value, label=label)
    if not FIRST_DATE <= day <= LAST_DATE:
        raise BadInput(
            _("%(label)s须在 %(first)s 至 %(last)s 之间。")
            % {"label": label, "first": FIRST_DATE, "last": LAST_DATE}
        )
    return day


def parse_id(value) -> int | None:
    """A database id from a form or query string, or None when it is not a plain positive number."""
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


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
