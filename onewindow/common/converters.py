from datetime import date


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
