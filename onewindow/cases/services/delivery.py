"""Delivering the result (送达): at the window (signed for), by mail (carrier and waybill) or
electronically, due within 10 working days of the decision (art. 44). Other apps say why a result
may not be handed over yet through `DELIVERY_CHECKS` (fees: not paid).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from onewindow.cases import permissions
from onewindow.cases.models import (
    Case,
    CaseEvent,
    Delivery,
)
from onewindow.cases.services.records import (
    notify_applicant,
    progress_text,
    warn_late,
)
from onewindow.cases.transitions import (
    CaseError,
    case_check_move,
    case_lock,
    case_transition,
    local_date,
    staff_of,
)
from onewindow.common import identifiers
from onewindow.common.api import NotAllowed

Action = CaseEvent.Action


WAYBILL = re.compile(r"^[A-Za-z0-9-]{6,40}$")


@dataclass
class DeliveryDetails:
    method: str
    recipient_name: str = ""
    recipient_id_number: str = ""
    carrier: str = ""
    waybill_number: str = ""
    address: str = ""


def _clean_delivery(details: DeliveryDetails, *, today: date) -> DeliveryDetails:
    errors = {}
    for name in ("recipient_name", "recipient_id_number", "carrier", "waybill_number", "address"):
        setattr(details, name, (getattr(details, name) or "").strip())
    if details.method not in Delivery.Method.values:
        errors["method"] = _("请选择送达方式。")
    elif details.method == Delivery.Method.WINDOW:
        if not details.recipient_name:
            errors["recipient_name"] = _("窗口领取须登记签收人。")
        if details.recipient_id_number:
            try:
                details.recipient_id_number = identifiers.normalize_id_card_number(
                    details.recipient_id_number, today=today
                )
            except identifiers.InvalidIdentifier as error:
                errors["recipient_id_number"] = str(error)
    else:
        details.recipient_name = details.recipient_id_number = ""  # signed for at the window only
    if details.method == Delivery.Method.MAIL:
        if not details.carrier:
            errors["carrier"] = _("请填写快递公司。")
        if not WAYBILL.match(details.waybill_number):
            errors["waybill_number"] = _("请填写运单号（6至40位字母、数字或连字符）。")
        if not details.address:
            errors["address"] = _("请填写邮寄地址。")
    elif details.method == Delivery.Method.ELECTRONIC and not details.address:
        errors["address"] = _("电子送达须填写送达的邮箱或账户。")
    if errors:
        raise ValidationError(errors)
    return details


#: Checks other apps plug in (in their AppConfig.ready): each takes the case and returns why its
#: result may not be handed over yet. Fees add "not paid" (fees.selectors.unpaid_fee_blockers).
DELIVERY_CHECKS: list = []


def delivery_blockers(case: Case) -> list[str]:
    """Why the result may not be handed over yet (empty when it may)."""
    return [message for check in DELIVERY_CHECKS for message in check(case)]


def case_deliver(*, case: Case, user, at: datetime, details: DeliveryDetails) -> Delivery:
    """Deliver the result (送达): signed for at the window, mailed with a waybill number, or sent
    electronically; due within 10 working days of the decision (a late one warns supervision).
    Raises NotAllowed, WrongState, CaseError, ValidationError."""
    if not permissions.can_deliver(user, case):
        raise NotAllowed(_("只有窗口人员、首席代表或全程代办人可以登记送达。"))
    details = _clean_delivery(details, today=local_date(at))
    with transaction.atomic():
        locked = case_lock(case)
        case_check_move(locked, Action.DELIVERED)
        if blockers := delivery_blockers(locked):
            raise CaseError("；".join(blockers), code="delivery_blocked")
        on_date = local_date(at)
        delivery = Delivery.objects.create(
            case=locked,
            method=details.method,
            delivered_at=at,
            delivered_date=on_date,
            delivered_by=staff_of(user),
            recipient_name=details.recipient_name[:50],
            recipient_id_number=details.recipient_id_number[:30],
            carrier=details.carrier[:50],
            waybill_number=details.waybill_number[:40],
            address=details.address[:200],
            is_late=on_date > locked.delivery_due_date,
        )
        locked.delivered_at = at
        method = delivery.get_method_display()
        if delivery.method == Delivery.Method.MAIL:
            comment = _("%(method)s：%(carrier)s %(waybill)s") % {
                "method": method,
                "carrier": delivery.carrier,
                "waybill": delivery.waybill_number,
            }
        elif delivery.method == Delivery.Method.WINDOW:
            comment = _("%(method)s，签收人 %(name)s") % {"method": method, "name": delivery.recipient_name}
        else:
            comment = str(method)
        case_transition(locked, Action.DELIVERED, at=at, user=user, comment=comment, fields=["delivered_at"])
        if delivery.is_late:
            warn_late(locked, at=at, what=_("送达"), due=locked.delivery_due_date)
        notify_applicant(
            locked,
            subject=_("办理结果已送达"),
            body=_("您申请的“%(item)s”办理结果已%(how)s。") % {"item": locked.version.name, "how": comment}
            + progress_text(locked),
            at=at,
        )
        return delivery
