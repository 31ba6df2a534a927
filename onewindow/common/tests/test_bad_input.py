"""Query and path parameters are input too: a NUL byte, other control characters, an over-long
value, a number too big for the database, an impossible date — a clear 400 (or 404), never a 500,
on the API (JSON with a field message) and on pages (the styled page)."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

API_WITH_NUL = [
    "/api/v1/items/?search=%00",
    "/api/v1/items/SCJG%000101",
    "/api/v1/items/SCJG0101%00/versions",
    "/api/v1/progress?number=%00&query_code=123456",
    "/api/v1/cases/%00",
    "/api/v1/cases/?search=abc%00",
    "/api/v1/payment-notices/%00",
    "/api/v1/refunds?status=%00",
    "/api/v1/lights?date=2026-11-16%00",
    "/api/v1/calendar/working-days/add?date=%00&days=1",
]
PAGES_WITH_NUL = [
    "/guide/?q=%00",
    "/guide/SCJG%000101/",
    "/progress/?number=%00&query_code=1",
    "/kiosk/?q=%1f",
]


@pytest.fixture
def office_client(hall, seeded_calendar):
    token, _created = Token.objects.get_or_create(user=hall["office"].user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


@pytest.mark.parametrize("path", API_WITH_NUL)
def test_a_nul_byte_in_an_api_parameter_is_a_400_with_a_field_message(office_client, path):
    response = office_client.get(path)

    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "bad_request"
    assert "控制字符" in body["message"]
    assert list(body["errors"].values()) == [[body["message"]]]


@pytest.mark.parametrize("path", PAGES_WITH_NUL)
def test_a_nul_byte_on_a_page_is_the_styled_400_page(hall, seeded_calendar, path):
    response = Client().get(path)

    assert response.status_code == 400
    html = response.content.decode()
    assert "控制字符" in html and "onewindow/css/onewindow.css" in html


def test_an_over_long_query_value_is_refused(office_client):
    response = office_client.get("/api/v1/items/", {"search": "食" * 1001})

    assert response.status_code == 400
    assert response.json()["errors"] == {"search": ["查询参数“search”过长（最多 1000 个字符）。"]}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=99999999999999999999", "limit"),
        ("offset=99999999999999999999", "offset"),
        ("limit=-1", "limit"),
    ],
)
def test_a_limit_or_offset_too_big_for_the_database_is_a_400(office_client, query, field):
    response = office_client.get(f"/api/v1/staff/?{query}")

    assert response.status_code == 400
    assert response.json()["errors"] == {field: [f"{field} 须为不超过 18 位的非负整数。"]}


def test_a_huge_limit_is_capped(office_client, hall):
    response = office_client.get("/api/v1/staff/?limit=100000")

    assert response.status_code == 200
    assert response.json()["count"] == len(response.json()["results"])  # every one of the few fits


def test_an_id_too_big_for_the_database_is_not_found(office_client):
    response = office_client.get("/api/v1/cases/T1-2026-000001/notices/99999999999999999999.pdf")

    assert response.status_code == 404


def test_a_body_that_is_not_json_gets_a_chinese_message(office_client):
    response = office_client.post("/api/v1/cases/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {
        "code": "parse_error",
        "message": "请求正文无法解析：请发送与 Content-Type 相符的合法 JSON 或表单。",
    }
