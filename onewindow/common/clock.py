"""The only place interfaces read the clock. Domain code takes `today`/`now` as arguments.

`settings.ONEWINDOW_FROZEN_NOW` (an aware datetime) stops the clock for the browser journeys, whose
server runs in the test process: a journey can then take place on the eve of a public holiday.
It is never read from the environment, so a deployment cannot set it (docs/adr/0007).
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone


def now() -> datetime:
    frozen = getattr(settings, "ONEWINDOW_FROZEN_NOW", None)
    return frozen if frozen is not None else timezone.now()


def today() -> date:
    """Today in the hall's time zone (Asia/Shanghai by default), not UTC."""
    return timezone.localdate(now())
