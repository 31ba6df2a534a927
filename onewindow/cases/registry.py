"""Case-page panels other apps add (fees: the 收费 card), registered in their AppConfig.ready(),
so a new app shows its part of a case without editing the cases templates. Each panel's context
function takes the request and the case, checks what the user may see itself, and returns the
template's context (an empty dict or None hides the panel)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CasePanel:
    name: str
    template: str
    context: Callable[..., dict | None]


CASE_PANELS: list[CasePanel] = []


def register_case_panel(panel: CasePanel) -> None:
    """Add a panel (once per name; registering it again replaces it)."""
    CASE_PANELS[:] = [existing for existing in CASE_PANELS if existing.name != panel.name] + [panel]
