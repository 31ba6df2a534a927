"""The hall's figures over any period, as the seeds define them (../shared/DOMAIN.md §9), summed
from the roll-up (models.CaseFigure): a year of a province is a few hundred thousand rows, not
the tens of millions of cases.

- completion rate = completed ÷ accepted; immediate share = immediate completed ÷ completed;
- early-completion rate = promised cases finished before their promised date ÷ promised cases
  finished; on-time rate = finished on or before the due date ÷ finished; overdue (finished) =
  finished after the due date;
- per working day = accepted ÷ working days in the period; speed-up (提速率) = 1 − working days
  used ÷ statutory working days (suspensions excluded from the days used);
- online rate = online applications ÷ applications received; correction rate = correction
  notices ÷ applications received.

A rate with nothing to divide by is None (shown as "—"), never 0% or 100%."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from onewindow.cases.models import Channel
from onewindow.catalog.models import ItemVersion
from onewindow.org.selectors import access_for, site_visible_to
from onewindow.stats.models import CaseFigure, CaseMonthFigure
from onewindow.stats.services import COUNTERS, next_month
from onewindow.workcalendar.selectors import working_calendar

#: What a figure may be broken down by: the column(s) of the roll-up it groups on.
DIMENSIONS = {
    "site": ("site_id", "site__name"),
    "department": ("department_id", "department__name"),
    "item": ("item_id", "item__implementation_code"),
    "channel": ("channel",),
    "day": ("day",),
    "month": ("month",),
}


def rate(part: int, whole: int) -> Decimal | None:
    """part ÷ whole as a percentage with two decimals (99.75), or None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Figures:
    """The counts of a period (and of one group when broken down) and the rates derived from
    them."""

    counts: dict[str, int]
    working_days: int
    online_received: int = 0
    group: dict = field(default_factory=dict)

    def __getattr__(self, name: str) -> int:
        counts = self.__dict__.get("counts", {})
        if name in counts:
            return counts[name]
        raise AttributeError(name)

    @property
    def completion_rate(self) -> Decimal | None:
        return rate(self.completed, self.accepted)

    @property
    def immediate_share(self) -> Decimal | None:
        return rate(self.completed_immediate, self.completed)

    @property
    def early_rate(self) -> Decimal | None:
        return rate(self.completed_early, self.completed_promised)

    @property
    def on_time_rate(self) -> Decimal | None:
        return rate(self.completed_on_time, self.completed)

    @property
    def overdue_completed(self) -> int:
        return self.completed - self.completed_on_time

    @property
    def per_working_day(self) -> Decimal | None:
        if not self.working_days:
            return None
        return (Decimal(self.accepted) / self.working_days).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def speed_up_rate(self) -> Decimal | None:
        if not self.days_statutory:
            return None
        return Decimal(100) - rate(self.days_used, self.days_statutory)

    @property
    def online_rate(self) -> Decimal | None:
        return rate(self.online_received, self.received)

    @property
    def correction_rate(self) -> Decimal | None:
        return rate(self.correction_notices, self.received)


def _narrowed(rows, *, sites=None, departments=None, items=None, channels=None):
    if sites is not None:
        rows = rows.filter(site_id__in=sites)
    if departments is not None:
        rows = rows.filter(department_id__in=departments)
    if items is not None:
        rows = rows.filter(item_id__in=items)
    if channels is not None:
        rows = rows.filter(channel__in=channels)
    return rows


def pieces(first: date, last: date) -> tuple[list[tuple[date, date]], tuple[date, date] | None]:
    """The period as the day ranges at its ends and the whole months between them (first days
    of the first and of the month after the last), so that a year reads twelve months' rows."""
    start = first if first.day == 1 else next_month(first)
    after = next_month(last)
    end = after if after - timedelta(days=1) == last else last.replace(day=1)
    if start >= end:
        return [(first, last)], None
    days = []
    if first < start:
        days.append((first, start - timedelta(days=1)))
    if end <= last:
        days.append((end, last))
    return days, (start, end)


def _sums(rows: QuerySet, *, group: tuple[str, ...], daily: bool) -> list[dict]:
    sums = {f"sum_{name}": Sum(name) for name in COUNTERS}
    online = Sum("received", filter=Q(channel=Channel.ONLINE))
    if not group:
        return [rows.aggregate(**sums, online_received=online)]
    if "month" in group and daily:
        rows = rows.annotate(month=TruncMonth("day"))
    return list(rows.order_by().values(*group).annotate(**sums, online_received=online))


def _summed(first: date, last: date, *, group: tuple[str, ...], **filters) -> list[dict]:
    """The counts of the period per group: whole months from the months' rows, the days at the
    ends (and every day when grouping by day) from the days' rows."""
    days, months = ([(first, last)], None) if "day" in group else pieces(first, last)
    parts = [
        _sums(
            _narrowed(CaseFigure.objects.filter(day__gte=start, day__lte=end), **filters),
            group=group,
            daily=True,
        )
        for start, end in days
    ]
    if months is not None:
        rows = CaseMonthFigure.objects.filter(month__gte=months[0], month__lt=months[1])
        parts.append(_sums(_narrowed(rows, **filters), group=group, daily=False))
    merged: dict[tuple, dict] = {}
    names = [f"sum_{name}" for name in COUNTERS] + ["online_received"]
    for part in parts:
        for row in part:
            key = tuple(row[name] for name in group)
            total = merged.setdefault(key, {**{name: row[name] for name in group}, **dict.fromkeys(names, 0)})
            for name in names:
                total[name] += row[name] or 0
    if not group and not merged:
        return [dict.fromkeys(names, 0)]
    return [merged[key] for key in sorted(merged, key=lambda key: tuple(str(part) for part in key))]


def figures(*, first: date, last: date, by: str | None = None, **filters) -> list[Figures]:
    """The figures of the period: one Figures for the whole when `by` is None, else one per
    group of DIMENSIONS[by]. Raises KeyError for an unknown dimension."""
    group = DIMENSIONS[by] if by else ()
    working_days = working_calendar().between(first - timedelta(days=1), last)
    return [
        Figures(
            counts={name: row[f"sum_{name}"] for name in COUNTERS},
            working_days=working_days,
            online_received=row["online_received"],
            group={name: row[name] for name in group},
        )
        for row in _summed(first, last, group=group, **filters)
    ]


def period_figures(*, first: date, last: date, **filters) -> Figures:
    """The whole period's figures (one Figures)."""
    return figures(first=first, last=last, **filters)[0]


def scope_of(user, data: dict) -> dict:
    """The filters for selectors.figures: the chosen site and the sites under it, else every site
    the user may see (no filter for a user who sees all); the chosen department."""
    scope: dict = {}
    site = data.get("site")
    if site is not None:
        scope["sites"] = list(
            site_visible_to(user).filter(path__startswith=site.path).values_list("pk", flat=True)
        )
    elif access_for(user).scope != "all":
        scope["sites"] = list(site_visible_to(user).values_list("pk", flat=True))
    if data.get("department") is not None:
        scope["departments"] = [data["department"].pk]
    return scope


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def compared(first: date, last: date, **scope) -> dict:
    """The period, the period of the same length just before it, and the same dates a year earlier."""
    length = (last - first).days + 1
    before_last = first - timedelta(days=1)
    return {
        "now": period_figures(first=first, last=last, **scope),
        "previous": period_figures(first=before_last - timedelta(days=length - 1), last=before_last, **scope),
        "last_year": period_figures(first=_year_before(first), last=_year_before(last), **scope),
    }


def labelled_rows(rows: list[Figures], *, by: str) -> list[dict]:
    """Each group's figures with the label people read: a site's or department's name, an item's
    code and current name, a channel's name, 2026年11月, a date."""
    names: dict = {}
    if by == "item":
        ids = [row.group["item_id"] for row in rows]
        for version in ItemVersion.objects.filter(item_id__in=ids).order_by("item_id", "number"):
            names[version.item_id] = version.name  # the newest version's name last
    labelled = []
    for row in rows:
        group = row.group
        if by == "site":
            label = group["site__name"]
        elif by == "department":
            label = group["department__name"]
        elif by == "item":
            label = f"{names.get(group['item_id'], '')}（{group['item__implementation_code']}）"
        elif by == "channel":
            label = (
                str(Channel(group["channel"]).label)
                if group["channel"] in Channel.values
                else group["channel"]
            )
        elif by == "month":
            label = _("%(year)s年%(month)s月") % {"year": group["month"].year, "month": group["month"].month}
        else:
            label = group["day"].isoformat()
        labelled.append({"label": label, "figures": row})
    if by not in ("month", "day"):  # the biggest first; periods in their order
        labelled.sort(key=lambda entry: (-entry["figures"].accepted, entry["label"]))
    return labelled
