"""The bad-credit list (失信名单): no 容缺受理 for those on it. Kept by the top-level center's office."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from onewindow.cases.models import (
    CreditRecord,
)
from onewindow.cases.services.intake import OTHER_ID
from onewindow.cases.transitions import (
    CaseError,
)
from onewindow.common import identifiers
from onewindow.common.api import NotAllowed
from onewindow.org.permissions import ORG_MANAGERS, user_is_network_office

#: Who keeps the bad-credit list (the top-level center's, see keeps_credit_list).
CREDIT_LIST_ROLES = ORG_MANAGERS


def keeps_credit_list(user) -> bool:
    """The list is one for the whole network: the top-level center's office keeps it."""
    return user_is_network_office(user)


def credit_record_add(
    *, user, id_number: str, name: str, reason: str, source: str, listed_date: date
) -> CreditRecord:
    """Put an applicant on the bad-credit list (no 容缺受理 for them). The office only.
    Raises NotAllowed, ValidationError."""
    if not keeps_credit_list(user):
        raise NotAllowed(_("只有中心办公室可以维护失信名单。"))
    number = (id_number or "").strip().upper()
    errors = {}
    try:
        number = identifiers.normalize_id_card_number(number, today=listed_date)
    except identifiers.InvalidIdentifier:
        try:
            number = identifiers.normalize_credit_code(number)
        except identifiers.InvalidIdentifier as error:
            if len(number) == 18 or not OTHER_ID.match(number):  # 18 characters: a mistyped code
                errors["id_number"] = _("请填写有效的身份证号码、统一社会信用代码或其他证件号码。") + str(
                    error
                )
    if not (name or "").strip():
        errors["name"] = _("请填写名称。")
    if not (reason or "").strip():
        errors["reason"] = _("请写明失信情形。")
    if errors:
        raise ValidationError(errors)
    return CreditRecord.objects.create(
        id_number=number,
        name=name.strip(),
        reason=reason.strip()[:300],
        source=(source or "").strip()[:100],
        listed_date=listed_date,
        created_by=user,
    )


def credit_record_lift(*, user, record: CreditRecord, on_date: date) -> CreditRecord:
    """Take an applicant off the list from `on_date` (信用修复). Raises NotAllowed, CaseError."""
    if not keeps_credit_list(user):
        raise NotAllowed(_("只有中心办公室可以维护失信名单。"))
    if record.lifted_date is not None:
        raise CaseError(
            _("该记录已于 %(date)s 移出。") % {"date": record.lifted_date}, code="credit_already_lifted"
        )
    record.lifted_date = max(on_date, record.listed_date + timedelta(days=1))
    record.save(update_fields=["lifted_date"])
    return record
