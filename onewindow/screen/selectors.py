"""What the hall's big screen shows (/screen/<site code>/): one site and the sites under it (a
county center with its townships and village points), today and this month. Aggregates only, no
person's name. Every count is a bounded query on an index or read from the statistics' roll-up:

- today's received, accepted and completed cases: the cases of today's date only (the
  (site, received date), accepted date and decided date indexes), grouped by site and item;
- the month before today from the roll-up (stats.selectors.figures, by site and by item), today
  added from the live counts above, so the month never lags the day beside it;
- the lights of the cases in handling: the ranges the supervision board counts
  (cases.selectors.lit_in_handling on the stored promised dates), the rest green;
- the queue of the site's own hall now (queueing.selectors), satisfaction of the month's ratings
  (evaluations.selectors.satisfaction_of, the figure the public satisfaction page publishes).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Avg, Count

from onewindow.cases.models import Case, CaseStatus
from onewindow.cases.selectors import lit_in_handling
from onewindow.catalog.models import ItemVersion
from onewindow.evaluations.models import Rating
from onewindow.evaluations.selectors import satisfaction_of
from onewindow.org.models import Site
from onewindow.queueing.models import Call
from onewindow.queueing.selectors import hall_snapshot, kpi_rows, live_figures
from onewindow.stats.selectors import figures, labelled_rows
from onewindow.workcalendar.arithmetic import DateOutOfRange
from onewindow.workcalendar.selectors import working_calendar

#: The items of the month shown, most accepted first.
TOP_ITEMS = 8
#: The days of the trend line (today included).
TREND_DAYS = 30
#: A site code is at most this long (org.Site.code); a longer one names no site.
CODE_LENGTH = 20


def screen_site(code: str) -> Site | None:
    """The active site with this code, else None (a code too long, or with odd characters, too)."""
    if not code or len(code) > CODE_LENGTH:
        return None
    return Site.objects.filter(code=code, is_active=True).first()


@dataclass(frozen=True)
class Network:
    """A site, every site under it (active or not: their cases count), and the lines the screen
    shows: the active sites right under it, each standing for its own subtree."""

    site: Site
    paths: dict[int, str]
    children: list[Site]

    @property
    def site_ids(self) -> list[int]:
        return list(self.paths)

    def child_of(self, site_id: int) -> Site | None:
        """The line (a child site) a site of the subtree counts in; None for the site itself."""
        path = self.paths.get(site_id, "")
        for child in self.children:
            if path.startswith(child.path):
                return child
        return None


def network_of(site: Site) -> Network:
    sites = list(Site.objects.filter(path__startswith=site.path).order_by("path"))
    children = [row for row in sites if row.parent_id == site.pk and row.is_active]
    return Network(site=site, paths={row.pk: row.path for row in sites}, children=children)


@dataclass
class Today:
    """Today's counts: the whole, per site of the subtree and per item (accepted, completed)."""

    received: int
    accepted: int
    completed: int
    by_site: dict[int, dict[str, int]]
    by_item: dict[int, dict[str, int]]


def today_counts(network: Network, *, today: date) -> Today:
    """The cases received, accepted and decided (completed) today at the site and under it: three
    GROUP BYs over today's rows of the date indexes (the roll-up's definitions, stats.services)."""
    sites = network.site_ids
    by_site: dict[int, dict[str, int]] = defaultdict(lambda: {"received": 0, "accepted": 0, "completed": 0})
    by_item: dict[int, dict[str, int]] = defaultdict(lambda: {"accepted": 0, "completed": 0})
    received = (
        Case.objects.filter(site_id__in=sites, received_date=today)
        .order_by()
        .values("site_id")
        .annotate(n=Count("id"))
    )
    for row in received:
        by_site[row["site_id"]]["received"] += row["n"]
    for counter, cases in (
        ("accepted", Case.objects.filter(site_id__in=sites, accepted_date=today)),
        ("completed", Case.objects.filter(site_id__in=sites, decided_date=today)),
    ):
        for row in cases.order_by().values("site_id", "item_id").annotate(n=Count("id")):
            by_site[row["site_id"]][counter] += row["n"]
            by_item[row["item_id"]][counter] += row["n"]
    return Today(
        received=sum(row["received"] for row in by_site.values()),
        accepted=sum(row["accepted"] for row in by_site.values()),
        completed=sum(row["completed"] for row in by_site.values()),
        by_site=dict(by_site),
        by_item=dict(by_item),
    )


def _before_today(first: date, today: date, *, by: str, sites: list[int]) -> list:
    """The roll-up's figures from `first` to yesterday, grouped `by` ([] when that is no day)."""
    yesterday = today - timedelta(days=1)
    if yesterday < first:
        return []
    return figures(first=first, last=yesterday, by=by, sites=sites)


def lights(network: Network, *, today: date, warning_days: int) -> dict[str, int]:
    """The cases in handling by the light of their promised clock today: red (past the promised
    date), yellow (due within the warning window), green (the others), and those suspended
    (特别程序: their clock stopped). Range counts on the (site, promised due date) index of the
    cases in handling, as the supervision board counts them."""
    cases = Case.objects.filter(site_id__in=network.site_ids)
    lit = lit_in_handling(cases, today=today, warning_days=warning_days)
    red = lit.filter(promised_due_date__lt=today).count()
    yellow = lit.count() - red
    handling = cases.filter(status=CaseStatus.ACCEPTED).count()
    return {
        "green": handling - red - yellow,
        "yellow": yellow,
        "red": red,
        "suspended": cases.filter(status=CaseStatus.SUSPENDED).count(),
        "handling": handling,
    }


def month_lines(network: Network, today_figures: Today, *, first: date, today: date) -> dict:
    """The month so far (roll-up before today, today live): the whole and one line per child
    site with today's and the month's accepted and completed."""
    lines = {
        child.pk: {
            "code": child.code,
            "name": child.short_name or child.name,
            "kind": child.kind,
            "today_accepted": 0,
            "today_completed": 0,
            "month_accepted": 0,
            "month_completed": 0,
        }
        for child in network.children
    }
    total = {"accepted": today_figures.accepted, "completed": today_figures.completed}
    for row in _before_today(first, today, by="site", sites=network.site_ids):
        total["accepted"] += row.accepted
        total["completed"] += row.completed
        child = network.child_of(row.group["site_id"])
        if child is not None:
            lines[child.pk]["month_accepted"] += row.accepted
            lines[child.pk]["month_completed"] += row.completed
    for site_id, counts in today_figures.by_site.items():
        child = network.child_of(site_id)
        if child is not None:
            line = lines[child.pk]
            line["today_accepted"] += counts["accepted"]
            line["today_completed"] += counts["completed"]
            line["month_accepted"] += counts["accepted"]
            line["month_completed"] += counts["completed"]
    return {"total": total, "sites": list(lines.values())}


def _item_names(item_ids) -> dict[int, tuple[str, str]]:
    """item id → (the newest version's name, implementation code)."""
    names: dict[int, tuple[str, str]] = {}
    versions = (
        ItemVersion.objects.filter(item_id__in=item_ids).select_related("item").order_by("item_id", "number")
    )
    for version in versions:
        names[version.item_id] = (version.name, version.item.implementation_code)
    return names


def top_items(network: Network, today_figures: Today, *, first: date, today: date) -> list[dict]:
    """The month's items with the most accepted cases (roll-up before today, today live)."""
    items: dict[int, dict] = {}
    rows = _before_today(first, today, by="item", sites=network.site_ids)
    for entry in labelled_rows(rows, by="item"):
        group, counts = entry["figures"].group, entry["figures"]
        code = group["item__implementation_code"]
        items[group["item_id"]] = {
            "item": group["item_id"],
            "code": code,
            "name": entry["label"].removesuffix(f"（{code}）"),
            "accepted": counts.accepted,
            "completed": counts.completed,
        }
    new = [item_id for item_id in today_figures.by_item if item_id not in items]
    for item_id, (name, code) in _item_names(new).items():
        items[item_id] = {"item": item_id, "code": code, "name": name, "accepted": 0, "completed": 0}
    for item_id, counts in today_figures.by_item.items():
        if item_id in items:
            items[item_id]["accepted"] += counts["accepted"]
            items[item_id]["completed"] += counts["completed"]
    ranked = sorted(items.values(), key=lambda item: (-item["accepted"], -item["completed"], item["name"]))
    return [item for item in ranked if item["accepted"] or item["completed"]][:TOP_ITEMS]


def trend(network: Network, today_figures: Today, *, today: date) -> list[dict]:
    """Accepted and completed on each of the last TREND_DAYS days (today live)."""
    first = today - timedelta(days=TREND_DAYS - 1)
    days = {first + timedelta(days=offset): {"accepted": 0, "completed": 0} for offset in range(TREND_DAYS)}
    for row in _before_today(first, today, by="day", sites=network.site_ids):
        days[row.group["day"]] = {"accepted": row.accepted, "completed": row.completed}
    days[today] = {"accepted": today_figures.accepted, "completed": today_figures.completed}
    return [{"day": day, **counts} for day, counts in sorted(days.items())]


def queue_now(site: Site, *, at: datetime, today: date) -> dict:
    """The site's own hall queue today: tickets issued, waiting, being served and finished, those
    waiting past the alert time, and the average wait (called − queued, over today's calls) in
    seconds, the whole and per category."""
    live = live_figures(site, at=at)
    snapshot = hall_snapshot(site.pk, on_date=today)
    calls = Call.objects.filter(site=site, service_date=today)
    waits = {row["key"]: row for row in kpi_rows(calls, by="category")}
    today_calls = calls.aggregate(wait=Avg("wait_seconds"), called=Count("id"))
    average = today_calls["wait"]
    categories = []
    for category in snapshot["categories"]:
        row = waits.get(f"{category['prefix']} {category['name']}")
        categories.append(
            {
                "prefix": category["prefix"],
                "name": category["name"],
                "waiting": category["waiting"],
                "called": row["calls"] if row else 0,
                "average_wait_seconds": row["wait_average"] if row else None,
            }
        )
    return {
        "issued": live.issued,
        "waiting": live.waiting,
        "serving": live.serving,
        "finished": live.finished,
        "long_waits": len(live.long_waits),
        "called": today_calls["called"],
        "average_wait_seconds": round(average) if average is not None else None,
        "categories": categories,
    }


def satisfaction(network: Network, *, first: date, today: date):
    """The month's satisfaction at the site and under it (not bad ÷ all, each service or case once
    by its current word, upheld appeals left out): evaluations.scale.Satisfaction."""
    return satisfaction_of(
        Rating.objects.filter(site_id__in=network.site_ids, rated_date__gte=first, rated_date__lte=today)
    )


def working_day(today: date) -> dict:
    """Whether today is a working day and, when not, the next one (None past the calendar)."""
    calendar = working_calendar()
    try:
        is_working = calendar.is_working_day(today)
        upcoming = None if is_working else calendar.next_working_day(today)
        return {"is_working_day": is_working, "next_working_day": upcoming}
    except DateOutOfRange:
        return {"is_working_day": today.weekday() < 5, "next_working_day": None}


def screen_figures(site: Site, *, at: datetime, today: date, warning_days: int) -> dict:
    """Everything the big screen shows for `site` and the sites under it."""
    network = network_of(site)
    month_first = today.replace(day=1)
    counts = today_counts(network, today=today)
    month = month_lines(network, counts, first=month_first, today=today)
    return {
        "site": {"code": site.code, "name": site.name, "short_name": site.short_name or site.name},
        "generated_at": at,
        "today": today,
        **working_day(today),
        "month_first": month_first,
        "today_counts": {
            "received": counts.received,
            "accepted": counts.accepted,
            "completed": counts.completed,
        },
        "month_counts": month["total"],
        "lights": lights(network, today=today, warning_days=warning_days),
        "queue": queue_now(site, at=at, today=today),
        "satisfaction": satisfaction(network, first=month_first, today=today),
        "top_items": top_items(network, counts, first=month_first, today=today),
        "sites": month["sites"],
        "trend": trend(network, counts, today=today),
    }
