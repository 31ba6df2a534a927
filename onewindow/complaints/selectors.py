"""Reading complaints: the ones a user may see (complaints_visible_to), their lights, the desk's
inbox, the office's filtered list, the late ones for the supervision board, the ones about a case,
and what of the complainant a reader is shown (masked unless they handle the complaint)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from onewindow.cases import clocks
from onewindow.cases.services.handling import warning_days
from onewindow.common.identifiers import ascii_identifier
from onewindow.common.privacy import mask_email, mask_name, mask_phone
from onewindow.complaints import permissions
from onewindow.complaints.models import OPEN_STATUSES, Complaint, ComplaintEvent, Rating, Status
from onewindow.org.models import Role, Site, Staff
from onewindow.org.selectors import access_for
from onewindow.workcalendar.selectors import working_calendar

LIGHTS = ("green", "yellow", "red")


def _base() -> QuerySet[Complaint]:
    return Complaint.objects.select_related(
        "site",
        "case",
        "department",
        "window",
        "staff__user",
        "investigator__user",
        "result_staff__user",
        "result_window",
        "result_department",
    )


def complaints_visible_to(user) -> QuerySet[Complaint]:
    """Administrators: all; the supervision section, the center office and the business section:
    complaints at their site and below; a chief representative: those about their department
    (named in the complaint, its case's department, or found responsible); anyone else: none."""
    access = access_for(user)
    complaints = _base()
    if access.scope == "all":
        return complaints
    if access.scope == "subtree":
        return complaints.filter(site__path__startswith=access.staff.site.path)
    if access.staff is not None and access.staff.department_id and access.has_role(Role.CHIEF_REPRESENTATIVE):
        department = access.staff.department_id
        return complaints.filter(
            Q(department_id=department)
            | Q(case__department_id=department)
            | Q(result_department_id=department)
        )
    return complaints.none()


def complaint_by_reference(number: str, query_code: str) -> Complaint | None:
    """The complaint with this number whose query code matches (case-insensitive), else None."""
    text = ascii_identifier(number or "").strip().upper()
    code = ascii_identifier(query_code or "").upper()
    if not text or len(text) > 40 or not code or len(code) > 8:
        return None
    complaint = _base().filter(number=text).first()
    if complaint is None or not secrets.compare_digest(complaint.query_code.encode(), code.encode()):
        return None
    return complaint


def rated_this_answer(complaint: Complaint) -> bool:
    """The complainant rated the latest answer (each answer clears the rating: a reopened
    investigation's answer is rated anew)."""
    return bool(complaint.rating)


def can_rate(complaint: Complaint) -> bool:
    return complaint.status == Status.ANSWERED and not rated_this_answer(complaint)


def can_request_review(complaint: Complaint) -> bool:
    """Answered, rated 不满意, and no review asked for yet (one per complaint)."""
    return (
        complaint.status == Status.ANSWERED
        and complaint.review_requested_at is None
        and rated_this_answer(complaint)
        and complaint.rating == Rating.DISSATISFIED
    )


# Lights ----------------------------------------------------------------------------------------------


def light_of(complaint: Complaint, *, today: date, calendar=None, warning: int | None = None) -> str:
    """green, yellow (the deadline is today or within the warning days), red (past it) for an open
    complaint; "done" once answered, declined or closed."""
    if complaint.status not in OPEN_STATUSES or complaint.due_date is None:
        return "done"
    return clocks.light(
        calendar or working_calendar(),
        today=today,
        due=complaint.due_date,
        warning_days=warning_days() if warning is None else warning,
    )


def with_lights(complaints, *, today: date) -> list[Complaint]:
    """The complaints as a list, each with `.light` set."""
    calendar, warning = working_calendar(), warning_days()
    rows = list(complaints)
    for complaint in rows:
        complaint.light = light_of(complaint, today=today, calendar=calendar, warning=warning)
    return rows


def lit(complaints: QuerySet[Complaint], *, light: str, today: date) -> QuerySet[Complaint]:
    """Open complaints showing `light` today: a range on the running deadline."""
    until = clocks.yellow_until(working_calendar(), today=today, warning_days=warning_days())
    complaints = complaints.filter(status__in=OPEN_STATUSES)
    if light == "red":
        return complaints.filter(due_date__lt=today)
    if light == "yellow":
        return complaints.filter(due_date__gte=today, due_date__lt=until)
    return complaints.filter(due_date__gte=until)


def open_by_deadline(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """Open complaints, the oldest deadline first (the partial index of open complaints)."""
    return complaints.filter(status__in=OPEN_STATUSES).order_by("due_date", "id")


# The desk's inbox ------------------------------------------------------------------------------------

#: Rows per part of the inbox.
INBOX_LIMIT = 100


def inbox(user, *, today: date) -> dict:
    """The complaints inbox: to accept, to assign, to investigate (mine and all), reviews to
    decide; each the oldest deadline first, with lights. A chief representative gets their
    department's complaints (read-only)."""
    visible = complaints_visible_to(user)
    access = access_for(user)
    staff = access.staff

    def part(queryset) -> list[Complaint]:
        return with_lights(open_by_deadline(queryset)[:INBOX_LIMIT], today=today)

    if not permissions.handles_complaints(user):
        return {
            "department_view": True,
            "about_department": with_lights(
                visible.order_by("-registered_at", "-id")[:INBOX_LIMIT], today=today
            ),
        }
    return {
        "department_view": False,
        "to_accept": part(visible.filter(status=Status.SUBMITTED)),
        "to_assign": part(visible.filter(status=Status.ACCEPTED)),
        "mine": part(visible.filter(status=Status.INVESTIGATING, investigator=staff))
        if staff is not None
        else [],
        "investigating": part(visible.filter(status=Status.INVESTIGATING)),
        "reviewing": part(visible.filter(status=Status.REVIEWING)),
        "late_count": lit(visible, light="red", today=today).count(),
    }


def investigators_for(site: Site) -> QuerySet[Staff]:
    """Who may investigate a complaint at `site`: the active supervision section at the site or
    above."""
    return (
        Staff.objects.filter(
            is_active=True, role_rows__role=Role.SUPERVISION_SECTION, site__path__in=site.lineage_paths
        )
        .select_related("user", "site")
        .distinct()
        .order_by("site__path", "employee_number")
    )


def timeline(complaint: Complaint, *, public_only: bool = False) -> list[ComplaintEvent]:
    events = complaint.events.select_related("staff__user").order_by("at", "id")
    if public_only:
        events = events.filter(is_public=True)
    return list(events)


# The office's list -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    status: str = ""
    channel: str = ""
    result: str = ""
    department_id: int | None = None
    light: str = ""
    date_from: date | None = None
    date_to: date | None = None  # inclusive (the last registration date shown)

    @property
    def query(self) -> dict[str, str]:
        """The filters as query parameters (for the pager and the export link)."""
        values = {
            "status": self.status,
            "channel": self.channel,
            "result": self.result,
            "department": str(self.department_id or ""),
            "light": self.light,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
        }
        return {key: value for key, value in values.items() if value}


def filtered(complaints: QuerySet[Complaint], filters: Filters, *, today: date) -> QuerySet[Complaint]:
    if filters.status:
        complaints = complaints.filter(status=filters.status)
    if filters.channel:
        complaints = complaints.filter(channel=filters.channel)
    if filters.result:
        complaints = complaints.filter(result=filters.result)
    if filters.department_id:
        department = filters.department_id
        complaints = complaints.filter(
            Q(department_id=department)
            | Q(case__department_id=department)
            | Q(result_department_id=department)
        )
    if filters.light:
        complaints = lit(complaints, light=filters.light, today=today)
    if filters.date_from:
        complaints = complaints.filter(registered_date__gte=filters.date_from)
    if filters.date_to:
        complaints = complaints.filter(registered_date__lte=filters.date_to)
    return complaints


# Other apps' pages: the supervision board and the case page ----------------------------------------------


def late_for_board(user, *, today: date, limit: int = 12) -> dict | None:
    """The complaints past their deadline (and the count of yellow ones) the user handles, for
    the supervision board; None when there is nothing late or due soon, or the user does not
    handle complaints."""
    if not permissions.handles_complaints(user):
        return None
    visible = complaints_visible_to(user)
    red = lit(visible, light="red", today=today)
    red_count = red.count()
    yellow_count = lit(visible, light="yellow", today=today).count()
    if not red_count and not yellow_count:
        return None
    rows = list(red.order_by("due_date", "id")[:limit])
    for complaint in rows:
        complaint.light = "red"
    return {"complaints_late": rows, "complaints_red": red_count, "complaints_yellow": yellow_count}


def about_case(user, case) -> list[Complaint]:
    """The complaints about `case` the user may see, newest first."""
    return list(complaints_visible_to(user).filter(case=case).order_by("-registered_at", "-id")[:20])


# The complainant as a reader is shown ---------------------------------------------------------------------


@dataclass(frozen=True)
class Complainant:
    name: str
    phone: str
    email: str
    is_anonymous: bool
    is_masked: bool


def complainant_shown(complaint: Complaint, *, masked: bool) -> Complainant:
    """The complainant's name, phone and e-mail, masked (common.privacy) when `masked`."""
    if complaint.is_anonymous:
        return Complainant("", "", "", is_anonymous=True, is_masked=masked)
    if not masked:
        return Complainant(
            complaint.complainant_name,
            complaint.complainant_phone,
            complaint.complainant_email,
            is_anonymous=False,
            is_masked=False,
        )
    return Complainant(
        mask_name(complaint.complainant_name),
        mask_phone(complaint.complainant_phone) if complaint.complainant_phone else "",
        mask_email(complaint.complainant_email) if complaint.complainant_email else "",
        is_anonymous=False,
        is_masked=True,
    )


def shown_for(user, complaints) -> list[Complaint]:
    """Each complaint with `.complainant` set as `user` may see it."""
    rows = list(complaints)
    for complaint in rows:
        complaint.complainant = complainant_shown(complaint, masked=not permissions.handles(user, complaint))
    return rows
