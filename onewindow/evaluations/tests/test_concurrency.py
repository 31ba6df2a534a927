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
