from datetime import date

import pytest
from rest_framework.test import APIClient

from onewindow.org.models import Role
from onewindow.org.tests.factories import make_site, make_staff
from onewindow.workcalendar.models import CalendarDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_anyone_can_ask_for_a_due_date(seeded_calendar, api):
    response = api.get("/api/v1/calendar/working-days/add", {"date": "2026-02-13", "days": 2})
    assert response.status_code == 200
    assert response.json() == {"date": "2026-02-13", "days": 2, "result": "2026-02-24", "uncovered_years": []}
    response = api.get("/api/v1/calendar/working-days/between", {"start": "2026-12-30", "end": "2027-01-05"})
    assert response.json() == {
        "start": "2026-12-30",
        "end": "2027-01-05",
        "working_days": 4,
        "uncovered_years": [2027],
    }


def test_bad_dates_get_a_json_error_with_a_stable_code(seeded_calendar, api):
    response = api.get("/api/v1/calendar/working-days/add", {"date": "2026-02-30", "days": 2})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "date" in response.json()["errors"]
    response = api.get("/api/v1/calendar/working-days/add", {"date": "2200-12-31", "days": 3})
    assert response.status_code == 400
    assert response.json()["code"] == "date_out_of_range"


def _staff_client(role):
    client = APIClient()
    client.force_authenticate(make_staff(site=make_site(), roles=[role]).user)
    return client


def test_the_office_enters_and_publishes_a_year_through_the_api(seeded_calendar):
    office = _staff_client(Role.CENTER_OFFICE)
    assert office.post("/api/v1/calendar/years/", {"year": 2027}, format="json").status_code == 201
    response = office.post(
        "/api/v1/calendar/years/2027/arrangements",
        {
            "name": "春节",
            "first_date": "2027-02-05",
            "last_date": "2027-02-13",
            "makeup_dates": ["2027-01-31"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert len(response.json()) == 10
    bad = office.post(
        "/api/v1/calendar/years/2027/arrangements",
        {"name": "清明节", "first_date": "2027-04-05", "last_date": "2027-04-03"},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json() == {"code": "calendar_invalid", "message": "放假结束日期不能早于开始日期。"}
    assert (
        office.post(
            "/api/v1/calendar/years/2027/publish",
            {"notice_reference": "国办发明电〔2026〕7号"},
            format="json",
        ).status_code
        == 200
    )
    detail = APIClient().get("/api/v1/calendar/years/2027/").json()
    assert detail["is_covered"] is True
    assert detail["record"]["notice_reference"] == "国办发明电〔2026〕7号"
    assert (
        APIClient()
        .get("/api/v1/calendar/working-days/add", {"date": "2027-02-04", "days": 1})
        .json()["result"]
        == "2027-02-15"
    )
    assert office.delete("/api/v1/calendar/days/2027-01-31").status_code == 204
    assert not CalendarDay.objects.filter(date=date(2027, 1, 31)).exists()
    assert office.delete("/api/v1/calendar/days/2027-01-31").status_code == 404


@pytest.mark.parametrize(
    "role", [Role.WINDOW_CLERK, Role.CASE_AGENT, Role.SUPERVISION_SECTION, Role.FEE_CLERK]
)
def test_only_the_office_changes_the_calendar(seeded_calendar, role):
    client = _staff_client(role)
    assert client.post("/api/v1/calendar/years/", {"year": 2027}, format="json").status_code == 403
    response = client.put("/api/v1/calendar/days/2026-10-09", {"kind": "HOLIDAY", "name": "x"}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert APIClient().post("/api/v1/calendar/years/2027/publish", {}, format="json").status_code == 401
