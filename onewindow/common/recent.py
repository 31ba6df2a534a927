"""What a process read lately and may use again for a few seconds: the recheck window.

A hall's reference data — who holds which role, the catalog's revision and the versions in force,
the token a client signs its calls with — changes a few times a day and is read on every request.
A `Recent` store keeps such reads per process for a window named by a setting (seconds; 0 reads
every time, as the test suite does), so that a request does not pay a query for what it read a
moment ago. The process that changes the data clears the store at once (and again when the
transaction commits: what another thread read meanwhile predates the change); another process
sees the change within the window. ADR 0011 says which data may be kept this way and why.

Values are shared by the threads of a process: keep only what is read, never changed, by its users
(plain values, tuples, frozen dataclasses, or model instances the callers promise not to alter).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.db import transaction

T = TypeVar("T")


class Recent:
    """A per-process memory of reads, each kept for the window the setting `window_setting` gives."""

    def __init__(self, window_setting: str):
        self.window_setting = window_setting
        self._values: dict[Hashable, tuple[float, object]] = {}

    def get(self, key: Hashable, read: Callable[[], T]) -> T:
        """`read()`, or what it returned within the window (0: always `read()`, nothing kept)."""
        window = getattr(settings, self.window_setting)
        kept = self._values.get(key)
        now = time.monotonic()
        if kept is not None and now - kept[0] < window:
            return kept[1]  # type: ignore[return-value]
        value = read()
        if window:
            if len(self._values) > MAX_ENTRIES:
                self._values.clear()  # a crude bound: entries are cheap to read again
            self._values[key] = (now, value)
        return value

    def clear(self, **_signal) -> None:
        """Forget everything now and when the current transaction commits; fit to be connected to
        model signals (post_save, post_delete) of what is kept."""
        self._values.clear()
        transaction.on_commit(self._values.clear)


#: The most entries a store keeps before it starts afresh (users × roles, item codes × days).
MAX_ENTRIES = 10_000
