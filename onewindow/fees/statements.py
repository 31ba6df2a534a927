"""Reading a bank's daily statement (对账单) from CSV.

Banks export UTF-8 (often with a BOM) or GB18030; the header may be in Chinese or English:
交易流水号/transaction_id, 缴款通知书号/notice_number (also 缴款书号, 缴款单号), 金额/amount,
交易时间/paid_at, and optionally 付款人/payer_name. Times without a zone are the hall's local
time. Every row is checked; the errors come back together, each with its line number.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.fees import calculation
from onewindow.fees.calculation import FeeInputError

HEADERS = {
    "transaction_id": ("交易流水号", "流水号", "银行流水号", "transaction_id"),
    "notice_number": ("缴款通知书号", "缴款书号", "缴款单号", "通知书号", "notice_number"),
    "amount": ("金额", "交易金额", "缴款金额", "amount"),
    "paid_at": ("交易时间", "缴款时间", "paid_at"),
    "payer_name": ("付款人", "缴款人", "payer_name"),
}
REQUIRED = ("transaction_id", "notice_number", "amount", "paid_at")
MAX_ERRORS = 20
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    line_number: int
    transaction_id: str
    notice_number: str
    amount: Decimal
    paid_at: datetime
    payer_name: str


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError({"file": [_("无法识别文件编码：请导出为 UTF-8 或 GBK 编码的 CSV。")]})


def _columns(header: list[str]) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    columns = {}
    for field, aliases in HEADERS.items():
        for alias in aliases:
            if alias.lower() in names:
                columns[field] = names.index(alias.lower())
                break
    missing = [HEADERS[field][0] for field in REQUIRED if field not in columns]
    if missing:
        raise ValidationError({"file": [_("表头缺少列：%(columns)s。") % {"columns": "、".join(missing)}]})
    return columns


def _time(text: str) -> datetime | None:
    text = text.strip().replace("/", "-")
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y%m%d%H%M%S"):
        try:
            value = datetime.strptime(text, pattern)  # noqa: DTZ007 - local time, made aware below
            break
        except ValueError:
            continue
    else:
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            return None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def parse(content: bytes, *, statement_date: date) -> list[Row]:
    """The statement's rows. Raises ValidationError with every problem found ("第N行：…")."""
    if not content:
        raise ValidationError({"file": [_("文件为空。")]})
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": [_("文件超过 20 MB。")]})
    reader = csv.reader(io.StringIO(_decode(content)))
    header = next(reader, None)
    if not header:
        raise ValidationError({"file": [_("文件为空。")]})
    columns = _columns(header)
    rows: list[Row] = []
    errors: list[str] = []

    def cell(record, field):
        index = columns.get(field)
        return record[index].strip() if index is not None and index < len(record) else ""

    for line_number, record in enumerate(reader, start=2):
        if not any(value.strip() for value in record):
            continue
        problems = []
        transaction_id = cell(record, "transaction_id")
        notice_number = cell(record, "notice_number")
        if not transaction_id or len(transaction_id) > 64:
            problems.append(_("缺少交易流水号"))
        if not notice_number or len(notice_number) > 30:
            problems.append(_("缺少缴款通知书号"))
        amount = None
        try:
            amount = calculation.decimal_or_error(
                cell(record, "amount").replace(",", ""), field="amount", label="amount"
            )
        except FeeInputError:
            amount = None
        if amount is None or amount <= 0:
            problems.append(
                _("金额“%(value)s”不是大于0、最多两位小数的数字") % {"value": cell(record, "amount")}
            )
        paid_at = _time(cell(record, "paid_at"))
        if paid_at is None:
            problems.append(_("交易时间“%(value)s”无法识别") % {"value": cell(record, "paid_at")})
        elif timezone.localdate(paid_at) != statement_date:
            problems.append(
                _("交易时间 %(value)s 不在对账日 %(date)s")
                % {"value": cell(record, "paid_at"), "date": statement_date.isoformat()}
            )
        if problems:
            errors.append(
                _("第%(line)s行：%(problems)s") % {"line": line_number, "problems": "；".join(problems)}
            )
            if len(errors) >= MAX_ERRORS:
                errors.append(_("……错误过多，仅列出前%(count)s条。") % {"count": MAX_ERRORS})
                break
            continue
        rows.append(
            Row(
                line_number=line_number,
                transaction_id=transaction_id,
                notice_number=notice_number,
                amount=amount,
                paid_at=paid_at,
                payer_name=cell(record, "payer_name")[:200],
            )
        )
    if errors:
        raise ValidationError({"file": errors})
    return rows
