"""A complaint's allowed moves, as one table: (status, action) → the status after (no queries:
services.py checks a move here, applies it and appends the event in one transaction)."""

from __future__ import annotations

from onewindow.complaints.models import ComplaintEvent, Status

Action = ComplaintEvent.Action

MOVES: dict[tuple[str, str], str] = {
    (Status.SUBMITTED, Action.ACCEPTED): Status.ACCEPTED,
    (Status.SUBMITTED, Action.DECLINED): Status.DECLINED,
    (Status.ACCEPTED, Action.ASSIGNED): Status.INVESTIGATING,
    # The section may hand an investigation to someone else while it runs.
    (Status.INVESTIGATING, Action.ASSIGNED): Status.INVESTIGATING,
    # The investigation's findings, kept on the timeline (internal) just before the answer.
    (Status.INVESTIGATING, Action.INVESTIGATED): Status.INVESTIGATING,
    (Status.INVESTIGATING, Action.ANSWERED): Status.ANSWERED,
    # A satisfied rating closes; a dissatisfied one leaves the way to a review open (services).
    (Status.ANSWERED, Action.RATED): Status.ANSWERED,
    (Status.ANSWERED, Action.CLOSED): Status.CLOSED,
    (Status.ANSWERED, Action.REVIEW_REQUESTED): Status.REVIEWING,
    (Status.REVIEWING, Action.REVIEW_UPHELD): Status.INVESTIGATING,
    (Status.REVIEWING, Action.REVIEW_REJECTED): Status.CLOSED,
}


def next_status(status: str, action: str) -> str | None:
    """The status `action` leads to from `status`; None when the move is not allowed."""
    return MOVES.get((status, action))


def allowed_actions(status: str) -> list[str]:
    return [action for (source, action) in MOVES if source == status]
