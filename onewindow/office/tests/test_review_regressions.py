"""Regressions found in review: each of these once gave a wrong answer or a 500."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.test import APIClient

from onewindow.org import services
from onewindow.org.tests.factories import make_site
from onewindow.workcalendar import services as calendar_services
from onewindow.workcalendar.selectors import calendar_year_overview, working_calendar

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_draft_years_day_off_spilling_into_this_year_changes_nothing_until_published(seeded_calendar):
    # Given 2027's draft arrangement starts New Year's holiday on 2026-12-31
    calendar_services.calendar_year_open(year=2027, actor=None, at=NOW)
    calendar_services.calendar_arrangement_add(
        year=2027,
        name="元旦",
        first_date=date(2026, 12, 31),
        last_date=date(2027, 1, 2),
        makeup_dates=[],
        actor=None,
        at=NOW,
    )
    # Then 2026-12-31 is still a working day, and the draft's page lists the day
    assert working_calendar().add(date(2026, 12, 30), 1) == date(2026, 12, 31)
    assert [day.date for day in calendar_year_overview(year=2027).days][0] == date(2026, 12, 31)
    # When 2027 is published, it is a day off
    calendar_services.calendar_year_publish(year=2027, notice_reference="", actor=None, at=NOW)
    assert working_calendar().add(date(2026, 12, 30), 1) == date(2027, 1, 4)


def test_a_window_or_a_post_holder_cannot_silently_move_to_another_site(hall):
    with pytest.raises(ValidationError, match="仍担任窗口AB岗"):
        services.staff_update(
            staff=hall["clerk"], full_name="王秀英", site=hall["township"], roles=["WINDOW_CLERK"]
        )
    window = hall["windows"][0]
    with pytest.raises(ValidationError, match="窗口不能调到其他中心"):
        services.window_save(window=window, site=hall["township"], number="9", name="x", kind="HANDLING")


@pytest.mark.parametrize(
    "url",
    ["/office/org/duty/?date=1989-12-31", "/office/org/duty/?date=2201-01-03", "/office/org/duty/?site=²"],
)
def test_odd_roster_queries_get_a_message_not_a_500(seeded_calendar, hall, url):
    assert logged_in(hall["office"].user).get(url).status_code == 200


def test_odd_roster_posts_get_a_404_or_a_message(seeded_calendar, hall):
    client = logged_in(hall["office"].user)
    assert client.post("/office/org/duty/generate/", {"site": "abc", "date": "2026-11-23"}).status_code == 404
    window = hall["windows"][0]
    assert (
        client.post(
            f"/office/org/duty/windows/{window.pk}/", {"date": "2026-11-23", "staff": "abc"}
        ).status_code
        == 404
    )
    response = client.post(
        "/office/org/duty/generate/", {"site": hall["county"].pk, "date": "1989-12-29"}, follow=True
    )
    assert "须在 1991-01-01 至 2199-12-31 之间" in response.content.decode()


def test_the_api_answers_out_of_range_dates_with_400(seeded_calendar, hall):
    client = APIClient()
    client.force_authenticate(hall["office"].user)
    response = client.get("/api/v1/duty-roster/gaps", {"date": "1989-01-02"})
    assert (response.status_code, response.json()["code"]) == (400, "date_out_of_range")
    response = client.post(
        "/api/v1/duty-roster/generate", {"site": hall["county"].pk, "date": "1989-01-02"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "date_out_of_range")


@pytest.mark.parametrize("url", ["/office/calendar/0/", "/office/calendar/99999/", "/office/calendar/1989/"])
def test_calendar_pages_for_impossible_years_are_404(seeded_calendar, hall, url):
    assert logged_in(hall["office"].user).get(url).status_code == 404


def test_the_calendar_edges_render(seeded_calendar, hall):
    client = logged_in(hall["office"].user)
    assert client.get("/office/calendar/1990/").status_code == 200
    assert client.get("/office/calendar/2200/").status_code == 200
    assert APIClient().get("/api/v1/calendar/years/0/").status_code == 404


def test_only_the_top_level_center_changes_the_one_calendar(seeded_calendar, hall):
    township_office = hall["township_office"].user
    api = APIClient()
    api.force_authenticate(township_office)
    assert api.post("/api/v1/calendar/years/", {"year": 2031}, format="json").status_code == 403
    client = logged_in(township_office)
    assert client.get("/office/calendar/2026/").status_code == 200
    assert client.post("/office/calendar/2026/publish/", {}).status_code == 403
    assert client.post("/office/calendar/2026/remove-day/", {"day": "2026-10-01"}).status_code == 403
    other_county_office = services.staff_create(
        username="other",
        full_name="外县",
        password="Test-password-2026",
        site=make_site(),
        employee_number="OT1",
        roles=["CENTER_OFFICE"],
    )
    api.force_authenticate(other_county_office.user)
    assert api.post("/api/v1/calendar/years/", {"year": 2031}, format="json").status_code == 201
