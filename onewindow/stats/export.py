"""The statistics table as an Excel workbook (openpyxl): a title line, the headers, one line per
group, the total; rates as percentages with two decimals."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from onewindow.common.spreadsheet import XLSX, cell_text
from onewindow.stats.selectors import Figures

__all__ = ["XLSX", "figures_workbook", "people_workbook"]

#: (header, attribute, kind): kind "count" or "rate" (a percentage).
COLUMNS = [
    (gettext_lazy("收件"), "received", "count"),
    (gettext_lazy("受理"), "accepted", "count"),
    (gettext_lazy("办结"), "completed", "count"),
    (gettext_lazy("办结率"), "completion_rate", "rate"),
    (gettext_lazy("即办件办结"), "completed_immediate", "count"),
    (gettext_lazy("即办件占比"), "immediate_share", "rate"),
    (gettext_lazy("承诺件办结"), "completed_promised", "count"),
    (gettext_lazy("提前办结"), "completed_early", "count"),
    (gettext_lazy("提前办结率"), "early_rate", "rate"),
    (gettext_lazy("按时办结率"), "on_time_rate", "rate"),
    (gettext_lazy("超期办结"), "overdue_completed", "count"),
    (gettext_lazy("提速率"), "speed_up_rate", "rate"),
    (gettext_lazy("网上申请率"), "online_rate", "rate"),
    (gettext_lazy("补正告知"), "correction_notices", "count"),
    (gettext_lazy("补正告知率"), "correction_rate", "rate"),
    (gettext_lazy("期末超期未办结"), "open_overdue", "count"),
    (gettext_lazy("评价数"), "ratings", "count"),
    (gettext_lazy("满意率"), "satisfaction_rate", "rate"),
    (gettext_lazy("收费（元）"), "fees_collected", "money"),
    (gettext_lazy("退费（元）"), "fees_refunded", "money"),
]

#: The people's table (by window or staff member).
PEOPLE_COLUMNS = [
    (gettext_lazy("收件"), "received", "count"),
    (gettext_lazy("受理"), "accepted", "count"),
    (gettext_lazy("办结（决定）"), "decided", "count"),
    (gettext_lazy("按时办结"), "decided_on_time", "count"),
    (gettext_lazy("按时办结率"), "on_time_rate", "rate"),
    (gettext_lazy("评价数"), "ratings", "count"),
    (gettext_lazy("差评"), "bad_ratings", "count"),
    (gettext_lazy("满意率"), "satisfaction_rate", "rate"),
]


def _cells(figures, columns=COLUMNS) -> list:
    cells = []
    for _header, attribute, kind in columns:
        value = getattr(figures, attribute)
        if value is not None and kind == "rate":
            value = float(value) / 100
        elif value is not None and kind == "money":
            value = float(value)
        cells.append(value)
    return cells


def figures_workbook(rows: list[dict], whole: Figures, *, title: str, group_label: str) -> bytes:
    return _workbook(rows, whole, title=title, group_label=group_label, columns=COLUMNS)


def people_workbook(rows: list[dict], *, title: str, group_label: str) -> bytes:
    """Each window's or staff member's figures (no total: a case is counted at each desk it
    passed)."""
    return _workbook(rows, None, title=title, group_label=group_label, columns=PEOPLE_COLUMNS)


def _workbook(rows: list[dict], whole: Figures | None, *, title: str, group_label: str, columns) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("办件统计")
    sheet.append([cell_text(title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([group_label, *(str(header) for header, _attribute, _kind in columns)])
    header_fill = PatternFill("solid", fgColor="DCE6F2")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        sheet.append([cell_text(row["label"]), *_cells(row["figures"], columns)])
    if whole is not None:
        sheet.append([_("合计"), *_cells(whole, columns)])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    formats = {"rate": "0.00%", "money": "#,##0.00"}
    for index, (_header, _attribute, kind) in enumerate(columns, start=2):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 12
        if kind in formats:
            for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
                cell.number_format = formats[kind]
    sheet.column_dimensions["A"].width = 34
    sheet.freeze_panes = "B3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
