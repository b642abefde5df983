"""Request-rate limits, counted in Django's default cache.

The cache must be one that every worker shares (a file, the database or Redis; see
`CACHE_URL` in the README): with a per-process memory cache each gunicorn worker
counts on its own and the real limit is the rate times the number of workers.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _LiveRate:
    def get_rate(self):
        # Read on each request, not at import, so settings overrides apply.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class AnonThrottle(_LiveRate, AnonRateThrottle):
    """Anonymous clients, counted by IP address."""


class UserThrottle(_LiveRate, UserRateThrottle):
    """Signed-in clients (token or session), counted per user. Anonymous clients are
    AnonThrottle's alone: DRF's own class counts them here too, by address, which
    wrote a second counter to the cache on every anonymous request."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
