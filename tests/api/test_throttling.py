"""Request-rate limits answer 429 in the error shape, with Retry-After."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

RATES = {"anon": "3/minute", "user": "5/minute"}


def _low_rates():
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": RATES}
    )


def test_anonymous_limit(anon):
    """The fourth anonymous request in a minute is refused."""
    with _low_rates():
        codes = [anon.get(reverse("api:ping")).status_code for _ in range(4)]
        response = anon.get(reverse("api:ping"))
    assert codes == [200, 200, 200, 429]
    assert response.json()["code"] == "throttled" and response["Retry-After"]


def test_signed_in_clients_have_their_own_limit(editor_client):
    """A token client is counted per user, at the user rate."""
    with _low_rates():
        codes = [editor_client.get(reverse("api:ping")).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


def test_anonymous_clients_are_held_to_the_anonymous_rate_alone(anon):
    """A user rate lower than the anonymous one does not apply to anonymous clients."""
    rates = {"anon": "5/minute", "user": "2/minute"}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        codes = [anon.get(reverse("api:ping")).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


def test_default_cache_is_shared_between_processes():
    """Out of the box the limits are counted in a file cache every worker shares,
    not in per-process memory (which would multiply them by the worker count)."""
    from casebase.settings import _caches

    assert _caches("")["default"]["BACKEND"] == "casebase.core.cache.FileCache"
    assert _caches("redis://h:6379/0")["default"]["BACKEND"].endswith("RedisCache")
