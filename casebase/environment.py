"""Settings read from the environment: typed values that stop the app at start with
a message naming the variable when they are malformed (README, Configuration)."""

import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, minimum: int = 0, unit: str = "") -> int:
    """`name` as a whole number of at least `minimum` (`default` when unset); any
    other value stops the app at start with a message naming the setting, not a
    traceback from int()."""
    value = os.environ.get(name, "").strip() or str(default)
    if not (re.fullmatch(r"[0-9]{1,12}", value) and int(value) >= minimum):
        raise ImproperlyConfigured(
            f"{name} must be a whole number{f' of {unit}' if unit else ''}, "
            f"at least {minimum}; got {value!r}."
        )
    return int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def caches(url: str, var_dir: Path) -> dict:
    """The default cache from `CACHE_URL` (see README: throttling needs a cache every
    worker shares, so the default is a file cache, not per-process memory)."""
    if not url:
        url = f"file://{var_dir / 'cache'}"
    scheme, _, rest = url.partition("://")
    backends = {
        "file": ("casebase.core.cache.FileCache", rest),
        "db": ("django.core.cache.backends.db.DatabaseCache", rest or "casebase_cache"),
        "redis": ("django.core.cache.backends.redis.RedisCache", url),
        "rediss": ("django.core.cache.backends.redis.RedisCache", url),
        "locmem": ("django.core.cache.backends.locmem.LocMemCache", rest),
        "dummy": ("django.core.cache.backends.dummy.DummyCache", ""),
    }
    if scheme not in backends:
        raise ImproperlyConfigured(
            f"CACHE_URL scheme {scheme!r} is not one of {', '.join(sorted(backends))}."
        )
    backend, location = backends[scheme]
    default = {"BACKEND": backend, "LOCATION": location}
    if scheme in ("file", "db", "locmem"):
        # Django's 300 is soon reached by cached pages and API responses; past it a
        # third of the entries (page-cache generations too) is dropped at random.
        default["OPTIONS"] = {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)}
    return {"default": default}
