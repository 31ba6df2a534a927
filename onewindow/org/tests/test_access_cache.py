"""A user's access is reused across requests for a few seconds, yet a role given or taken away
counts at once in the process that saved it."""

import pytest

from onewindow.org import selectors, services
from onewindow.org.models import Role
from onewindow.org.selectors import access_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def window(recheck_window):
    return recheck_window("ONEWINDOW_ACCESS_RECHECK_SECONDS", selectors.access_cache_clear)


def fresh(user):
    """The user as the next request loads it (a new object, no per-object memo)."""
    return type(user).objects.get(pk=user.pk)


def test_access_is_reused_across_requests_within_the_window(hall, window, django_assert_num_queries):
    user = hall["clerk"].user
    assert access_for(fresh(user)).scope == "site"
    again, later = fresh(user), fresh(user)  # the next requests' user objects, same person
    with django_assert_num_queries(0):
        assert access_for(again).scope == "site"
    window["now"] += 61
    with django_assert_num_queries(2):  # the staff record and its roles, read again
        access_for(later)


def test_a_role_taken_away_counts_at_once(hall, window):
    staff = hall["clerk"]
    assert access_for(fresh(staff.user)).has_role(Role.WINDOW_CLERK)

    services.staff_update(staff=staff, full_name=staff.name, site=staff.site, roles=[Role.FEE_CLERK])

    access = access_for(fresh(staff.user))
    assert access.has_role(Role.FEE_CLERK) and not access.has_role(Role.WINDOW_CLERK)


def test_becoming_a_superuser_is_not_hidden_by_the_cache(hall, window):
    user = hall["clerk"].user
    assert access_for(fresh(user)).scope == "site"
    type(user).objects.filter(pk=user.pk).update(is_superuser=True)  # no signal: another process
    assert access_for(fresh(user)).scope == "all"


def test_the_nearby_case_agents_are_reused_and_a_new_one_counts_at_once(
    hall, window, django_assert_num_queries
):
    from onewindow.org.selectors import role_holders_near

    assert role_holders_near(hall["township"], Role.CASE_AGENT) == [hall["agent"]]  # the county's
    with django_assert_num_queries(0):
        role_holders_near(hall["township"], Role.CASE_AGENT)
    clerk = hall["township_clerk"]
    services.staff_update(
        staff=clerk, full_name=clerk.name, site=clerk.site, roles=[Role.WINDOW_CLERK, Role.CASE_AGENT]
    )
    assert role_holders_near(hall["township"], Role.CASE_AGENT) == [clerk, hall["agent"]]  # nearest first


def test_the_center_name_is_reused_and_a_rename_counts_at_once(hall, window, django_assert_num_queries):
    from onewindow.org.selectors import center_name

    county = hall["county"]
    assert center_name() == county.name
    with django_assert_num_queries(0):
        center_name()
    county.name = "庄河市政务服务中心"
    county.save()
    assert center_name() == "庄河市政务服务中心"
