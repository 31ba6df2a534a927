"""What every Excel export shares: the workbook's content type, and cells that stay text.

Text a spreadsheet would run as a formula (a name typed as "=HYPERLINK(…)", a comment starting
with "+" or "@") is written with a leading apostrophe, so it stays text."""

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: What a spreadsheet reads as the start of a formula (or hides one behind).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value):
    """`value` as a cell: text that a spreadsheet would run as a formula is prefixed with '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
