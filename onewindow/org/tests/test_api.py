"""The API permission matrix: every endpoint × every role, including the ones that must fail."""

import pytest
from rest_framework.test import APIClient

from onewindow.org.models import DutyAssignment
from onewindow.org.tests.factories import PASSWORD, credit_code

pytestmark = pytest.mark.django_db

ROLES = [
    "office",
    "business",
    "supervision",
    "clerk",
    "reviewer",
    "chief",
    "fee",
    "agent",
    "township_clerk",
    "applicant",
    "anonymous",
]
READS = [
    "/api/v1/sites/",
    "/api/v1/departments/",
    "/api/v1/windows/",
    "/api/v1/staff/",
    "/api/v1/duty-roster/?date=2026-11-23",
    "/api/v1/duty-roster/gaps?date=2026-11-23",
]


def client_for(hall, who, django_user_model):
    client = APIClient()
    if who == "applicant":
        client.force_authenticate(
            django_user_model.objects.create_user(username="citizen", password=PASSWORD)
        )
    elif who != "anonymous":
        client.force_authenticate(hall[who].user)
    return client


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("url", READS)
def test_reads_need_a_staff_member(seeded_calendar, hall, django_user_model, who, url):
    response = client_for(hall, who, django_user_model).get(url)
    expected = {"anonymous": 401, "applicant": 403}.get(who, 200)
    assert response.status_code == expected, response.content


@pytest.mark.parametrize(
    ("who", "expected_sites", "expected_staff"),
    [("office", 3, 15), ("clerk", 1, 12), ("reviewer", 1, 4), ("township_clerk", 1, 2)],
)
def test_reads_are_scoped(hall, django_user_model, who, expected_sites, expected_staff):
    client = client_for(hall, who, django_user_model)
    assert client.get("/api/v1/sites/").json()["count"] == expected_sites
    assert client.get("/api/v1/staff/").json()["count"] == expected_staff


def test_a_clerk_cannot_read_another_sites_staff_member_by_id(hall, django_user_model):
    client = client_for(hall, "township_clerk", django_user_model)
    assert client.get(f"/api/v1/staff/{hall['clerk'].pk}/").status_code == 404
    assert client.get(f"/api/v1/staff/{hall['township_clerk'].pk}/").json()["name"] == "马欣悦"


WRITES = [
    (
        "/api/v1/departments/create",
        lambda h: {"site": h["county"].pk, "name": "市气象局", "credit_code": credit_code(777)},
    ),
    (
        "/api/v1/staff/create",
        lambda h: {
            "username": "new1",
            "full_name": "新人",
            "password": PASSWORD,
            "site": h["county"].pk,
            "employee_number": "N001",
            "roles": ["WINDOW_CLERK"],
        },
    ),
    ("/api/v1/duty-roster/generate", lambda h: {"site": h["county"].pk, "date": "2026-11-23"}),
]


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize(("url", "payload"), WRITES)
def test_only_the_office_changes_the_organisation(
    seeded_calendar, hall, django_user_model, who, url, payload
):
    response = client_for(hall, who, django_user_model).post(url, payload(hall), format="json")
    expected = {"office": (201, 200), "anonymous": (401,)}.get(who, (403,))
    assert response.status_code in expected, response.content


def test_the_township_office_cannot_write_into_the_county(seeded_calendar, hall, django_user_model):
    client = client_for(hall, "township_office", django_user_model)
    response = client.post(
        "/api/v1/duty-roster/generate", {"site": hall["county"].pk, "date": "2026-11-23"}, format="json"
    )
    assert response.status_code == 404
    assert not DutyAssignment.objects.exists()


def test_bad_input_is_refused_with_field_messages(seeded_calendar, hall, django_user_model):
    client = client_for(hall, "office", django_user_model)
    response = client.post(
        "/api/v1/departments/create",
        {"site": hall["county"].pk, "name": "市气象局", "credit_code": "123"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "统一社会信用代码应为18位，当前为3位。",
        "errors": {"credit_code": ["统一社会信用代码应为18位，当前为3位。"]},
    }
    response = client.post(
        "/api/v1/duty-roster/generate", {"site": hall["county"].pk, "date": "2026-10-01"}, format="json"
    )
    assert response.json() == {
        "code": "not_a_working_day",
        "message": "2026-10-01 不是工作日，大厅不办公，无需排班。",
    }
    response = client.post(
        f"/api/v1/windows/{hall['windows'][2].pk}/posts",
        {"post": "B", "staff": hall["housing_a"].pk, "from_date": "2026-02-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "A岗与B岗不能是同一人" in response.json()["message"]


def test_the_office_runs_the_roster_through_the_api(seeded_calendar, hall, django_user_model):
    client = client_for(hall, "office", django_user_model)
    result = client.post(
        "/api/v1/duty-roster/generate", {"site": hall["county"].pk, "date": "2026-11-23"}, format="json"
    ).json()
    assert result["created"] == 3
    assert [window["number"] for window in result["gaps"]] == []
    roster = client.get("/api/v1/duty-roster/", {"date": "2026-11-23", "site": hall["county"].pk}).json()
    assert [(row["window"]["number"], row["staff"], row["source"]) for row in roster] == [
        ("1", "王秀英", "A"),
        ("2", "刘建国", "A"),
        ("3", "梁磊", "A"),
    ]
    response = client.post(
        "/api/v1/duty-roster/assign",
        {"window": hall["windows"][2].pk, "date": "2026-11-23", "staff": hall["fee"].pk},
        format="json",
    )
    assert response.json()["source"] == "ASSIGNED"
    gaps = client.get("/api/v1/duty-roster/gaps", {"date": "2026-11-24"}).json()
    assert [window["number"] for window in gaps] == ["1", "2", "3", "1"]
    assert client.get("/api/v1/duty-roster/gaps", {"date": "2026-11-22"}).json() == []


def test_token_authentication_and_me(hall):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token", {"username": hall["clerk"].user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/v1/me").json()
    assert (me["name"], me["roles"], me["scope"]) == ("王秀英", ["WINDOW_CLERK"], "site")
    wrong = APIClient().post(
        "/api/v1/auth/token", {"username": hall["clerk"].user.username, "password": "wrong"}, format="json"
    )
    assert wrong.status_code == 400
