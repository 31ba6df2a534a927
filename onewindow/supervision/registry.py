"""Sections other apps add to the supervision board (evaluations: overdue rectifications;
complaints: complaints past their deadlines), registered in their AppConfig.ready(), so a new
app puts its late work in front of the supervision section without editing this app. Each
section's context function takes the request and today's date, checks what the user may see
itself, and returns the template's context (an empty dict or None hides the section)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BoardSection:
    name: str
    template: str
    context: Callable[..., dict | None]


BOARD_SECTIONS: list[BoardSection] = []


def register_board_section(section: BoardSection) -> None:
    """Add a section (once per name; registering it again replaces it)."""
    BOARD_SECTIONS[:] = [existing for existing in BOARD_SECTIONS if existing.name != section.name] + [section]
