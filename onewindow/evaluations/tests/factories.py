"""Helpers for the 好差评 tests."""

from urllib.parse import urlencode

from onewindow.evaluations import services


def tablet_path(window) -> str:
    """The link the center office opens once on a window's tablet to pair it (with its key)."""
    query = urlencode({"site": window.site.code, "key": services.tablet_key(window)})
    return f"/rate/window/{window.number}/?{query}"
