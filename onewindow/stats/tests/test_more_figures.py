"""The figures beyond the cases' own counts, each against counts made here independently: cases
open past their promised date at a period's end, satisfaction (by site, department, window and
staff member), each window's and staff member's work, fees collected less refunds."""

import random
import secrets
from datetime import date, timedelta
from decimal import Decimal

import chinese_calendar
import pytest

from onewindow.cases.tests.factories import at
from onewindow.evaluations.models import BAD_LEVELS, Level, Rating, Service
from onewindow.evaluations.models import Channel as RatingChannel
from onewindow.org import services as org_services
from onewindow.stats import selectors, services
from onewindow.stats.models import Rollup, StaffFigure
from onewindow.stats.tests.factories import CaseSpec, write_cases
from onewindow.stats.tests.test_figures import NOVEMBER, generated, items  # noqa: F401 - the fixture
from onewindow.workcalendar.selectors import working_calendar

pytestmark = pytest.mark.django_db


def open_past_due(specs, day: date) -> int:
    """Accepted by the day's end, not decided by then, promised before that day."""
    return sum(
        spec.accepted is not None
        and spec.accepted <= day
        and spec.promised_due is not None
        and spec.promised_due < day
        and (spec.decided is None or spec.decided > day)
        for spec in specs
    )


def test_cases_open_past_due_are_counted_at_the_period_end_not_summed(hall, items):  # noqa: F811
    specs = generated(hall, items)
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(date(2026, 10, 1), date(2026, 12, 31))
    for last in (date(2026, 11, 20), date(2026, 11, 30), date(2026, 12, 15)):
        whole = selectors.period_figures(first=date(2026, 11, 1), last=last)
        assert whole.open_overdue == open_past_due(specs, last), last
        assert whole.overdue == whole.overdue_completed + open_past_due(specs, last)
    # A week is its last day's, a month its last day's (per month when broken down by month).
    by_month = {
        row.group["month"]: row.open_overdue
        for row in selectors.figures(first=date(2026, 10, 1), last=date(2026, 12, 31), by="month")
    }
    assert by_month[date(2026, 11, 1)] == open_past_due(specs, date(2026, 11, 30))
    assert by_month[date(2026, 12, 1)] == open_past_due(specs, date(2026, 12, 31))
    by_day = {
        row.group["day"]: row.open_overdue
        for row in selectors.figures(first=date(2026, 11, 16), last=date(2026, 11, 22), by="day")
    }
    assert by_day[date(2026, 11, 18)] == open_past_due(specs, date(2026, 11, 18))
    # The parts add up to the whole, by department and by site.
    total = open_past_due(specs, date(2026, 11, 30))
    assert total > 0  # the data exercises the definition
    for by in ("department", "site", "item", "channel"):
        rows = selectors.figures(first=NOVEMBER[0], last=NOVEMBER[1], by=by)
        assert sum(row.open_overdue for row in rows) == total, by


def test_a_period_running_into_the_future_reports_the_last_day_rolled_up(hall, items):  # noqa: F811
    specs = generated(hall, items)
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(*NOVEMBER)
    Rollup.objects.create(name=services.ROLLUP, rebuilt_through=date(2026, 11, 25))
    whole = selectors.period_figures(first=date(2026, 11, 1), last=date(2026, 11, 30))
    assert whole.open_overdue == open_past_due(specs, date(2026, 11, 25))


def _rate(hall, *, day, level, window, staff, department=None, current=True, counted=True):
    """A rating of a service at the window (the tablet's), with the flags a follow-up or an upheld
    appeal leaves on it."""
    service = Service.objects.create(
        site=window.site,
        window=window,
        staff=staff,
        department=department,
        token=secrets.token_hex(8),
        status=Service.Status.RATED,
        ended_at=at(day, 10),
        requested_by=staff.user,
    )
    return Rating.objects.create(
        service=service,
        site=window.site,
        window=window,
        staff=staff,
        department=department,
        level=level,
        level_label=Level(level).label,
        channel=RatingChannel.choices[0][0],
        is_bad=level in BAD_LEVELS,
        is_current=current,
        counted=counted,
        rated_at=at(day, 11),
        rated_date=day,
    )


def test_satisfaction_by_site_department_window_and_staff(hall, items):  # noqa: F811
    rng = random.Random(7)
    days = chinese_calendar.get_workdays(*NOVEMBER)
    one, two = hall["windows"][0], hall["windows"][1]
    people = {one.pk: hall["clerk"], two.pk: hall["market_a"]}
    made = []
    for _ in range(120):
        window = rng.choice([one, two])
        made.append(
            _rate(
                hall,
                day=rng.choice(days),
                level=rng.choice(list(Level.values)),
                window=window,
                staff=people[window.pk],
                department=hall["market"] if window == two else None,
                current=rng.random() > 0.1,
                counted=rng.random() > 0.05,
            )
        )
    _rate(
        hall, day=date(2026, 12, 1), level=Level.VERY_DISSATISFIED, window=one, staff=hall["clerk"]
    )  # December
    services.rollup_days(*NOVEMBER)
    kept = [rating for rating in made if rating.is_current and rating.counted]

    def satisfaction(ratings):
        return selectors.rate(sum(not rating.is_bad for rating in ratings), len(ratings))

    whole = selectors.period_figures(first=NOVEMBER[0], last=NOVEMBER[1])
    assert (whole.ratings, whole.satisfaction_rate) == (len(kept), satisfaction(kept))
    assert 0 < whole.bad_ratings < whole.ratings
    (market,) = selectors.figures(first=NOVEMBER[0], last=NOVEMBER[1], departments=[hall["market"].pk])
    assert market.satisfaction_rate == satisfaction([r for r in kept if r.department_id == hall["market"].pk])
    windows = {
        row.key: row for row in selectors.people_figures(first=NOVEMBER[0], last=NOVEMBER[1], by="window")
    }
    for window in (one, two):
        mine = [r for r in kept if r.window_id == window.pk]
        assert (windows[window.pk].ratings, windows[window.pk].satisfaction_rate) == (
            len(mine),
            satisfaction(mine),
        )
        assert "号窗口" in windows[window.pk].label
    staff = {
        row.key: row for row in selectors.people_figures(first=NOVEMBER[0], last=NOVEMBER[1], by="staff")
    }
    assert staff[hall["clerk"].pk].ratings == sum(r.staff_id == hall["clerk"].pk for r in kept)
    # Ratings do not break down by item or channel: shown as "—", never as 0% or 100%.
    for row in selectors.figures(first=NOVEMBER[0], last=NOVEMBER[1], by="item"):
        assert row.satisfaction_rate is None


def test_each_staff_members_and_windows_work(hall, items):  # noqa: F811
    calendar = working_calendar()
    day = date(2026, 11, 17)
    org_services.duty_roster_generate(
        site=hall["county"], duty_date=day, actor=hall["office"].user, at=at(day, 8), calendar=calendar
    )
    clerk, market_a, reviewer = hall["clerk"], hall["market_a"], hall["reviewer"]
    version = items["promised"]
    specs = [
        CaseSpec(
            version=version,
            site_id=hall["county"].pk,
            received=day,
            accepted=day,
            clerk_id=clerk.pk,
            promised_due=day + timedelta(days=7),
        ),
        CaseSpec(version=version, site_id=hall["county"].pk, received=day, clerk_id=clerk.pk),
        CaseSpec(
            version=version,
            site_id=hall["county"].pk,
            received=day,
            accepted=day,
            clerk_id=market_a.pk,
            promised_due=day + timedelta(days=7),
        ),
        # decided on the day by the reviewer: one on time, one late
        CaseSpec(
            version=version,
            site_id=hall["county"].pk,
            received=date(2026, 11, 2),
            accepted=date(2026, 11, 2),
            decided=day,
            promised_due=date(2026, 11, 20),
            decider_id=reviewer.pk,
        ),
        CaseSpec(
            version=version,
            site_id=hall["county"].pk,
            received=date(2026, 11, 2),
            accepted=date(2026, 11, 2),
            decided=day,
            promised_due=date(2026, 11, 9),
            decider_id=reviewer.pk,
        ),
    ]
    write_cases(specs, user=clerk.user)
    services.rollup_days(day, day)
    rows = {row.staff_id: row for row in StaffFigure.objects.filter(day=day)}
    assert (rows[clerk.pk].received, rows[clerk.pk].accepted, rows[clerk.pk].window_id) == (
        2,
        1,
        hall["windows"][0].pk,
    )
    assert (rows[market_a.pk].accepted, rows[market_a.pk].window_id) == (1, hall["windows"][1].pk)
    assert (rows[reviewer.pk].decided, rows[reviewer.pk].decided_on_time, rows[reviewer.pk].window_id) == (
        2,
        1,
        None,
    )
    staff = {row.key: row for row in selectors.people_figures(first=day, last=day, by="staff")}
    assert staff[reviewer.pk].on_time_rate == Decimal("50.00")
    windows = {row.key: row for row in selectors.people_figures(first=day, last=day, by="window")}
    assert windows[hall["windows"][0].pk].received == 2
    only_market = selectors.people_figures(first=day, last=day, by="window", departments=[hall["housing"].pk])
    assert [row.key for row in only_market] == [hall["windows"][0].pk]  # window 1 serves housing too


def test_fees_collected_less_refunds_on_their_days(hall, seeded_calendar):
    from onewindow.fees import services as fee_services
    from onewindow.fees.models import Payment
    from onewindow.fees.tests.factories import (
        TUESDAY,
        all_fees,
        decided_case,
        fee_version,
        fiscal_setup,
        issue,
    )

    bank = fiscal_setup(hall)
    version = fee_version(hall)
    paid = []
    for number in (1, 2):
        case = decided_case(hall, version)
        notice = issue(hall, case, all_fees(case, 证书工本费={"quantity": Decimal(1 + number)}))
        payment, _created = fee_services.payment_confirm(
            bank=bank,
            confirmation=fee_services.BankConfirmation(
                notice_number=notice.number,
                transaction_id=f"T{number}",
                amount=notice.total,
                paid_at=at(TUESDAY, 10),
            ),
            at=at(TUESDAY, 12),
            channel=Payment.Channel.API,
        )
        paid.append(payment)
    line = paid[0].notice.lines.get(name="登记费")
    refund = fee_services.refund_request(
        payment=paid[0],
        line_id=line.pk,
        user=hall["clerk"].user,
        at=at(TUESDAY, 14),
        amount="30.00",
        reason="多收",
    )
    wednesday = TUESDAY + timedelta(days=1)
    fee_services.refund_decide(refund=refund, user=hall["office"].user, at=at(wednesday, 9), approve=True)
    services.rollup_days(TUESDAY, wednesday)
    tuesday = selectors.period_figures(first=TUESDAY, last=TUESDAY)
    assert tuesday.fees_collected == sum(payment.amount for payment in paid) == Decimal("190.00")
    assert selectors.period_figures(first=wednesday, last=wednesday).fees_refunded == Decimal("30.00")
    assert selectors.period_figures(first=TUESDAY, last=wednesday).fees_net == Decimal("160.00")
    (market,) = selectors.figures(first=TUESDAY, last=wednesday, by="department")
    assert market.fees_net == Decimal("160.00")


def test_by_site_level_the_county_and_its_townships(hall, items):  # noqa: F811
    specs = generated(hall, items)
    write_cases(specs, user=hall["clerk"].user)
    services.rollup_days(*NOVEMBER)
    rows = {
        row.group["site__level"]: row
        for row in selectors.figures(first=NOVEMBER[0], last=NOVEMBER[1], by="level")
    }
    for site in (hall["county"], hall["township"]):
        mine = [spec for spec in specs if spec.site_id == site.pk]
        assert rows[site.level].accepted == sum(spec.accepted is not None for spec in mine)
    labels = [row["label"] for row in selectors.labelled_rows(list(rows.values()), by="level")]
    assert sorted(labels) == sorted(["县级", "镇（乡、街道）级"])
