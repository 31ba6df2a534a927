"""The public side's guards, shared by the pages and the API: how many complaints one client
address may file per hour (ONEWINDOW_COMPLAINTS_PER_HOUR), and the look-up by number and query
code, whose failures are counted per client address like the case progress lookup's
(cases.progress): once too many have failed this hour, it answers "too many attempts"."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from onewindow.cases.progress import client_address
from onewindow.complaints import conf
from onewindow.complaints.models import Complaint
from onewindow.complaints.selectors import complaint_by_reference

FILED_GROUP = "complaints-filed"
TRACK_GROUP = "complaints-track-failures"


class TooManyComplaints(Exception):
    """This client address filed its hourly number of complaints."""


class TooManyAttempts(Exception):
    """This client address failed too many look-ups this hour."""


def _filed_rate() -> str:
    return f"{conf.complaints_per_hour()}/h"


def _track_rate() -> str:
    return f"{conf.track_failures_per_hour()}/h"


def filing_check(request) -> None:
    """Raises TooManyComplaints when the client filed ONEWINDOW_COMPLAINTS_PER_HOUR complaints this
    hour (checked before anything is written)."""
    usage = get_usage(request, group=FILED_GROUP, key=client_address, rate=_filed_rate(), increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:
        raise TooManyComplaints(
            _("同一网络地址每小时最多提交 %(count)s 件投诉，请稍后再试，或拨打监督电话反映。")
            % {"count": usage["limit"]}
        )


def filing_count(request) -> None:
    """Count a complaint filed from the client's address."""
    get_usage(request, group=FILED_GROUP, key=client_address, rate=_filed_rate(), increment=True)


def complaint_lookup(request, *, number: str, query_code: str) -> Complaint | None:
    """The complaint with this number and query code, or None (the failure is counted).
    Raises TooManyAttempts once the client has failed too often this hour."""
    usage = get_usage(request, group=TRACK_GROUP, key=client_address, rate=_track_rate(), increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:
        raise TooManyAttempts(_("查询失败次数过多，请一小时后再试，或拨打监督电话查询。"))
    complaint = complaint_by_reference(number, query_code)
    if complaint is None:
        get_usage(request, group=TRACK_GROUP, key=client_address, rate=_track_rate(), increment=True)
    return complaint
