"""The kinds of event a case's timeline can hold, as a registry: `cases` registers its own
(`CaseEvent.Action`), and every app that acts on cases registers its kinds in its
`AppConfig.ready()` (fees: billing, payment, refunds), so a new app adds timeline entries without
editing `cases`. `CaseEvent.action` takes its choices from here (a callable, so no migration is
needed when an app adds a kind).
"""

from __future__ import annotations

from django.db import models

#: The longest kind value CaseEvent.action stores.
MAX_LENGTH = 20

_KINDS: dict[str, object] = {}


class EventKindConflict(Exception):
    """Two apps registered one value with different meanings, or a value is too long."""


def register_event_kinds(choices: type[models.TextChoices]) -> None:
    """Add an app's event kinds (value → label). Registering the same kinds again is harmless;
    one value with two labels, or a value longer than MAX_LENGTH, raises EventKindConflict."""
    for value, label in choices.choices:
        if len(value) > MAX_LENGTH:
            raise EventKindConflict(f"event kind {value!r} is longer than {MAX_LENGTH} characters")
        known = _KINDS.get(value)
        if known is not None and str(known) != str(label):
            raise EventKindConflict(f"event kind {value!r} is already registered as {known!s}")
        _KINDS[value] = label


def event_kind_choices() -> list[tuple[str, object]]:
    """Every registered kind, for CaseEvent.action's choices."""
    return list(_KINDS.items())


def event_label(value: str) -> str:
    """The kind's label in the current language (the raw value if no app registered it)."""
    return str(_KINDS.get(value, value))
