"""Who sees a case: the rule decided on the loaded row (no query) must always agree with the
database's answer (selectors.case_visible_to), for every kind of reader and case."""

import pytest
from django.contrib.auth import get_user_model

from onewindow.cases import selectors
from onewindow.cases.models import Case
from onewindow.cases.tests.factories import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(hall, food):
    county = receive(hall, food)
    township = receive(hall, food, user=hall["township_clerk"].user)
    agent_case = receive(hall, food, user=hall["township_clerk"].user)
    Case.objects.filter(pk=agent_case.pk).update(agent=hall["township_clerk"])  # a township case...
    Case.objects.filter(pk=county.pk).update(agent=hall["agent"])
    return [county.pk, township.pk, agent_case.pk]


def readers(hall):
    people = [hall[name].user for name in hall if hasattr(hall[name], "user")]
    admin = get_user_model().objects.create_superuser("root-visibility", password="x" * 12)
    applicant = get_user_model().objects.create_user("applicant-visibility", password="x" * 12)
    return [*people, admin, applicant]


def test_the_row_rule_agrees_with_the_database_for_every_reader(hall, cases):
    for user in readers(hall):
        for case_id in cases:
            for loaded in (Case.objects.get(pk=case_id), Case.objects.select_related("site").get(pk=case_id)):
                expected = selectors.case_visible_to(user).filter(pk=case_id).exists()
                assert selectors.case_is_visible_to(user, loaded) is expected, (user, case_id)


def test_a_window_clerk_on_a_case_of_his_site_costs_no_query(hall, cases, django_assert_num_queries):
    case = Case.objects.get(pk=cases[0])
    selectors.access_for(hall["clerk"].user)  # his access, read once per request anyway
    with django_assert_num_queries(0):
        assert selectors.case_is_visible_to(hall["clerk"].user, case) is True
