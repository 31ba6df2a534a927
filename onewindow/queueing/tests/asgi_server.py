"""`asgi_live_server`: the whole ASGI application (config/asgi.py: pages, static files and the
displays' WebSockets) served by uvicorn from a thread of the test process, for browser journeys
that need live pushes (pytest-django's `live_server` speaks only WSGI, without WebSockets).

    from onewindow.queueing.tests.asgi_server import asgi_live_server  # noqa: F401

    def test_…(queue, asgi_live_server, browser_page):
        browser_page.goto(f"{asgi_live_server.url}/queue/display/…/")
        asgi_live_server.call(services.call_next, user=…, window=…, at=…)

Once Playwright's page is open its sync API holds an event loop in the test's thread, so:
- call services through `asgi_live_server.call` (another thread): there the services' pushes
  (async_to_sync) cannot run, and Django's thread-critical locals see another "context";
- list the fixtures that write data *before* `browser_page`: a connection opened while
  Playwright runs is another connection object than the test database's own, never closed,
  and PostgreSQL then refuses to drop the test database ("accessed by other users").

It needs `transactional_db`: the server's threads use their own database connections, so they
see only what the test committed (an in-memory SQLite test database is shared-cache, so every
connection of the process opens the same one; on PostgreSQL each thread connects to the test
database). Server threads close their connections after each request (CONN_MAX_AGE 0 while the
server runs), so the test database can be flushed and dropped afterwards.

The channel layer: a test's service calls push from the test's thread, while the displays'
consumers wait on the server's event loop. The in-memory layer's queues are not thread-safe, so
while the server runs the layer is one that hands every send to the server's loop.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from dataclasses import dataclass

import pytest
from channels.layers import InMemoryChannelLayer, channel_layers

DEFAULT_ALIAS = "default"


class ServerLoopChannelLayer(InMemoryChannelLayer):
    """The in-memory layer, whose sends from any other thread or event loop run on the server's
    loop (where the consumers' queues live)."""

    server_loop: asyncio.AbstractEventLoop | None = None

    async def _on_server_loop(self, coroutine):
        loop = self.server_loop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:  # pragma: no cover - always called from a coroutine
            running = None
        if loop is None or loop is running or loop.is_closed():
            return await coroutine
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, loop))

    async def send(self, channel, message):
        return await self._on_server_loop(super().send(channel, message))

    async def group_send(self, group, message):
        return await self._on_server_loop(super().group_send(group, message))

    async def group_add(self, group, channel):
        return await self._on_server_loop(super().group_add(group, channel))

    async def group_discard(self, group, channel):
        return await self._on_server_loop(super().group_discard(group, channel))


@dataclass
class AsgiLiveServer:
    host: str
    port: int

    def call(self, function, /, *args, **kwargs):
        """`function(*args, **kwargs)` in a thread of its own, its result or its exception: for a
        service a browser test calls while Playwright's sync API holds an event loop in the test's
        thread (where the service's push, async_to_sync, may not run). The thread's database
        connections are closed when it ends."""
        from django.db import connections

        outcome: dict = {}

        def run():
            try:
                outcome["result"] = function(*args, **kwargs)
            except BaseException as error:  # noqa: BLE001 - raised again in the test's thread
                outcome["error"] = error
            finally:
                connections.close_all()

        worker = threading.Thread(target=run, name="asgi-live-server-call", daemon=True)
        worker.start()
        worker.join(timeout=60)
        if worker.is_alive():
            raise TimeoutError(f"{function!r} did not return within 60 s")
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("result")

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    def __str__(self) -> str:
        return self.url


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@pytest.fixture
def asgi_live_server(transactional_db, settings):
    """The ASGI app on http://127.0.0.1:<free port> (`.url`, `.ws_url`), until the test ends."""
    import uvicorn
    from django.db import connections

    from onewindow.config.asgi import application

    host = "127.0.0.1"
    port = _free_port(host)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]  # the WebSocket origin check

    # Connections opened by the server's threads are closed after each request and each
    # consumer's database call, so none outlives the server (PostgreSQL drops the test database
    # only when nobody is connected). The settings dict is shared by every thread's connection.
    saved_max_age = {alias: connections.settings[alias].get("CONN_MAX_AGE") for alias in connections}
    for alias in connections:
        connections.settings[alias]["CONN_MAX_AGE"] = 0

    layer = ServerLoopChannelLayer()
    previous_layer = channel_layers.set(DEFAULT_ALIAS, layer)

    config = uvicorn.Config(
        application,
        host=host,
        port=port,
        log_level="warning",
        lifespan="off",
        ws="websockets-sansio",
        loop="asyncio",
    )
    server = uvicorn.Server(config)
    failure: list[BaseException] = []

    async def serve():
        layer.server_loop = asyncio.get_running_loop()
        await server.serve()

    def run():
        try:
            asyncio.run(serve())
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            failure.append(error)

    thread = threading.Thread(target=run, name="asgi-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    if not server.started:
        server.should_exit = True
        raise RuntimeError(f"the ASGI test server did not start: {failure or 'timeout'}")
    try:
        yield AsgiLiveServer(host=host, port=port)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        layer.server_loop = None
        if previous_layer is None:
            channel_layers.backends.pop(DEFAULT_ALIAS, None)
        else:
            channel_layers.set(DEFAULT_ALIAS, previous_layer)
        for alias, max_age in saved_max_age.items():
            if max_age is None:
                connections.settings[alias].pop("CONN_MAX_AGE", None)
            else:
                connections.settings[alias]["CONN_MAX_AGE"] = max_age
