"""Counting per client address (cases.progress's client_address) for the queue's public pages and
API: a limit is checked before anything is written and counted once it is used."""

from __future__ import annotations

from django_ratelimit.core import get_usage

from onewindow.cases.progress import client_address


def limit_reached(request, *, group: str, rate: str) -> bool:
    """True when the client address has used up `rate` ("10/m", "20/h") in `group`; counts nothing."""
    usage = get_usage(request, group=group, key=client_address, rate=rate, increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def limit_count(request, *, group: str, rate: str) -> None:
    get_usage(request, group=group, key=client_address, rate=rate, increment=True)
