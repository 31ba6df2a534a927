"""The public rating forms and API count submissions per client address (cases.progress's
client_address): past ONEWINDOW_RATINGS_PER_HOUR in an hour, a clear 429 and nothing written."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from onewindow.cases.progress import client_address

GROUP = "evaluations-public"


def over_limit(request) -> str | None:
    """Count this submission; the message to show when the address is over the limit, else None."""
    usage = get_usage(
        request,
        group=GROUP,
        key=client_address,
        rate=f"{settings.ONEWINDOW_RATINGS_PER_HOUR}/h",
        increment=True,
    )
    if usage is not None and usage["should_limit"]:
        return _("提交过于频繁，请一小时后再试。")
    return None
