"""Signed bank requests (HMAC-SHA256, a shared secret per bank).

A bank signs each call with four headers:

- ``X-Bank-Code``: the bank's code in OneWindow;
- ``X-Timestamp``: Unix seconds, within ``ONEWINDOW_BANK_SIGNATURE_TOLERANCE`` (300 s) of our clock;
- ``X-Nonce``: 8–64 characters, never used before by that bank;
- ``X-Signature``: hex HMAC-SHA256 with the bank's secret over
  ``timestamp + "\\n" + nonce + "\\n" + METHOD + "\\n" + path with query + "\\n" + raw body``.

A request with a bad signature, a stale timestamp or a nonce seen before (a replay) is refused
before anything is read from it. Retrying a confirmation is still safe: the bank signs the retry
with a fresh nonce and the transaction id makes it count once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication

from onewindow.common import clock
from onewindow.fees.models import Bank, BankRequestNonce

NONCE = re.compile(r"^[A-Za-z0-9_\-]{8,64}$")


def signature(secret: str, *, timestamp: str, nonce: str, method: str, path: str, body: bytes) -> str:
    message = b"\n".join([timestamp.encode(), nonce.encode(), method.upper().encode(), path.encode(), body])
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(
    bank: Bank, *, method: str, path: str, body: bytes, nonce: str, timestamp: int | None = None
) -> dict:
    """The headers a bank sends (used by the bank simulator in the demo and by tests)."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "X-Bank-Code": bank.code,
        "X-Timestamp": stamp,
        "X-Nonce": nonce,
        "X-Signature": signature(
            bank.api_secret, timestamp=stamp, nonce=nonce, method=method, path=path, body=body
        ),
    }


class BankAuthenticationFailed(exceptions.AuthenticationFailed):
    def __init__(self, message: str, code: str):
        super().__init__(detail=exceptions.ErrorDetail(message, code=code))


class BankSignatureAuthentication(BaseAuthentication):
    """Authenticates a bank by its signature: `request.auth` is the Bank, the user anonymous."""

    def authenticate(self, request):
        meta = request.META
        code = meta.get("HTTP_X_BANK_CODE")
        if not code:
            return None
        bank = Bank.objects.filter(code=code.strip(), is_active=True).exclude(api_secret="").first()
        if bank is None:
            raise BankAuthenticationFailed(
                _("未知或未开通接口的银行：%(code)s。") % {"code": code}, "unknown_bank"
            )
        stamp = meta.get("HTTP_X_TIMESTAMP", "")
        nonce = meta.get("HTTP_X_NONCE", "")
        given = meta.get("HTTP_X_SIGNATURE", "")
        if not stamp.isdigit() or not NONCE.match(nonce) or not given:
            raise BankAuthenticationFailed(_("签名请求须包含时间戳、随机串和签名。"), "bad_signature")
        expected = signature(
            bank.api_secret,
            timestamp=stamp,
            nonce=nonce,
            method=request.method,
            path=request._request.get_full_path(),
            body=request._request.body,
        )
        if not hmac.compare_digest(expected, given.strip().lower()):
            raise BankAuthenticationFailed(_("签名不正确。"), "bad_signature")
        now = clock.now()
        if abs(now.timestamp() - int(stamp)) > settings.ONEWINDOW_BANK_SIGNATURE_TOLERANCE:
            raise BankAuthenticationFailed(_("请求时间戳已过期，请重新签名。"), "stale_request")
        try:
            with transaction.atomic():
                BankRequestNonce.objects.create(bank=bank, nonce=nonce, seen_at=now)
        except IntegrityError:
            raise BankAuthenticationFailed(_("重复的请求（随机串已使用），已拒绝。"), "replayed") from None
        return AnonymousUser(), bank

    def authenticate_header(self, request):
        return 'OneWindow-HMAC realm="bank"'


class BankSignatureScheme(OpenApiAuthenticationExtension):
    """The bank's signature in the OpenAPI document (the four headers; see the module's doc)."""

    target_class = BankSignatureAuthentication
    name = "bankSignature"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Signature",
            "description": "HMAC-SHA256 (hex) with the bank's secret over timestamp, nonce, method, path and "
            "body, each on its own line; also send X-Bank-Code, X-Timestamp (Unix seconds) and X-Nonce.",
        }
