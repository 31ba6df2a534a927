"""The complaints list as an Excel workbook (openpyxl): one row per complaint, the filters in the
title; the complainant's personal data masked for a reader who does not handle complaints."""

from __future__ import annotations

import io
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from onewindow.complaints.models import Complaint
from onewindow.complaints.selectors import complainant_shown

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E9A")
LIGHT_LABELS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "done": ""}


def _day(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    return value.isoformat()


def complaints_workbook(complaints: list[Complaint], *, title: str, masked: dict[int, bool]) -> bytes:
    """The workbook of `complaints` (each with `.light`); `masked[complaint id]` says whether the
    complainant is masked for the reader."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("投诉")
    columns = [
        (_("投诉编号"), 24),
        (_("登记时间"), 17),
        (_("渠道"), 12),
        (_("12345工单号"), 16),
        (_("投诉人"), 12),
        (_("联系电话"), 14),
        (_("电子邮箱"), 22),
        (_("投诉事项"), 30),
        (_("涉及办件"), 22),
        (_("涉及部门"), 20),
        (_("涉及窗口"), 16),
        (_("状态"), 12),
        (_("灯色"), 8),
        (_("当前期限"), 12),
        (_("承诺答复日期"), 13),
        (_("调查人"), 10),
        (_("调查结论"), 10),
        (_("责任对象"), 24),
        (_("答复时间"), 17),
        (_("评价"), 10),
        (_("复核"), 16),
    ]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append([name for name, _width in columns])
    for index, (_name, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=3, column=index)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A4"
    for complaint in complaints:
        person = complainant_shown(complaint, masked=masked.get(complaint.pk, True))
        responsible = "、".join(
            str(part)
            for part in (
                complaint.result_staff.name if complaint.result_staff_id else "",
                str(complaint.result_window) if complaint.result_window_id else "",
                complaint.result_department.name if complaint.result_department_id else "",
            )
            if part
        )
        sheet.append(
            [
                complaint.number,
                _day(complaint.registered_at),
                complaint.get_channel_display(),
                complaint.hotline_order_number,
                _("匿名") if person.is_anonymous else person.name,
                person.phone,
                person.email,
                complaint.title,
                complaint.case.reference if complaint.case_id else "",
                complaint.department.name if complaint.department_id else "",
                str(complaint.window) if complaint.window_id else "",
                complaint.get_status_display(),
                LIGHT_LABELS.get(getattr(complaint, "light", "done"), ""),
                _day(complaint.due_date),
                _day(complaint.answer_due_date),
                complaint.investigator.name if complaint.investigator_id else "",
                complaint.get_result_display(),
                responsible,
                _day(complaint.answered_at),
                complaint.get_rating_display(),
                complaint.get_review_outcome_display(),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
