import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings

from casebase.editorial.roles import REVIEWER


@pytest.fixture(autouse=True)
def memory_cache():
    """Each test has its own memory cache, the page cache on, stale copies allowed
    for the default few seconds and only while another reader rebuilds."""
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(
        CACHES=caches,
        PAGE_CACHE_SECONDS=300,
        PAGE_CACHE_STALE_SECONDS=5,
        PAGE_CACHE_REBUILD_SECONDS=0,
    ):
        from django.core.cache import cache

        cache.clear()
        yield


@pytest.fixture
def reviewer():
    user = get_user_model().objects.create_user(
        username="pagecache-reviewer", password=None, is_staff=True
    )
    user.groups.add(Group.objects.get(name=REVIEWER))
    return user
