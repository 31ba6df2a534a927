"""Keyset pagination: pages of N rows ordered on a unique key, continued by an opaque cursor.

A page is an index range, whatever page it is: each query asks for the rows *after* the last one
shown (`WHERE key < last ORDER BY key LIMIT n + 1`), never for an OFFSET the database must count
through. The ordering is a tuple of field names ending in a unique one ("-received_at", "-id")
or ("promised_due_date", "id"); every field of it must be NOT NULL on the rows listed.

A permission scope that is an OR ("my site's cases OR the cases I am agent for") defeats the
indexes: the database cannot walk two indexes in one order. So a list takes *arms*, one queryset
per index-friendly scope; each arm gives its own next n + 1 rows after the cursor off its own
index, and the page is their merge, deduplicated by id, cut to n. Any row of the true next page
is among the first n of its arm, so the merge is exact. On PostgreSQL the arms go in one
statement (UNION ALL of parenthesised, ordered, limited SELECTs of the key columns); SQLite
refuses ORDER BY/LIMIT inside a compound statement, so there each arm is its own query. The full
rows are then read by id.

A list in several parts one after another (the lights: cases in handling, then cases awaiting
delivery) is a `Part` sequence: the cursor names the part it stopped in.

The cursor is signed (django.core.signing, salted with the list's name and ordering): a cursor
altered, truncated or taken from another list raises BadCursor, a 400 with code "bad_cursor"
(common.api.exception_handler; pages catch it themselves).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core import signing
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from onewindow.common.api import DomainError

#: A cursor longer than this is not one of ours (keys are a few dates and ids).
MAXIMUM_CURSOR_LENGTH = 400


class BadCursor(DomainError):
    code = "bad_cursor"

    def __init__(self, message: str | None = None):
        super().__init__(message or str(gettext_lazy("翻页游标无效或已过期：请从第一页重新开始。")))


@dataclass(frozen=True)
class Part:
    """One stretch of a list: its arms (querysets whose union is the stretch) and its ordering."""

    arms: Sequence[QuerySet]
    ordering: tuple[str, ...]
    #: Where the full rows are read from (with their select_related); the first arm's model's
    #: default manager when None. Only used when there are several arms.
    rows: QuerySet | None = None


@dataclass
class Page:
    rows: list = field(default_factory=list)
    #: The cursor of the next page; None on the last page.
    next_cursor: str | None = None


def paginate(
    arms: Sequence[QuerySet] | QuerySet,
    *,
    ordering: Sequence[str],
    cursor: str | None,
    limit: int,
    name: str,
    rows: QuerySet | None = None,
) -> Page:
    """The page of `limit` rows after `cursor` (the first page when None or "") of the union of
    `arms`, ordered by `ordering`. `name` tells lists apart (a cursor of one is refused by
    another). Raises BadCursor."""
    if isinstance(arms, QuerySet):
        arms = [arms]
    return paginate_parts(
        [Part(arms=arms, ordering=tuple(ordering), rows=rows)], cursor=cursor, limit=limit, name=name
    )


def paginate_parts(parts: Sequence[Part], *, cursor: str | None, limit: int, name: str) -> Page:
    """Like `paginate`, over parts listed one after another. Raises BadCursor."""
    salt = _salt(name, parts)
    index, after = decode_cursor(cursor, salt=salt, parts=parts) if cursor else (0, None)
    page = Page()
    while index < len(parts) and len(page.rows) < limit:
        part = parts[index]
        wanted = limit - len(page.rows)
        rows, has_more = _part_page(part, after=after, limit=wanted)
        page.rows.extend(rows)
        if has_more:
            page.next_cursor = encode_cursor(index, key_values(rows[-1], part.ordering), salt=salt)
            return page
        index, after = index + 1, None
    if len(page.rows) == limit and index < len(parts) and any(_part_exists(part) for part in parts[index:]):
        page.next_cursor = encode_cursor(index, None, salt=salt)
    return page


def _part_exists(part: Part) -> bool:
    return any(arm.exists() for arm in part.arms)


def _part_page(part: Part, *, after: list | None, limit: int) -> tuple[list, bool]:
    """The first `limit` rows of the part after `after`, and whether more follow."""
    arms = [arm.filter(after_filter(part.ordering, after)) if after else arm for arm in part.arms]
    if len(arms) == 1:
        found = list(arms[0].order_by(*part.ordering)[: limit + 1])
        return found[:limit], len(found) > limit
    keys = _merged_keys(arms, part.ordering, limit)
    page_ids = [key[-1] for key in keys[:limit]]
    source = part.rows if part.rows is not None else arms[0].model._default_manager.all()
    by_id = source.in_bulk(page_ids)
    return [by_id[pk] for pk in page_ids if pk in by_id], len(keys) > limit


def _merged_keys(arms: Sequence[QuerySet], ordering: tuple[str, ...], limit: int) -> list[tuple]:
    """The first limit + 1 distinct key tuples (ordering values, the unique one last) of the arms."""
    names = [_field(term) for term in ordering]
    selects = [arm.order_by(*ordering).values_list(*names)[: limit + 1] for arm in arms]
    connection = connections[arms[0].db]
    if connection.features.supports_slicing_ordering_in_compound:
        found = list(selects[0].union(*selects[1:], all=True))
    else:
        found = [row for select in selects for row in select]
    unique = {row[-1]: row for row in found}
    return sorted(unique.values(), key=_sort_key(ordering))[: limit + 1]


def _sort_key(ordering: tuple[str, ...]):
    descending = [term.startswith("-") for term in ordering]

    def key(row):
        return tuple(_Reversed(value) if down else value for value, down in zip(row, descending, strict=True))

    return key


class _Reversed:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other):
        return other.value < self.value

    def __eq__(self, other):
        return self.value == other.value

    def __hash__(self):
        return hash(self.value)


def after_filter(ordering: Sequence[str], values: Sequence) -> Q:
    """Rows strictly after the row whose ordering values are `values`. The leading field also
    gets a plain bound (`a <= x` for descending), so the database starts its index walk at the
    cursor instead of filtering every row before it."""
    terms = [(_field(term), term.startswith("-")) for term in ordering]
    alternatives = Q()
    for position, (name, descending) in enumerate(terms):
        step = Q(**{f"{name}__{'lt' if descending else 'gt'}": values[position]})
        for previous in range(position):
            step &= Q(**{terms[previous][0]: values[previous]})
        alternatives |= step
    leading, descending = terms[0]
    return Q(**{f"{leading}__{'lte' if descending else 'gte'}": values[0]}) & alternatives


def key_values(row, ordering: Sequence[str]) -> list:
    return [getattr(row, _attribute(_field(term))) for term in ordering]


def _field(term: str) -> str:
    return term.removeprefix("-")


def _attribute(name: str) -> str:
    return "pk" if name == "pk" else name


def _salt(name: str, parts: Sequence[Part]) -> str:
    return "keyset:" + name + ":" + "|".join(",".join(part.ordering) for part in parts)


# The cursor: [part, [values]], each value tagged with its type, signed -------------------------


def encode_cursor(index: int, values: Sequence | None, *, salt: str) -> str:
    payload = [index, None if values is None else [_encode_value(value) for value in values]]
    return signing.dumps(payload, salt=salt, compress=True)


def decode_cursor(cursor: str, *, salt: str, parts: Sequence[Part]) -> tuple[int, list | None]:
    """The part index and key values of `cursor`. Raises BadCursor."""
    if len(cursor) > MAXIMUM_CURSOR_LENGTH:
        raise BadCursor
    try:
        index, values = signing.loads(cursor, salt=salt)
        if not isinstance(index, int) or not 0 <= index < len(parts):
            raise BadCursor
        if values is None:
            return index, None
        if not isinstance(values, list) or len(values) != len(parts[index].ordering):
            raise BadCursor
        return index, [_decode_value(value) for value in values]
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        raise BadCursor from None


def _encode_value(value) -> list:
    if isinstance(value, datetime.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat()]
    if isinstance(value, Decimal):
        return ["n", str(value)]
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"keyset: cannot put {type(value).__name__} in a cursor")
    return ["i" if isinstance(value, int) else "s", value]


def _decode_value(tagged):
    kind, value = tagged
    if kind == "t":
        return datetime.datetime.fromisoformat(value)
    if kind == "d":
        return datetime.date.fromisoformat(value)
    if kind == "n":
        return Decimal(value)
    if kind == "i" and isinstance(value, int):
        return value
    if kind == "s" and isinstance(value, str):
        return value
    raise ValueError(kind)
