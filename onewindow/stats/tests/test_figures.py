"""The seeds' formulas over generated cases whose outcomes the test knows: every count is made
here, independently (working days by the chinese-calendar package itself), and compared with
what the roll-up and the figures say."""

import random
from datetime import date, timedelta
from decimal import Decimal

import chinese_calendar
import pytest

from onewindow.cases.models import Case, Channel
from onewindow.cases.tests.factories import published_item
from onewindow.catalog.models import CaseKind
from onewindow.stats import selectors, services
from onewindow.stats.models import CaseFigure, Rollup
from onewindow.stats.tests.factories import CaseSpec, write_cases

pytestmark = pytest.mark.django_db

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end], by the package (not the code under test)."""
    if end <= start:
        return 0
    return len(chinese_calendar.get_workdays(start + timedelta(days=1), end))


def _housing_item(hall, **fields):
    from onewindow.catalog.tests.factories import make_item, publish
    from onewindow.org.models import Role
    from onewindow.org.tests.factories import make_staff

    reviewer = make_staff(
        site=hall["county"], roles=[Role.DEPARTMENT_REVIEWER], department=hall["housing"]
    ).user
    version = make_item(department=hall["housing"], user=reviewer, **fields)
    return publish(version, submitter=reviewer, approver=hall["office"].user, today=date(2026, 11, 2))


@pytest.fixture
def items(hall, seeded_calendar):
    return {
        "promised": published_item(hall),  # 食品经营许可, market: promised 5, statutory 20 working days
        "immediate": _housing_item(
            hall,
            name="住房公积金缴存证明",
            case_kind=CaseKind.IMMEDIATE,
            statutory_limit=1,
            promised_limit=0,
            steps=[{"name": "受理并办结", "limit_days": 0}],
        ),
        "natural": published_item(
            hall,
            name="户外广告设置许可",
            statutory_limit=30,
            statutory_unit="NATURAL_DAYS",
            promised_limit=10,
            promised_unit="NATURAL_DAYS",
        ),
    }


def generated(hall, items, *, seed=18, count=240) -> list[CaseSpec]:
    """Cases received on the working days of November 2026 at the county and the township, by
    window and online; most accepted, most of those decided, some early, some late, some
    suspended."""
    rng = random.Random(seed)
    days = chinese_calendar.get_workdays(date(2026, 11, 2), date(2026, 11, 27))
    specs = []
    for _ in range(count):
        version = rng.choice(list(items.values()))
        received = rng.choice(days)
        site = rng.choice([hall["county"], hall["township"]])
        channel = rng.choice([Channel.WINDOW, Channel.WINDOW, Channel.ONLINE])
        accepted = received if rng.random() < 0.9 else None
        decided = promised_due = statutory_due = None
        suspended = 0
        if accepted and version.case_kind == CaseKind.IMMEDIATE:
            decided = accepted if rng.random() < 0.95 else None
            promised_due = statutory_due = accepted
        elif accepted:
            promised_due = accepted + timedelta(days=7)
            statutory_due = accepted + timedelta(days=28)
            if rng.random() < 0.8:
                decided = accepted + timedelta(days=rng.choice([1, 2, 3, 6, 7, 8, 12]))
                suspended = rng.choice([0, 0, 0, 1, 2])
        specs.append(
            CaseSpec(
                version=version,
                site_id=site.pk,
                received=received,
                channel=channel,
                accepted=accepted,
                decided=decided,
                promised_due=promised_due,
                statutory_due=statutory_due,
                suspended_days=suspended,
            )
        )
    return specs


def expected(specs: list[CaseSpec], first: date, last: date) -> dict[str, int]:
    def within(day):
        return day is not None and first <= day <= last

    decided = [spec for spec in specs if within(spec.decided)]
    promised = [spec for spec in decided if not spec.immediate]
    statutory = 0
    for spec in promised:
        if spec.version.statutory_unit == "NATURAL_DAYS":
            statutory += working_days_between(
                spec.accepted, spec.accepted + timedelta(days=spec.version.statutory_limit)
            )
        else:
            statutory += spec.version.statutory_limit
    return {
        "received": sum(within(spec.received) for spec in specs),
        "online": sum(within(spec.received) and spec.channel == Channel.ONLINE for spec in specs),
        "accepted": sum(within(spec.accepted) for spec in specs),
        "completed": len(decided),
        "completed_immediate": sum(spec.immediate for spec in decided),
        "completed_promised": len(promised),
        "completed_early": sum(spec.decided < spec.promised_due for spec in promised),
        "completed_on_time": sum(spec.decided <= spec.promised_due for spec in decided),
        "days_used": sum(
            max(0, working_days_between(spec.accepted, spec.decided) - spec.suspended_days)
            for spec in promised
        ),
        "days_statutory": statutory,
    }


def test_every_formula_matches_counts_made_independently(hall, items):
    specs = generated(hall, items)
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(*NOVEMBER)
    counts = expected(specs, *NOVEMBER)
    whole = selectors.period_figures(first=NOVEMBER[0], last=NOVEMBER[1])
    for name in services.COUNTERS:
        if name not in ("correction_notices", "fees_collected", "fees_refunded"):
            assert getattr(whole, name) == counts[name], name
    assert whole.online_received == counts["online"]
    assert whole.completion_rate == selectors.rate(counts["completed"], counts["accepted"])
    assert whole.immediate_share == selectors.rate(counts["completed_immediate"], counts["completed"])
    assert whole.early_rate == selectors.rate(counts["completed_early"], counts["completed_promised"])
    assert whole.on_time_rate == selectors.rate(counts["completed_on_time"], counts["completed"])
    assert whole.overdue_completed == counts["completed"] - counts["completed_on_time"]
    assert whole.online_rate == selectors.rate(counts["online"], counts["received"])
    assert whole.speed_up_rate == Decimal(100) - selectors.rate(counts["days_used"], counts["days_statutory"])
    working_days = len(chinese_calendar.get_workdays(*NOVEMBER))
    assert whole.working_days == working_days == 21
    assert whole.per_working_day == (Decimal(counts["accepted"]) / working_days).quantize(Decimal("0.1"))
    # The numbers are not degenerate: every branch of the definitions is exercised.
    assert 0 < counts["completed_early"] < counts["completed_promised"] < counts["completed"]
    assert 0 < counts["completed_on_time"] < counts["completed"] and counts["days_used"] > 0


def test_by_department_site_and_channel_the_parts_add_up(hall, items):
    specs = generated(hall, items)
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(*NOVEMBER)
    for department in (hall["market"], hall["housing"]):
        mine = [spec for spec in specs if spec.version.item.department_id == department.pk]
        (row,) = selectors.figures(first=NOVEMBER[0], last=NOVEMBER[1], departments=[department.pk])
        assert (row.accepted, row.completed, row.completed_early) == tuple(
            expected(mine, *NOVEMBER)[name] for name in ("accepted", "completed", "completed_early")
        )
    by_site = selectors.figures(first=NOVEMBER[0], last=NOVEMBER[1], by="site")
    assert {row.group["site__name"]: row.accepted for row in by_site} == {
        site.name: expected([spec for spec in specs if spec.site_id == site.pk], *NOVEMBER)["accepted"]
        for site in (hall["county"], hall["township"])
    }
    by_channel = {
        row.group["channel"]: row.received
        for row in selectors.figures(first=NOVEMBER[0], last=NOVEMBER[1], by="channel")
    }
    assert by_channel[Channel.ONLINE] == expected(specs, *NOVEMBER)["online"]
    assert sum(by_channel.values()) == expected(specs, *NOVEMBER)["received"]
    (month,) = selectors.figures(first=NOVEMBER[0], last=NOVEMBER[1], by="month")
    assert month.accepted == expected(specs, *NOVEMBER)["accepted"]
    # A week: only the events of those days.
    week = (date(2026, 11, 9), date(2026, 11, 15))
    assert (
        selectors.period_figures(first=week[0], last=week[1]).completed == expected(specs, *week)["completed"]
    )


def test_a_rebuild_gives_the_same_rows_and_follows_a_changed_case(hall, items):
    specs = generated(hall, items, count=60)
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(*NOVEMBER)
    before = sorted(
        CaseFigure.objects.values_list("day", "site_id", "item_id", "channel", "accepted", "completed")
    )
    assert services.rollup_days(*NOVEMBER) == len(before)
    after = sorted(
        CaseFigure.objects.values_list("day", "site_id", "item_id", "channel", "accepted", "completed")
    )
    assert after == before
    open_case = Case.objects.filter(accepted_date__isnull=False, decided_date__isnull=True).first()
    open_case.decided_date = date(2026, 11, 30)
    open_case.save(update_fields=["decided_date"])
    completed = selectors.period_figures(first=NOVEMBER[0], last=NOVEMBER[1]).completed
    services.rollup_days(date(2026, 11, 30), date(2026, 11, 30))
    assert selectors.period_figures(first=NOVEMBER[0], last=NOVEMBER[1]).completed == completed + 1


def test_the_periodic_run_starts_at_the_first_case_then_keeps_to_the_last_days(hall, items, settings):
    from onewindow.cases.tests.factories import at

    settings.ONEWINDOW_STATS_RECHECK_DAYS = 1
    write_cases(generated(hall, items, count=30), user=hall["clerk"].user)
    services.rollup_current(at=at(date(2026, 11, 30), 10, 0))
    state = Rollup.objects.get()
    assert state.rebuilt_through == date(2026, 11, 30)
    first_day = CaseFigure.objects.order_by("day").values_list("day", flat=True).first()
    assert first_day >= date(2026, 11, 2)
    CaseFigure.objects.filter(day__lt=date(2026, 11, 29)).update(accepted=0)  # not rebuilt again
    services.rollup_current(at=at(date(2026, 12, 1), 10, 0))
    assert CaseFigure.objects.filter(day__lt=date(2026, 11, 29)).exclude(accepted=0).count() == 0
    assert Rollup.objects.get().rebuilt_through == date(2026, 12, 1)


def test_a_rate_with_nothing_to_divide_by_is_none(hall, items):
    empty = selectors.period_figures(first=date(2026, 11, 1), last=date(2026, 11, 30))
    assert (empty.accepted, empty.completion_rate, empty.early_rate, empty.speed_up_rate) == (
        0,
        None,
        None,
        None,
    )
    assert selectors.rate(80905, 81108) == Decimal("99.75")
    with pytest.raises(KeyError):
        selectors.figures(first=date(2026, 11, 1), last=date(2026, 11, 30), by="colour")


@pytest.mark.parametrize(
    "period",
    [
        (date(2026, 11, 1), date(2026, 11, 30)),  # a whole month: the month's rows
        (date(2026, 10, 20), date(2026, 12, 3)),  # days, a month, days
        (date(2026, 11, 9), date(2026, 11, 20)),  # days only
    ],
)
def test_whole_months_and_the_days_around_them_add_up_the_same(hall, items, period):
    specs = generated(hall, items)
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(date(2026, 10, 1), date(2026, 12, 31))
    counts = expected(specs, *period)
    whole = selectors.period_figures(first=period[0], last=period[1])
    assert (whole.received, whole.accepted, whole.completed, whole.completed_early, whole.days_used) == (
        counts["received"],
        counts["accepted"],
        counts["completed"],
        counts["completed_early"],
        counts["days_used"],
    )
    by_day = selectors.figures(first=period[0], last=period[1], by="day")
    assert sum(row.completed for row in by_day) == counts["completed"]
    assert selectors.pieces(*period)[1] is None or whole.completed == sum(
        row.completed for row in selectors.figures(first=period[0], last=period[1], by="department")
    )
