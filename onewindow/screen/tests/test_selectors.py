"""The big screen's figures against counts made here, independently, from the cases the test
writes (their dates and sites known), the tickets it issues and calls, the ratings it gives; the
yellow window by the chinese-calendar package itself, not the code under test."""

import random
from datetime import date, timedelta

import chinese_calendar
import pytest

from onewindow.cases.models import Case, CaseStatus, Channel
from onewindow.cases.tests.factories import at, delegate
from onewindow.evaluations import services as evaluations
from onewindow.evaluations.models import Channel as RatingChannel
from onewindow.fees.tests.factories import MONDAY, decided_case
from onewindow.org.models import Site
from onewindow.org.tests.factories import make_site
from onewindow.queueing import services as queueing
from onewindow.queueing.tests.factories import TUESDAY, make_categories, put_on_duty
from onewindow.screen import selectors
from onewindow.stats import services as stats
from onewindow.stats.tests.factories import CaseSpec, write_cases
from onewindow.stats.tests.test_figures import items  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

TODAY = TUESDAY  # 2026-11-17
NOW = at(TODAY, 10, 30)
TREND_FIRST = TODAY - timedelta(days=29)  # 2026-10-19


def figures_now(site, *, warning_days=1):
    return selectors.screen_figures(site, at=NOW, today=TODAY, warning_days=warning_days)


def history(hall, versions, *, other_site) -> list[CaseSpec]:
    """Cases received from 2026-10-01 through today at the county, the township, its village
    point and another county's center: some received only, most accepted the day they came, most
    of those decided the same day or a few days later (never after today)."""
    rng = random.Random(19)
    sites = [hall["county"], hall["township"], hall["village"], other_site]
    specs = []
    day = date(2026, 10, 1)
    while day <= TODAY:
        if chinese_calendar.is_workday(day):
            for _ in range(rng.randint(3, 9)):
                site = rng.choice(sites)
                version = rng.choice(versions)
                accepted = day if rng.random() < 0.85 else None
                decided = None
                if accepted and rng.random() < 0.8:
                    decided = min(TODAY, day + timedelta(days=rng.choice([0, 0, 1, 2, 5])))
                specs.append(
                    CaseSpec(
                        version=version,
                        site_id=site.pk,
                        received=day,
                        channel=rng.choice([Channel.WINDOW, Channel.ONLINE]),
                        accepted=accepted,
                        decided=decided,
                        promised_due=(accepted + timedelta(days=30)) if accepted else None,
                        statutory_due=(accepted + timedelta(days=40)) if accepted else None,
                    )
                )
        day += timedelta(days=1)
    return specs


@pytest.fixture
def cases(hall, items, settings):  # noqa: F811 - the items fixture
    settings.ONEWINDOW_FROZEN_NOW = NOW
    other = make_site(kind=Site.Kind.CENTER, name="邻县政务服务中心")
    specs = history(hall, list(items.values()), other_site=other)
    write_cases(specs, user=hall["clerk"].user)
    # The roll-up has run today as well: the month must not count today twice.
    stats.rollup_days(date(2026, 10, 1), TODAY)
    return {"specs": specs, "other": other}


def _in(spec, hall, *sites) -> bool:
    return spec.site_id in {site.pk for site in sites}


def test_today_the_month_the_sites_the_items_and_the_trend_match_the_cases(hall, cases):
    specs = cases["specs"]
    network = (hall["county"], hall["township"], hall["village"])
    ours = [spec for spec in specs if _in(spec, hall, *network)]
    month = date(2026, 11, 1)
    data = figures_now(hall["county"])

    assert data["today_counts"] == {
        "received": sum(spec.received == TODAY for spec in ours),
        "accepted": sum(spec.accepted == TODAY for spec in ours),
        "completed": sum(spec.decided == TODAY for spec in ours),
    }
    assert data["today_counts"]["received"] > 0
    assert data["month_counts"] == {
        "accepted": sum(bool(spec.accepted and spec.accepted >= month) for spec in ours),
        "completed": sum(bool(spec.decided and spec.decided >= month) for spec in ours),
    }

    township = [spec for spec in ours if _in(spec, hall, hall["township"], hall["village"])]
    assert data["sites"] == [
        {
            "code": hall["township"].code,
            "name": hall["township"].short_name or hall["township"].name,
            "kind": Site.Kind.TOWNSHIP,
            "today_accepted": sum(spec.accepted == TODAY for spec in township),
            "today_completed": sum(spec.decided == TODAY for spec in township),
            "month_accepted": sum(bool(spec.accepted and spec.accepted >= month) for spec in township),
            "month_completed": sum(bool(spec.decided and spec.decided >= month) for spec in township),
        }
    ]

    by_item = {}
    for spec in ours:
        entry = by_item.setdefault(spec.version.item_id, {"accepted": 0, "completed": 0})
        entry["accepted"] += bool(spec.accepted and spec.accepted >= month)
        entry["completed"] += bool(spec.decided and spec.decided >= month)
    names = {version.item_id: version.name for version in {spec.version for spec in specs}}
    expected_items = sorted(
        (
            {
                "item": item,
                "accepted": counts["accepted"],
                "completed": counts["completed"],
                "name": names[item],
            }
            for item, counts in by_item.items()
        ),
        key=lambda entry: (-entry["accepted"], -entry["completed"], entry["name"]),
    )
    assert [
        {key: item[key] for key in ("item", "accepted", "completed", "name")} for item in data["top_items"]
    ] == expected_items
    assert all("（" not in item["name"] or item["code"] not in item["name"] for item in data["top_items"])

    days = [TREND_FIRST + timedelta(days=offset) for offset in range(30)]
    assert data["trend"] == [
        {
            "day": day,
            "accepted": sum(spec.accepted == day for spec in ours),
            "completed": sum(spec.decided == day for spec in ours),
        }
        for day in days
    ]


def test_a_township_screen_counts_its_village_point_and_nothing_above(hall, cases):
    specs = cases["specs"]
    mine = [spec for spec in specs if _in(spec, hall, hall["township"], hall["village"])]
    data = figures_now(hall["township"])
    assert data["today_counts"]["received"] == sum(spec.received == TODAY for spec in mine)
    assert data["month_counts"]["accepted"] == sum(
        bool(spec.accepted and spec.accepted >= date(2026, 11, 1)) for spec in mine
    )
    assert [line["code"] for line in data["sites"]] == [hall["village"].code]
    village = [spec for spec in specs if _in(spec, hall, hall["village"])]
    assert data["sites"][0]["today_accepted"] == sum(spec.accepted == TODAY for spec in village)


def test_the_first_of_the_month_reads_no_roll_up_and_counts_today_only(hall, items, settings):  # noqa: F811
    first = date(2026, 12, 1)
    settings.ONEWINDOW_FROZEN_NOW = at(first, 10)
    version = items["immediate"]
    write_cases(
        [
            CaseSpec(version, hall["county"].pk, first, accepted=first, decided=first),
            CaseSpec(version, hall["county"].pk, date(2026, 11, 30), accepted=date(2026, 11, 30)),
        ],
        user=hall["clerk"].user,
    )
    stats.rollup_days(date(2026, 11, 30), first)
    data = selectors.screen_figures(hall["county"], at=at(first, 10), today=first, warning_days=1)
    assert data["today_counts"] == {"received": 1, "accepted": 1, "completed": 1}
    assert data["month_counts"] == {"accepted": 1, "completed": 1}
    assert [(item["name"], item["accepted"]) for item in data["top_items"]] == [("住房公积金缴存证明", 1)]
    assert data["trend"][-2:] == [
        {"day": date(2026, 11, 30), "accepted": 1, "completed": 0},
        {"day": first, "accepted": 1, "completed": 1},
    ]


def _yellow_until(today: date, warning_days: int) -> date:
    """The first day still green: the warning_days-th working day after today (the package's)."""
    days = chinese_calendar.get_workdays(today + timedelta(days=1), today + timedelta(days=30))
    return days[warning_days - 1]


@pytest.mark.parametrize("warning_days", [1, 3])
def test_the_lights_of_the_cases_in_handling(hall, items, settings, warning_days):  # noqa: F811
    settings.ONEWINDOW_FROZEN_NOW = NOW
    version = items["promised"]
    dues = [TODAY - timedelta(days=offset) for offset in (1, 8)]  # red
    dues += [TODAY + timedelta(days=offset) for offset in range(0, 12)]  # yellow, then green
    accepted = TODAY - timedelta(days=20)
    specs = [
        CaseSpec(version, site.pk, accepted, accepted=accepted, promised_due=due, statutory_due=due)
        for due in dues
        for site in (hall["county"], hall["village"])
    ]
    decided = CaseSpec(
        version, hall["county"].pk, accepted, accepted=accepted, decided=TODAY, promised_due=dues[0]
    )
    elsewhere = make_site(kind=Site.Kind.CENTER, name="邻县政务服务中心")
    outside = CaseSpec(version, elsewhere.pk, accepted, accepted=accepted, promised_due=dues[0])
    write_cases([*specs, decided, outside], user=hall["clerk"].user)
    # One case of the network in a special procedure (特别程序): its clock is stopped.
    stopped = Case.objects.filter(site=hall["county"], status=CaseStatus.ACCEPTED).order_by("id").first()
    Case.objects.filter(pk=stopped.pk).update(status=CaseStatus.SUSPENDED)

    until = _yellow_until(TODAY, warning_days)
    running = specs[1:]  # all but the stopped one
    expected = {
        "red": sum(spec.promised_due < TODAY for spec in running),
        "yellow": sum(TODAY <= spec.promised_due < until for spec in running),
        "green": sum(spec.promised_due >= until for spec in running),
        "suspended": 1,
        "handling": len(running),
    }
    assert specs[0].site_id == hall["county"].pk and specs[0].promised_due == dues[0]  # the stopped one
    assert figures_now(hall["county"], warning_days=warning_days)["lights"] == expected
    assert expected["yellow"] > 0 and expected["red"] > 0 and expected["green"] > 0


def test_the_queue_of_the_hall_now(hall, settings, seeded_calendar):
    settings.ONEWINDOW_FROZEN_NOW = NOW
    queue = make_categories(hall)
    put_on_duty(hall)
    for prefix, minute in (("A", 1), ("A", 2), ("B", 3), ("A", 4)):
        queueing.ticket_issue(category=queue[prefix], at=at(TODAY, 9, minute))
    queueing.ticket_issue(category=queue["B"], at=at(TODAY, 10, 25))
    first, second, third = hall["windows"]
    queueing.call_next(user=hall["clerk"].user, window=first, at=at(TODAY, 9, 10))  # A001 after 9 min
    queueing.call_next(user=hall["market_a"].user, window=second, at=at(TODAY, 9, 12))  # A002 after 10
    queueing.call_next(user=hall["housing_a"].user, window=third, at=at(TODAY, 9, 15))  # B001 after 12
    # yesterday's ticket is not today's queue
    queueing.ticket_issue(category=queue["A"], at=at(MONDAY, 15))

    assert figures_now(hall["county"])["queue"] == {
        "issued": 5,
        "waiting": 2,  # A003 since 09:04 (past the 30-minute alert) and B002 since 10:25
        "serving": 3,
        "finished": 0,
        "long_waits": 1,
        "called": 3,
        "average_wait_seconds": (9 + 10 + 12) * 60 // 3,
        "categories": [
            {
                "prefix": "A",
                "name": "市场准入",
                "waiting": 1,
                "called": 2,
                "average_wait_seconds": (9 + 10) * 30,
            },
            {"prefix": "B", "name": "不动产登记", "waiting": 1, "called": 1, "average_wait_seconds": 12 * 60},
        ],
    }
    # the township's hall has no queue of its own
    assert figures_now(hall["township"])["queue"]["categories"] == []


def test_the_month_satisfaction_of_the_network(hall, items, settings):  # noqa: F811
    settings.ONEWINDOW_FROZEN_NOW = NOW
    version = items["promised"]
    delegate(hall, version)
    for index, level in enumerate([1, 2, 4, 5, 3]):
        case = decided_case(hall, version, day=MONDAY)
        evaluations.rating_of_case(
            case=case,
            channel=RatingChannel.PROGRESS,
            given=evaluations.RatingInput(level=level),
            at=at(TODAY, 9, index),
        )
    satisfaction = figures_now(hall["county"])["satisfaction"]
    assert (satisfaction.total, satisfaction.bad, str(satisfaction.rate)) == (5, 2, "60.0")
    # a township's screen has no rating of its own
    nothing = figures_now(hall["township"])["satisfaction"]
    assert (nothing.total, nothing.rate) == (0, None)


@pytest.mark.parametrize(
    ("day", "is_working", "upcoming"),
    [
        (date(2026, 11, 17), True, None),  # a Tuesday
        (date(2026, 11, 21), False, date(2026, 11, 23)),  # a Saturday: Monday next
        (date(2026, 10, 1), False, date(2026, 10, 8)),  # National Day: the day after the holiday
        (date(2026, 10, 10), True, None),  # a make-up Saturday (调休)
    ],
)
def test_whether_today_is_a_working_day(seeded_calendar, day, is_working, upcoming):
    assert chinese_calendar.is_workday(day) is is_working
    assert selectors.working_day(day) == {"is_working_day": is_working, "next_working_day": upcoming}


@pytest.mark.parametrize("code", ["", "nope", "x" * 21, "210283/../1"])
def test_a_code_that_names_no_active_site(hall, code):
    assert selectors.screen_site(code) is None


def test_an_inactive_site_has_no_screen(hall):
    Site.objects.filter(pk=hall["township"].pk).update(is_active=False)
    assert selectors.screen_site(hall["township"].code) is None
    assert selectors.screen_site(hall["county"].code) == hall["county"]
