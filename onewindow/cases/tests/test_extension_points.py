"""Apps extend the case kernel without editing it: their timeline kinds (cases.events), their moves
in the workflow table, their delivery checks and their case-page panels, registered in their
AppConfig.ready() — as fees does."""

import ast
from pathlib import Path

import pytest
from django.db import models

from onewindow.cases import events, registry, workflow
from onewindow.cases.models import CaseStatus
from onewindow.cases.services.delivery import DELIVERY_CHECKS
from onewindow.fees.models import FeeEvent
from onewindow.fees.selectors import unpaid_fee_blockers

CASES = Path(__file__).resolve().parents[1]


def test_fees_registers_its_kinds_moves_delivery_check_and_panel():
    assert events.event_label(FeeEvent.PAID) == "银行确认缴款"
    assert (FeeEvent.PAID, "银行确认缴款") in [
        (value, str(label)) for value, label in events.event_kind_choices()
    ]
    for status in (CaseStatus.ACCEPTED, CaseStatus.SUSPENDED, CaseStatus.COMPLETED):
        assert workflow.target(status, FeeEvent.FEE_NOTICE) == status
    assert workflow.target(CaseStatus.RECEIVED, FeeEvent.FEE_NOTICE) is None
    assert unpaid_fee_blockers in DELIVERY_CHECKS
    assert "fees" in [panel.name for panel in registry.CASE_PANELS]


def test_evaluations_plugs_in_its_case_panel_and_board_section():
    """A later app adds its card to the case page and its section to the supervision board
    through the registries, without editing cases or supervision."""
    from onewindow.supervision.registry import BOARD_SECTIONS

    names = [panel.name for panel in registry.CASE_PANELS]
    assert names[:2] == ["fees", "evaluations"] and "complaints" in names
    assert {"rectifications", "complaints"} <= {section.name for section in BOARD_SECTIONS}


def test_the_cases_app_names_no_other_app():
    """cases knows nothing of fees (or any later app): no import, no template tag."""
    for path in CASES.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("onewindow.fees"), f"{path} imports {node.module}"
    for path in (CASES / "templates").rglob("*.html"):
        assert "fees" not in path.read_text(encoding="utf-8").split("%}", 1)[0], path


def test_one_kind_with_two_meanings_is_refused():
    class Clash(models.TextChoices):
        PAID = "PAID", "别的意思"

    with pytest.raises(events.EventKindConflict):
        events.register_event_kinds(Clash)
    assert events.event_label("PAID") == "银行确认缴款"


def test_a_kind_too_long_for_the_column_is_refused():
    class TooLong(models.TextChoices):
        LONG = "A_KIND_LONGER_THAN_TWENTY", "太长"

    with pytest.raises(events.EventKindConflict):
        events.register_event_kinds(TooLong)


def test_a_move_leading_elsewhere_is_refused():
    with pytest.raises(workflow.MoveConflict):
        workflow.register_moves({(CaseStatus.ACCEPTED, FeeEvent.FEE_NOTICE): CaseStatus.COMPLETED})
    assert workflow.target(CaseStatus.ACCEPTED, FeeEvent.FEE_NOTICE) == CaseStatus.ACCEPTED
