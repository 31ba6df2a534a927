"""API tokens are read at most once per recheck window per process (accounts/authentication.py),
yet a revoked token or a deactivated user counts at once in the process that saved it, a wrong
token is never remembered, and each request gets its own user object."""

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from onewindow.accounts import authentication
from onewindow.org import selectors as org_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def window(recheck_window):
    clears = (authentication.token_cache_clear, org_selectors.access_cache_clear)
    return recheck_window("ONEWINDOW_ACCESS_RECHECK_SECONDS", *clears)


def signed(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def token(hall):
    return Token.objects.create(user=hall["clerk"].user)


def test_a_token_is_read_once_per_window(token, window, django_assert_num_queries):
    client = signed(token.key)
    assert client.get("/api/v1/me").json()["name"] == "王秀英"
    with django_assert_num_queries(0):  # token, user and access all remembered
        assert client.get("/api/v1/me").status_code == 200
    window["now"] += 61
    with django_assert_num_queries(3):  # the token with its user, the staff record, its roles
        assert client.get("/api/v1/me").status_code == 200


def test_without_a_window_every_call_reads_the_token(token):
    client = signed(token.key)
    assert client.get("/api/v1/me").status_code == 200
    token.delete()  # no signal needed: nothing was kept
    assert client.get("/api/v1/me").status_code == 401


def test_a_revoked_token_counts_at_once(token, window):
    client = signed(token.key)
    assert client.get("/api/v1/me").status_code == 200
    token.delete()
    response = client.get("/api/v1/me")
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"


def test_a_deactivated_user_counts_at_once(hall, token, window):
    client = signed(token.key)
    assert client.get("/api/v1/me").status_code == 200
    user = hall["clerk"].user
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/api/v1/me").status_code == 401


def test_another_process_revoking_counts_after_the_window(token, window):
    client = signed(token.key)
    assert client.get("/api/v1/me").status_code == 200
    with connection.cursor() as cursor:  # another process's delete: no signal reaches this one
        cursor.execute("DELETE FROM authtoken_token WHERE key = %s", [token.key])
    assert client.get("/api/v1/me").status_code == 200  # within the window: kept
    window["now"] += 61
    assert client.get("/api/v1/me").status_code == 401


def test_a_wrong_token_is_never_remembered(hall, window, django_assert_num_queries):
    wrong = signed("0" * 40)
    assert wrong.get("/api/v1/me").status_code == 401
    with django_assert_num_queries(1):  # read again on every try
        assert wrong.get("/api/v1/me").status_code == 401
    Token.objects.create(user=hall["clerk"].user, key="0" * 40)  # now it exists
    assert wrong.get("/api/v1/me").status_code == 200


def test_each_request_gets_its_own_user_and_token(token, window):
    auth = authentication.RecentTokenAuthentication()
    first_user, first_token = auth.authenticate_credentials(token.key)
    first_user.first_name = "改过"  # what one request does to its user object
    second_user, second_token = auth.authenticate_credentials(token.key)
    assert second_user is not first_user and second_token is not first_token
    assert second_user.first_name != "改过"
    assert (second_user.pk, second_token.user) == (token.user_id, second_user)
