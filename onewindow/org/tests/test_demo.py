from datetime import UTC, date, datetime

import pytest

from onewindow.org.demo import DEMO_PASSWORD, demo_load
from onewindow.org.models import STAFF_ROLES, Department, DutyAssignment, Site, Staff, StaffRole, Window
from onewindow.workcalendar.models import CalendarYear
from onewindow.workcalendar.selectors import working_calendar

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def test_the_demo_center_is_a_whole_hall_and_loading_it_twice_changes_nothing(seeded_calendar, client):
    # Given a Friday, when the demo is loaded
    result = demo_load(today=date(2026, 11, 20), now=NOW, calendar=working_calendar())
    county = Site.objects.get(code="210283")
    # Then the county center is modelled on the seeds, with every kind of site below it
    assert result.created is True
    assert Department.objects.filter(site=county).count() == 26
    assert Window.objects.filter(site=county).count() == 27
    assert Staff.objects.filter(site=county).count() >= 60
    assert set(Site.objects.values_list("kind", flat=True)) == {"CENTER", "BRANCH", "TOWNSHIP", "VILLAGE"}
    assert set(StaffRole.objects.values_list("role", flat=True)) == {role.value for role in STAFF_ROLES}
    # And today's roster is filled, except the window whose A and B posts are both away
    assert result.roster_date == date(2026, 11, 20)
    assert result.roster_gaps == ["市中心 3号窗口"]
    assert CalendarYear.objects.get(year=2027).is_published is False
    # And every printed login works with the demo password
    for username, _name, _role in result.logins:
        response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        client.logout()
    # When it is loaded again nothing is duplicated
    counts = (Staff.objects.count(), Window.objects.count(), DutyAssignment.objects.count())
    again = demo_load(today=date(2026, 11, 20), now=NOW, calendar=working_calendar())
    assert again.created is False
    assert (Staff.objects.count(), Window.objects.count(), DutyAssignment.objects.count()) == counts
