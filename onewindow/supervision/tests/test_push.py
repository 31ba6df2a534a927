"""Pushing to the efficiency supervision center: each event logged once, POSTed as signed UTF-8
JSON to a real HTTP server on 127.0.0.1, retried with back-off, given up after the last attempt,
waiting while no endpoint is configured, re-sent by the office, never sent twice by two workers."""

import json
import socket
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from onewindow.cases.tests.factories import at
from onewindow.common.api import NotAllowed
from onewindow.common.tests.concurrency import run_together
from onewindow.fees.tests.factories import accepted_case
from onewindow.supervision import push, services, tasks
from onewindow.supervision.models import Clock, Order, PushEvent, Record

pytestmark = pytest.mark.django_db

SECRET = "center-secret-测试"
MONDAY = date(2026, 11, 16)  # accepted: promised in 5 working days, due Monday 23 November
TUESDAY = date(2026, 11, 24)  # red
MOMENT = at(TUESDAY, 10)
Status = PushEvent.Status


class Center:
    """The efficiency supervision center: a threaded HTTP server that keeps every request (and
    whether its signature is right) and answers `status`."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        self.delay = 0.0
        self.lock = threading.Lock()
        center = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                stamp = self.headers.get("X-OneWindow-Timestamp", "")
                with center.lock:
                    center.requests.append(
                        {
                            "path": self.path,
                            "headers": {name.lower(): value for name, value in self.headers.items()},
                            "body": body,
                            "event": self.headers.get("X-OneWindow-Event"),
                            "valid": push.verify(
                                body,
                                secret=SECRET,
                                timestamp=stamp,
                                signature=self.headers.get("X-OneWindow-Signature", ""),
                            ),
                        }
                    )
                if center.delay:
                    time.sleep(center.delay)
                status = center.status
                answer = "服务器内部错误 " * 40 if status >= 500 else "ok"
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", f"http://127.0.0.1:{center.port}/elsewhere")
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                data = answer.encode("utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # a followed redirect would arrive here
                with center.lock:
                    center.requests.append({"path": self.path, "event": None, "valid": False, "body": b""})
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/api/onewindow/events"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def events(self) -> list[str]:
        with self.lock:
            return [request["event"] for request in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def center(settings, monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    server = Center()
    settings.ONEWINDOW_EFFICIENCY_CENTER_URL = server.url
    settings.ONEWINDOW_EFFICIENCY_CENTER_SECRET = SECRET
    settings.ONEWINDOW_EFFICIENCY_CENTER_TIMEOUT = 5
    yield server
    server.close()


def enqueue(hall, key="record:1", **payload) -> PushEvent:
    return push.push_enqueue(
        kind=PushEvent.Kind.RECORD,
        key=key,
        site=hall["county"],
        payload={"schema": 1, "summary": "红灯告警：办件已超期", **payload},
        at=MOMENT,
    )


def fresh(event) -> PushEvent:
    return PushEvent.objects.get(pk=event.pk)


@pytest.fixture
def case(hall, version):
    return accepted_case(hall, version, day=MONDAY)


@pytest.fixture
def record(case) -> Record:
    services.escalation_sweep(at=MOMENT)
    return Record.objects.select_related("site", "department", "case").get()


# Logging events ---------------------------------------------------------------------------------


def test_an_event_is_logged_once_per_key(hall):
    first = enqueue(hall)
    assert first.status == Status.PENDING and first.next_attempt_at == MOMENT and first.attempts == 0
    assert enqueue(hall) is None
    assert enqueue(hall, key="record:2") is not None
    assert PushEvent.objects.count() == 2


def test_without_an_endpoint_events_wait_and_nothing_is_scheduled(
    hall, settings, django_capture_on_commit_callbacks
):
    settings.ONEWINDOW_EFFICIENCY_CENTER_URL = ""
    with django_capture_on_commit_callbacks() as callbacks:
        event = enqueue(hall)
    assert callbacks == []
    assert push.push_deliver_due(at=MOMENT + timedelta(days=1)) == {
        "sent": 0,
        "failed": 0,
        "dead": 0,
        "skipped": 0,
    }
    event = fresh(event)
    assert (event.status, event.attempts, event.next_attempt_at) == (Status.PENDING, 0, MOMENT)


def test_without_a_secret_nothing_is_sent(hall, center, settings):
    settings.ONEWINDOW_EFFICIENCY_CENTER_SECRET = ""
    event = enqueue(hall)
    assert push.push_deliver_due(at=MOMENT)["sent"] == 0
    assert center.requests == [] and fresh(event).status == Status.PENDING


# Delivering -------------------------------------------------------------------------------------


def test_an_event_is_delivered_signed_as_utf8_json(hall, center):
    event = enqueue(hall)
    assert push.push_deliver_due(at=MOMENT) == {"sent": 1, "failed": 0, "dead": 0, "skipped": 0}
    [request] = center.requests
    assert request["valid"]
    assert request["path"] == "/api/onewindow/events"
    assert request["event"] == "record:1"
    assert request["headers"]["content-type"] == "application/json; charset=utf-8"
    assert "红灯告警".encode() in request["body"]  # Chinese as is, not \u-escaped
    assert json.loads(request["body"].decode("utf-8")) == event.payload
    assert int(request["headers"]["x-onewindow-timestamp"]) == int(MOMENT.timestamp())
    event = fresh(event)
    assert (event.status, event.attempts, event.next_attempt_at) == (Status.SENT, 1, None)
    assert MOMENT <= event.sent_at < MOMENT + timedelta(seconds=5)
    assert push.push_deliver_due(at=MOMENT + timedelta(days=1))["sent"] == 0
    assert len(center.requests) == 1


def test_a_wrong_secret_gives_a_signature_the_center_refuses(hall, center, settings):
    settings.ONEWINDOW_EFFICIENCY_CENTER_SECRET = "another"
    enqueue(hall)
    push.push_deliver_due(at=MOMENT)
    assert [request["valid"] for request in center.requests] == [False]


def test_the_signature_is_hmac_sha256_over_timestamp_dot_body():
    import hashlib
    import hmac

    body = '{"摘要":"超期"}'.encode()
    expected = hmac.new(b"s", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert push.sign(body, secret="s", timestamp=1700000000) == expected
    assert push.verify(body, secret="s", timestamp="1700000000", signature=expected.upper())
    assert not push.verify(body + b" ", secret="s", timestamp=1700000000, signature=expected)


def test_a_refusal_is_retried_after_the_backoff(hall, center):
    center.status = 500
    event = enqueue(hall)
    assert push.push_deliver_due(at=MOMENT)["failed"] == 1
    event = fresh(event)
    assert (event.status, event.attempts) == (Status.FAILED, 1)
    assert event.last_error.startswith("HTTP 500: 服务器内部错误")
    assert len(event.last_error) == len("HTTP 500: ") + 200
    assert MOMENT + timedelta(minutes=1) <= event.next_attempt_at < MOMENT + timedelta(minutes=1, seconds=5)

    assert push.push_deliver_due(at=MOMENT + timedelta(seconds=50))["failed"] == 0  # not yet due
    assert len(center.requests) == 1

    center.status = 200
    assert push.push_deliver_due(at=MOMENT + timedelta(minutes=2))["sent"] == 1
    event = fresh(event)
    assert (event.status, event.attempts, len(center.requests)) == (Status.SENT, 2, 2)
    assert event.last_error.startswith("HTTP 500")  # the history of the last failure stays


def test_the_backoff_doubles_and_is_capped():
    assert [push.backoff(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert push.backoff(10) == timedelta(hours=6) and push.backoff(60) == timedelta(hours=6)


def test_an_event_is_dead_after_the_last_attempt(hall, center, settings):
    settings.ONEWINDOW_PUSH_MAX_ATTEMPTS = 3
    center.status = 503
    event = enqueue(hall)
    moment = MOMENT
    outcomes = []
    for _ in range(4):
        outcomes.append(push.push_deliver_due(at=moment))
        moment += timedelta(days=1)
    assert [o["failed"] for o in outcomes] == [1, 1, 0, 0] and [o["dead"] for o in outcomes] == [0, 0, 1, 0]
    event = fresh(event)
    assert (event.status, event.attempts, event.next_attempt_at) == (Status.DEAD, 3, None)
    assert event.last_error.startswith("HTTP 503")
    assert len(center.requests) == 3


def test_a_redirect_is_a_failure_not_followed(hall, center):
    center.status = 302
    event = enqueue(hall)
    assert push.push_deliver_due(at=MOMENT)["failed"] == 1
    assert [request["path"] for request in center.requests] == ["/api/onewindow/events"]
    assert fresh(event).last_error.startswith("HTTP 302")


def test_an_unreachable_center_is_a_failure(hall, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.ONEWINDOW_EFFICIENCY_CENTER_URL = f"http://127.0.0.1:{port}/events"
    settings.ONEWINDOW_EFFICIENCY_CENTER_SECRET = SECRET
    event = enqueue(hall)
    assert push.push_deliver_due(at=MOMENT)["failed"] == 1
    event = fresh(event)
    assert event.status == Status.FAILED and event.attempts == 1
    assert event.last_error.startswith("URLError")


def test_a_url_that_is_not_http_sends_nothing(hall, settings):
    settings.ONEWINDOW_EFFICIENCY_CENTER_URL = "file:///etc/passwd"
    settings.ONEWINDOW_EFFICIENCY_CENTER_SECRET = SECRET
    event = enqueue(hall)
    assert push.push_deliver_due(at=MOMENT)["sent"] == 0 and fresh(event).status == Status.PENDING


def test_a_batch_is_limited_and_goes_oldest_first(hall, center):
    events = [enqueue(hall, key=f"record:{n}") for n in range(3)]
    PushEvent.objects.filter(pk=events[2].pk).update(next_attempt_at=MOMENT - timedelta(hours=1))
    assert push.push_deliver_due(at=MOMENT, limit=2)["sent"] == 2
    assert center.events() == ["record:2", "record:0"]


def test_an_event_is_delivered_after_the_commit_when_configured(
    hall, center, settings, django_capture_on_commit_callbacks
):
    settings.ONEWINDOW_FROZEN_NOW = MOMENT  # tasks run eagerly in tests: the delivery reads the clock
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = enqueue(hall, key="record:1")
        enqueue(hall, key="record:2")
    assert len(callbacks) == 1  # one delivery per transaction, however many events
    assert sorted(center.events()) == ["record:1", "record:2"]
    assert fresh(first).status == Status.SENT


def test_the_task_delivers_what_is_due_now(hall, center, settings):
    settings.ONEWINDOW_FROZEN_NOW = MOMENT
    enqueue(hall)
    assert tasks.deliver_due.delay().get() == {"sent": 1, "failed": 0, "dead": 0, "skipped": 0}
    assert center.events() == ["record:1"]


# Re-sending -------------------------------------------------------------------------------------


def test_the_office_resends_a_dead_event(hall, center, settings, django_capture_on_commit_callbacks):
    settings.ONEWINDOW_PUSH_MAX_ATTEMPTS = 1
    center.status = 500
    settings.ONEWINDOW_EFFICIENCY_CENTER_URL = (
        ""  # logged without a delivery scheduled in the test's transaction
    )
    event = enqueue(hall)
    settings.ONEWINDOW_EFFICIENCY_CENTER_URL = center.url
    push.push_deliver_due(at=MOMENT)
    assert fresh(event).status == Status.DEAD

    center.status = 200
    later = MOMENT + timedelta(days=2)
    settings.ONEWINDOW_FROZEN_NOW = later
    with django_capture_on_commit_callbacks(execute=True):
        resent = push.push_resend(event=event, user=hall["office"].user, at=later)
    assert (resent.status, resent.attempts, resent.next_attempt_at) == (Status.PENDING, 0, later)
    assert resent.last_error.startswith("HTTP 500")  # kept
    event = fresh(event)
    assert (event.status, event.attempts) == (Status.SENT, 1)
    assert center.events() == ["record:1", "record:1"]


def test_a_sent_event_may_be_resent_by_the_supervision_section(hall, center):
    event = enqueue(hall)
    push.push_deliver_due(at=MOMENT)
    resent = push.push_resend(event=event, user=hall["supervision"].user, at=MOMENT + timedelta(hours=1))
    assert (resent.status, resent.sent_at) == (Status.PENDING, None)
    assert push.push_deliver_due(at=MOMENT + timedelta(hours=1))["sent"] == 1
    assert center.events() == ["record:1", "record:1"]


def test_an_administrator_may_resend(hall, center, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "Test-password-2026")
    event = enqueue(hall)
    push.push_deliver_due(at=MOMENT)
    assert push.push_resend(event=event, user=admin, at=MOMENT).status == Status.PENDING


def test_a_clerk_or_an_office_below_may_not_resend(hall, center):
    event = enqueue(hall)
    push.push_deliver_due(at=MOMENT)
    for who in ("clerk", "chief", "township_office"):
        with pytest.raises(NotAllowed):
            push.push_resend(event=event, user=hall[who].user, at=MOMENT)
    assert fresh(event).status == Status.SENT


def test_an_office_above_may_resend_a_township_event(hall, center):
    event = push.push_enqueue(
        kind=PushEvent.Kind.RECORD, key="record:9", site=hall["township"], payload={"schema": 1}, at=MOMENT
    )
    push.push_deliver_due(at=MOMENT)
    assert push.push_resend(event=event, user=hall["office"].user, at=MOMENT).status == Status.PENDING


def test_a_waiting_event_is_not_resent(hall, settings):
    settings.ONEWINDOW_EFFICIENCY_CENTER_URL = ""
    event = enqueue(hall)
    with pytest.raises(push.PushError):
        push.push_resend(event=event, user=hall["office"].user, at=MOMENT)


# Payloads ---------------------------------------------------------------------------------------


def test_a_record_payload(hall, case, record):
    payload = push.record_payload(record)
    assert json.loads(json.dumps(payload)) == payload  # JSON as is
    assert payload["schema"] == push.SCHEMA and payload["kind"] == "RECORD"
    assert payload["site"] == {
        "id": hall["county"].pk,
        "code": hall["county"].code,
        "name": "测试县政务服务中心",
    }
    assert payload["department"] == {
        "id": hall["market"].pk,
        "name": "市场监督管理局",
        "credit_code": hall["market"].credit_code,
    }
    assert payload["record"]["id"] == record.pk
    assert payload["record"]["reference"] == f"督办〔2026〕{record.pk}号"
    assert (payload["record"]["cause"], payload["record"]["cause_label"]) == ("RED", "办件超期（红灯）")
    assert (payload["record"]["status"], payload["record"]["status_label"]) == ("OPEN", "待说明")
    assert payload["record"]["opened_at"] == "2026-11-24T10:30:00+08:00"
    assert payload["record"]["opened_date"] == "2026-11-24"
    assert payload["record"]["explain_due_date"] == "2026-11-26"
    assert payload["case"]["number"] == case.number and payload["case"]["promised_due_date"] == "2026-11-23"
    assert payload["case"]["item_name"] == case.version.name
    assert case.applicant_name not in json.dumps(payload, ensure_ascii=False)  # no personal data


def test_labels_are_in_the_halls_language_whoever_builds_them(record):
    from django.utils import translation

    with translation.override("en"):
        payload = push.record_payload(record)
    assert payload["record"]["status_label"] == "待说明"


def test_a_red_case_payload_and_its_key(hall, case):
    payload = push.red_case_payload(case, date(2026, 11, 23))
    assert json.loads(json.dumps(payload)) == payload
    assert (payload["kind"], payload["clock"], payload["clock_label"], payload["due_date"]) == (
        "RED_CASE",
        "HANDLING",
        "办理时限",
        "2026-11-23",
    )
    assert payload["light"] == "RED" and payload["case"]["id"] == case.pk
    assert push.red_case_key(case, date(2026, 11, 23)) == f"red:{case.pk}:HANDLING:2026-11-23"
    event = push.push_red_case(case=case, due_date=date(2026, 11, 23), at=MOMENT)
    assert event.kind == PushEvent.Kind.RED_CASE and event.site == case.site
    assert push.push_red_case(case=case, due_date=date(2026, 11, 23), at=MOMENT) is None
    delivery = push.push_red_case(case=case, due_date=date(2026, 11, 30), at=MOMENT, clock=Clock.DELIVERY)
    assert delivery.payload["clock_label"] == "送达期限"


def test_an_order_payload(hall, case, record):
    order = Order.objects.create(
        site=hall["county"],
        number="县政务督〔2026〕1号",
        department=hall["market"],
        case=case,
        record=record,
        subject="办件超期督办",
        body="请于期限内说明情况并整改。",
        issued_at=MOMENT,
        issued_date=TUESDAY,
        issued_by=hall["supervision"],
        reply_days=3,
        reply_due_date=date(2026, 11, 27),
    )
    payload = push.order_payload(order)
    assert json.loads(json.dumps(payload)) == payload
    assert payload["kind"] == "ORDER"
    assert payload["order"]["number"] == "县政务督〔2026〕1号"
    assert (payload["order"]["kind"], payload["order"]["kind_label"]) == ("ORDER", "督办函")
    assert (payload["order"]["status"], payload["order"]["status_label"]) == ("ISSUED", "待回复")
    assert payload["order"]["reply_due_date"] == "2026-11-27" and payload["order"]["reply_days"] == 3
    assert payload["order"]["issued_by"] == hall["supervision"].name
    assert payload["record"] == {"id": record.pk, "reference": record.reference}
    assert payload["case"]["id"] == case.pk and payload["department"]["name"] == "市场监督管理局"
    event = push.push_order(order=order, at=MOMENT)
    assert event.key == f"order:{order.pk}" and push.push_order(order=order, at=MOMENT) is None

    matter = Order.objects.create(
        site=hall["county"],
        kind=Order.Kind.INQUIRY,
        number="县政务质〔2026〕1号",
        department=hall["housing"],
        subject="窗口服务质询",
        body="请说明。",
        issued_at=MOMENT,
        issued_date=TUESDAY,
        issued_by=hall["supervision"],
        reply_days=5,
        reply_due_date=date(2026, 12, 1),
    )
    payload = push.order_payload(matter)
    assert (
        payload["case"] is None and payload["record"] is None and payload["order"]["kind_label"] == "质询函"
    )


def test_a_record_pushed_is_delivered_with_its_chinese_payload(hall, center, record):
    # The sweep that opened the record logged it (and its red case) for the center: once.
    event = PushEvent.objects.get(key=f"record:{record.pk}")
    assert PushEvent.objects.filter(kind=PushEvent.Kind.RED_CASE, site=record.site).count() == 1
    assert push.push_record(record=record, at=MOMENT) is None
    push.push_deliver_due(at=MOMENT)
    [request] = [request for request in center.requests if request["event"] == event.key]
    assert request["valid"]
    assert json.loads(request["body"].decode("utf-8"))["record"]["cause_label"] == "办件超期（红灯）"
    assert "办件超期（红灯）".encode() in request["body"]


# Two workers ------------------------------------------------------------------------------------


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_together_send_each_event_once(hall, center):
    center.delay = 0.05
    PushEvent.objects.bulk_create(
        [
            PushEvent(
                kind=PushEvent.Kind.RECORD,
                key=f"record:{n}",
                site=hall["county"],
                payload={"schema": 1, "n": n},
                created_at=MOMENT,
                next_attempt_at=MOMENT,
            )
            for n in range(8)
        ]
    )
    results = run_together([lambda: push.push_deliver_due(at=MOMENT)] * 2)
    assert all(not isinstance(result, Exception) for result in results), results
    assert sum(result["sent"] for result in results) == 8
    assert sorted(center.events()) == sorted(f"record:{n}" for n in range(8))
    assert set(PushEvent.objects.values_list("status", flat=True)) == {Status.SENT}
    assert set(PushEvent.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_worker_meets_an_event_on_the_wire_and_leaves_it(hall, center):
    """While one worker waits for the center's answer, no transaction is open on the event and a
    second worker, finding it leased, does not send it again."""
    center.delay = 1.0
    event = PushEvent.objects.create(
        kind=PushEvent.Kind.RECORD,
        key="record:1",
        site=hall["county"],
        payload={"schema": 1},
        created_at=MOMENT,
        next_attempt_at=MOMENT,
    )

    def second():
        time.sleep(0.4)  # the first is on the wire by now
        locked = PushEvent.objects.select_for_update(nowait=True).filter(pk=event.pk)
        with transaction.atomic():
            list(locked)  # no row lock held during the call: NOWAIT does not fail
        return push.push_deliver_due(at=MOMENT)

    first, other = run_together([lambda: push.push_deliver_due(at=MOMENT), second])
    assert first == {"sent": 1, "failed": 0, "dead": 0, "skipped": 0}, first
    assert other == {"sent": 0, "failed": 0, "dead": 0, "skipped": 0}, other
    assert center.events() == ["record:1"]
