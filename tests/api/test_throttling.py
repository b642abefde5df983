"""Request-rate limits answer 429 in the error shape, with Retry-After."""

from pathlib import Path

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
    from casebase.environment import caches

    var = Path("/srv/casebase/var")
    assert caches("", var)["default"]["BACKEND"] == "casebase.core.cache.FileCache"
    assert caches("", var)["default"]["LOCATION"] == str(var / "cache")
    assert caches("redis://h:6379/0", var)["default"]["BACKEND"].endswith("RedisCache")


def test_a_rate_turned_off_counts_nothing(anon):
    """`off` (the benchmarks' setting) lets every request through without keeping
    a counter in the cache, so a benchmark does not measure the rate limiter."""
    from django.core.cache import cache

    counter = "throttle_anon_127.0.0.1"
    cache.delete(counter)
    rates = {"anon": None, "user": None}
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        codes = {anon.get(reverse("api:ping")).status_code for _ in range(5)}
    assert codes == {200}
    assert cache.get(counter) is None
    with _low_rates():
        anon.get(reverse("api:ping"))
    assert cache.get(counter)  # the key is the one a limit would use


@pytest.mark.parametrize(
    ("value", "expected"), [("off", None), ("OFF", None), ("30/hour", "30/hour")]
)
def test_rate_setting(monkeypatch, value, expected):
    from casebase.settings import _throttle_rate

    monkeypatch.setenv("API_THROTTLE_ANON", value)
    assert _throttle_rate("API_THROTTLE_ANON", "120/minute") == expected


@pytest.mark.parametrize("value", ["abc", "10", "ten/minute", "10/fortnight"])
def test_a_bad_rate_setting_is_refused_at_start(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    from casebase.settings import _throttle_rate

    monkeypatch.setenv("API_THROTTLE_ANON", value)
    with pytest.raises(ImproperlyConfigured, match="API_THROTTLE_ANON"):
        _throttle_rate("API_THROTTLE_ANON", "120/minute")
