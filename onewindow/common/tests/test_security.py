"""Security from the start: argon2, lockout after repeated failures, CSRF, headers, health."""

import pytest
from django.conf import settings
from django.test import Client

from onewindow.org.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_production_hashes_passwords_with_argon2():
    import onewindow.config.settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_security_headers_are_on(db):
    response = Client().get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_every_page_asset_is_served_locally(db):
    html = Client().get("/").content.decode()
    assert "//cdn" not in html and "https://" not in html
    assert '<script src="/static/django_htmx/htmx-2.min.js" defer></script>' in html


def test_login_locks_after_repeated_failures(hall):
    client = Client()
    username = hall["clerk"].user.username
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/accounts/login/", {"username": username, "password": "wrong-password"})
        assert response.status_code == 200
    assert (
        client.post("/accounts/login/", {"username": username, "password": "wrong-password"}).status_code
        == 429
    )
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 429
    assert "账户已暂时锁定" in response.content.decode()
    other = Client().post(
        "/accounts/login/", {"username": hall["office"].user.username, "password": PASSWORD}
    )
    assert other.status_code == 302


def test_a_correct_login_works(hall):
    response = Client().post(
        "/accounts/login/", {"username": hall["office"].user.username, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_forms_need_a_csrf_token(hall):
    client = Client(enforce_csrf_checks=True)
    client.force_login(hall["office"].user)
    assert client.post("/office/calendar/", {"year": 2027}).status_code == 403


def test_healthz_reports_the_database():
    assert Client().get("/healthz").json() == {"status": "ok", "database": "ok"}
