"""The cases kernel every case service and every app builds on: lock a case, check a move against
`workflow.TRANSITIONS`, apply it and append the event, in the caller's transaction.

**Lock order** (docs/adr/0010): a service that touches a case and rows hanging off it (its fees,
notices, tickets, supervision records …) locks the case row first (`case_lock`), then the others:
two clerks, or a clerk and a bank, acting on one case then queue instead of deadlocking.
Time is an argument (`at`); dates are the hall's local date of `at` (`local_date`).
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases import workflow
from onewindow.cases.events import event_label
from onewindow.cases.models import (
    Case,
    CaseEvent,
)
from onewindow.common.api import DomainError
from onewindow.org.models import Staff
from onewindow.org.selectors import access_for


class CaseError(DomainError):
    code = "case_invalid"


class WrongState(DomainError):
    code = "case_wrong_state"
    status_code = 409


def local_date(at: datetime) -> date:
    return timezone.localtime(at).date()


def staff_of(user) -> Staff | None:
    return access_for(user).staff


def case_lock(case: Case | int) -> Case:
    """The case (or case id) re-read under a lock on its own row."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("version", "item", "site", "department")
        .get(pk=getattr(case, "pk", case))
    )


def case_event(
    case: Case,
    action: str,
    *,
    at: datetime,
    user=None,
    comment: str = "",
    from_status: str = "",
    to_status: str = "",
    is_public: bool = True,
    department=None,
) -> CaseEvent:
    """A timeline entry, not yet saved (case_event_append saves one; case_transition several)."""
    return CaseEvent(
        case=case,
        action=action,
        at=at,
        actor=user,
        department=department or case.department,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        is_public=is_public,
    )


def case_event_append(case: Case, action: str, **details) -> CaseEvent:
    """Append one entry to the case's timeline (case_event's arguments)."""
    event = case_event(case, action, **details)
    event.save()
    return event


def case_check_move(case: Case, action: str) -> str:
    """The status `action` leads to from the case's status (workflow.TRANSITIONS); raises
    WrongState if it may not."""
    target = workflow.target(case.status, action)
    if target is None:
        raise WrongState(
            _("办件 %(reference)s 当前为“%(status)s”，不能%(action)s。")
            % {
                "reference": case.reference,
                "status": case.get_status_display(),
                "action": event_label(action),
            }
        )
    return target


def case_transition(
    case: Case,
    action: str,
    *,
    at: datetime,
    user=None,
    comment: str = "",
    fields=(),
    is_public: bool = True,
    department=None,
    also: tuple[CaseEvent, ...] | list[CaseEvent] = (),
) -> Case:
    """Check the move, save the new status (and `fields`) and append the event, with the
    events `also` (case_event) after it in the same statement."""
    target = case_check_move(case, action)
    source = case.status
    case.status = target
    case.save(update_fields=["status", *fields])
    event = case_event(
        case,
        action,
        at=at,
        user=user,
        comment=comment,
        from_status=source if source != target else "",
        to_status=target if source != target else "",
        is_public=is_public,
        department=department,
    )
    CaseEvent.objects.bulk_create([event, *also])
    return case
