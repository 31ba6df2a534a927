"""The case workflow as one table: which action is allowed in which status, and the status it
leads to. Every service checks its move here (`transitions.case_check_move`) under the case's row lock,
so the page, the API and the scheduled jobs refuse the same illegal moves with the same message.

An action that leaves the status as it is (an opinion, a meeting, a reminder) maps the status to
itself: it is allowed there and nowhere else. Other apps add their own moves (`register_moves`,
in their AppConfig.ready()) without editing this table.
"""

from __future__ import annotations

from onewindow.cases.models import CaseEvent, CaseStatus

Action = CaseEvent.Action
S = CaseStatus

#: Before the decision: the applicant may still withdraw.
_UNDECIDED = (S.RECEIVED, S.CORRECTION, S.ACCEPTED, S.SUSPENDED)
#: Accepted and not decided: work on the case goes on (the clocks are stopped when suspended).
_IN_HANDLING = (S.ACCEPTED, S.SUSPENDED)

TRANSITIONS: dict[tuple[str, str], str] = {
    # Acceptance (行政许可法 art. 32).
    (S.RECEIVED, Action.ACCEPTED): S.ACCEPTED,
    (S.RECEIVED, Action.AUTO_ACCEPTED): S.ACCEPTED,
    (S.RECEIVED, Action.CORRECTION_NOTICE): S.CORRECTION,
    (S.RECEIVED, Action.REFUSED): S.REFUSED,
    (S.CORRECTION, Action.RESUBMITTED): S.RECEIVED,
    # Handling. Opinions and meetings go on while the clock is stopped (an expert review does
    # not stop a co-department from writing its opinion); reporting up and extending do not.
    **{(status, Action.OPINION): status for status in _IN_HANDLING},
    **{(status, Action.CO_OPINION): status for status in _IN_HANDLING},
    **{(status, Action.DEEMED_CONSENT): status for status in _IN_HANDLING},
    **{(status, Action.ESCALATED): status for status in _IN_HANDLING},
    **{(status, Action.MEETING): status for status in _IN_HANDLING},
    **{(status, Action.REMINDED): status for status in _IN_HANDLING},
    (S.ACCEPTED, Action.REPORTED_UP): S.ACCEPTED,
    (S.ACCEPTED, Action.REPORT_REPLY): S.ACCEPTED,
    (S.ACCEPTED, Action.SUSPENDED): S.SUSPENDED,
    (S.SUSPENDED, Action.RESUMED): S.ACCEPTED,
    (S.ACCEPTED, Action.EXTENSION_REQUESTED): S.ACCEPTED,
    (S.ACCEPTED, Action.EXTENSION_APPROVED): S.ACCEPTED,
    (S.ACCEPTED, Action.EXTENSION_REJECTED): S.ACCEPTED,
    # The result.
    (S.ACCEPTED, Action.DECIDED): S.COMPLETED,
    (S.COMPLETED, Action.DELIVERED): S.DELIVERED,
    # Ending without a result.
    **{(status, Action.WITHDRAWN): S.WITHDRAWN for status in _UNDECIDED},
    **{(status, Action.TERMINATED): S.TERMINATED for status in _IN_HANDLING},
    (S.ACCEPTED, Action.RETURNED): S.RETURNED,
}


class MoveConflict(Exception):
    """An app registered a move the table already has, leading elsewhere."""


def register_moves(moves: dict[tuple[str, str], str]) -> None:
    """Add an app's moves (status, its action) → status to the table, in its AppConfig.ready():
    fees bills while a case is accepted, suspended or decided. The same move again is harmless;
    one leading elsewhere raises MoveConflict."""
    for move, status in moves.items():
        known = TRANSITIONS.get(move)
        if known is not None and known != status:
            raise MoveConflict(f"{move} already leads to {known}")
        TRANSITIONS[move] = status


def target(status: str, action: str) -> str | None:
    """The status `action` leads to from `status`, or None when it is not allowed there."""
    return TRANSITIONS.get((status, action))


def allowed_actions(status: str) -> set[str]:
    """Every action allowed in `status` (the pages show only these buttons)."""
    return {action for (source, action) in TRANSITIONS if source == status}
