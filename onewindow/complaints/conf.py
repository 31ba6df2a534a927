"""The complaints center's settings, with their defaults (config/settings.py may set them from the
environment; see INTEGRATION.md)."""

from __future__ import annotations

from django.conf import settings


def accept_days() -> int:
    """Working days from registration to the decision to accept or decline (GB/T 36113: 5)."""
    return int(getattr(settings, "ONEWINDOW_COMPLAINT_ACCEPT_DAYS", 5))


def answer_days() -> int:
    """Working days from acceptance to the answer, at most (the accepter may promise fewer)."""
    return int(getattr(settings, "ONEWINDOW_COMPLAINT_ANSWER_DAYS", 15))


def review_days() -> int:
    """Working days the center office has to decide a review request."""
    return int(getattr(settings, "ONEWINDOW_COMPLAINT_REVIEW_DAYS", 5))


def complaints_per_hour() -> int:
    """Complaints one client address may file through the public form and API per hour."""
    return int(getattr(settings, "ONEWINDOW_COMPLAINTS_PER_HOUR", 5))


def track_failures_per_hour() -> int:
    """Failed look-ups by number and query code per client address and hour (as the progress
    lookup: ONEWINDOW_PROGRESS_FAILURES_PER_HOUR)."""
    return int(getattr(settings, "ONEWINDOW_PROGRESS_FAILURES_PER_HOUR", 20))


def upload_max_megabytes() -> int:
    return int(getattr(settings, "ONEWINDOW_UPLOAD_MAX_MB", 10))


#: Files one complaint may carry.
MAXIMUM_ATTACHMENTS = 5
