"""Telling the hall's displays, after the commit: a call (with the words to speak) or a change
of the waiting counts goes to the site's group; a window's change to that window's group. Each
message carries the whole snapshot the display shows (queueing/selectors.py), so a display that
missed one catches up with the next. A channel layer that is down loses a push, never a call: the
displays also re-read their snapshot every 30 seconds."""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def site_group(site_id: int) -> str:
    return f"queue-site-{site_id}"


def window_group(window_id: int) -> str:
    return f"queue-window-{window_id}"


def _send(group: str, message: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, {"type": "queue.push", "message": message})
    except Exception:  # a display push must never fail the clerk's action
        logger.exception("queue push to %s failed", group)


def hall_push(site_id: int, *, announce: dict | None = None) -> None:
    from onewindow.queueing.selectors import hall_snapshot

    message = {"kind": "hall", "snapshot": hall_snapshot(site_id)}
    if announce:
        message["announce"] = announce
    _send(site_group(site_id), message)


def window_push(window_id: int, *, announce: dict | None = None) -> None:
    from onewindow.queueing.selectors import window_snapshot

    message = {"kind": "window", "snapshot": window_snapshot(window_id)}
    if announce:
        message["announce"] = announce
    _send(window_group(window_id), message)


def call_push(call_id: int, *, recall: bool = False) -> None:
    from onewindow.queueing.selectors import call_announcement

    announce = call_announcement(call_id, recall=recall)
    if announce is None:
        return
    hall_push(announce["site_id"], announce=announce)
    window_push(announce["window_id"], announce=announce)


def after_commit_hall(site_id: int) -> None:
    transaction.on_commit(lambda: hall_push(site_id))


def after_commit_window(window_id: int) -> None:
    transaction.on_commit(lambda: window_push(window_id))


def after_commit_call(call_id: int, *, recall: bool = False) -> None:
    transaction.on_commit(lambda: call_push(call_id, recall=recall))
