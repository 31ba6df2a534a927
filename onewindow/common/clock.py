"""The only place interfaces read the clock. Domain code takes `today`/`now` as arguments."""

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    """Today in the hall's time zone (Asia/Shanghai by default), not UTC."""
    return timezone.localdate()
