"""Every operation of the published OpenAPI document, fuzzed by schemathesis: whatever a client
sends — path and query parameters, bodies, NUL bytes, huge numbers, impossible dates — the answer
is never a 5xx. Bounded (FUZZ_EXAMPLES per operation, a few thousand requests in all) so the suite
stays fast; runs on SQLite and on PostgreSQL like every test."""

import os
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from onewindow.cases import services as case_services
from onewindow.cases.tests.factories import at, published_item, receive

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "schema" / "openapi.yaml"
FUZZ_EXAMPLES = int(os.environ.get("ONEWINDOW_FUZZ_EXAMPLES", "40"))

schema = schemathesis.openapi.from_path(SCHEMA_PATH)
# Data that fits the schema and data that does not (wrong types, out-of-range numbers, NUL bytes).
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], allow_x00=True)
application = get_wsgi_application()


@pytest.fixture
def keep_test_connection():
    """Called as a WSGI app (not through Django's test client), a request would close the test's
    database connection when it finishes; the test client prevents that the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def office_token(hall, seeded_calendar, keep_test_connection):
    """The office's token (the widest reach), with a real case so some generated references exist."""
    case = receive(hall, published_item(hall))
    case_services.case_accept(case=case, user=hall["clerk"].user, at=at(case.received_at.date()))
    token, _created = Token.objects.get_or_create(user=hall["office"].user)
    return token.key


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_5xx(case, office_token):
    response = case.call(app=application, headers={"Authorization": f"Token {office_token}"})
    case.validate_response(response, checks=[not_a_server_error])
