"""Reading cases: every staff-side read goes through `case_visible_to(user)`."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from onewindow.cases.models import Case, CaseEvent, CaseStatus, Channel, CreditRecord, Notification
from onewindow.org.selectors import access_for


def case_visible_to(user) -> QuerySet[Case]:
    """Administrators: all; the office and sections: their site and below; window staff: their
    site's cases and the cases they are agent for; chief representatives and reviewers: their
    department's; applicants: their own."""
    access = access_for(user)
    cases = Case.objects.select_related("item", "version", "department", "site")
    if access.scope == "all":
        return cases
    if access.scope == "subtree":
        return cases.filter(site__path__startswith=access.staff.site.path)
    if access.scope == "site":
        return cases.filter(Q(site_id=access.staff.site_id) | Q(agent_id=access.staff.pk))
    if access.scope == "department":
        return cases.filter(department_id=access.staff.department_id)
    if user is not None and user.is_authenticated:
        return cases.filter(applicant_user=user)
    return cases.none()


def case_by_reference(queryset: QuerySet[Case], reference: str) -> Case | None:
    """The case whose case number or receipt number is `reference`."""
    text = (reference or "").strip().upper()
    if not text or len(text) > 30:
        return None
    return queryset.filter(Q(number=text) | Q(receipt_number=text)).first()


def visible_case_or_404(user, reference: str) -> Case:
    """The case (by case or receipt number) if the user may see it; Http404 otherwise."""
    case = case_by_reference(case_visible_to(user), reference)
    if case is None:
        raise Http404
    return case


def case_search(queryset: QuerySet[Case], query: str) -> QuerySet[Case]:
    """By case or receipt number, applicant name (any part) or ID number / credit code (exact)."""
    text = (query or "").strip()
    if not text:
        return queryset
    upper = text.upper()
    return queryset.filter(
        Q(number=upper)
        | Q(receipt_number=upper)
        | Q(id_number=upper)
        | Q(contact_id_number=upper)
        | Q(applicant_name__contains=text)
    )


def intake_today(user, *, on_date: date) -> QuerySet[Case]:
    """Cases received on `on_date` at the user's reach, newest first."""
    return case_visible_to(user).filter(received_date=on_date).order_by("-received_at", "-id")


def online_awaiting_review(user) -> QuerySet[Case]:
    """Online applications waiting for the window's pre-review (预审), oldest deadline first."""
    return (
        case_visible_to(user)
        .filter(channel=Channel.ONLINE, status=CaseStatus.RECEIVED)
        .order_by("decision_due_date", "received_at")
    )


def public_timeline(case: Case) -> QuerySet[CaseEvent]:
    """What the public progress page shows: the action, the department and the date only."""
    return case.events.filter(is_public=True).select_related("department").order_by("at", "id")


def bad_credit_record(id_number: str, *, on_date: date) -> CreditRecord | None:
    return (
        CreditRecord.objects.filter(id_number=id_number.strip().upper(), listed_date__lte=on_date)
        .filter(Q(lifted_date__isnull=True) | Q(lifted_date__gt=on_date))
        .first()
    )


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, channel=Notification.Channel.IN_APP).select_related("case")
