"""The displays' WebSockets: read-only, one group per site (the hall display) or per window. On
connecting a display joins its group and then gets its snapshot at once (in that order, so no
push falls between the two); then every push (queueing/broadcast.py).

A display sends only {"type": "refresh"} (display.js, every 30 s): it gets its snapshot again
and renews its group membership, which the channel layers expire after a day, while a hall TV
stays connected for weeks. Anything else it sends is ignored; an unknown site or window, or a
path no display has, is closed with 4404."""

from __future__ import annotations

import json
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer

from onewindow.queueing import broadcast, selectors

#: Close code for a display whose site or window does not exist (4000–4999: the application's).
CLOSE_NOT_FOUND = 4404
#: A display's refreshes closer together than this are ignored (each one reads the database).
REFRESH_MIN_SECONDS = 5.0


class _DisplayConsumer(AsyncJsonWebsocketConsumer):
    kind = ""
    group = ""

    def group_name(self) -> str | None:
        """The group of the display's site or window, or None when it does not exist."""
        raise NotImplementedError

    def snapshot(self) -> dict | None:
        raise NotImplementedError

    async def connect(self):
        self.last_refresh = 0.0
        group = await database_sync_to_async(self.group_name)()
        if group is None:
            await self.refuse()
            return
        self.group = group
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_snapshot()

    async def refuse(self):
        """Accepted, then closed with 4404: a close before accepting reaches the browser as a bare
        HTTP 403 of the handshake, without the code saying why."""
        await self.accept()
        await self.close(code=CLOSE_NOT_FOUND)

    async def send_snapshot(self):
        snapshot = await database_sync_to_async(self.snapshot)()
        if snapshot is None:  # removed meanwhile
            await self.close(code=CLOSE_NOT_FOUND)
            return
        await self.send_json({"kind": self.kind, "snapshot": snapshot})

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        """Displays only listen: text that is not JSON, and binary frames, are ignored."""
        if text_data is None:
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        if not (isinstance(content, dict) and content.get("type") == "refresh") or not self.group:
            return
        now = time.monotonic()
        if now - self.last_refresh < REFRESH_MIN_SECONDS:
            return
        self.last_refresh = now
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send_snapshot()

    async def queue_push(self, event):
        await self.send_json(event["message"])

    @classmethod
    async def encode_json(cls, content):
        return json.dumps(content, ensure_ascii=False)


class HallConsumer(_DisplayConsumer):
    """/ws/queue/hall/<site_id>/: the hall display of a site."""

    kind = "hall"

    def group_name(self) -> str | None:
        site_id = self.scope["url_route"]["kwargs"]["site_id"]
        return broadcast.site_group(site_id) if selectors.site_exists(site_id) else None

    def snapshot(self) -> dict | None:
        site_id = self.scope["url_route"]["kwargs"]["site_id"]
        return selectors.hall_snapshot(site_id) if selectors.site_exists(site_id) else None


class WindowConsumer(_DisplayConsumer):
    """/ws/queue/window/<window_id>/: one window's display."""

    kind = "window"

    def group_name(self) -> str | None:
        window_id = self.scope["url_route"]["kwargs"]["window_id"]
        return broadcast.window_group(window_id) if selectors.window_exists(window_id) else None

    def snapshot(self) -> dict | None:
        window_id = self.scope["url_route"]["kwargs"]["window_id"]
        return selectors.window_snapshot(window_id) if selectors.window_exists(window_id) else None


class NotFoundConsumer(AsyncWebsocketConsumer):
    """Any other /ws/ path: closed with 4404 instead of an exception in the router."""

    async def connect(self):
        await self.accept()
        await self.close(code=CLOSE_NOT_FOUND)
