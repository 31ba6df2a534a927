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
  notices ÷ applications received;
- overdue = finished after the due date, plus the cases open past their promised date at the end
  of the period's last day (a point in time, read from that day's rows, never summed);
- satisfaction = counted ratings that are not bad ÷ counted ratings (the ratings' own roll-up,
  models.RatingFigure: by site, department, window and staff member, not by item or channel);
- fees collected = payments confirmed on the period's days, less the refunds approved on them.

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
from onewindow.org.models import Site, Staff, Window
from onewindow.org.selectors import access_for, site_visible_to
from onewindow.stats.models import CaseFigure, CaseMonthFigure, RatingFigure, Report, Rollup, StaffFigure
from onewindow.stats.rows import COUNTERS, ROLLUP, next_month
from onewindow.workcalendar.selectors import working_calendar

#: What a figure may be broken down by: the column(s) of the roll-up it groups on.
DIMENSIONS = {
    "level": ("site__level",),
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
    open_overdue: int = 0
    #: Counted ratings and the bad among them; None where ratings do not break down (item, channel).
    ratings: int | None = 0
    bad_ratings: int | None = 0

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
    def overdue(self) -> int:
        return self.overdue_completed + self.open_overdue

    @property
    def satisfaction_rate(self) -> Decimal | None:
        if self.ratings is None:
            return None
        return rate(self.ratings - self.bad_ratings, self.ratings)

    @property
    def fees_net(self) -> Decimal:
        return Decimal(self.fees_collected) - Decimal(self.fees_refunded)

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


_NAMES = [f"sum_{name}" for name in COUNTERS] + ["online_received"]


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
    names = _NAMES
    for part in parts:
        for row in part:
            key = tuple(row[name] for name in group)
            total = merged.setdefault(key, {**{name: row[name] for name in group}, **dict.fromkeys(names, 0)})
            for name in names:
                total[name] += row[name] or 0
    if not group and not merged:
        return [dict.fromkeys(names, 0)]
    return [merged[key] for key in sorted(merged, key=lambda key: tuple(str(part) for part in key))]


def snapshot_day(last: date) -> date:
    """The day whose end a period ending on `last` reports its open cases at: `last`, or the
    last day the roll-up has reached when that is earlier (a period running into the future)."""
    state = Rollup.objects.filter(name=ROLLUP).values_list("rebuilt_through", flat=True).first()
    return last if state is None else min(last, state)


def _open_overdue(first: date, last: date, *, group: tuple[str, ...], **filters) -> dict[tuple, int]:
    """The open-past-due count per group at the end of the period (per day or month: at the end
    of each)."""
    end = snapshot_day(last)
    if end < first:
        return {}
    if "day" in group:
        days = CaseFigure.objects.filter(day__gte=first, day__lte=end)
    elif "month" in group:
        ends = []
        month = first.replace(day=1)
        while month <= end:
            ends.append(min(next_month(month) - timedelta(days=1), end))
            month = next_month(month)
        days = CaseFigure.objects.filter(day__in=ends).annotate(month=TruncMonth("day"))
    else:
        days = CaseFigure.objects.filter(day=end)
    rows = _narrowed(days.filter(open_overdue__gt=0), **filters).order_by()
    if not group:
        return {(): rows.aggregate(n=Sum("open_overdue"))["n"] or 0}
    return {
        tuple(row[name] for name in group): row["n"]
        for row in rows.values(*group).annotate(n=Sum("open_overdue"))
    }


#: The ratings' roll-up groups on these columns for each dimension it has.
RATING_DIMENSIONS = {
    None: (),
    "level": ("site__level",),
    "site": ("site_id",),
    "department": ("department_id",),
    "day": ("day",),
    "month": ("month",),
}


def _ratings(
    first: date, last: date, *, by: str | None, sites=None, departments=None
) -> dict[tuple, tuple[int, int]]:
    rows = RatingFigure.objects.filter(day__gte=first, day__lte=last).order_by()
    if sites is not None:
        rows = rows.filter(site_id__in=sites)
    if departments is not None:
        rows = rows.filter(department_id__in=departments)
    columns = RATING_DIMENSIONS[by]
    if by == "month":
        rows = rows.annotate(month=TruncMonth("day"))
    sums = {"n": Sum("ratings"), "bad": Sum("bad")}
    if not columns:
        row = rows.aggregate(**sums)
        return {(): (row["n"] or 0, row["bad"] or 0)}
    return {
        tuple(row[name] for name in columns): (row["n"], row["bad"])
        for row in rows.values(*columns).annotate(**sums)
    }


def figures(*, first: date, last: date, by: str | None = None, **filters) -> list[Figures]:
    """The figures of the period: one Figures for the whole when `by` is None, else one per
    group of DIMENSIONS[by]. Raises KeyError for an unknown dimension."""
    group = DIMENSIONS[by] if by else ()
    working_days = working_calendar().between(first - timedelta(days=1), last)
    overdue = _open_overdue(first, last, group=group, **filters)
    rated = by in RATING_DIMENSIONS and not filters.get("items") and not filters.get("channels")
    ratings = (
        _ratings(first, last, by=by, sites=filters.get("sites"), departments=filters.get("departments"))
        if rated
        else {}
    )
    summed = _summed(first, last, group=group, **filters)
    keys = {tuple(row[name] for name in group) for row in summed}
    for key in overdue.keys() - keys:  # a group with only cases still open past due
        summed.append({**dict(zip(group, key, strict=True)), **dict.fromkeys(_NAMES, 0)})
    summed.sort(key=lambda row: tuple(str(row[name]) for name in group))
    result = []
    for row in summed:
        key = tuple(row[name] for name in group)
        rating_key = key[:1] if by in ("site", "department") else key
        n, bad = ratings.get(rating_key, (0, 0)) if rated else (None, None)
        result.append(
            Figures(
                counts={name: row[f"sum_{name}"] for name in COUNTERS},
                working_days=working_days,
                online_received=row["online_received"],
                group={name: row[name] for name in group},
                open_overdue=overdue.get(key, 0),
                ratings=n,
                bad_ratings=bad,
            )
        )
    return result


def period_figures(*, first: date, last: date, **filters) -> Figures:
    """The whole period's figures (one Figures)."""
    return figures(first=first, last=last, **filters)[0]


@dataclass
class PeopleFigures:
    """One window's or staff member's period: applications received and accepted at the desk,
    cases decided and of those on time, counted ratings and the bad among them."""

    label: str
    received: int = 0
    accepted: int = 0
    decided: int = 0
    decided_on_time: int = 0
    ratings: int = 0
    bad_ratings: int = 0
    key: int | None = None

    @property
    def on_time_rate(self) -> Decimal | None:
        return rate(self.decided_on_time, self.decided)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return rate(self.ratings - self.bad_ratings, self.ratings)


#: The people's breakdowns: the column of the staff and rating roll-ups they group on.
PEOPLE = {"window": "window_id", "staff": "staff_id"}


def people_figures(*, first: date, last: date, by: str, sites=None, departments=None) -> list[PeopleFigures]:
    """The period per window or per staff member (`by`: "window" or "staff"), the busiest first,
    from the staff and rating roll-ups (models.StaffFigure, models.RatingFigure). A department
    filter keeps its windows and its staff."""
    column = PEOPLE[by]
    work = StaffFigure.objects.filter(day__gte=first, day__lte=last).order_by()
    rated = RatingFigure.objects.filter(day__gte=first, day__lte=last).order_by()
    if sites is not None:
        work, rated = work.filter(site_id__in=sites), rated.filter(site_id__in=sites)
    if departments is not None:
        if by == "window":
            owned = {"window_id__in": Window.objects.filter(departments__in=departments).values("pk")}
        else:
            owned = {"staff__department_id__in": departments}
        work, rated = work.filter(**owned), rated.filter(**owned)
    rows: dict[int, PeopleFigures] = {}
    for row in (
        work.filter(**{f"{column}__isnull": False})
        .values(column)
        .annotate(
            received=Sum("received"),
            accepted=Sum("accepted"),
            decided=Sum("decided"),
            on_time=Sum("decided_on_time"),
        )
    ):
        rows[row[column]] = PeopleFigures(
            label="",
            key=row[column],
            received=row["received"],
            accepted=row["accepted"],
            decided=row["decided"],
            decided_on_time=row["on_time"],
        )
    for row in (
        rated.filter(**{f"{column}__isnull": False}).values(column).annotate(n=Sum("ratings"), bad=Sum("bad"))
    ):
        entry = rows.setdefault(row[column], PeopleFigures(label="", key=row[column]))
        entry.ratings, entry.bad_ratings = row["n"], row["bad"]
    if by == "window":
        for window in Window.objects.filter(pk__in=rows).select_related("site"):
            rows[window.pk].label = _("%(site)s %(number)s号窗口") % {
                "site": window.site.name,
                "number": window.number,
            }
    else:
        for staff in Staff.objects.filter(pk__in=rows).select_related("user"):
            rows[staff.pk].label = f"{staff}"
    return sorted(
        rows.values(), key=lambda entry: (-(entry.accepted + entry.decided + entry.ratings), entry.label)
    )


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
        if by == "level":
            level = group["site__level"]
            label = str(Site.Level(level).label) if level in Site.Level.values else str(level)
        elif by == "site":
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


def reports_visible_to(user):
    """The reports of the sites the user may see, the newest period first."""
    return Report.objects.filter(site__in=site_visible_to(user)).select_related("site", "department")
