"""The displays' WebSockets: read-only, one group per site (the hall display) or per window. On
connecting a display gets its snapshot at once; then every push (queueing/broadcast.py)."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from onewindow.queueing import broadcast, selectors


class _DisplayConsumer(AsyncJsonWebsocketConsumer):
    group = ""

    async def connect(self):
        snapshot = await database_sync_to_async(self.snapshot)()
        if snapshot is None:
            await self.close(code=4404)
            return
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"kind": self.kind, "snapshot": snapshot})

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        """Displays only listen; a 'refresh' asks for the snapshot again."""
        if isinstance(content, dict) and content.get("type") == "refresh":
            snapshot = await database_sync_to_async(self.snapshot)()
            if snapshot is not None:
                await self.send_json({"kind": self.kind, "snapshot": snapshot})

    async def queue_push(self, event):
        await self.send_json(event["message"])


class HallConsumer(_DisplayConsumer):
    kind = "hall"

    def snapshot(self):
        site_id = self.scope["url_route"]["kwargs"]["site_id"]
        if not selectors.site_exists(site_id):
            return None
        self.group = broadcast.site_group(site_id)
        return selectors.hall_snapshot(site_id)


class WindowConsumer(_DisplayConsumer):
    kind = "window"

    def snapshot(self):
        window_id = self.scope["url_route"]["kwargs"]["window_id"]
        if not selectors.window_exists(window_id):
            return None
        self.group = broadcast.window_group(window_id)
        return selectors.window_snapshot(window_id)
