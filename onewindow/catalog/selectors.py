"""Reading the catalog: the public guide (what is in force on a date) and the staff's scoped lists.

Which version is in force is a matter of dates, not of a flag flipped at midnight: each approved
version carries the interval [effective_date, effective_until) in which it is the item's current
version, so a version approved to take effect next month, or a withdrawal scheduled for Friday,
needs no job; every page asks with `today`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property

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
from onewindow.common.recent import Recent
from onewindow.org.models import Department
from onewindow.org.selectors import access_for, site_visible_to

Status = ItemVersion.Status

#: The most terms a search query is split into (the rest is ignored).
MAX_SEARCH_TERMS = 5


def _in_force(on_date: date) -> Q:
    return Q(status=Status.APPROVED, effective_date__lte=on_date) & (
        Q(effective_until__isnull=True) | Q(effective_until__gt=on_date)
    )


def versions_in_force(*, on_date: date) -> QuerySet[ItemVersion]:
    """One row per item in force on `on_date`: its current version."""
    return ItemVersion.objects.filter(_in_force(on_date)).select_related("item__department__site")


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


def version_for_intake(*, implementation_code: str, on_date: date) -> ItemVersion | None:
    """The version in force for a window intake (the API's), with what receiving and accepting
    read of it: its materials, procedure steps and co-departments. Kept per process at the
    catalog's revision for ONEWINDOW_CATALOG_RECHECK_SECONDS (common.recent), so a busy window does
    not read the same version for every case. Shared by the threads: callers must not alter it."""

    def read() -> ItemVersion | None:
        return (
            versions_in_force(on_date=on_date)
            .filter(item__implementation_code=implementation_code)
            .prefetch_related(
                Prefetch("materials", queryset=Material.objects.order_by("sort_order", "id")),
                Prefetch(
                    "steps",
                    queryset=ProcedureStep.objects.select_related("department").order_by("sort_order", "id"),
                ),
                "co_departments",
            )
            .first()
        )

    return _recent.get(("intake", implementation_code, on_date, catalog_revision()), read)


#: What this process read of the catalog lately (common.recent); cleared by every catalog event
#: written here (CatalogConfig.ready).
_recent = Recent("ONEWINDOW_CATALOG_RECHECK_SECONDS")


def catalog_cache_clear(**_signal) -> None:
    """Forget this process's recent catalog reads (a catalog event was written)."""
    _recent.clear()


def catalog_revision() -> int:
    """The newest catalog event's id: it changes whenever anything in force may have changed
    (every approval, withdrawal and import appends an event). One primary-key lookup, asked at
    most once per ONEWINDOW_CATALOG_RECHECK_SECONDS by a process that did not change the catalog
    itself (common.recent)."""
    return _recent.get(
        ("revision",), lambda: ItemEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    )


#: How long a computed answer is kept. Keys name the catalog's revision and the day, so a
#: publication or a new day is seen at once; the timeout bounds the one case the revision can miss
#: on PostgreSQL (two publications committing out of their events' order) and frees memory.
CACHE_SECONDS = 600


def _cached(name: str, on_date: date, compute, *, revision: int | None = None):
    """What every visitor gets on a day until the catalog changes: computed once, then read from
    the cache (shared by the processes when CACHE_URL names Redis, per process otherwise)."""
    if revision is None:
        revision = catalog_revision()
    key = f"catalog:{name}:{on_date.isoformat()}:{revision}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=CACHE_SECONDS)
    return value


@dataclass(frozen=True)
class ThemeCount:
    pk: int
    name: str
    sort_order: int
    item_count: int


@dataclass(frozen=True)
class DepartmentEntry:
    """A department in the guide's list (plain values: cached and read back on every page)."""

    pk: int
    name: str
    short_name: str


def _theme_counts(on_date: date) -> dict[str, list[ThemeCount]]:
    in_force = versions_in_force(on_date=on_date).values("pk")
    counts = dict(
        ItemVersion.themes.through.objects.filter(itemversion_id__in=in_force)
        .values_list("theme_id")
        .annotate(total=Count("id"))
        .values_list("theme_id", "total")
    )
    grouped: dict[str, list[ThemeCount]] = {Audience.PEOPLE: [], Audience.COMPANIES: []}
    for pk, name, audience, sort_order in Theme.objects.order_by(
        "audience", "sort_order", "name"
    ).values_list("pk", "name", "audience", "sort_order"):
        grouped[audience].append(ThemeCount(pk, name, sort_order, counts.get(pk, 0)))
    return grouped


def _departments(on_date: date) -> list[DepartmentEntry]:
    in_force = versions_in_force(on_date=on_date).values("item__department_id")
    return [
        DepartmentEntry(*row)
        for row in Department.objects.filter(pk__in=in_force)
        .order_by("site__path", "sort_order", "name")
        .values_list("pk", "name", "short_name")
    ]


def themes_with_counts(*, on_date: date, revision: int | None = None) -> dict[str, list[ThemeCount]]:
    """Themes by audience, each with the number of items in force (`item_count`)."""
    return _cached("themes", on_date, lambda: _theme_counts(on_date), revision=revision)


def departments_in_guide(*, on_date: date, revision: int | None = None) -> list[DepartmentEntry]:
    """Departments with at least one item in force, in the hall's order."""
    return _cached("departments", on_date, lambda: _departments(on_date), revision=revision)


#: What a list of results shows (the guide, the kiosk, the API's summary): the long texts of a
#: version (legal basis, conditions, procedure, FAQ) are not read for a list.
LISTING_FIELDS = (
    "item_id",
    "name",
    "item_type",
    "case_kind",
    "promised_limit",
    "promised_unit",
    "is_online_capable",
    "visits_required",
    "item__implementation_code",
    "item__department_id",
    "item__department__name",
    "item__department__short_name",
)


def listing_rows(ids: list[int], *, on_date: date) -> list[ItemVersion]:
    """The versions `ids` (in force on `on_date`) in that order, with what a list shows: one query."""
    rows = (
        ItemVersion.objects.filter(_in_force(on_date), pk__in=ids)
        .select_related("item__department")
        .only(*LISTING_FIELDS)
    )
    by_id = {version.pk: version for version in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


class GuideResults:
    """A guide search's answer, for Django's Paginator and the API's pagination alike: its length is
    the number of matches and a slice reads just those rows (`listing_rows`). The matching ids, in
    the guide's order, come from one narrow query, cached per catalog revision and day, so neither
    a COUNT over the result nor the search itself is run again for the next page or visitor."""

    def __init__(self, ids: list[int], *, on_date: date, revision: int):
        self.ids = ids
        self.on_date = on_date
        #: The catalog revision the answer was read at (what a cached rendering of it is keyed by).
        self.revision = revision

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return ListingRows(self.ids[index], on_date=self.on_date)
        return listing_rows([self.ids[index]], on_date=self.on_date)[0]


class ListingRows:
    """A slice of GuideResults, read on first use: a page whose rendering is cached reads nothing."""

    def __init__(self, ids: list[int], *, on_date: date):
        self.ids = ids
        self.on_date = on_date
        self._rows: list[ItemVersion] | None = None

    def _fetch(self) -> list[ItemVersion]:
        if self._rows is None:
            self._rows = listing_rows(self.ids, on_date=self.on_date)
        return self._rows

    def __iter__(self):
        return iter(self._fetch())

    def __len__(self) -> int:
        return len(self._fetch())

    def __getitem__(self, index):
        return self._fetch()[index]


def guide_results(
    *,
    on_date: date,
    query: str = "",
    department_id: int | None = None,
    theme_id: int | None = None,
    item_type: str = "",
    audience: str = "",
    revision: int | None = None,
) -> GuideResults:
    """`guide_search`'s answer as GuideResults: the same items in the same order."""
    filters = {
        "query": " ".join(search_terms(query)),
        "department_id": department_id,
        "theme_id": theme_id,
        "item_type": item_type,
        "audience": audience,
    }
    if revision is None:
        revision = catalog_revision()
    # Any query a visitor types is a key: hashed, so every cache backend takes it.
    digest = hashlib.sha256(json.dumps(filters, sort_keys=True).encode()).hexdigest()[:32]
    ids = _cached(
        f"guide:{digest}",
        on_date,
        lambda: list(guide_search(on_date=on_date, **filters).values_list("pk", flat=True)),
        revision=revision,
    )
    return GuideResults(ids, on_date=on_date, revision=revision)


class GuideBrowse:
    """A guide page's data, read at one catalog revision (one query for it): the results of the
    filters (see guide_search) and the browse lists, each read on first use (mostly from the cache),
    so a page whose rendering is cached under `revision` and `on_date` reads none of them."""

    def __init__(self, *, on_date: date, revision: int, filters: dict):
        self.on_date = on_date
        self.revision = revision
        self.filters = filters

    @cached_property
    def results(self) -> GuideResults:
        return guide_results(on_date=self.on_date, revision=self.revision, **self.filters)

    @cached_property
    def themes(self) -> dict[str, list[ThemeCount]]:
        return themes_with_counts(on_date=self.on_date, revision=self.revision)

    @cached_property
    def departments(self) -> list[DepartmentEntry]:
        return departments_in_guide(on_date=self.on_date, revision=self.revision)


def guide_browse(*, on_date: date, **filters) -> GuideBrowse:
    """A guide or kiosk page's data for `filters` (guide_search's keyword arguments)."""
    return GuideBrowse(on_date=on_date, revision=catalog_revision(), filters=filters)


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
