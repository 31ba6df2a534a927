"""API token authentication without a query per call: DRF's TokenAuthentication, with the token's
row and its user's kept per process for the access recheck window (common.recent).

A clerk's screen or an integration signs every call with its token; reading the token and the
user on each one cost a query (about a tenth of a window intake). Each request still gets its own
User and Token objects, built from the kept rows, so nothing one request sets on its user leaks
into another. A token deleted, or a user deactivated or changed, counts at once in the process
that saved it (signals, AccountsConfig.ready) and in the others within
ONEWINDOW_ACCESS_RECHECK_SECONDS (ADR 0011). A wrong token is never kept: each try is read again.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from onewindow.common.recent import Recent

_tokens = Recent("ONEWINDOW_ACCESS_RECHECK_SECONDS")


def token_cache_clear(**_signal) -> None:
    """Forget the tokens this process read lately (a token or a user was saved or deleted)."""
    _tokens.clear()


def _attnames(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _read(key: str) -> tuple[tuple, tuple]:
    """The token's and its user's column values, as Model.from_db takes them."""
    user_model = get_user_model()
    token = Token.objects.select_related("user").filter(key=key).first()
    if token is None:
        raise exceptions.AuthenticationFailed(_("Invalid token."))
    values = tuple(getattr(token, name) for name in _attnames(Token))
    return values, tuple(getattr(token.user, name) for name in _attnames(user_model))


class RecentTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, as DRF's, read at most once per recheck window per process."""

    def authenticate_credentials(self, key):
        token_values, user_values = _tokens.get(("token", key), lambda: _read(key))
        user_model = get_user_model()
        user = user_model.from_db(DEFAULT_DB_ALIAS, _attnames(user_model), list(user_values))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token = Token.from_db(DEFAULT_DB_ALIAS, _attnames(Token), list(token_values))
        token.user = user
        return user, token
