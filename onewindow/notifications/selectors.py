"""Reading messages: a person's inbox, and the outbox a gateway collects."""

from __future__ import annotations

from django.db.models import QuerySet

from onewindow.notifications.models import Notification

Channel = Notification.Channel


def inbox_of(user) -> QuerySet[Notification]:
    """The user's in-app messages, newest first."""
    return Notification.objects.filter(user=user, channel=Channel.IN_APP).select_related("case")


def outbox(*, channel: str = "") -> QuerySet[Notification]:
    """Messages waiting for the gateway (SMS, e-mail; one channel if given), oldest first."""
    messages = Notification.objects.exclude(channel=Channel.IN_APP).filter(sent_at__isnull=True)
    if channel in (Channel.SMS, Channel.EMAIL):
        messages = messages.filter(channel=channel)
    return messages.order_by("id")


def outbox_arms(*, channel: str = "") -> list[QuerySet[Notification]]:
    """The outbox as one queryset per channel (common.keyset): each walks the (channel, sent_at)
    index, where "not in-app" would not."""
    channels = [channel] if channel in (Channel.SMS, Channel.EMAIL) else [Channel.SMS, Channel.EMAIL]
    return [Notification.objects.filter(channel=name, sent_at__isnull=True) for name in channels]
