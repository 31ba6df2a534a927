"""Pushing to the efficiency supervision center (效能监督中心): every red case, supervision record
and supervision order becomes a `PushEvent` (JSON, once per key), POSTed to a configured endpoint,
HMAC-signed, retried with back-off, each outcome kept (sent, failed, dead) and re-sendable by the
office. With no endpoint configured the events wait, PENDING, in the log.

Settings (read with defaults, so a deployment without them keeps the events waiting):

- ``ONEWINDOW_EFFICIENCY_CENTER_URL``: the endpoint (https:// in production; http:// is allowed
  for a gateway on the same machine and for tests); empty: nothing is sent.
- ``ONEWINDOW_EFFICIENCY_CENTER_SECRET``: the shared HMAC secret; empty: nothing is sent either
  (an unsigned event would be refused by the center, so it waits instead).
- ``ONEWINDOW_EFFICIENCY_CENTER_TIMEOUT``: seconds for connecting and for each read (10).
- ``ONEWINDOW_PUSH_MAX_ATTEMPTS``: failed deliveries before an event is given up (DEAD) (8).

The request: ``POST`` of the event's payload as UTF-8 JSON (Chinese as is, not \\u-escaped), with

- ``X-OneWindow-Event``: the event's key, unique and stable: the center stores an event by it,
  so a delivery received twice (see below) or re-sent by the office counts once (an upsert);
- ``X-OneWindow-Timestamp``: Unix seconds when it was signed;
- ``X-OneWindow-Signature``: hex HMAC-SHA256 with the shared secret over
  ``timestamp + "." + body`` (`sign`); the center recomputes it over the raw body it received.

Any 2xx is success; anything else (a redirect included: it is not followed) or an error is a
failed attempt, retried after 1, 2, 4 … minutes (at most 6 hours), DEAD after the last attempt.

Delivery never holds a transaction open during the HTTP call. Each event is claimed in a short
transaction (its row locked with SKIP LOCKED and checked still due); the claim counts the attempt
and moves `next_attempt_at` past the time the call may take (a lease), so another worker neither
waits for the row nor finds it due while it is on the wire. The outcome is written in a second
short transaction. A worker that dies between the center's answer and that write leaves the event
to be sent again when the lease ends: the center receives it twice and keeps it once by its key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from celery import current_app
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from onewindow.common import clock
from onewindow.common.api import DomainError, NotAllowed
from onewindow.org.models import Role
from onewindow.org.selectors import access_for
from onewindow.supervision.models import Clock, Light, Order, PushEvent, Record

logger = logging.getLogger(__name__)

#: The version of the payloads' shape; raise it when a field changes meaning or goes away.
SCHEMA = 1
#: The Celery task that delivers what is due (tasks.deliver_due), sent by name: tasks.py imports
#: this module, so this module may not import tasks.py (the import graph has no cycle).
DELIVER_TASK = "supervision.push_deliver"
#: Statuses waiting for a delivery (the condition of the push_due index).
DUE_STATUSES = (PushEvent.Status.PENDING, PushEvent.Status.FAILED)
#: First retry after a failure, doubled after each further one, never more than the cap.
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)
#: How much of a refusing answer's body is kept in the event's last error.
ERROR_BODY_CHARS = 200
#: Bytes read from an answer (the center's body is only kept for errors).
READ_LIMIT = 4096

Status = PushEvent.Status


class PushError(DomainError):
    code = "push_wrong_state"
    status_code = 409


# Configuration ----------------------------------------------------------------------------------


def endpoint_url() -> str:
    return (getattr(settings, "ONEWINDOW_EFFICIENCY_CENTER_URL", "") or "").strip()


def endpoint_secret() -> str:
    return getattr(settings, "ONEWINDOW_EFFICIENCY_CENTER_SECRET", "") or ""


def endpoint_timeout() -> float:
    return float(getattr(settings, "ONEWINDOW_EFFICIENCY_CENTER_TIMEOUT", 10) or 10)


def max_attempts() -> int:
    return max(1, int(getattr(settings, "ONEWINDOW_PUSH_MAX_ATTEMPTS", 8)))


def is_configured() -> bool:
    """An endpoint (http or https) and a secret are set: events are delivered. Otherwise they
    wait, PENDING, until both are."""
    url = endpoint_url()
    if not url or not endpoint_secret():
        return False
    if urlsplit(url).scheme not in ("http", "https"):
        logger.error("ONEWINDOW_EFFICIENCY_CENTER_URL must be an http(s) URL; push events wait.")
        return False
    return True


def lease() -> timedelta:
    """How long a claimed event is kept from other workers: longer than a call can take (the
    timeout bounds connecting and each read), so an event on the wire is never sent twice."""
    return timedelta(seconds=3 * endpoint_timeout() + 60)


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: 1 minute × 2^(attempts − 1), at most 6 h."""
    exponent = max(0, attempts - 1)
    if exponent >= 20:
        return BACKOFF_CAP
    return min(BACKOFF_FIRST * (2**exponent), BACKOFF_CAP)


# Signing ----------------------------------------------------------------------------------------


def sign(body: bytes, *, secret: str, timestamp: int | str) -> str:
    """Hex HMAC-SHA256 with `secret` over ``f"{timestamp}."`` followed by the raw body."""
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify(body: bytes, *, secret: str, timestamp: int | str, signature: str) -> bool:
    """What the center does with a request (and the tests with ours)."""
    expected = sign(body, secret=secret, timestamp=timestamp)
    return hmac.compare_digest(expected, (signature or "").strip().lower())


def encode(payload: dict) -> bytes:
    """The body sent: compact UTF-8 JSON, Chinese as is."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signed_headers(*, key: str, body: bytes, secret: str, timestamp: int) -> dict[str, str]:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "OneWindow-Push/1",
        "X-OneWindow-Event": key,
        "X-OneWindow-Timestamp": str(timestamp),
        "X-OneWindow-Signature": sign(body, secret=secret, timestamp=timestamp),
    }


# Payloads ---------------------------------------------------------------------------------------


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _site(site) -> dict:
    return {"id": site.pk, "code": site.code, "name": site.name}


def _department(department) -> dict:
    return {"id": department.pk, "name": department.name, "credit_code": department.credit_code}


def _case(case) -> dict:
    """The case as the center needs it to follow it up: numbers, item, department and dates; no
    personal data of the applicant (the center asks the hall by the case number)."""
    return {
        "id": case.pk,
        "number": case.number,
        "receipt_number": case.receipt_number,
        "item_code": case.item.implementation_code,
        "item_name": case.version.name,
        "site": _site(case.site),
        "department": _department(case.department),
        "channel": case.channel,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "received_date": _day(case.received_date),
        "accepted_date": _day(case.accepted_date),
        "promised_due_date": _day(case.promised_due_date),
        "statutory_due_date": _day(case.statutory_due_date),
        "decided_date": _day(case.decided_date),
        "delivery_due_date": _day(case.delivery_due_date),
        "extended_days": case.extended_days,
        "suspended_days": case.suspended_days,
    }


def _in_hall_language(build: Callable[[], dict]) -> dict:
    """Labels in the hall's language whoever's request builds the payload."""
    with translation.override(settings.LANGUAGE_CODE):
        return build()


def red_case_payload(case, due_date: date, *, clock: str = Clock.HANDLING) -> dict:
    """A case whose clock (handling by default, or delivery) passed `due_date`: it turned red."""
    return _in_hall_language(
        lambda: {
            "schema": SCHEMA,
            "kind": PushEvent.Kind.RED_CASE.value,
            "site": _site(case.site),
            "department": _department(case.department),
            "light": Light.RED.value,
            "light_label": str(Light.RED.label),
            "clock": str(clock),
            "clock_label": str(Clock(clock).label),
            "due_date": _day(due_date),
            "case": _case(case),
        }
    )


def record_payload(record: Record) -> dict:
    """A supervision record (督办件) as opened (its later life stays in the hall)."""
    return _in_hall_language(
        lambda: {
            "schema": SCHEMA,
            "kind": PushEvent.Kind.RECORD.value,
            "site": _site(record.site),
            "department": _department(record.department),
            "record": {
                "id": record.pk,
                "reference": str(record.reference),
                "cause": record.cause,
                "cause_label": str(record.get_cause_display()),
                "cause_key": record.cause_key,
                "status": record.status,
                "status_label": str(record.get_status_display()),
                "summary": record.summary,
                "evidence": record.evidence,
                "opened_at": _moment(record.opened_at),
                "opened_date": _day(record.opened_date),
                "explain_due_date": _day(record.explain_due_date),
                "returned_count": record.returned_count,
            },
            "case": _case(record.case),
        }
    )


def order_payload(order: Order) -> dict:
    """A supervision order (督办函) or inquiry (质询函) as issued."""
    return _in_hall_language(
        lambda: {
            "schema": SCHEMA,
            "kind": PushEvent.Kind.ORDER.value,
            "site": _site(order.site),
            "department": _department(order.department),
            "order": {
                "id": order.pk,
                "number": order.number,
                "kind": order.kind,
                "kind_label": str(order.get_kind_display()),
                "status": order.status,
                "status_label": str(order.get_status_display()),
                "subject": order.subject,
                "body": order.body,
                "issued_at": _moment(order.issued_at),
                "issued_date": _day(order.issued_date),
                "issued_by": order.issued_by.name,
                "reply_days": order.reply_days,
                "reply_due_date": _day(order.reply_due_date),
            },
            "case": _case(order.case) if order.case_id else None,
            "record": (
                {"id": order.record_id, "reference": str(order.record.reference)} if order.record_id else None
            ),
        }
    )


def red_case_key(case, due_date: date, *, clock: str = Clock.HANDLING) -> str:
    return f"red:{case.pk}:{clock}:{due_date.isoformat()}"


def record_key(record: Record) -> str:
    return f"record:{record.pk}"


def order_key(order: Order) -> str:
    return f"order:{order.pk}"


# Writing events ---------------------------------------------------------------------------------


def push_enqueue(*, kind: str, key: str, site, payload: dict, at: datetime) -> PushEvent | None:
    """Log the event `key` for the center, once: returns it, or None when an event with that key
    exists (the unique key decides, so two processes enqueueing together write one). Delivery is
    scheduled after the commit when an endpoint is configured; otherwise the event waits. Locks
    no row; may run inside the caller's transaction (a savepoint keeps it usable)."""
    if kind not in PushEvent.Kind.values:
        raise ValueError(f"unknown push event kind {kind!r}")
    if not key or len(key) > PushEvent._meta.get_field("key").max_length:
        raise ValueError(f"a push event key is 1 to 80 characters: {key!r}")
    try:
        with (
            transaction.atomic()
        ):  # a savepoint: the constraint's refusal leaves the caller's transaction usable
            event = PushEvent.objects.create(
                kind=kind,
                key=key,
                site=site,
                payload=payload,
                created_at=at,
                status=Status.PENDING,
                next_attempt_at=at,
            )
    except IntegrityError:
        return None
    schedule_delivery()
    return event


def push_red_case(*, case, due_date: date, at: datetime, clock: str = Clock.HANDLING) -> PushEvent | None:
    return push_enqueue(
        kind=PushEvent.Kind.RED_CASE,
        key=red_case_key(case, due_date, clock=clock),
        site=case.site,
        payload=red_case_payload(case, due_date, clock=clock),
        at=at,
    )


def push_record(*, record: Record, at: datetime) -> PushEvent | None:
    return push_enqueue(
        kind=PushEvent.Kind.RECORD,
        key=record_key(record),
        site=record.site,
        payload=record_payload(record),
        at=at,
    )


def push_order(*, order: Order, at: datetime) -> PushEvent | None:
    return push_enqueue(
        kind=PushEvent.Kind.ORDER, key=order_key(order), site=order.site, payload=order_payload(order), at=at
    )


def can_resend(user, event: PushEvent) -> bool:
    """The center office or the supervision section of the event's site or a site above it, or
    an administrator."""
    access = access_for(user)
    if access.scope == "all":
        return True
    return (
        access.has_role(Role.CENTER_OFFICE, Role.SUPERVISION_SECTION, Role.ADMINISTRATOR)
        and access.staff is not None
        and event.site.path.startswith(access.staff.site.path)
    )


def push_resend(*, event: PushEvent, user, at: datetime) -> PushEvent:
    """Send a SENT, FAILED or DEAD event again: back to PENDING, due at `at`, its attempts counted
    afresh (the last error is kept until a delivery replaces it). Locks the event's row. Raises
    NotAllowed, PushError."""
    with transaction.atomic():
        event = PushEvent.objects.select_for_update(of=("self",)).select_related("site").get(pk=event.pk)
        if not can_resend(user, event):
            raise NotAllowed(_("只有本中心或上级的中心办公室、监察科或系统管理员可以重新推送。"))
        if event.status == Status.PENDING:
            raise PushError(_("推送 %(key)s 已在等待发送。") % {"key": event.key})
        event.status = Status.PENDING
        event.attempts = 0
        event.next_attempt_at = at
        event.sent_at = None
        event.save(update_fields=["status", "attempts", "next_attempt_at", "sent_at"])
        schedule_delivery()
    return event


# Delivering -------------------------------------------------------------------------------------


def schedule_delivery() -> None:
    """After the current transaction commits (at once outside one), deliver what is due, when an
    endpoint is configured. Once per transaction, however many events it logged."""
    if not is_configured():
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        entry[1] is _deliver_soon for entry in getattr(connection, "run_on_commit", ())
    ):
        return
    transaction.on_commit(_deliver_soon, robust=True)


def _deliver_soon() -> None:
    """A task message for the workers; with no broker (tasks run eagerly, docs: config/celery.py)
    the delivery itself, in this process, as the task would run it."""
    if current_app.conf.task_always_eager:
        push_deliver_due(at=clock.now())
    else:
        current_app.send_task(DELIVER_TASK)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a delivery: following it would turn the POST into a GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int, bytes]:
    """POST `body`; returns the answer's status and the start of its body. Raises on a network
    error (an HTTP error status is an answer, returned)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - http(s) only (is_configured)
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.read(READ_LIMIT)
    except urllib.error.HTTPError as error:
        with error:
            try:
                text = error.read(READ_LIMIT)
            except Exception:  # noqa: BLE001 - the status is what matters
                text = b""
        return error.code, text


def push_deliver_due(*, at: datetime, limit: int = 100) -> dict[str, int]:
    """Deliver up to `limit` events due at `at` (PENDING or FAILED, next attempt reached), oldest
    due first, each in its own short transactions, none held during the call (module doc).
    Returns counts: sent, failed, dead, skipped (taken by another worker meanwhile). With no
    endpoint configured nothing is sent and the events wait."""
    result = {"sent": 0, "failed": 0, "dead": 0, "skipped": 0}
    if not is_configured():
        return result
    url, secret, timeout, most = endpoint_url(), endpoint_secret(), endpoint_timeout(), max_attempts()
    started = time.monotonic()

    def now() -> datetime:
        """`at`, moved on by the time this call has taken: a batch of slow calls must not write
        leases and back-offs that are already in the past."""
        return at + timedelta(seconds=time.monotonic() - started)

    due = list(
        PushEvent.objects.filter(status__in=DUE_STATUSES, next_attempt_at__lte=at)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        claimed = _claim(pk, at=at, until=now() + lease(), most=most)
        if claimed is None:
            result["skipped"] += 1
            continue
        event, body, until = claimed
        if event.status == Status.DEAD:  # its last attempt was cut short before an outcome
            result["dead"] += 1
            continue
        stamp = int(now().timestamp())
        headers = signed_headers(key=event.key, body=body, secret=secret, timestamp=stamp)
        try:
            code, answer = post(url, body=body, headers=headers, timeout=timeout)
        except Exception as error:  # noqa: BLE001 - any failure to deliver is an attempt to retry
            code, error_text = None, f"{error.__class__.__name__}: {error}"
        else:
            error_text = (
                ""
                if 200 <= code < 300
                else f"HTTP {code}: {answer.decode('utf-8', 'replace')[:ERROR_BODY_CHARS]}"
            )
        outcome = _record_outcome(pk, until=until, error=error_text, at=now(), most=most)
        if outcome is None:
            result["skipped"] += 1
        else:
            result[outcome] += 1
    return result


def _claim(pk: int, *, at: datetime, until: datetime, most: int) -> tuple[PushEvent, bytes, datetime] | None:
    """Take the event if no one else has it and it is still due: count the attempt and lease it
    until `until`. An event whose attempts ran out (a worker died after its last one) is DEAD."""
    with transaction.atomic():
        event = (
            PushEvent.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status__in=DUE_STATUSES, next_attempt_at__lte=at)
            .first()
        )
        if event is None:
            return None
        if event.attempts >= most:
            event.status = Status.DEAD
            event.next_attempt_at = None
            event.last_error = (event.last_error or _("发送中断，未得到结果。"))[:500]
            event.save(update_fields=["status", "next_attempt_at", "last_error"])
            logger.error("push event %s dead: %s", event.key, event.last_error)
            return event, b"", until
        event.attempts += 1
        event.next_attempt_at = until
        event.save(update_fields=["attempts", "next_attempt_at"])
    return event, encode(event.payload), until


def _record_outcome(pk: int, *, until: datetime, error: str, at: datetime, most: int) -> str | None:
    """Write what the center answered, unless the event changed hands meanwhile (re-sent by the
    office, or its lease ended and another worker took it): the newer action stands."""
    with transaction.atomic():
        event = PushEvent.objects.select_for_update().filter(pk=pk).first()
        if event is None or event.status not in DUE_STATUSES or event.next_attempt_at != until:
            logger.warning("push event %s changed during its delivery; outcome not recorded", pk)
            return None
        if not error:
            event.status = Status.SENT
            event.sent_at = at
            event.next_attempt_at = None
            outcome = "sent"
        else:
            event.last_error = error[:500]
            if event.attempts >= most:
                event.status = Status.DEAD
                event.next_attempt_at = None
                outcome = "dead"
            else:
                event.status = Status.FAILED
                event.next_attempt_at = at + backoff(event.attempts)
                outcome = "failed"
        event.save(update_fields=["status", "sent_at", "next_attempt_at", "last_error"])
    log = {"sent": logger.info, "failed": logger.warning, "dead": logger.error}[outcome]
    log("push event %s %s (attempt %s) %s", event.key, outcome, event.attempts, error)
    return outcome
