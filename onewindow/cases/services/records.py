"""What case services write besides the move: case numbers (gap-free, common.numbering), the written
notices (`notice_issue`), messages to the applicant (`notify_applicant`, through the outbox) and
warnings to the supervision section (`warn_supervision`, `warn_late`).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.utils.translation import gettext as _

from onewindow.cases.models import Case, CaseEvent, Notice
from onewindow.cases.transitions import (
    case_event_append,
    local_date,
)
from onewindow.common import numbering
from onewindow.notifications.models import Notification
from onewindow.notifications.services import Recipient, notifications_send, supervision_warn
from onewindow.org.models import Site, Staff

Action = CaseEvent.Action
Channel = Notification.Channel


def site_code(site: Site) -> str:
    return re.sub(r"[^0-9A-Z]", "", site.code.upper()) or str(site.pk)


def new_case_number(site: Site, on_date: date) -> str:
    return f"{site_code(site)}-{on_date.year}-{numbering.next_number(series=numbering.CASE, site=site, period=on_date.year):06d}"


def _notice_number(case: Case, kind: str, on_date: date, sequence: int | None = None) -> tuple[int, str]:
    if sequence is None:
        sequence = case.notices.filter(kind=kind).count() + 1
    prefix = {
        Notice.Kind.ACCEPTANCE: "受",
        Notice.Kind.CORRECTION: "补",
        Notice.Kind.NON_ACCEPTANCE: "不受",
        Notice.Kind.SUSPENSION: "特",
        Notice.Kind.EXTENSION: "延",
        Notice.Kind.DECISION: "结",
        Notice.Kind.CERTIFICATE: "证",
        Notice.Kind.RETURN: "退",
        Notice.Kind.TERMINATION: "终",
    }[kind]
    suffix = "" if sequence == 1 else f"-{sequence}"
    return sequence, f"{prefix}〔{on_date.year}〕{case.reference}{suffix}号"


def notice_issue(
    case: Case,
    kind: str,
    *,
    at: datetime,
    staff: Staff | None,
    has_new_requests=False,
    sequence: int | None = None,
) -> Notice:
    """The case's next notice of `kind` (its `sequence`, counted unless the caller knows it)."""
    on_date = local_date(at)
    sequence, number = _notice_number(case, kind, on_date, sequence)
    return Notice.objects.create(
        case=case,
        kind=kind,
        sequence=sequence,
        document_number=number,
        issued_at=at,
        issued_date=on_date,
        issued_by=staff,
        has_new_requests=has_new_requests,
    )


def notify_applicant(case: Case, *, subject: str, body: str, at: datetime) -> None:
    """In the applicant's account (if they have one), and to the outbox: SMS, and e-mail if given."""
    recipients = [Recipient(channel=Channel.SMS, address=case.contact_phone)]
    if case.applicant_user_id:
        recipients.append(Recipient(channel=Channel.IN_APP, user_id=case.applicant_user_id))
    if case.contact_email:
        recipients.append(Recipient(channel=Channel.EMAIL, address=case.contact_email))
    notifications_send(recipients=recipients, subject=subject, body=body, at=at, case=case)


def warn_supervision(case: Case, *, subject: str, body: str, at: datetime) -> None:
    """A warning on the case's (staff-only) timeline and in the supervision section's inbox at
    the case's site and every site above it."""
    case_event_append(case, Action.WARNING, at=at, comment=body, is_public=False)
    supervision_warn(site=case.site, subject=subject, body=body, at=at, case=case)


def progress_text(case: Case) -> str:
    return _("办件编号 %(reference)s，查询码 %(code)s。") % {
        "reference": case.reference,
        "code": case.query_code,
    }


def warn_late(case: Case, *, at: datetime, what: str, due: date) -> None:
    warn_supervision(
        case,
        subject=_("%(what)s超期") % {"what": what},
        body=_("办件 %(number)s（%(item)s）%(what)s超过期限 %(due)s。")
        % {"number": case.number, "item": case.version.name, "what": what, "due": due.isoformat()},
        at=at,
    )
