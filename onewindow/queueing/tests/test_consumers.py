"""The displays' WebSockets (queueing/consumers.py) through the ASGI application as served
(config/asgi.py: origin check, routing): a display gets its snapshot on connecting, then every
push after a service's commit — a call with the words to speak to the hall and to the window —
and a refresh when it asks; an unknown site, window or path is closed with 4404, never an error.

Each scenario is one coroutine run by async_to_sync (no pytest-asyncio): the communicators live
on its event loop, and the services run through sync_to_async in the test's thread, whose
pushes (async_to_sync after the commit) come back to that loop.
"""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import InMemoryChannelLayer, channel_layers
from channels.testing import WebsocketCommunicator

from onewindow.config.asgi import application
from onewindow.queueing import consumers, selectors, services
from onewindow.queueing.tests.asgi_server import asgi_live_server  # noqa: F401
from onewindow.queueing.tests.factories import TUESDAY, at

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = [(b"origin", b"http://127.0.0.1:8000")]


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.ONEWINDOW_FROZEN_NOW = at(TUESDAY, 10, 0)


@pytest.fixture(autouse=True)
def fresh_layer():
    """A channel layer of the test's own: no group left over from another test."""
    previous = channel_layers.set("default", InMemoryChannelLayer())
    yield
    if previous is None:
        channel_layers.backends.pop("default", None)
    else:
        channel_layers.set("default", previous)


def socket(path: str) -> WebsocketCommunicator:
    return WebsocketCommunicator(application, path, headers=ORIGIN)


def run(scenario):
    return async_to_sync(scenario)()


def issue(queue, prefix, minute, name=""):
    return services.ticket_issue(category=queue[prefix], at=at(TUESDAY, 9, minute), name=name)


def test_a_hall_display_gets_its_snapshot_on_connecting(queue):
    site = queue["hall"]["county"]
    issue(queue, "A", 1, name="张晓梅")

    async def scenario():
        hall = socket(f"/ws/queue/hall/{site.pk}/")
        connected, _subprotocol = await hall.connect()
        first = await hall.receive_json_from()
        await hall.disconnect()
        return connected, first

    connected, first = run(scenario)
    assert connected is True
    assert first == {"kind": "hall", "snapshot": selectors.hall_snapshot(site.pk)}
    assert first["snapshot"]["waiting_total"] == 1
    assert first["snapshot"]["categories"][0] == {"prefix": "A", "name": "市场准入", "waiting": 1}


def test_a_call_announces_itself_to_the_hall_and_to_its_window(queue):
    hall_records = queue["hall"]
    site, window = hall_records["county"], hall_records["windows"][1]  # window 2 serves A
    issue(queue, "A", 1, name="张晓梅")
    issue(queue, "A", 2)

    def call():
        return services.call_next(user=hall_records["market_a"].user, window=window, at=at(TUESDAY, 9, 30))

    async def scenario():
        hall = socket(f"/ws/queue/hall/{site.pk}/")
        desk = socket(f"/ws/queue/window/{window.pk}/")
        other = socket(f"/ws/queue/window/{hall_records['windows'][2].pk}/")
        for communicator in (hall, desk, other):
            assert (await communicator.connect())[0] is True
            await communicator.receive_json_from()  # the snapshot on connecting
        await sync_to_async(call)()
        hall_message = await hall.receive_json_from(timeout=2)
        desk_message = await desk.receive_json_from(timeout=2)
        other_heard_nothing = await other.receive_nothing(timeout=0.3)
        for communicator in (hall, desk, other):
            await communicator.disconnect()
        return hall_message, desk_message, other_heard_nothing

    hall_message, desk_message, other_heard_nothing = run(scenario)
    announce = {
        "code": "A001",
        "window": "2",
        "window_name": "测试窗口",
        "name": "张*梅",
        "at": "09:30",
        "serving": True,
        "site_id": site.pk,
        "window_id": window.pk,
        "recall": False,
        "speech": "请 A 0 0 1 号，到 2 号窗口办理",
    }
    assert hall_message["kind"] == "hall" and hall_message["announce"] == announce
    assert [row["code"] for row in hall_message["snapshot"]["calls"]] == ["A001"]
    assert hall_message["snapshot"]["waiting_total"] == 1
    assert desk_message["kind"] == "window" and desk_message["announce"] == announce
    assert desk_message["snapshot"]["serving"]["code"] == "A001"
    assert desk_message["snapshot"]["staff"]["name"] == "刘建国"
    assert other_heard_nothing is True
    assert "张晓梅" not in str(hall_message) + str(desk_message)


def test_a_recall_is_announced_again_and_a_pause_reaches_the_window(queue):
    hall_records = queue["hall"]
    window, clerk = hall_records["windows"][0], hall_records["clerk"].user
    issue(queue, "B", 1)

    def call_recall_finish_pause():
        services.call_next(user=clerk, window=window, at=at(TUESDAY, 9, 10))
        services.call_recall(user=clerk, window=window, at=at(TUESDAY, 9, 12))
        services.call_finish(user=clerk, window=window, at=at(TUESDAY, 9, 20))
        services.window_pause(user=clerk, window=window, at=at(TUESDAY, 9, 21), reason="午间交接")

    async def scenario():
        desk = socket(f"/ws/queue/window/{window.pk}/")
        await desk.connect()
        await desk.receive_json_from()
        await sync_to_async(call_recall_finish_pause)()
        messages = [await desk.receive_json_from(timeout=2) for _ in range(4)]
        await desk.disconnect()
        return messages

    called, recalled, finished, paused = run(scenario)
    assert (called["announce"]["code"], called["announce"]["recall"]) == ("B001", False)
    assert (recalled["announce"]["code"], recalled["announce"]["recall"]) == ("B001", True)
    assert "announce" not in finished and finished["snapshot"]["serving"] is None
    assert "announce" not in paused
    assert (paused["snapshot"]["paused"], paused["snapshot"]["pause_reason"]) == (True, "午间交接")


def test_a_refresh_sends_the_snapshot_again_at_most_every_few_seconds(queue, monkeypatch):
    site = queue["hall"]["county"]

    async def scenario():
        hall = socket(f"/ws/queue/hall/{site.pk}/")
        await hall.connect()
        await hall.receive_json_from()
        await hall.send_json_to({"type": "refresh"})
        refreshed = await hall.receive_json_from()
        await hall.send_json_to({"type": "refresh"})  # too soon: ignored
        too_soon = await hall.receive_nothing(timeout=0.3)
        # what displays never send is ignored, and the socket stays open
        await hall.send_to(text_data="not json")
        await hall.send_to(bytes_data=b"\x00\x01")
        await hall.send_json_to({"type": "call_next"})
        await hall.send_json_to(["refresh"])
        ignored = await hall.receive_nothing(timeout=0.3)
        monkeypatch.setattr(consumers, "REFRESH_MIN_SECONDS", 0)
        await hall.send_json_to({"type": "refresh"})
        again = await hall.receive_json_from()
        await hall.disconnect()
        return refreshed, too_soon, ignored, again

    refreshed, too_soon, ignored, again = run(scenario)
    assert refreshed == again == {"kind": "hall", "snapshot": selectors.hall_snapshot(site.pk)}
    assert too_soon is True and ignored is True


@pytest.mark.parametrize(
    "path",
    [
        "/ws/queue/hall/999999/",
        "/ws/queue/window/999999/",
        f"/ws/queue/hall/{2**63}/",
        f"/ws/queue/window/{10**40}/",
        "/ws/queue/hall/0/",
        "/ws/queue/hall/abc/",
        "/ws/queue/hall/-1/",
        "/ws/nothing/here/",
        "/queue/display/",
    ],
)
def test_unknown_sites_windows_and_paths_are_closed_with_4404(queue, path):
    async def scenario():
        communicator = socket(path)
        connected, _subprotocol = await communicator.connect()
        closed = await communicator.receive_output(timeout=1)
        return connected, closed

    connected, closed = run(scenario)
    assert connected is True
    assert closed == {"type": "websocket.close", "code": 4404}


def test_an_inactive_site_is_closed_with_4404(queue):
    site = queue["hall"]["township"]
    site.is_active = False
    site.save(update_fields=["is_active"])

    async def scenario():
        communicator = socket(f"/ws/queue/hall/{site.pk}/")
        await communicator.connect()
        return await communicator.receive_output(timeout=1)

    assert run(scenario)["code"] == 4404


def test_a_page_of_another_origin_may_not_listen(queue):
    site = queue["hall"]["county"]

    async def scenario():
        communicator = WebsocketCommunicator(
            application, f"/ws/queue/hall/{site.pk}/", headers=[(b"origin", b"http://evil.example")]
        )
        return await communicator.connect()

    connected, _code = run(scenario)
    assert connected is False


def test_over_a_real_socket_the_close_code_reaches_the_client(asgi_live_server, queue):  # noqa: F811
    """Through uvicorn, as a browser connects: the snapshot, and 4404 with its code (a close before
    accepting would reach the client as a bare HTTP 403)."""
    import json

    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    site = queue["hall"]["county"]
    origin = asgi_live_server.url
    with connect(f"{asgi_live_server.ws_url}/ws/queue/hall/{site.pk}/", origin=origin) as display:
        first = json.loads(display.recv(timeout=5))
    assert first["kind"] == "hall" and first["snapshot"]["site"] == "测试县政务服务中心"
    with (
        connect(f"{asgi_live_server.ws_url}/ws/queue/hall/424242/", origin=origin) as display,
        pytest.raises(ConnectionClosed) as closed,
    ):
        display.recv(timeout=5)
    assert closed.value.rcvd.code == 4404
