"""The assessment's Excel workbooks (openpyxl): the monthly attendance sheet and the department
report the government's annual assessment uses."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from onewindow.common.spreadsheet import XLSX, cell_text

__all__ = ["XLSX", "attendance_workbook", "department_workbook"]

HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")


def _title(sheet, title: str) -> None:
    sheet.append([cell_text(title)])
    sheet["A1"].font = Font(bold=True, size=13)


def _header(sheet, cells: list) -> None:
    sheet.append([str(cell) for cell in cells])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ATTENDANCE_TOTALS = [
    (gettext_lazy("应出勤"), "due"),
    (gettext_lazy("正常"), "normal"),
    (gettext_lazy("迟到"), "late"),
    (gettext_lazy("早退/未签退"), "early"),
    (gettext_lazy("缺勤"), "absent"),
    (gettext_lazy("请假等"), "leave"),
]


def attendance_workbook(sheet_data: dict, *, title: str) -> bytes:
    """The sheet: one line per staff member, a column per day (√ 迟 早 缺 假 休), the month's counts."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("考勤表")
    _title(sheet, title)
    days = sheet_data["days"]
    _header(
        sheet,
        [
            _("工号"),
            _("姓名"),
            *(f"{day.day}" for day in days),
            *(label for label, _name in ATTENDANCE_TOTALS),
        ],
    )
    for row in sheet_data["rows"]:
        sheet.append(
            [
                cell_text(row.staff.employee_number),
                cell_text(row.staff.name),
                *(cell.sign for cell in row.cells),
                *(getattr(row.tally, name) for _label, name in ATTENDANCE_TOTALS),
            ]
        )
    for index in range(3, 3 + len(days)):
        sheet.column_dimensions[get_column_letter(index)].width = 4.5
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 10
    sheet.freeze_panes = "C3"
    sheet.append([])
    sheet.append(
        [
            cell_text(
                _("√ 正常　迟 迟到　早 早退或未签退　缺 缺勤　假 请假、培训、出差　休 休息日　○ 未排班签到")
            )
        ]
    )
    return _save(book)


#: (header, attribute, kind): kind "count", "rate" (a percentage), "score".
DEPARTMENT_COLUMNS = [
    (gettext_lazy("受理"), "accepted", "count"),
    (gettext_lazy("办结"), "completed", "count"),
    (gettext_lazy("按时办结率"), "on_time_rate", "rate"),
    (gettext_lazy("提前办结率"), "early_rate", "rate"),
    (gettext_lazy("评价数"), "ratings", "count"),
    (gettext_lazy("满意度"), "satisfaction", "rate"),
    (gettext_lazy("投诉属实"), "complaints_upheld", "count"),
    (gettext_lazy("效能问责"), "findings", "count"),
    (gettext_lazy("窗口月均得分"), "window_average", "score"),
    (gettext_lazy("折算分"), "share_points", "score"),
    (gettext_lazy("折算比例（%）"), "share", "count"),
]


def department_workbook(lines: list, *, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("部门考核")
    _title(sheet, title)
    _header(sheet, [_("部门"), _("服务中心"), *(header for header, _name, _kind in DEPARTMENT_COLUMNS)])
    for line in lines:
        cells = []
        for _header_text, name, kind in DEPARTMENT_COLUMNS:
            value = getattr(line, name)
            if value is None:
                cells.append(None)
            elif kind == "rate":
                cells.append(float(value) / 100)
            elif kind == "score":
                cells.append(float(value))
            else:
                cells.append(value)
        sheet.append([cell_text(line.department.name), cell_text(line.department.site.name), *cells])
    for index, (_header_text, _name, kind) in enumerate(DEPARTMENT_COLUMNS, start=3):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 12
        for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
            if kind == "rate":
                cell.number_format = "0.00%"
            elif kind == "score":
                cell.number_format = "0.00"
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 24
    sheet.freeze_panes = "C3"
    sheet.append([])
    sheet.append(
        [
            cell_text(
                _(
                    "窗口月均得分：部门承办窗口各月考核得分的平均；折算分 = 窗口月均得分 × 折算比例，"
                    "计入部门年度考核（满分为折算比例）。"
                )
            )
        ]
    )
    return _save(book)
