"""Every read is scoped: one site's or department's clerk never sees another's data."""

import pytest

from onewindow.org import selectors
from onewindow.org.tests.factories import make_site, make_staff

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(str(getattr(row, "name", row)) for row in queryset)


def test_the_county_office_sees_its_site_and_every_site_below(hall):
    user = hall["office"].user
    assert names(selectors.site_visible_to(user)) == sorted(
        ["测试县政务服务中心", "测试镇便民服务中心", "测试村代办点"]
    )
    assert selectors.staff_visible_to(user).count() == 15
    assert selectors.window_visible_to(user).count() == 4


@pytest.mark.parametrize("who", ["business", "supervision"])
def test_the_business_and_supervision_sections_span_the_network_too(hall, who):
    assert selectors.site_visible_to(hall[who].user).count() == 3


def test_a_township_office_sees_its_township_and_villages_but_not_the_county(hall):
    user = hall["township_office"].user
    assert names(selectors.site_visible_to(user)) == sorted(["测试镇便民服务中心", "测试村代办点"])
    assert hall["clerk"] not in selectors.staff_visible_to(user)


@pytest.mark.parametrize("who", ["clerk", "fee", "agent"])
def test_site_staff_see_their_own_site_only(hall, who):
    user = hall[who].user
    assert names(selectors.site_visible_to(user)) == ["测试县政务服务中心"]
    assert hall["township_clerk"] not in selectors.staff_visible_to(user)
    assert hall["township_window"] not in selectors.window_visible_to(user)
    assert selectors.department_visible_to(user).count() == 2


@pytest.mark.parametrize("who", ["reviewer", "chief"])
def test_department_roles_see_their_department_only(hall, who):
    user = hall[who].user
    assert names(selectors.department_visible_to(user)) == ["市场监督管理局"]
    assert sorted(window.number for window in selectors.window_visible_to(user)) == ["1", "2"]
    visible = set(selectors.staff_visible_to(user))
    assert hall["market_a"] in visible and hall["housing_a"] not in visible and hall["clerk"] not in visible


def test_the_village_agent_sees_the_village_point_only(hall):
    assert names(selectors.site_visible_to(hall["village_clerk"].user)) == ["测试村代办点"]


def test_applicants_and_strangers_see_nothing(hall, django_user_model):
    applicant = django_user_model.objects.create_user(username="citizen", password="x")
    assert selectors.access_for(applicant).scope == "none"
    for selector in (
        selectors.site_visible_to,
        selectors.department_visible_to,
        selectors.window_visible_to,
        selectors.staff_visible_to,
    ):
        assert selector(applicant).count() == 0


def test_an_office_member_of_another_county_sees_nothing_of_this_one(hall):
    stranger = make_staff(site=make_site(name="另一个县中心"), roles=["CENTER_OFFICE"])
    assert names(selectors.site_visible_to(stranger.user)) == ["另一个县中心"]
    assert selectors.staff_visible_to(stranger.user).count() == 1


def test_an_inactive_staff_member_loses_access(hall):
    hall["office"].is_active = False
    hall["office"].save()
    user = hall["office"].user
    assert selectors.access_for(user).scope == "none"
