"""Reading supervision: the rules in force at a site, the cases whose clock newly lit (not yet
warned), and the supervision records a user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from onewindow.cases.models import RUNNING_TASK_STATUSES, Case, CaseStatus, Task
from onewindow.cases.selectors import case_visible_to, lit_counts_for, lit_in_handling
from onewindow.org.models import Role, Site
from onewindow.org.selectors import access_for
from onewindow.supervision.models import Clock, Finding, Light, LightWarning, Order, Policy, PushEvent, Record


@dataclass(frozen=True)
class Rules:
    """The supervision rules in force at a site (Policy, or the defaults)."""

    warn_on_yellow: bool = True
    warn_on_red: bool = True
    record_on_red: bool = True
    explain_working_days: int = 2
    disabled_checks: frozenset[str] = frozenset()
    source_site_id: int | None = None  # the site whose Policy this is; None: the defaults


DEFAULT_RULES = Rules()


def rules_for(site: Site, *, policies: dict[str, Policy] | None = None) -> Rules:
    """The rules of the nearest site at or above `site` that keeps its own (the defaults when none
    does). `policies` (by site path), when given, saves the query in a loop over many sites."""
    if policies is None:
        policies = {
            policy.site.path: policy
            for policy in Policy.objects.filter(site__path__in=site.lineage_paths).select_related("site")
        }
    for path in site.lineage_paths:
        policy = policies.get(path)
        if policy is not None:
            return Rules(
                warn_on_yellow=policy.warn_on_yellow,
                warn_on_red=policy.warn_on_red,
                record_on_red=policy.record_on_red,
                explain_working_days=policy.explain_working_days,
                disabled_checks=frozenset(policy.disabled_checks or ()),
                source_site_id=policy.site_id,
            )
    return DEFAULT_RULES


def all_policies() -> dict[str, Policy]:
    """Every site's own rules, by site path (a handful of rows: one per site that keeps rules)."""
    return {policy.site.path: policy for policy in Policy.objects.select_related("site")}


#: Each clock's status and due-date column.
CLOCK_COLUMNS = {
    Clock.HANDLING: (CaseStatus.ACCEPTED, "promised_due_date"),
    Clock.DELIVERY: (CaseStatus.COMPLETED, "delivery_due_date"),
}


def newly_lit(*, clock: str, light: str, today: date, until: date) -> QuerySet[Case]:
    """Cases whose `clock` shows `light` today and whose people were not yet warned for that light
    and due date, oldest due first: a range on the (status, due date, id) index, each case then
    probed on the warnings' unique index (the red ones stay red until decided, and each sweep
    looks at them again). `until` is the first day that is still green (clocks.yellow_until)."""
    status, column = CLOCK_COLUMNS[clock]
    lit = (
        {f"{column}__lt": today} if light == Light.RED else {f"{column}__gte": today, f"{column}__lt": until}
    )
    warned = LightWarning.objects.filter(
        case=OuterRef("pk"), clock=clock, light=light, due_date=OuterRef(column)
    ).filter(**{key.replace(column, "due_date"): value for key, value in lit.items()})  # the same range
    return Case.objects.filter(status=status, **lit).filter(~Exists(warned)).order_by(column, "id")


def _answers_for_department(access) -> bool:
    """A chief representative or reviewer answers for their department's records and orders,
    whatever else they are (a chief representative often also sits at a window)."""
    return (
        access.staff is not None
        and access.staff.department_id is not None
        and access.has_role(Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_REVIEWER)
    )


def _in_reach(rows: QuerySet, access, *, department_field: str | None = None) -> QuerySet:
    """`rows` (each with a `site`) an administrator, or the office and sections at their site and
    below, may see; with `department_field`, a chief representative or reviewer sees their
    department's; anyone else nothing."""
    if access.scope == "all":
        return rows
    if access.scope == "subtree":
        return rows.filter(site__path__startswith=access.staff.site.path)
    if department_field and _answers_for_department(access):
        return rows.filter(**{department_field: access.staff.department_id})
    return rows.none()


def records_visible_to(user) -> QuerySet[Record]:
    """The office and sections: records of their site and below; chief representatives and
    reviewers: their department's; administrators: all; anyone else: none."""
    records = Record.objects.select_related("case", "department", "site")
    return _in_reach(records, access_for(user), department_field="department_id")


def open_records(records: QuerySet[Record]) -> QuerySet[Record]:
    """Not yet closed, soonest explanation due first (the partial index of open records)."""
    return records.filter(~Q(status=Record.Status.CLOSED)).order_by("explain_due_date", "id")


def orders_visible_to(user) -> QuerySet[Order]:
    """The office and sections: orders issued at their site and below; chief representatives and
    reviewers: those sent to their department; administrators: all; anyone else: none."""
    orders = Order.objects.select_related("department", "site", "case__version", "record", "issued_by__user")
    return _in_reach(orders, access_for(user), department_field="department_id")


def order_light(order: Order, *, today: date) -> str:
    """An order's colour on the board: green once accepted; red when unanswered past its deadline;
    yellow when a reply awaits review or the deadline is today; green otherwise."""
    if order.status == Order.Status.ACCEPTED:
        return "green"
    if order.status == Order.Status.ISSUED and order.reply_due_date < today:
        return "red"
    if order.status == Order.Status.REPLIED or order.reply_due_date == today:
        return "yellow"
    return "green"


# The board ----------------------------------------------------------------------------------------


def _lit_in_handling(user, *, today: date, warning_days: int) -> QuerySet[Case]:
    return lit_in_handling(case_visible_to(user), today=today, warning_days=warning_days)


def lit_for_board(user, *, today: date, warning_days: int, light: str, department=None) -> QuerySet[Case]:
    """The board's drill-down: cases in handling at the user's reach that are `light` ("red":
    past the promised date; "yellow": due within the warning window), of one department if given,
    soonest due (oldest red) first: a range on the (status, promised due date, id) index."""
    cases = _lit_in_handling(user, today=today, warning_days=warning_days)
    cases = (
        cases.filter(promised_due_date__lt=today)
        if light == "red"
        else cases.filter(promised_due_date__gte=today)
    )
    if department is not None:
        cases = cases.filter(department=department)
    return cases.select_related("version", "department", "agent__user")


def board(user, *, today: date, warning_days: int) -> dict:
    """What the supervision board shows at the user's reach: counts by light, by department, by
    item and by step (each count over the lit range only: 1–5 % of the open cases), the oldest red
    cases, open records and orders by deadline."""
    lit = _lit_in_handling(user, today=today, warning_days=warning_days)
    red, yellow = Q(promised_due_date__lt=today), Q(promised_due_date__gte=today)
    by_department = list(
        lit.order_by()
        .values("department_id", "department__name")
        .annotate(red=Count("id", filter=red), yellow=Count("id", filter=yellow))
        .order_by("-red", "-yellow", "department__name")
    )
    by_item = list(
        lit.filter(red)
        .order_by()
        .values("version__name")
        .annotate(red=Count("id"))
        .order_by("-red", "version__name")[:8]
    )
    steps = list(
        Task.objects.filter(
            status__in=RUNNING_TASK_STATUSES,
            due_date__lt=today,
            case__status=CaseStatus.ACCEPTED,
            case__in=case_visible_to(user).values("pk"),
        )
        .order_by()
        .values("name", "department__name")
        .annotate(overdue=Count("id"))
        .order_by("-overdue", "name")[:8]
    )
    oldest_red = list(
        lit.filter(red)
        .select_related("version", "department", "agent__user")
        .order_by("promised_due_date", "id")[:12]
    )
    for case in oldest_red:
        case.light = "red"
    records = records_visible_to(user)
    orders = orders_visible_to(user).exclude(status=Order.Status.ACCEPTED).order_by("reply_due_date", "id")
    open_orders = list(orders[:12])
    for order in open_orders:
        order.light = order_light(order, today=today)
    counts = lit_counts_for(user, today=today, warning_days=warning_days)
    return {
        "today": today,
        "counts": counts,
        "by_department": by_department,
        "by_item": by_item,
        "steps": steps,
        "oldest_red": oldest_red,
        "open_records": list(open_records(records)[:12]),
        "open_record_count": open_records(records).count(),
        "open_orders": open_orders,
        "overdue_order_count": orders.filter(status=Order.Status.ISSUED, reply_due_date__lt=today).count(),
    }


def department_board(user, *, today: date, warning_days: int) -> dict:
    """A department's own supervision in the desk: its lit cases, records to explain, orders to
    answer (the scope of a chief representative or reviewer is the department)."""
    access = access_for(user)
    department_id = access.staff.department_id if access.staff else None
    lit = _lit_in_handling(user, today=today, warning_days=warning_days).filter(department_id=department_id)
    cases = list(
        lit.select_related("version", "department", "agent__user").order_by("promised_due_date", "id")[:50]
    )
    for case in cases:
        case.light = "red" if case.promised_due_date < today else "yellow"
    orders = list(
        orders_visible_to(user).exclude(status=Order.Status.ACCEPTED).order_by("reply_due_date", "id")[:50]
    )
    for order in orders:
        order.light = order_light(order, today=today)
    return {
        "today": today,
        "cases": cases,
        "records": list(open_records(records_visible_to(user))[:50]),
        "orders": orders,
    }


def push_events_visible_to(user) -> QuerySet[PushEvent]:
    """The events for the efficiency supervision center of the user's site and below (the office
    and sections), all for an administrator, none for anyone else; newest first."""
    events = PushEvent.objects.select_related("site").order_by("-created_at", "-id")
    return _in_reach(events, access_for(user))


def findings_visible_to(user) -> QuerySet[Finding]:
    """Accountability findings: the office and sections of their site and below; a chief
    representative or reviewer those against the department or its staff; anyone else on the staff
    their own; newest first."""
    access = access_for(user)
    findings = Finding.objects.select_related("staff__user", "window", "department", "site", "case").order_by(
        "-recorded_at", "-id"
    )
    if access.scope in ("all", "subtree") or access.staff is None:
        return _in_reach(findings, access)
    if _answers_for_department(access):
        department = access.staff.department_id
        return findings.filter(
            Q(department_id=department) | Q(staff__department_id=department) | Q(staff=access.staff)
        )
    return findings.filter(staff=access.staff)
