"""The statistics reports (办件统计报告): monthly, quarterly and annual, of a center (its figures by
department, the sites under it included) and of each of its departments (by item) — the 办件统计
table the seeds publish, with the period compared to the one before and to the same period a
year earlier, the months of a quarter or a year, and satisfaction and fees. Each report is a
page, an Excel workbook and a PDF with its charts (matplotlib, drawn with the Chinese font the
PDFs embed); services.report_generate keeps the files (models.Report)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import gettext as _
from fpdf.enums import WrapMode
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from onewindow.common.pdf import ChineseDocument, chinese_font
from onewindow.common.spreadsheet import cell_text
from onewindow.org.models import Department, Site
from onewindow.stats import selectors
from onewindow.stats.models import Report
from onewindow.stats.rows import next_month


def _columns() -> list[tuple[str, str, str]]:
    """The report's table: (header, attribute, kind), in the language of the request."""
    return [
        (_("受理"), "accepted", "count"),
        (_("办结"), "completed", "count"),
        (_("办结率"), "completion_rate", "rate"),
        (_("即办件"), "completed_immediate", "count"),
        (_("即办件占比"), "immediate_share", "rate"),
        (_("提前办结率"), "early_rate", "rate"),
        (_("按时办结率"), "on_time_rate", "rate"),
        (_("超期"), "overdue", "count"),
        (_("满意率"), "satisfaction_rate", "rate"),
        (_("收费（元）"), "fees_net", "money"),
    ]


def period_of(kind: str, start: date) -> tuple[date, date]:
    """The first and last day of the report's period starting on `start` (a month's, a quarter's
    or a year's first day). Raises ValueError for a start that is not one."""
    if start.day != 1:
        raise ValueError(start)
    if kind == Report.Kind.MONTH:
        return start, next_month(start) - timedelta(days=1)
    if kind == Report.Kind.QUARTER:
        if start.month not in (1, 4, 7, 10):
            raise ValueError(start)
        return start, next_month(next_month(next_month(start))) - timedelta(days=1)
    if kind == Report.Kind.YEAR:
        if start.month != 1:
            raise ValueError(start)
        return start, date(start.year, 12, 31)
    raise ValueError(kind)


def period_label(kind: str, start: date) -> str:
    if kind == Report.Kind.MONTH:
        return _("%(year)s年%(month)s月") % {"year": start.year, "month": start.month}
    if kind == Report.Kind.QUARTER:
        return _("%(year)s年第%(quarter)s季度") % {"year": start.year, "quarter": (start.month - 1) // 3 + 1}
    return _("%(year)s年") % {"year": start.year}


def last_finished(kind: str, today: date) -> date:
    """The start of the last whole period of the kind before `today`."""
    this_month = today.replace(day=1)
    if kind == Report.Kind.MONTH:
        return (this_month - timedelta(days=1)).replace(day=1)
    if kind == Report.Kind.QUARTER:
        quarter = this_month.replace(month=(today.month - 1) // 3 * 3 + 1)
        previous = (quarter - timedelta(days=1)).replace(day=1)
        return previous.replace(month=(previous.month - 1) // 3 * 3 + 1)
    return date(today.year - 1, 1, 1)


@dataclass
class Content:
    """What a report says: its title, the period's figures compared, the table's rows, the
    months of a quarter or a year."""

    title: str
    subject: str
    period: str
    first: date
    last: date
    group_label: str
    now: selectors.Figures
    previous: selectors.Figures
    last_year: selectors.Figures
    rows: list[dict]
    months: list[dict]


def content_of(*, kind: str, start: date, site: Site, department: Department | None = None) -> Content:
    """The figures of a center's report (by department, the sites under it included) or of one
    of its departments (by item)."""
    first, last = period_of(kind, start)
    sites = list(Site.objects.filter(path__startswith=site.path).values_list("pk", flat=True))
    scope: dict = {"sites": sites}
    if department is not None:
        scope["departments"] = [department.pk]
    by = "item" if department is not None else "department"
    periods = selectors.compared(first, last, **scope)
    rows = selectors.labelled_rows(selectors.figures(first=first, last=last, by=by, **scope), by=by)
    months = []
    if kind != Report.Kind.MONTH:  # every month of the period, the quiet ones too
        found = {
            row.group["month"]: row for row in selectors.figures(first=first, last=last, by="month", **scope)
        }
        month = first
        while month <= last:
            figures = found.get(month) or selectors.period_figures(
                first=month, last=next_month(month) - timedelta(days=1), sites=[]
            )
            figures.group = {"month": month}
            months.append(figures)
            month = next_month(month)
        months = selectors.labelled_rows(months, by="month")
    subject = f"{site.name}{department.name}" if department is not None else site.name
    period = period_label(kind, start)
    return Content(
        title=_("%(subject)s%(period)s办件统计报告") % {"subject": subject, "period": period},
        subject=subject,
        period=period,
        first=first,
        last=last,
        group_label=_("事项") if department is not None else _("部门"),
        now=periods["now"],
        previous=periods["previous"],
        last_year=periods["last_year"],
        rows=rows,
        months=months,
    )


def shown(value, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "rate":
        return f"{value}%"
    if kind == "money":
        return f"{Decimal(value):,.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def summary_lines(content: Content) -> list[tuple[str, str]]:
    """The report's opening figures, each with the change from the period before and a year
    earlier."""
    now, before, year = content.now, content.previous, content.last_year

    def change(attribute: str, kind: str) -> str:
        parts = []
        for label, other in ((_("环比"), before), (_("同比"), year)):
            a, b = getattr(now, attribute), getattr(other, attribute)
            if a is None or b is None:
                parts.append(f"{label} —")
                continue
            delta = a - b
            unit = _("个百分点") if kind == "rate" else ""
            sign = "+" if delta > 0 else ""
            parts.append(f"{label} {sign}{delta if kind == 'rate' else shown(delta, kind)}{unit}")
        return "（" + "，".join(parts) + "）"

    lines = []
    for label, attribute, kind in (
        (_("受理"), "accepted", "count"),
        (_("办结"), "completed", "count"),
        (_("办结率"), "completion_rate", "rate"),
        (_("即办件占比"), "immediate_share", "rate"),
        (_("提前办结率"), "early_rate", "rate"),
        (_("按时办结率"), "on_time_rate", "rate"),
        (_("超期办结"), "overdue_completed", "count"),
        (_("期末超期未办结"), "open_overdue", "count"),
        (_("日均受理"), "per_working_day", "count"),
        (_("提速率"), "speed_up_rate", "rate"),
        (_("网上申请率"), "online_rate", "rate"),
        (_("满意率"), "satisfaction_rate", "rate"),
        (_("收费（元）"), "fees_net", "money"),
    ):
        lines.append((label, f"{shown(getattr(now, attribute), kind)} {change(attribute, kind)}"))
    return lines


def table_columns() -> list[str]:
    return [header for header, _attribute, _kind in _columns()]


def table_row(label: str, figures) -> dict:
    """A line of the report's table as the page shows it."""
    return {
        "label": label,
        "cells": [shown(getattr(figures, attribute), kind) for _h, attribute, kind in _columns()],
    }


# The charts ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _font():
    from matplotlib import font_manager

    path, _index = chinese_font()
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path)


def bar_chart(labels: list[str], series: list[tuple[str, list[int]]], *, title: str) -> bytes:
    """A grouped bar chart as PNG bytes (matplotlib's Agg, no display needed), with the values
    written on the bars so that the printed page reads without the table."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    font = _font()
    figure = Figure(figsize=(7.2, 3.0), dpi=160)
    axes = figure.add_subplot()
    count = max(len(series), 1)
    width = 0.8 / count
    colors = ["#2f6fd6", "#35a672", "#e0a526"]
    positions = range(len(labels))
    for index, (name, values) in enumerate(series):
        offsets = [position - 0.4 + width * (index + 0.5) for position in positions]
        bars = axes.bar(offsets, values, width=width, label=name, color=colors[index % len(colors)])
        axes.bar_label(bars, labels=[f"{value:,}" for value in values], fontsize=6.5, padding=1)
    axes.set_xticks(list(positions))
    axes.set_xticklabels(
        [label if len(label) <= 9 else label[:8] + "…" for label in labels], fontproperties=font, fontsize=7
    )
    axes.set_title(title, fontproperties=font, fontsize=10)
    axes.legend(prop=font, fontsize=7, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=7)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def charts_of(content: Content) -> list[bytes]:
    charts = []
    rows = [row for row in content.rows if row["figures"].accepted or row["figures"].completed][:10]
    if rows:
        charts.append(
            bar_chart(
                [row["label"].split("（")[0] for row in rows],
                [
                    (_("受理"), [row["figures"].accepted for row in rows]),
                    (_("办结"), [row["figures"].completed for row in rows]),
                ],
                title=_("按%(group)s受理与办结件数") % {"group": content.group_label},
            )
        )
    if content.months:
        charts.append(
            bar_chart(
                [row["label"] for row in content.months],
                [
                    (_("受理"), [row["figures"].accepted for row in content.months]),
                    (_("办结"), [row["figures"].completed for row in content.months]),
                ],
                title=_("各月受理与办结件数"),
            )
        )
    return charts


# The files ----------------------------------------------------------------------------------------


def report_pdf(content: Content, *, footer: str) -> bytes:
    document = ChineseDocument(title=content.title, footer=footer)
    document.set_font("cjk", size=15)
    document.multi_cell(0, 9, content.title, align="C", new_x="LMARGIN", new_y="NEXT")
    document.set_font("cjk", size=9)
    document.set_text_color(90, 90, 90)
    document.cell(
        0,
        6,
        _("统计期间：%(first)s 至 %(last)s（含）")
        % {"first": content.first.isoformat(), "last": content.last.isoformat()},
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    document.set_text_color(0, 0, 0)
    document.heading(_("一、主要指标"))
    document.facts(summary_lines(content), label_width=32)
    document.heading(_("二、图表"))
    for chart in charts_of(content):
        document.image(io.BytesIO(chart), w=180)
        document.ln(2)
    if document.get_y() > document.h - 70:  # a heading never ends a page without its table
        document.add_page()
    document.heading(_("三、办件统计表（按%(group)s）") % {"group": content.group_label})
    _table(document, content.group_label, content.rows, total=content.now)
    if content.months:
        document.heading(_("四、分月统计"))
        _table(document, _("月份"), content.months, total=content.now)
    document.ln(2)
    document.paragraph(
        _(
            "口径：办结率 = 办结 ÷ 受理；即办件占比 = 即办件办结 ÷ 办结；提前办结率 = 提前办结的承诺件 ÷ 办结的承诺件；"
            "按时办结率 = 按期办结 ÷ 办结；超期 = 超期办结 + 期末超期未办结；满意率 = 非差评 ÷ 有效评价；"
            "收费为缴款金额扣除当期批准的退费。"
        ),
        size=8,
        height=4.2,
    )
    return document.output_bytes()


def _table(document: ChineseDocument, group_label: str, rows: list[dict], *, total) -> None:
    columns = _columns()
    document.set_font("cjk", size=7.5)
    heading = FontFace(emphasis="", fill_color=(232, 239, 250))
    with document.table(
        col_widths=(38, *([14.4] * len(columns))),
        wrapmode=WrapMode.CHAR,
        line_height=4.6,
        text_align=("LEFT", *(["RIGHT"] * len(columns))),
        headings_style=heading,
    ) as table:
        table.row([group_label, *(header for header, _attribute, _kind in columns)])
        for row in rows:
            figures = row["figures"]
            table.row(
                [row["label"], *(shown(getattr(figures, attribute), kind) for _h, attribute, kind in columns)]
            )
        table.row(
            [_("合计"), *(shown(getattr(total, attribute), kind) for _h, attribute, kind in columns)],
            style=heading,
        )


def report_workbook(content: Content) -> bytes:
    """The report as a formatted workbook: a sheet of the figures with their comparisons, one of
    the table with its total, and the months of a quarter or a year."""
    book = Workbook()
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F2")
    summary = book.active
    summary.title = _("主要指标")
    summary.append([cell_text(content.title)])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([_("统计期间"), f"{content.first.isoformat()} — {content.last.isoformat()}"])
    summary.append([_("指标"), _("本期"), _("上一期间"), _("去年同期")])
    for cell in summary[3]:
        cell.font, cell.fill = bold, fill
    for label, attribute, kind in _columns() + [(_("期末超期未办结"), "open_overdue", "count")]:
        values = [
            _cell(getattr(figures, attribute), kind)
            for figures in (content.now, content.previous, content.last_year)
        ]
        summary.append([label, *values])
        if kind in ("rate", "money"):
            for cell in summary[summary.max_row][1:]:
                cell.number_format = "0.00%" if kind == "rate" else "#,##0.00"
    summary.column_dimensions["A"].width = 22
    for letter in "BCD":
        summary.column_dimensions[letter].width = 14
    _sheet(book, _("办件统计表"), content.group_label, content.rows, content.now)
    if content.months:
        _sheet(book, _("分月统计"), _("月份"), content.months, content.now)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value, kind: str):
    if value is None:
        return None
    if kind == "rate":
        return float(value) / 100
    if kind == "money":
        return float(value)
    return value


def _sheet(book: Workbook, title: str, group_label: str, rows: list[dict], total) -> None:
    columns = _columns()
    sheet = book.create_sheet(title)
    sheet.append([group_label, *(header for header, _attribute, _kind in columns)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F2")
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for row in rows:
        sheet.append(
            [cell_text(row["label"]), *(_cell(getattr(row["figures"], a), k) for _h, a, k in columns)]
        )
    sheet.append([_("合计"), *(_cell(getattr(total, a), k) for _h, a, k in columns)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    formats = {"rate": "0.00%", "money": "#,##0.00"}
    for index, (_header, _attribute, kind) in enumerate(columns, start=2):
        sheet.column_dimensions[get_column_letter(index)].width = 12
        if kind in formats:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = formats[kind]
    sheet.column_dimensions["A"].width = 36
    sheet.freeze_panes = "B2"
