"""On PostgreSQL: a double tap on 签到 from two devices signs in once; two recomputations of the
same month at once leave one set of scores, never two."""

from datetime import date

import pytest

from onewindow.assessment import services
from onewindow.assessment.models import AttendanceDay, Score
from onewindow.assessment.tests.test_scores import COMPUTED, NOVEMBER, november  # noqa: F401 - fixture
from onewindow.cases.tests.factories import at
from onewindow.common.tests.concurrency import run_together
from onewindow.org.models import Site, Staff

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_eight_sign_ins_at_once_make_one_row(hall, seeded_calendar):
    staff_id = hall["clerk"].pk

    def sign_in():
        return services.attendance_sign_in(
            staff=Staff.objects.get(pk=staff_id), at=at(date(2026, 12, 3), 8, 40)
        )

    outcomes = run_together([sign_in] * 8)
    assert not [outcome for outcome in outcomes if isinstance(outcome, Exception)], outcomes
    assert sum(outcome.changed for outcome in outcomes) == 1
    assert AttendanceDay.objects.filter(staff_id=staff_id).count() == 1


def test_two_recomputations_of_a_month_leave_one_set_of_scores(hall, november):  # noqa: F811
    before = set(Score.objects.filter(month=NOVEMBER).values_list("window_id", "staff_id", "total"))
    county_id = hall["county"].pk

    def compute():
        return services.scores_compute(month=NOVEMBER, site=Site.objects.get(pk=county_id), at=COMPUTED)

    outcomes = run_together([compute, compute, compute])
    failures = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert all(isinstance(failure, services.AssessmentError) for failure in failures), failures
    assert len(failures) < 3
    after = list(Score.objects.filter(month=NOVEMBER).values_list("window_id", "staff_id", "total"))
    assert len(after) == len(before) and set(after) == before
