"""Schemathesis against the OpenAPI schema, in process, on the real reference data:
every operation with an admin's token (so every write path and workflow step runs),
and every read anonymously. No response may be a server error or stray from the
schema (status code, content type, headers, body).

`make test` runs a short pass (a few generated cases per operation); `make fuzz` sets
CASEBASE_FUZZ_EXAMPLES for a long one that adds the schema's examples and
schemathesis's coverage cases (boundary and schema-violating values).
"""

import os

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.api.conftest import make_user

LONG = "CASEBASE_FUZZ_EXAMPLES" in os.environ
FUZZ = settings(
    max_examples=int(os.environ.get("CASEBASE_FUZZ_EXAMPLES", "3")),
    deadline=None,
    derandomize=not LONG,
    phases=list(Phase) if LONG else [Phase.generate],
    suppress_health_check=list(HealthCheck),
)
# A value valid by the schema may still name no record (a random slug): a 4xx for
# it is right, so "schema-valid data must be accepted" does not apply.
EXCLUDED = [positive_data_acceptance]

# Generating the schema reads no table, so it can be loaded at collection time.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/schema?format=json", get_wsgi_application()
)


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Requests go through the real WSGI handler, which closes the database
    connection after each one; that would end the test's transaction (PostgreSQL),
    so the signal is held off as Django's own test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _admin_headers() -> dict:
    # The test body runs once per example: one admin and token serve them all.
    user = get_user_model().objects.filter(username="api-admin").first()
    token, _ = Token.objects.get_or_create(user=user or make_user("admin"))
    return {"Authorization": f"Token {token.key}"}


@schema.parametrize()
@FUZZ
def test_every_operation_with_a_token(case, reference_db, db):
    """Reads, writes and workflow steps as an admin: no 500, all as documented."""
    case.call_and_validate(headers=_admin_headers(), excluded_checks=EXCLUDED)


@schema.include(method="GET").parametrize()
@FUZZ
def test_every_read_anonymously(case, reference_db, db):
    """Reads as the public: no 500, all as documented."""
    case.call_and_validate(excluded_checks=EXCLUDED)
