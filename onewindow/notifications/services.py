"""Writing messages: to a person in the app, to a phone or an address through the outbox, and the
gateway's report. Every app notifies people through these, in the caller's transaction; e-mail
is sent after the commit when an SMTP host is configured."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from onewindow.notifications.models import Notification
from onewindow.notifications.tasks import outbox_send_email
from onewindow.org.models import Role, Staff

Channel = Notification.Channel


@dataclass(frozen=True)
class Recipient:
    """Where one message goes: a user's inbox (IN_APP) or an address in the outbox (SMS, EMAIL)."""

    channel: str
    user_id: int | None = None
    address: str = ""


@dataclass(frozen=True)
class Message:
    """One text to several recipients, about a case if given (messages_send writes many at once)."""

    recipients: tuple[Recipient, ...]
    subject: str
    body: str
    case: object = None


def messages_send(*, messages: Iterable[Message], at: datetime) -> list[Notification]:
    """Every message to each of its recipients, in one statement (a sweep warning about hundreds
    of cases writes them together). E-mail goes out after the commit when SMTP is configured; SMS
    waits for the gateway."""
    rows = [
        Notification(
            channel=recipient.channel,
            user_id=recipient.user_id,
            address=recipient.address,
            case=message.case,
            subject=message.subject,
            body=message.body,
            created_at=at,
        )
        for message in messages
        for recipient in message.recipients
    ]
    Notification.objects.bulk_create(rows)
    if any(row.channel == Channel.EMAIL for row in rows):
        transaction.on_commit(outbox_send_email.delay, robust=True)
    return rows


def notifications_send(
    *, recipients: Iterable[Recipient], subject: str, body: str, at: datetime, case=None
) -> list[Notification]:
    """One message to each recipient (inbox or outbox), about `case` if given."""
    return messages_send(messages=[Message(tuple(recipients), subject, body, case)], at=at)


def inbox_send(
    *, user_ids: Iterable[int], subject: str, body: str, at: datetime, case=None
) -> list[Notification]:
    """The same message in each user's in-app inbox (once per user)."""
    return notifications_send(
        recipients=[Recipient(channel=Channel.IN_APP, user_id=user_id) for user_id in sorted(set(user_ids))],
        subject=subject,
        body=body,
        at=at,
        case=case,
    )


def supervision_warn(*, site, subject: str, body: str, at: datetime, case=None) -> list[Notification]:
    """A warning in the inbox of the supervision section (监察科) at `site` and every site above it
    (the county's section sees its townships'). Returns the messages written."""
    return inbox_send(user_ids=supervision_section(site), subject=subject, body=body, at=at, case=case)


def supervision_section(site) -> list[int]:
    """The user ids of the active supervision section (监察科) at `site` and every site above it."""
    return list(
        Staff.objects.filter(
            is_active=True, role_rows__role=Role.SUPERVISION_SECTION, site__path__in=site.lineage_paths
        ).values_list("user_id", flat=True)
    )


def notification_mark_sent(*, notification: Notification, at: datetime, failure: str = "") -> Notification:
    """The gateway's report on an outbox message: sent, or failed with the reason."""
    if failure:
        notification.failure = failure.strip()[:300]
    else:
        notification.sent_at = at
        notification.failure = ""
    notification.save(update_fields=["sent_at", "failure"])
    return notification


def inbox_mark_read(*, user, at: datetime, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread in-app messages read (those in `ids`, or all); returns how many.
    Another person's messages are never touched."""
    unread = Notification.objects.filter(user=user, channel=Channel.IN_APP, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=at)
