"""Two taps on a tablet (or two tablets with one token), two browsers rating one case at once:
one rating is written, the other gets a clear error, on PostgreSQL."""

import pytest

from onewindow.cases.tests.factories import at
from onewindow.common.api import DomainError
from onewindow.common.tests.concurrency import run_together
from onewindow.evaluations import services
from onewindow.evaluations.models import Channel, Rating, Rectification
from onewindow.fees.tests.factories import TUESDAY

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_one_service_is_rated_once_however_many_taps(hall, finished):
    service = services.service_push(
        user=hall["market_a"].user, window=hall["windows"][1], at=at(TUESDAY, 10, 0)
    )
    results = run_together(
        [
            lambda: services.rating_at_window(
                token=service.token, given=services.RatingInput(level=5), at=at(TUESDAY, 10, 1)
            )
        ]
        * 2
    )
    assert sorted(type(result).__name__ for result in results) == ["DomainError", "Rating"]
    assert Rating.objects.count() == 1 and Rectification.objects.count() == 1


def test_one_case_online_twice_at_once_is_a_rating_and_its_follow_up(hall, finished):
    def rate():
        return services.rating_of_case(
            case=finished, channel=Channel.PROGRESS, given=services.RatingInput(level=2), at=at(TUESDAY, 9)
        )

    results = run_together([rate, rate, rate])
    written = [result for result in results if isinstance(result, Rating)]
    refused = [result for result in results if isinstance(result, DomainError)]
    assert len(written) == 2 and len(refused) == 1  # the first word, its one follow-up, no third
    assert Rating.objects.filter(case=finished, is_current=True).count() == 1


def test_the_default_job_while_the_applicant_rates_neither_fails_nor_loses_the_applicants_word(
    hall, finished, monkeypatch
):
    """The applicant holds the case and has read no rating yet when the 7-day job writes its
    defaults: the job passes the case by (it is being rated), the applicant's rating is written."""
    import threading
    import time
    from datetime import date

    day = date(2026, 11, 23)
    has_read = threading.Event()
    real_counter = services.case_counter

    def slow_counter(case):
        has_read.set()
        time.sleep(1.5)  # the job runs now, while the applicant holds the case
        return real_counter(case)

    monkeypatch.setattr(services, "case_counter", slow_counter)

    def applicant():
        return services.rating_of_case(
            case=finished, channel=Channel.SMS, given=services.RatingInput(level=1), at=at(day, 9)
        )

    def default_job():
        assert has_read.wait(10)
        return services.ratings_default(at=at(day, 9))

    rating, defaulted = run_together([applicant, default_job])
    assert isinstance(rating, Rating), rating
    assert defaulted == 0, defaulted
    assert list(Rating.objects.filter(case=finished).values_list("level", "is_default", "is_current")) == [
        (1, False, True)
    ]
    assert services.ratings_default(at=at(day, 10)) == 0  # rated: never defaulted afterwards
