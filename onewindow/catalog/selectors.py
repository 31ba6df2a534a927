"""Reading the catalog: the public guide (what is in force on a date) and the staff's scoped lists.

Which version is in force is a matter of dates, not of a flag flipped at midnight: each approved
version carries the interval [effective_date, effective_until) in which it is the item's current
version, so a version approved to take effect next month, or a withdrawal scheduled for Friday,
needs no job; every page asks with `today`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from onewindow.catalog.models import (
    OPEN_STATUSES,
    Audience,
    Item,
    ItemEvent,
    ItemVersion,
    Material,
    ProcedureStep,
    Theme,
)
from onewindow.org.models import Department
from onewindow.org.selectors import access_for, site_visible_to

Status = ItemVersion.Status

#: The most terms a search query is split into (the rest is ignored).
MAX_SEARCH_TERMS = 5


def versions_in_force(*, on_date: date) -> QuerySet[ItemVersion]:
    """One row per item in force on `on_date`: its current version."""
    return (
        ItemVersion.objects.filter(status=Status.APPROVED, effective_date__lte=on_date)
        .filter(Q(effective_until__isnull=True) | Q(effective_until__gt=on_date))
        .select_related("item__department__site")
    )


def search_terms(query: str) -> list[str]:
    return [term for term in query.lower().replace("，", " ").replace(",", " ").split() if term][
        :MAX_SEARCH_TERMS
    ]


def guide_search(
    *,
    on_date: date,
    query: str = "",
    department_id: int | None = None,
    theme_id: int | None = None,
    item_type: str = "",
    audience: str = "",
) -> QuerySet[ItemVersion]:
    """The guide's list: items in force, narrowed by the filters; a query matches any part of the
    name, keywords, result, department or theme (every term must match). Items whose name
    contains the query come first."""
    versions = versions_in_force(on_date=on_date)
    terms = search_terms(query)
    for term in terms:
        versions = versions.filter(search_text__contains=term)
    if department_id:
        versions = versions.filter(item__department_id=department_id)
    if theme_id:
        versions = versions.filter(themes=theme_id)
    if item_type:
        versions = versions.filter(item_type=item_type)
    if audience == Audience.PEOPLE:
        versions = versions.filter(is_for_people=True)
    elif audience == Audience.COMPANIES:
        versions = versions.filter(is_for_companies=True)
    ordering = ["item__department__sort_order", "item__department__name", "name"]
    if terms:
        whole = "".join(terms)
        versions = versions.annotate(
            rank=Case(
                When(name=whole, then=Value(0)),
                When(name__startswith=whole, then=Value(1)),
                When(name__contains=whole, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        ordering = ["rank", *ordering]
    return versions.order_by(*ordering)


def with_details(versions: QuerySet[ItemVersion]) -> QuerySet[ItemVersion]:
    """Everything the item page and the printed guide show, in a fixed number of queries."""
    return versions.select_related("item__department__site", "created_by", "approved_by").prefetch_related(
        "co_departments",
        "themes",
        Prefetch("materials", queryset=Material.objects.order_by("sort_order", "id")),
        "fee_items",
        Prefetch(
            "steps", queryset=ProcedureStep.objects.select_related("department").order_by("sort_order", "id")
        ),
    )


def version_in_force(*, implementation_code: str, on_date: date) -> ItemVersion | None:
    return (
        with_details(versions_in_force(on_date=on_date))
        .filter(item__implementation_code=implementation_code)
        .first()
    )


def catalog_revision() -> int:
    """The newest catalog event's id: it changes whenever anything in force may have changed
    (every approval, withdrawal and import appends an event). One primary-key lookup."""
    return ItemEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def _cached(name: str, on_date: date, compute):
    """Browse facets are the same for every visitor on a day until the catalog changes."""
    key = f"catalog:{name}:{on_date.isoformat()}:{catalog_revision()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=24 * 3600)
    return value


@dataclass(frozen=True)
class ThemeCount:
    pk: int
    name: str
    sort_order: int
    item_count: int


def themes_with_counts(*, on_date: date) -> dict[str, list[ThemeCount]]:
    """Themes by audience, each with the number of items in force (`item_count`)."""

    def compute():
        in_force = versions_in_force(on_date=on_date).values("pk")
        counts = dict(
            ItemVersion.themes.through.objects.filter(itemversion_id__in=in_force)
            .values_list("theme_id")
            .annotate(total=Count("id"))
            .values_list("theme_id", "total")
        )
        grouped: dict[str, list[ThemeCount]] = {Audience.PEOPLE: [], Audience.COMPANIES: []}
        for theme in Theme.objects.order_by("audience", "sort_order", "name"):
            grouped[theme.audience].append(
                ThemeCount(theme.pk, theme.name, theme.sort_order, counts.get(theme.pk, 0))
            )
        return grouped

    return _cached("themes", on_date, compute)


def departments_in_guide(*, on_date: date) -> list[Department]:
    """Departments with at least one item in force, in the hall's order."""

    def compute():
        in_force = versions_in_force(on_date=on_date).values("item__department_id")
        return list(
            Department.objects.filter(pk__in=in_force)
            .select_related("site")
            .order_by("site__path", "sort_order", "name")
        )

    return _cached("departments", on_date, compute)


# Staff side ---------------------------------------------------------------------------------


def item_visible_to(user) -> QuerySet[Item]:
    """Items a staff member sees in the console: their department's (department staff), or
    their site's and those below (the office)."""
    access = access_for(user)
    items = Item.objects.select_related("department__site")
    if access.scope == "all":
        return items
    if access.scope == "department":
        return items.filter(department_id=access.staff.department_id)
    if access.scope in ("subtree", "site"):
        return items.filter(department__site__in=site_visible_to(user))
    return items.none()


def items_with_state(items: QuerySet[Item], *, on_date: date) -> QuerySet[Item]:
    """Annotate each item with its current (in force) and open (draft/submitted/returned) version numbers."""
    in_force = versions_in_force(on_date=on_date).filter(item=OuterRef("pk"))
    open_versions = ItemVersion.objects.filter(item=OuterRef("pk"), status__in=OPEN_STATUSES)
    latest = ItemVersion.objects.filter(item=OuterRef("pk")).order_by("-number")
    return items.annotate(
        current_number=Subquery(in_force.values("number")[:1]),
        open_number=Subquery(open_versions.values("number")[:1]),
        open_status=Subquery(open_versions.values("status")[:1]),
        latest_name=Subquery(latest.values("name")[:1]),
    )


def versions_awaiting_review(user) -> QuerySet[ItemVersion]:
    """Submitted versions the user (an office member) may approve."""
    return (
        ItemVersion.objects.filter(status=Status.SUBMITTED, item__in=item_visible_to(user))
        .select_related("item__department", "submitted_by")
        .order_by("updated_at")
    )
