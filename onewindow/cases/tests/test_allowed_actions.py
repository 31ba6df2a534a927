"""What a user may do on a case, from one rule (permissions.case_available_actions): the API's case
record lists it as `allowed_actions`, and the case page shows exactly those buttons."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from onewindow.cases import services
from onewindow.cases.tests.factories import at, delegate, immediate_item, published_item, receive

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 16)


@pytest.fixture
def food(hall, seeded_calendar, settings):
    settings.ONEWINDOW_FROZEN_NOW = at(MONDAY, 10)
    version = published_item(hall)
    delegate(hall, version)
    return version


def allowed(user, case) -> list[str]:
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(f"/api/v1/cases/{case.reference}")
    assert response.status_code == 200
    return response.json()["allowed_actions"]


def test_a_received_case_offers_the_art_32_decisions_to_the_counter_only(hall, food):
    case = receive(hall, food, day=MONDAY)

    assert allowed(hall["clerk"].user, case) == ["accept", "correction_notice", "refuse", "withdraw"]
    assert allowed(hall["reviewer"].user, case) == []


def test_an_accepted_case_offers_handling_by_role(hall, food, client):
    case = services.case_accept(
        case=receive(hall, food, day=MONDAY), user=hall["clerk"].user, at=at(MONDAY, 9, 45)
    )

    reviewer = allowed(hall["reviewer"].user, case)
    assert reviewer == ["extend", "return", "suspend"]
    assert "decide" not in reviewer and "accept" not in reviewer
    assert allowed(hall["chief"].user, case) == [
        "decide",
        "extend",
        "return",
        "suspend",
        "terminate",
        "withdraw",
    ]

    client.force_login(hall["reviewer"].user)
    page = client.get(f"/desk/cases/{case.reference}/").content.decode()
    # the page's handling forms are the same actions: suspension and extension, no decision
    assert f"/desk/cases/{case.reference}/handle/suspend/" in page
    assert f"/desk/cases/{case.reference}/handle/decide/" not in page


def test_an_immediate_case_page_offers_the_chief_the_decision_under_his_letter(
    hall, seeded_calendar, settings, client
):
    settings.ONEWINDOW_FROZEN_NOW = at(MONDAY, 10)
    version = immediate_item(hall)
    letter = delegate(hall, version)
    case = services.case_accept(
        case=receive(hall, version, day=MONDAY), user=hall["clerk"].user, at=at(MONDAY, 9, 45)
    )

    client.force_login(hall["chief"].user)
    page = client.get(f"/desk/cases/{case.reference}/").content.decode()

    assert f"依据授权书 {letter.letter_number}" in page
    assert "decide_immediately" in allowed(hall["chief"].user, case)


def test_the_reach_of_a_case_is_asked_once_per_request(hall, food, django_assert_num_queries):
    """The case a page or API call loaded through its visibility rule is not asked about again by
    each permission check (the case page used to enter the access rules seven times)."""
    from onewindow.cases import permissions, selectors

    receive(hall, food, day=MONDAY)
    clerk = hall["clerk"].user
    permissions.can_receive(clerk)  # the user's access is computed once per user anyway
    case = selectors.visible_case_or_404(clerk, selectors.case_visible_to(clerk).get().reference)

    with django_assert_num_queries(0):
        assert permissions.sees(clerk, case)
        assert permissions.can_decide_acceptance(clerk, case)
        assert permissions.can_remind(clerk, case) is False
