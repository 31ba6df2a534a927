"""The public progress lookup (办件查询): a case number (or receipt number) and its query code.
Shared by the page and the API. Lookups that find nothing are counted per client address; once
ONEWINDOW_PROGRESS_FAILURES_PER_HOUR have failed, the lookup answers "too many attempts" (guessing codes)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from onewindow.cases.models import Case, CaseEvent
from onewindow.cases.selectors import case_by_reference, public_timeline
from onewindow.cases.services import case_apply_deemed_acceptance
from onewindow.common import clock

GROUP = "progress-failures"


class TooManyAttempts(Exception):
    pass


@dataclass(frozen=True)
class Progress:
    case: Case
    timeline: list[CaseEvent]


def _rate() -> str:
    return f"{settings.ONEWINDOW_PROGRESS_FAILURES_PER_HOUR}/h"


def client_address(group: str, request) -> str:
    """The client's address from the configured header (behind a proxy), else the socket's; a
    request with neither (a misconfigured proxy) is counted under one shared key rather than
    failing."""
    meta = request.META
    return meta.get(settings.RATELIMIT_IP_META_KEY) or meta.get("REMOTE_ADDR") or "unknown"


def progress_lookup(request, *, number: str, query_code: str) -> Progress | None:
    """The case's public progress, or None when the number and code do not match.
    Raises TooManyAttempts once the client has failed too often this hour."""
    usage = get_usage(request, group=GROUP, key=client_address, rate=_rate(), increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:
        raise TooManyAttempts(_("查询失败次数过多，请一小时后再试，或携带告知书到窗口查询。"))
    code = (query_code or "").strip()
    case = case_by_reference(Case.objects.select_related("version", "department", "site"), number)
    if case is None or not code or len(code) > 8 or case.query_code != code:
        get_usage(request, group=GROUP, key=client_address, rate=_rate(), increment=True)
        return None
    # The law's acceptance after 5 silent working days shows at once, job or no job.
    case = case_apply_deemed_acceptance(case=case, at=clock.now())
    return Progress(case=case, timeline=list(public_timeline(case)))
