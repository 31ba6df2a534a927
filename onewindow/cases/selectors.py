"""Reading cases: every staff-side read goes through `case_visible_to(user)`."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from onewindow.cases import clocks
from onewindow.cases.models import (
    HANDLING_STATUSES,
    RUNNING_TASK_STATUSES,
    Case,
    CaseEvent,
    CaseStatus,
    Channel,
    CreditRecord,
    Task,
)
from onewindow.common import identifiers, keyset
from onewindow.org.models import Delegation, Role, Site, Staff
from onewindow.org.selectors import access_for
from onewindow.workcalendar.selectors import working_calendar


def case_visible_to(user) -> QuerySet[Case]:
    """Administrators: all; the office and sections: their site and below; window staff: their
    site's cases and the cases they are agent for; chief representatives and reviewers: their
    department's, and the joint cases their department gives an opinion on; applicants: their
    own."""
    access = access_for(user)
    cases = Case.objects.select_related("item", "version", "department", "site")
    if access.scope == "all":
        return cases
    if access.scope == "subtree":
        return cases.filter(site__path__startswith=access.staff.site.path)
    if access.scope == "site":
        return cases.filter(Q(site_id=access.staff.site_id) | Q(agent_id=access.staff.pk))
    if access.scope == "department":
        department = access.staff.department_id
        asked = Task.objects.filter(case=OuterRef("pk"), department_id=department)
        return cases.filter(Q(department_id=department) | Exists(asked))
    if user is not None and user.is_authenticated:
        return cases.filter(applicant_user=user)
    return cases.none()


#: A subtree of at most this many sites is listed as one arm per site (each walks its own
#: (site, received_at, id) index); a bigger one as one `site_id IN (...)` arm.
SUBTREE_ARM_SITES = 30


def case_scope_arms(user) -> list[QuerySet[Case]]:
    """case_visible_to's scope as index-friendly querysets whose union it is, for lists
    (common.keyset merges them): the OR of a window clerk's scope becomes an arm for his site and
    one for the cases he is agent for; a reviewer's an arm for his department and one for the
    other departments' cases his department has a task on (joint opinions); a subtree one arm per
    site. The arms are disjoint, so their counts add up. case_visible_to stays the rule for single
    cases and permission checks."""
    access = access_for(user)
    cases = Case.objects.all()
    if access.scope == "all":
        return [cases]
    if access.scope == "subtree":
        sites = list(
            Site.objects.filter(path__startswith=access.staff.site.path).values_list("pk", flat=True)
        )
        if len(sites) <= SUBTREE_ARM_SITES:
            return [cases.filter(site_id=site) for site in sites]
        return [cases.filter(site_id__in=sites)]
    if access.scope == "site":
        site = access.staff.site_id
        return [cases.filter(site_id=site), cases.filter(agent_id=access.staff.pk).exclude(site_id=site)]
    if access.scope == "department":
        department = access.staff.department_id
        # The other departments' cases my department helps with: from the few assisting tasks
        # (a partial index), not a walk over every case looking for one.
        helped = Task.objects.filter(department_id=department, assisting=True).values("case_id")
        return [
            cases.filter(department_id=department),
            cases.filter(pk__in=helped).exclude(department_id=department),
        ]
    if user is not None and user.is_authenticated:
        return [cases.filter(applicant_user=user)]
    return [cases.none()]


#: Newest first: the order of the case lists (keyset, common.keyset).
CASE_LIST_ORDERING = ("-received_at", "-id")


def case_list_rows() -> QuerySet[Case]:
    """What a list row reads (cases.api.CaseListSerializer, the desk's lists) and nothing more:
    a list row is a few columns, not the whole record."""
    return Case.objects.select_related("item", "version", "department", "site").only(*LIST_COLUMNS)


#: The columns of a list row (case_list_rows).
LIST_COLUMNS = (
    "number",
    "receipt_number",
    "status",
    "channel",
    "applicant_name",
    "received_at",
    "decision_due_date",
    "accepted_date",
    "promised_due_date",
    "decided_date",
    "delivery_due_date",
    "site_id",
    "department_id",
    "agent_id",
    "item__implementation_code",
    "version__name",
    "version__number",
    "department__name",
    "department__short_name",
    "site__name",
)


def case_list_page(
    user, *, search: str = "", status: str = "", where: Q | None = None, cursor: str | None, limit: int
):
    """A page of the cases at the user's reach, newest first, searched, filtered by status and by
    `where`: every arm of the scope walks its own index (common.keyset). Raises
    keyset.BadCursor."""
    arms = [case_search(arm, search) for arm in case_scope_arms(user)]
    if status:
        arms = [arm.filter(status=status) for arm in arms]
    if where is not None:
        arms = [arm.filter(where) for arm in arms]
    return keyset.paginate(
        arms, ordering=CASE_LIST_ORDERING, cursor=cursor, limit=limit, name="cases", rows=case_list_rows()
    )


def case_list_first(user, *, where: Q, ordering: tuple[str, ...], limit: int = 50) -> list[Case]:
    """The first `limit` cases at the user's reach matching `where` in `ordering` (ending in a
    unique field), each scope arm on its own index."""
    arms = [arm.filter(where) for arm in case_scope_arms(user)]
    return keyset.paginate(
        arms, ordering=ordering, cursor=None, limit=limit, name="first", rows=case_list_rows()
    ).rows


def case_by_reference(queryset: QuerySet[Case], reference: str) -> Case | None:
    """The case whose case number or receipt number is `reference`."""
    text = identifiers.ascii_identifier(reference).upper()
    if not text or len(text) > 30:
        return None
    return queryset.filter(Q(number=text) | Q(receipt_number=text)).first()


def visible_case_or_404(user, reference: str) -> Case:
    """The case (by case or receipt number) if the user may see it; Http404 otherwise."""
    case = case_by_reference(case_visible_to(user), reference)
    if case is None:
        raise Http404
    remember_case_visible(case, user)
    return case


def remember_case_visible(case: Case, user) -> None:
    """Note on the case object that `user` may see it (it came from their visible lookup), so the
    permission checks of the same request do not ask the database again (case_is_visible_to)."""
    case.__dict__.setdefault("_visible_to", {})[getattr(user, "pk", None)] = True


def case_is_visible_to(user, case: Case) -> bool:
    """Whether the case is within the user's reach (case_visible_to): decided on the loaded row
    where its columns tell, else asked of the database; once per case object and user."""
    memo = case.__dict__.setdefault("_visible_to", {})
    key = getattr(user, "pk", None)
    if key not in memo:
        answer = _visible_by_row(user, case)
        memo[key] = case_visible_to(user).filter(pk=case.pk).exists() if answer is None else answer
    return memo[key]


def _visible_by_row(user, case: Case) -> bool | None:
    """case_visible_to's rule on the row in hand; None where only the database can tell (an
    opinion task of the reader's department on another department's case, a site not loaded)."""
    access = access_for(user)
    if access.scope == "all":
        return True
    if access.scope == "site":
        return case.site_id == access.staff.site_id or case.agent_id == access.staff.pk
    if access.scope == "department":
        return True if case.department_id == access.staff.department_id else None
    if access.scope == "subtree":
        if not Case.site.is_cached(case):
            return None
        return case.site.path.startswith(access.staff.site.path)
    return bool(user is not None and user.is_authenticated and case.applicant_user_id == user.pk)


def resubmission_original(user, reference: str | None) -> Case | None:
    """The returned case a resubmission (补办件) names, if the user may see it; None when none is
    named. Raises ValidationError on "original" when it cannot be found."""
    from django.core.exceptions import ValidationError

    text = (reference or "").strip()
    if not text:
        return None
    original = case_by_reference(case_visible_to(user), text)
    if original is None:
        raise ValidationError({"original": _("找不到办件 %(reference)s。") % {"reference": text}})
    return original


#: Names of at most this many characters match the start of the name (a btree prefix range);
#: longer ones any part of it (a trigram index on PostgreSQL). pg_trgm draws no trigram from a
#: one- or two-character fragment, and two-character Chinese names (王海) are common.
NAME_PREFIX_LENGTH = 2


def case_search(queryset: QuerySet[Case], query: str) -> QuerySet[Case]:
    """By case or receipt number, ID number / credit code (exact), or applicant name: any part of
    it for three characters or more, its start for one or two. Each alternative is an index."""
    text = (query or "").strip()
    if not text:
        return queryset
    if len(text) <= NAME_PREFIX_LENGTH:
        matches = Q(applicant_name__startswith=text)
    else:
        matches = Q(applicant_name__contains=text)
    upper = identifiers.ascii_identifier(text).upper()
    if upper.isascii():  # numbers are ASCII: a Chinese name asks the name index only
        matches |= Q(number=upper) | Q(receipt_number=upper) | Q(id_number=upper) | Q(contact_id_number=upper)
    return queryset.filter(matches)


def online_awaiting_review(user, *, limit: int = 50) -> list[Case]:
    """Online applications waiting for the window's pre-review (预审), oldest deadline first."""
    return case_list_first(
        user,
        where=Q(channel=Channel.ONLINE, status=CaseStatus.RECEIVED),
        ordering=("decision_due_date", "id"),
        limit=limit,
    )


def public_timeline(case: Case) -> QuerySet[CaseEvent]:
    """What the public progress page shows: the action, the department and the date only."""
    return case.events.filter(is_public=True).select_related("department").order_by("at", "id")


def bad_credit_record(id_number: str, *, on_date: date) -> CreditRecord | None:
    return (
        CreditRecord.objects.filter(
            id_number=identifiers.ascii_identifier(id_number).upper(), listed_date__lte=on_date
        )
        .filter(Q(lifted_date__isnull=True) | Q(lifted_date__gt=on_date))
        .first()
    )


# Handling: tasks, clocks and lights ---------------------------------------------------------


#: My tasks' order, soonest due first (keyset: due_date is set on every running task).
TASK_ORDERING = ("due_date", "id")


def tasks_for(user) -> QuerySet[Task]:
    """My tasks (我的待办): the running tasks of my department in a role I hold (a chief
    representative answers for every role of his department), soonest due first."""
    access = access_for(user)
    if access.staff is None or access.staff.department_id is None:
        return Task.objects.none()
    roles = set(access.roles)
    if Role.CHIEF_REPRESENTATIVE in roles:
        roles.add(Role.DEPARTMENT_REVIEWER)
    return (
        Task.objects.filter(
            department_id=access.staff.department_id,
            role__in=roles,
            status__in=RUNNING_TASK_STATUSES,
            case__status__in=HANDLING_STATUSES,
        )
        .select_related("case__version", "case__department", "department")
        .order_by(*TASK_ORDERING)
    )


def overdue_tasks(user, *, today) -> QuerySet[Task]:
    """Running steps and opinions past their own due date on cases at the user's reach (step-level
    overruns, which supervision follows as well as the case's clock)."""
    return (
        Task.objects.filter(
            status__in=RUNNING_TASK_STATUSES,
            due_date__lt=today,
            case__status=CaseStatus.ACCEPTED,
            case__in=case_visible_to(user).values("pk"),
        )
        .select_related("case__version", "department")
        .order_by("due_date", "id")
    )


def agent_cases(user) -> QuerySet[Case]:
    """The cases I am the agent (全程代办人) for that are not finished, soonest promise first."""
    access = access_for(user)
    if access.staff is None:
        return Case.objects.none()
    return (
        Case.objects.filter(agent_id=access.staff.pk, status__in=(*HANDLING_STATUSES, CaseStatus.COMPLETED))
        .select_related("version", "department")
        .order_by("promised_due_date", "id")
    )


def _lit_ranges(*, today, warning_days: int) -> tuple[Q, Q]:
    """Yellow or red today: in handling by the promised date, decided by the delivery date."""
    until = clocks.yellow_until(working_calendar(), today=today, warning_days=warning_days)
    return (
        Q(status=CaseStatus.ACCEPTED, promised_due_date__lt=until),
        Q(status=CaseStatus.COMPLETED, delivery_due_date__lt=until),
    )


def lit_in_handling(queryset: QuerySet[Case], *, today, warning_days: int) -> QuerySet[Case]:
    """Cases in handling whose promised clock is yellow or red today, soonest due first (suspended
    ones are stopped): one range on the (status, promised due date) index."""
    in_handling, _delivery = _lit_ranges(today=today, warning_days=warning_days)
    return queryset.filter(in_handling).order_by("promised_due_date", "id")


def lit_awaiting_delivery(queryset: QuerySet[Case], *, today, warning_days: int) -> QuerySet[Case]:
    """Decided cases whose delivery clock is yellow or red today: one range on the (status,
    delivery due date) index."""
    _in_handling, delivery = _lit_ranges(today=today, warning_days=warning_days)
    return queryset.filter(delivery).order_by("delivery_due_date", "id")


def lit_count(queryset: QuerySet[Case], *, today, warning_days: int) -> int:
    """How many cases are yellow or red today: two index-only range counts, not one OR that must
    visit the table."""
    return sum(queryset.filter(part).count() for part in _lit_ranges(today=today, warning_days=warning_days))


def lit_count_for(user, *, today, warning_days: int) -> int:
    """lit_count over the user's reach: each range in each (disjoint) scope arm, each an
    index-only count on the partial (scope, due date) indexes of open cases."""
    return sum(lit_count(arm, today=today, warning_days=warning_days) for arm in case_scope_arms(user))


def lit_counts_for(user, *, today, warning_days: int) -> dict[str, int]:
    """How many cases at the user's reach are red (in handling, past the promised date), yellow
    (in handling, due within the warning window) and awaiting delivery with a yellow or red
    delivery clock: index-only range counts per scope arm, however many cases are lit."""
    in_handling, delivery = _lit_ranges(today=today, warning_days=warning_days)
    red = Q(status=CaseStatus.ACCEPTED, promised_due_date__lt=today)
    counts = {"red": 0, "yellow": 0, "delivery": 0}
    for arm in case_scope_arms(user):
        red_count = arm.filter(red).count()
        counts["red"] += red_count
        counts["yellow"] += arm.filter(in_handling).count() - red_count
        counts["delivery"] += arm.filter(delivery).count()
    return counts


def lit_page_for_desk(request, *, today, warning_days: int, limit: int = 50):
    """The page of lit cases a desk or office page shows (`?cursor=` of the request), each row
    with its light, and the next page's cursor. Raises keyset.BadCursor."""
    rows = Case.objects.select_related("version", "department", "agent__user")
    page = lit_page(
        request.user,
        today=today,
        warning_days=warning_days,
        cursor=request.GET.get("cursor", ""),
        limit=limit,
        rows=rows,
    )
    calendar = working_calendar()
    for case in page.rows:
        case.light = case_light(case, today=today, warning_days=warning_days, calendar=calendar)
    return page


#: The lights lists: cases in handling by their promised date, then decided ones by their
#: delivery date, soonest due (red) first.
LIT_ORDERINGS = (("promised_due_date", "id"), ("delivery_due_date", "id"))


def lit_parts(user, *, today, warning_days: int, rows: QuerySet[Case] | None = None) -> list[keyset.Part]:
    """The yellow-or-red cases at the user's reach as the two keyset parts of common.keyset (in
    handling, then awaiting delivery), each the union of the scope's arms: no OR anywhere."""
    ranges = _lit_ranges(today=today, warning_days=warning_days)
    arms = case_scope_arms(user)
    rows = rows if rows is not None else case_list_rows()
    return [
        keyset.Part(arms=[arm.filter(part) for arm in arms], ordering=ordering, rows=rows)
        for part, ordering in zip(ranges, LIT_ORDERINGS, strict=True)
    ]


def lit_page(user, *, today, warning_days: int, cursor: str | None, limit: int, rows=None):
    """A page of lit_parts. Raises keyset.BadCursor."""
    parts = lit_parts(user, today=today, warning_days=warning_days, rows=rows)
    return keyset.paginate_parts(parts, cursor=cursor, limit=limit, name=f"lights:{today.isoformat()}")


def lit_cases(queryset: QuerySet[Case], *, today, warning_days: int) -> QuerySet[Case]:
    """Every case yellow or red today, in handling (by its promised date) or decided and not yet
    delivered (by its delivery date)."""
    in_handling, delivery = _lit_ranges(today=today, warning_days=warning_days)
    return queryset.filter(in_handling | delivery)


def case_light(case: Case, *, today, warning_days: int, calendar=None) -> str:
    """The case's traffic light today: the promised clock while in handling, the delivery clock
    once decided; "" for cases with no running clock. Pass `calendar` when lighting many."""
    calendar = calendar or working_calendar()
    if case.status == CaseStatus.ACCEPTED and case.promised_due_date:
        return clocks.light(calendar, today=today, due=case.promised_due_date, warning_days=warning_days)
    if case.status == CaseStatus.SUSPENDED:
        return clocks.PAUSED
    if case.status == CaseStatus.COMPLETED and case.delivery_due_date:
        return clocks.light(calendar, today=today, due=case.delivery_due_date, warning_days=warning_days)
    return ""


def task_light(task: Task, *, today, warning_days: int, calendar=None) -> str:
    """A running task's light; "" once it is finished. Pass `calendar` when lighting many."""
    if task.status not in RUNNING_TASK_STATUSES or task.due_date is None:
        return ""
    if task.case.status == CaseStatus.SUSPENDED:
        return clocks.PAUSED
    return clocks.light(
        calendar or working_calendar(), today=today, due=task.due_date, warning_days=warning_days
    )


def case_clocks(case: Case, *, today, warning_days: int, calendar=None) -> list[clocks.Clock]:
    """The clocks a case page shows: statutory, promised, each running task's, and delivery."""
    if case.accepted_date is None or case.promised_due_date is None:
        return []
    calendar = calendar or working_calendar()
    paused_since = None
    if case.status == CaseStatus.SUSPENDED:
        open_suspension = next((row for row in case.suspensions.all() if row.ended_at is None), None)
        paused_since = open_suspension.started_date if open_suspension else None
    finished = case.decided_date or (timezone.localdate(case.closed_at) if case.closed_at else None)
    common = {
        "today": today,
        "warning_days": warning_days,
        "paused_since": paused_since,
        "finished": finished,
    }
    result = [
        clocks.clock(
            calendar,
            name=str(_("法定期限")),
            start=case.accepted_date,
            due=case.statutory_due_date,
            suspended_days=case.suspended_days,
            **common,
        ),
        clocks.clock(
            calendar,
            name=str(_("承诺期限")),
            start=case.accepted_date,
            due=case.promised_due_date,
            suspended_days=case.suspended_days,
            **common,
        ),
    ]
    for task in (task for task in case.tasks.all() if task.status in RUNNING_TASK_STATUSES):
        result.append(
            clocks.clock(
                calendar,
                name=f"{task.name}（{task.department.short_name or task.department.name}）",
                start=task.started_date,
                due=task.due_date,
                suspended_days=_task_suspended_days(calendar, case, task),
                today=today,
                warning_days=warning_days,
                paused_since=paused_since,
            )
        )
    if case.delivery_due_date:
        result.append(
            clocks.clock(
                calendar,
                name=str(_("送达期限")),
                start=case.decided_date,
                due=case.delivery_due_date,
                today=today,
                warning_days=warning_days,
                finished=timezone.localdate(case.delivered_at) if case.delivered_at else None,
            )
        )
    return result


def _task_suspended_days(calendar, case: Case, task: Task) -> int:
    """The ended suspensions' working days that stopped this task's clock (handling moved its due
    date by exactly these)."""
    return sum(
        clocks.stopped_days_for(
            calendar, since=task.started_date, started=suspension.started_date, ended=suspension.ended_date
        )
        for suspension in case.suspensions.all()
        if suspension.ended_date is not None
    )


def decision_authority(
    staff: Staff | None, *, case: Case, on_date: date, on_the_spot: bool | None = None
) -> Delegation | None:
    """The delegation letter (授权书) under which `staff` may decide the case's item on `on_date`.

    On the spot (an immediate item, 即办件): a chief representative's own letter, or for a window
    clerk of the item's own department, their department's chief representative's; a
    comprehensive window's clerk has none: he reviews, the chief representative approves
    (窗口审核、首席代表审批). After review (every other item): the chief representative of the
    lead department whose letter covers the item."""
    if staff is None:
        return None
    if on_the_spot is None:
        on_the_spot = case.is_immediate
    roles = set(staff.role_rows.values_list("role", flat=True))
    letters = Delegation.objects.filter(
        valid_from_date__lte=on_date,
        items__item_code=case.item.implementation_code,
        department_id=case.department_id,  # the lead department's letter, whatever others name
    ).filter(Q(valid_to_date__isnull=True) | Q(valid_to_date__gt=on_date))
    if on_the_spot:
        letters = letters.filter(items__may_decide_on_the_spot=True)
    if Role.CHIEF_REPRESENTATIVE in roles:
        return letters.filter(chief_representative=staff).first()
    if on_the_spot and Role.WINDOW_CLERK in roles and staff.department_id == case.department_id:
        return letters.filter(department_id=staff.department_id).first()
    return None


def case_records(cases: QuerySet[Case], *, for_applicant: bool = False) -> QuerySet[Case]:
    """The cases with everything their API record reads (cases.api.CaseSerializer), in a fixed
    number of queries however many cases. An applicant sees the public timeline only (no
    supervision warnings, no staff assignments)."""
    events = CaseEvent.objects.select_related("actor", "department").order_by("at", "id")
    if for_applicant:
        events = events.filter(is_public=True)
    tasks = Task.objects.select_related("department", "completed_by").prefetch_related("attachments")
    return cases.select_related(
        "item", "version", "department", "site", "agent__user", "original", "delivery"
    ).prefetch_related(
        "materials",
        "notices__case",
        "suspensions",
        "extensions",
        Prefetch("tasks", queryset=tasks),
        Prefetch("events", queryset=events),
    )
