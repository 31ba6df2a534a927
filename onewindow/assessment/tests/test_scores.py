"""A month's scores against counts made here, independently of the computation, for November
2026 (21 working days, no holiday), computed on 1 December."""

from dataclasses import dataclass
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError

from onewindow.assessment import selectors, services
from onewindow.assessment.models import Award, Component, Indicator, Score, ScoreRun, SubjectKind
from onewindow.assessment.rules import DEFAULT_SCHEME
from onewindow.assessment.tests.factories import decided, finding, on_duty, rate, signs, upheld_complaint
from onewindow.cases.tests.factories import at, immediate_item, published_item
from onewindow.common.api import NotAllowed
from onewindow.supervision import services as supervision_services

pytestmark = pytest.mark.django_db

NOVEMBER = date(2026, 11, 1)
COMPUTED = at(date(2026, 12, 1), 2, 0)
WORKING_DAYS = 21


@dataclass(frozen=True)
class Spec:
    name: str
    immediate: bool
    received_by: str | None
    received: date
    decided: date | None
    promised_due: date


def d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


#: The month's decided cases (and two that are not the month's), as the test counts them.
SPECS = [
    Spec("c1", False, "clerk", d(2), d(6), d(9)),  # early
    Spec("c2", False, "clerk", d(2), d(9), d(9)),  # on the due day
    Spec("c3", False, "clerk", d(2), d(10), d(5)),  # late
    Spec("c4", True, "clerk", d(2), d(2), d(2)),  # decided at the window the same day
    Spec("c5", True, "clerk", d(2), d(3), d(2)),  # an immediate case decided the next day: late
    Spec("c6", False, "clerk", d(2), d(1, 12), d(9)),  # decided in December: not November's
    Spec("c7", False, "clerk", d(30, 10), d(5), d(6)),  # received when the clerk sat at no window
    Spec("c8", False, None, d(2), d(5), d(9)),  # online: no counter
    Spec("c9", False, "clerk_b", d(3), d(4), d(10)),  # early, at window 1 by its B post
]


def counted(specs, *, month=NOVEMBER):
    """completed, on time, promised, early, on site — counted here from the specs."""
    mine = [spec for spec in specs if spec.decided and spec.decided.month == month.month]
    return {
        "completed": len(mine),
        "on_time": sum(spec.decided <= spec.promised_due for spec in mine),
        "promised": sum(not spec.immediate for spec in mine),
        "early": sum((not spec.immediate) and spec.decided < spec.promised_due for spec in mine),
        "on_site": sum(spec.immediate and spec.decided == spec.received for spec in mine),
    }


@pytest.fixture
def november(hall, seeded_calendar):
    window1, window2 = hall["windows"][0], hall["windows"][1]
    clerk, clerk_b, market_a = hall["clerk"], hall["clerk_b"], hall["market_a"]
    # The roster: window 1 by its A post on the 2nd, its B post on the 3rd, a stand-in on the 4th;
    # window 2 by its A post on the 2nd; window 3 and the township's window never.
    on_duty(hall, window1, clerk, d(2))
    on_duty(hall, window1, clerk_b, d(3))
    on_duty(hall, window1, market_a, d(4))
    on_duty(hall, window2, market_a, d(2))
    signs(clerk, d(2), time(8, 50), time(17, 10))  # normal
    signs(clerk_b, d(3), time(9, 20), time(17, 0))  # late
    signs(market_a, d(2), time(8, 55), time(17, 0))  # normal at window 2; absent at window 1 on the 4th
    promised, immediate = published_item(hall), immediate_item(hall)
    people = {"clerk": clerk, "clerk_b": clerk_b, None: None}
    cases = {
        spec.name: decided(
            hall,
            immediate if spec.immediate else promised,
            received_by=people[spec.received_by],
            received=spec.received,
            decided=spec.decided,
            promised_due=spec.promised_due,
        )
        for spec in SPECS
    }
    rate(cases["c1"], 1, d(7))
    rate(cases["c2"], 2, d(10))
    rate(cases["c3"], 5, d(11))  # a bad review
    rate(cases["c9"], 1, d(5))
    upheld_complaint(hall, answered=d(20), window=window1)
    upheld_complaint(hall, answered=d(21), result="PARTLY_UPHELD", staff=clerk)
    upheld_complaint(hall, answered=d(2, 12), staff=clerk)  # December's
    finding(hall, day=d(12), kind="WARNING", window=window1)
    revoked = finding(hall, day=d(13), kind="REMINDER", staff=clerk)
    supervision_services.finding_appeal(
        finding=revoked, user=clerk.user, text="当日系系统故障导致，已提供运维记录证明。", at=at(d(14))
    )
    supervision_services.finding_decide_appeal(
        finding=revoked, user=hall["office"].user, uphold=False, decision="情况属实，撤销问责。", at=at(d(16))
    )
    run = services.scores_compute(month=NOVEMBER, site=hall["county"], at=COMPUTED, user=hall["office"].user)
    return {"cases": cases, "run": run}


def component(score: Score, indicator: str) -> Component:
    return score.components.get(indicator=indicator)


def fraction(component: Component) -> tuple[Decimal, Decimal]:
    return component.numerator, component.denominator


def points(weight, numerator, denominator, share=100) -> Decimal:
    """weight × 100 / share × (numerator ÷ denominator rounded to 4 places), to the cent."""
    value = (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
    return (Decimal(weight) * 100 / Decimal(share) * value).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_window_one_against_counts_made_here(hall, november):
    score = Score.objects.get(month=NOVEMBER, window=hall["windows"][0])
    window_cases = [spec for spec in SPECS if spec.name in ("c1", "c2", "c3", "c4", "c5", "c9")]
    expected = counted(window_cases)
    assert expected == {"completed": 6, "on_time": 4, "promised": 4, "early": 2, "on_site": 1}
    assert fraction(component(score, Indicator.ON_TIME)) == (expected["on_time"], expected["completed"])
    assert fraction(component(score, Indicator.EARLY)) == (expected["early"], expected["promised"])
    assert fraction(component(score, Indicator.ON_SITE)) == (expected["on_site"], expected["completed"])
    assert fraction(component(score, Indicator.SATISFACTION)) == (3, 4)  # c1, c2, c9 good, c3 bad
    # Three duty days: normal, late (½ lost), absent (1 lost) → 1.5 of 3.
    assert fraction(component(score, Indicator.ATTENDANCE)) == (Decimal("1.5"), 3)
    # A or B post on the 2nd and the 3rd; a stand-in on the 4th; nobody on the other 18 days.
    assert fraction(component(score, Indicator.AB_COVERAGE)) == (2, WORKING_DAYS)
    assert component(score, Indicator.COMPLAINTS).points == Decimal("-5.00")
    assert component(score, Indicator.FINDINGS).points == Decimal("-3.00")
    weights = DEFAULT_SCHEME.weights
    positive = (
        points(weights[Indicator.ON_TIME], 4, 6)
        + points(weights[Indicator.EARLY], 2, 4)
        + points(weights[Indicator.SATISFACTION], 3, 4)
        + points(weights[Indicator.ATTENDANCE], Decimal("1.5"), 3)
        + points(weights[Indicator.AB_COVERAGE], 2, WORKING_DAYS)
        + points(weights[Indicator.ON_SITE], 1, 6)
    )
    assert score.positive == positive == Decimal("51.37")
    assert score.deducted == Decimal("8.00")
    assert score.total == Decimal("43.37")
    assert sum(component.points for component in score.components.all()) == score.total


def test_a_staff_member_hands_the_windows_coverage_weight_to_the_rest(hall, november):
    score = Score.objects.get(month=NOVEMBER, staff=hall["clerk"])
    mine = counted([spec for spec in SPECS if spec.received_by == "clerk"])
    assert mine == {
        "completed": 6,
        "on_time": 4,
        "promised": 4,
        "early": 2,
        "on_site": 1,
    }  # c7 counts, c6 not
    assert fraction(component(score, Indicator.ON_TIME)) == (4, 6)
    assert fraction(component(score, Indicator.SATISFACTION)) == (2, 3)
    assert fraction(component(score, Indicator.ATTENDANCE)) == (1, 1)
    coverage = component(score, Indicator.AB_COVERAGE)
    assert coverage.value is None and coverage.points == 0 and coverage.detail["not_applicable"]
    share = 100 - DEFAULT_SCHEME.weights[Indicator.AB_COVERAGE]
    assert component(score, Indicator.ON_TIME).effective_weight == Decimal("27.78")
    weights = DEFAULT_SCHEME.weights
    positive = (
        points(weights[Indicator.ON_TIME], 4, 6, share)
        + points(weights[Indicator.EARLY], 2, 4, share)
        + points(weights[Indicator.SATISFACTION], 2, 3, share)
        + points(weights[Indicator.ATTENDANCE], 1, 1, share)
        + points(weights[Indicator.ON_SITE], 1, 6, share)
    )
    assert score.positive == positive == Decimal("62.05")
    # A complaint partly upheld (2); the finding revoked on appeal and December's complaint do not count.
    assert component(score, Indicator.COMPLAINTS).detail["counts"] == {"PARTLY_UPHELD": 1}
    assert component(score, Indicator.FINDINGS).numerator == 0
    assert score.total == Decimal("60.05")


def test_every_window_of_the_tree_is_ranked_and_ties_share_a_rank(hall, november):
    run = november["run"]
    windows = Score.objects.filter(month=NOVEMBER, kind=SubjectKind.WINDOW)
    assert set(windows.values_list("window_id", flat=True)) == {
        *(window.pk for window in hall["windows"]),
        hall["township_window"].pk,
    }
    assert run.windows == 4 and run.through_date == date(2026, 11, 30)
    ranked = selectors.ranking(Score.objects.all(), month=NOVEMBER, kind=SubjectKind.WINDOW)
    assert [row.score.window for row in ranked[:2]] == [hall["windows"][1], hall["windows"][0]]
    # Window 2: its A post on one day, present (coverage 1/21 and attendance 1/1).
    assert ranked[0].score.total == points(10, 1, 21, 25) + points(15, 1, 1, 25)
    # Window 3 and the township's window: no roster at all, coverage 0 of 21 → 0, tied.
    assert [row.rank for row in ranked[2:]] == [3, 3] and {row.score.total for row in ranked[2:]} == {0}


def test_the_records_behind_each_component_are_the_ones_counted(hall, november):
    score = Score.objects.get(month=NOVEMBER, window=hall["windows"][0])
    office = hall["office"].user
    cases = november["cases"]
    on_time = selectors.records_of(score, Indicator.ON_TIME, user=office)
    assert {case.pk for case in on_time} == {cases[name].pk for name in ("c1", "c2", "c3", "c4", "c5", "c9")}
    early = selectors.records_of(score, Indicator.EARLY, user=office)
    assert {case.pk for case in early} == {cases[name].pk for name in ("c1", "c2", "c3", "c9")}
    assert selectors.records_of(score, Indicator.SATISFACTION, user=office).count() == 4
    assert selectors.records_of(score, Indicator.COMPLAINTS, user=office).count() == 1
    assert selectors.records_of(score, Indicator.FINDINGS, user=office).count() == 1
    attendance = selectors.records_of(score, Indicator.ATTENDANCE, user=office)
    assert [(line.day.day.day, line.staff.pk, line.day.mark) for line in attendance] == [
        (2, hall["clerk"].pk, "NORMAL"),
        (3, hall["clerk_b"].pk, "LATE"),
        (4, hall["market_a"].pk, "ABSENT"),
    ]
    coverage = selectors.records_of(score, Indicator.AB_COVERAGE, user=office)
    assert len(coverage) == WORKING_DAYS and [line.day.day for line in coverage if line.holds_post] == [2, 3]
    # A department's reviewer sees only its own department's cases behind the score.
    reviewer = selectors.records_of(score, Indicator.ON_TIME, user=hall["reviewer"].user)
    assert reviewer.count() == 6  # the market department's item: all six are theirs
    assert selectors.records_of(score, Indicator.ON_TIME, user=hall["township_clerk"].user).count() == 0


def test_recomputing_replaces_the_month_and_keeps_its_awards(hall, november):
    office = hall["office"].user
    award = services.award_grant(
        user=office, month=NOVEMBER, kind=Award.Kind.RED_FLAG_WINDOW, window=hall["windows"][1], at=COMPUTED
    )
    assert award.rank == 1
    before = Score.objects.filter(month=NOVEMBER).count()
    rate(november["cases"]["c4"], 4, d(20), reasons=["RUDE"])  # another bad review at window 1
    services.scores_compute(month=NOVEMBER, site=hall["county"], at=COMPUTED, user=office)
    assert Score.objects.filter(month=NOVEMBER).count() == before
    score = Score.objects.get(month=NOVEMBER, window=hall["windows"][0])
    assert fraction(component(score, Indicator.SATISFACTION)) == (3, 5)
    assert Award.objects.filter(pk=award.pk).exists()
    assert ScoreRun.objects.filter(month=NOVEMBER).count() == 1


def test_a_township_recomputes_only_its_own_tree(hall, november):
    services.scores_compute(
        month=NOVEMBER, site=hall["township"], at=COMPUTED, user=hall["township_office"].user
    )
    assert Score.objects.filter(month=NOVEMBER, window=hall["windows"][0]).exists()
    with pytest.raises(NotAllowed):
        services.scores_compute(
            month=NOVEMBER, site=hall["county"], at=COMPUTED, user=hall["township_office"].user
        )


def test_a_month_not_begun_or_in_the_future_is_refused(hall, seeded_calendar):
    with pytest.raises(services.AssessmentError) as error:
        services.scores_compute(month=date(2026, 12, 1), site=hall["county"], at=COMPUTED)
    assert error.value.code == "month_not_begun"
    with pytest.raises(services.AssessmentError) as error:
        services.scores_compute(month=date(2027, 1, 1), site=hall["county"], at=COMPUTED)
    assert error.value.code == "future_month"
    # The month so far: through yesterday.
    run = services.scores_compute(month=NOVEMBER, site=hall["county"], at=at(d(18)))
    assert run.through_date == d(17)


def test_a_scheme_weights_must_make_100(hall, seeded_calendar):
    values = dict(DEFAULT_SCHEME.values)
    values["weight_on_time"] = 30
    with pytest.raises(ValidationError) as error:
        services.scheme_save(site=hall["county"], user=hall["office"].user, at=COMPUTED, values=values)
    assert error.value.message_dict["weights"] == ["六项加分指标的权重之和须为100（现为 105）。"]
    values["weight_early"] = 5
    values["finding_warning_points"] = "-1"
    with pytest.raises(ValidationError) as error:
        services.scheme_save(site=hall["county"], user=hall["office"].user, at=COMPUTED, values=values)
    assert set(error.value.message_dict) == {"finding_warning_points"}
    values["finding_warning_points"] = "4"
    with pytest.raises(NotAllowed):
        services.scheme_save(site=hall["county"], user=hall["supervision"].user, at=COMPUTED, values=values)
    services.scheme_save(site=hall["county"], user=hall["office"].user, at=COMPUTED, values=values)
    from onewindow.assessment.rules import scheme_for

    township = scheme_for(hall["township"])
    assert township.weights[Indicator.ON_TIME] == 30 and township.source_site_id == hall["county"].pk


def test_a_different_scheme_changes_the_score(hall, november):
    values = dict(DEFAULT_SCHEME.values)
    values.update(
        weight_on_time=50,
        weight_early=0,
        weight_satisfaction=50,
        weight_attendance=0,
        weight_ab_coverage=0,
        weight_on_site=0,
        complaint_upheld_points=10,
        finding_warning_points=0,
    )
    services.scheme_save(site=hall["county"], user=hall["office"].user, at=COMPUTED, values=values)
    services.scores_compute(month=NOVEMBER, site=hall["county"], at=COMPUTED, user=hall["office"].user)
    score = Score.objects.get(month=NOVEMBER, window=hall["windows"][0])
    # 50 × 4/6 + 50 × 3/4 − 10
    assert score.total == points(50, 4, 6) + points(50, 3, 4) - 10
    # Window 3 has neither cases nor ratings: nothing weighted to assess, so no score.
    assert not Score.objects.filter(month=NOVEMBER, window=hall["windows"][2]).exists()


def test_awards_are_granted_published_and_revoked_by_the_office(hall, november):
    office = hall["office"].user
    with pytest.raises(services.AwardError) as error:
        services.award_grant(
            user=office,
            month=date(2026, 10, 1),
            kind=Award.Kind.RED_FLAG_WINDOW,
            window=hall["windows"][0],
            at=COMPUTED,
        )
    assert error.value.code == "not_scored"
    with pytest.raises(NotAllowed):
        services.award_grant(
            user=hall["business"].user,
            month=NOVEMBER,
            kind=Award.Kind.MODEL_STAFF,
            staff=hall["clerk"],
            at=COMPUTED,
        )
    staff_award = services.award_grant(
        user=office, month=NOVEMBER, kind=Award.Kind.MODEL_STAFF, staff=hall["clerk"], at=COMPUTED
    )
    assert staff_award.window == hall["windows"][0] and staff_award.status == Award.Status.DRAFT
    with pytest.raises(services.AwardError):
        services.award_grant(
            user=office, month=NOVEMBER, kind=Award.Kind.MODEL_STAFF, staff=hall["clerk"], at=COMPUTED
        )
    assert selectors.published_awards(today=date(2026, 12, 5)) == []
    assert services.awards_publish(user=office, month=NOVEMBER, site=hall["county"], at=COMPUTED) == 1
    published = selectors.published_awards(today=date(2026, 12, 5))
    assert [award.staff for award in published[0]["staff"]] == [hall["clerk"]]
    with pytest.raises(services.AwardError):
        services.awards_publish(user=office, month=NOVEMBER, site=hall["county"], at=COMPUTED)
    with pytest.raises(ValidationError):
        services.award_revoke(user=office, award=staff_award, reason="", at=COMPUTED)
    services.award_revoke(user=office, award=staff_award, reason="当月有属实投诉", at=COMPUTED)
    assert selectors.published_awards(today=date(2026, 12, 5)) == []
    again = services.award_grant(
        user=office, month=NOVEMBER, kind=Award.Kind.MODEL_STAFF, staff=hall["clerk"], at=COMPUTED
    )
    assert again.pk != staff_award.pk  # a revoked award stays on record; the subject may be named again


def test_the_department_report(hall, november):
    lines = {
        line.department.pk: line
        for line in selectors.department_report(
            sites=[hall["county"].pk, hall["township"].pk, hall["village"].pk], first=NOVEMBER, last=d(30)
        )
    }
    market = lines[hall["market"].pk]
    assert market.ratings == 4 and market.satisfaction == Decimal("75.00")
    assert market.complaints_upheld == 0  # the complaints named a window and a staff member of the hall
    # Window 2 is the market department's handling window; window 1 is the hall's own.
    window2 = Score.objects.get(month=NOVEMBER, window=hall["windows"][1])
    assert market.window_average == window2.total and market.window_months == 1
    assert market.share_points == (window2.total / 10).quantize(Decimal("0.01"))
    housing = lines[hall["housing"].pk]
    window3 = Score.objects.get(month=NOVEMBER, window=hall["windows"][2])
    assert housing.window_average == window3.total == 0
