"""Error pages: styled and Chinese for people (DEBUG is off under pytest-django), JSON for the API,
and a 500 page that renders with no request and no database."""

import json

import pytest
from django.shortcuts import render
from django.template import loader
from django.test import Client, RequestFactory

from onewindow.common import errors

pytestmark = pytest.mark.django_db


def _is_styled(html: str) -> bool:
    return "onewindow/css/onewindow.css" in html and 'class="topbar"' in html and "error-card" in html


def test_a_missing_page_is_chinese_styled_and_names_the_address(seeded_calendar, hall):
    response = Client().get("/guide/no-such-page/x/")
    html = response.content.decode()
    assert response.status_code == 404
    assert _is_styled(html)
    assert "页面不存在" in html and "/guide/no-such-page/x/" in html
    assert "Not Found" not in html
    assert 'href="/guide/"' in html  # a way on: the service guide


def test_a_clerk_opening_an_office_page_gets_the_styled_403_with_a_way_back_to_her_work(
    seeded_calendar, hall
):
    client = Client()
    client.force_login(hall["clerk"].user)
    response = client.get("/office/org/staff/")
    html = response.content.decode()
    assert response.status_code == 403
    assert _is_styled(html)
    assert "没有访问权限" in html and "王秀英" in html
    assert 'href="/accounts/home/"' in html  # 回到我的工作
    assert "403 Forbidden" not in html


def test_a_bad_request_gets_the_styled_400_page_with_its_reason(seeded_calendar, hall):
    response = Client().get("/guide/", HTTP_HOST="not-our-host.example")  # DisallowedHost → 400
    html = response.content.decode()
    assert response.status_code == 400
    assert _is_styled(html) and "请求有误" in html
    given = render(RequestFactory().get("/guide/"), "400.html", {"message": "查询参数“q”过长。"}).content
    assert "查询参数“q”过长。" in given.decode()


def test_the_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
        response = errors.server_error(RequestFactory().get("/desk/cases/"))
    assert "系统暂时出现问题" in html and "onewindow/css/onewindow.css" in html
    assert response.status_code == 500 and "系统暂时出现问题" in response.content.decode()


def test_the_csrf_failure_page_is_styled_and_explains_what_to_do(seeded_calendar, hall):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "clerk", "password": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "页面已过期" in html and "onewindow/css/onewindow.css" in html


def test_the_api_keeps_json_errors_even_where_no_endpoint_answers(seeded_calendar, hall):
    client = Client()
    client.force_login(hall["clerk"].user)
    missing = client.get("/api/v1/no-such-resource/")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    assert json.loads(missing.content)["code"] == "not_found"
    refused = client.post("/api/v1/staff/create", {}, content_type="application/json")
    assert refused.status_code == 403 and json.loads(refused.content)["code"] == "permission_denied"
    bad = Client().get("/api/v1/me", HTTP_HOST="not-our-host.example")
    assert bad.status_code == 400 and json.loads(bad.content)["code"] == "bad_request"
