"""Telling the hall's displays, after the commit: a call (with the words to speak) or a change
of the waiting counts goes to the site's group; a window's change to that window's group. Each
message carries the whole snapshot the display shows (queueing/selectors.py), so a display that
missed one catches up with the next. A channel layer that is down loses a push, never a call: the
displays also re-read their snapshot every 30 seconds."""

from __future__ import annotations

import logging
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, transaction

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


def call_push(call_id: int, *, recall: bool = False) -> dict | None:
    """Push a call (with its announcement) to its hall and its window; returns the announcement."""
    from onewindow.queueing.selectors import call_announcement

    announce = call_announcement(call_id, recall=recall)
    if announce is None:
        return None
    hall_push(announce["site_id"], announce=announce)
    window_push(announce["window_id"], announce=announce)
    return announce


# One push per display per transaction: call-next finishes a ticket and calls the next, and
# both would push the same window's snapshot. The pushes of a transaction are gathered in one
# dict (keyed by the outermost atomic block) and sent once after the commit; each new key
# registers the flush again, so a rolled-back savepoint cannot take the flush with it (the flush
# empties the dict: the later ones find nothing). A call's push carries its announcement.
_pending = threading.local()


def _schedule(key: tuple[str, int], value: dict | None) -> None:
    if not connection.in_atomic_block:
        _flush({key: value})
        return
    marker = connection.atomic_blocks[0]
    state = getattr(_pending, "state", None)
    if state is None or state[0] is not marker:
        state = _pending.state = (marker, {})
    pushes = state[1]
    if key in pushes and value is None:
        return
    pushes[key] = value
    transaction.on_commit(lambda: _flush(pushes))


def _flush(pushes: dict) -> None:
    pending = dict(pushes)
    pushes.clear()
    announced_sites, announced_windows = set(), set()
    for key, value in pending.items():
        if key[0] == "call":
            announce = call_push(value["call_id"], recall=value["recall"])
            if announce:
                announced_sites.add(announce["site_id"])
                announced_windows.add(announce["window_id"])
    for (kind, identifier), _value in pending.items():
        if kind == "hall" and identifier not in announced_sites:
            hall_push(identifier)
        elif kind == "window" and identifier not in announced_windows:
            window_push(identifier)


def after_commit_hall(site_id: int) -> None:
    _schedule(("hall", site_id), None)


def after_commit_window(window_id: int) -> None:
    _schedule(("window", window_id), None)


def after_commit_call(call_id: int, *, recall: bool = False) -> None:
    _schedule(("call", call_id), {"call_id": call_id, "recall": recall})
