"""The queue's KPI table as an Excel workbook (text cells through common.spreadsheet.cell_text),
and the minutes:seconds the pages show."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from onewindow.common.spreadsheet import XLSX, cell_text

__all__ = ["XLSX", "kpi_workbook", "minutes_seconds"]


def minutes_seconds(seconds: int | float | None) -> str:
    """600 → "10:00", 3725 → "62:05" (minutes are not folded into hours: a wait reads in minutes)."""
    total = max(0, round(seconds or 0))
    return f"{total // 60}:{total % 60:02d}"


def kpi_headers(group_label: str) -> list[str]:
    return [
        group_label,
        _("叫号数"),
        _("办结数"),
        _("过号数"),
        _("平均等候（分:秒）"),
        _("最长等候（分:秒）"),
        _("平均办理（分:秒）"),
        _("最长办理（分:秒）"),
        _("平均等候（秒）"),
        _("最长等候（秒）"),
        _("平均办理（秒）"),
        _("最长办理（秒）"),
    ]


def kpi_workbook(rows: list[dict], *, title: str, group_label: str) -> bytes:
    """One sheet: a title line, the headers, one line per row of selectors.kpi_rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("排队叫号统计")
    sheet.append([cell_text(title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(kpi_headers(group_label))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [
                cell_text(row["key"]),
                row["calls"],
                row["served"],
                row["skipped"],
                minutes_seconds(row["wait_average"]),
                minutes_seconds(row["wait_longest"]),
                minutes_seconds(row["service_average"]),
                minutes_seconds(row["service_longest"]),
                row["wait_average"],
                row["wait_longest"],
                row["service_average"],
                row["service_longest"],
            ]
        )
    sheet.column_dimensions["A"].width = 28
    for letter in "BCDEFGHIJKL":
        sheet.column_dimensions[letter].width = 14
    sheet.freeze_panes = "B3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
