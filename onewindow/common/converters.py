from datetime import date


class IdConverter:
    """A database id in a path: 1 to 18 digits, so it always fits a 64-bit key. A longer number
    is simply not found (404) instead of overflowing the database driver (500)."""

    regex = r"[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class IsoDateConverter:
    """URL converter for YYYY-MM-DD; an impossible date (2026-02-30) is a 404, not a 500."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value)

    def to_url(self, value) -> str:
        return value.isoformat() if isinstance(value, date) else str(value)


class CalendarYearConverter:
    """A year the working calendar covers (1990–2200); anything else is a 404."""

    regex = r"199[0-9]|20[0-9]{2}|21[0-9]{2}|2200"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
