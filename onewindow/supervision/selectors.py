"""Reading supervision: the rules in force at a site, the cases whose clock newly lit (not yet
warned), and the supervision records a user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from onewindow.cases.models import Case, CaseStatus
from onewindow.org.models import Site
from onewindow.org.selectors import access_for
from onewindow.supervision.models import Clock, Light, LightWarning, Order, Policy, Record


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
    )
    return Case.objects.filter(status=status, **lit).filter(~Exists(warned)).order_by(column, "id")


def records_visible_to(user) -> QuerySet[Record]:
    """The office and sections: records of their site and below; chief representatives and
    reviewers: their department's; administrators: all; anyone else: none."""
    access = access_for(user)
    records = Record.objects.select_related("case", "department", "site")
    if access.scope == "all":
        return records
    if access.scope == "subtree":
        return records.filter(site__path__startswith=access.staff.site.path)
    if access.scope == "department":
        return records.filter(department_id=access.staff.department_id)
    return records.none()


def open_records(records: QuerySet[Record]) -> QuerySet[Record]:
    """Not yet closed, soonest explanation due first (the partial index of open records)."""
    return records.filter(~Q(status=Record.Status.CLOSED)).order_by("explain_due_date", "id")


def orders_visible_to(user) -> QuerySet[Order]:
    """The office and sections: orders issued at their site and below; chief representatives and
    reviewers: those sent to their department; administrators: all; anyone else: none."""
    access = access_for(user)
    orders = Order.objects.select_related("department", "site", "case__version", "record", "issued_by__user")
    if access.scope == "all":
        return orders
    if access.scope == "subtree":
        return orders.filter(site__path__startswith=access.staff.site.path)
    if access.scope == "department":
        return orders.filter(department_id=access.staff.department_id)
    return orders.none()


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
