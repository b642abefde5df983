import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casebase.editorial.roles import ADMIN, EDITOR, REVIEWER

ROLES = ("anonymous", "reader", "editor", "reviewer", "admin")


@pytest.fixture(autouse=True)
def api_cache():
    """Each test counts requests in its own memory cache, with room to spare; the
    throttling tests lower the rates themselves."""
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=caches):
        from django.core.cache import cache

        cache.clear()
        yield


def make_user(role: str):
    """A user in `role`: a reader has no group; editors, reviewers and admins are
    staff (they see drafts) in the editorial issue's group of that name."""
    if role == "anonymous":
        return None
    # No password: scripts use tokens, and hashing one would slow every test.
    user = get_user_model().objects.create_user(
        username=f"api-{role}", password=None, is_staff=role != "reader"
    )
    groups = {"editor": EDITOR, "reviewer": REVIEWER, "admin": ADMIN}
    if role in groups:
        user.groups.add(Group.objects.get(name=groups[role]))
    return user


def client_for(role: str) -> APIClient:
    """A client that authenticates as a script does: with a token."""
    client = APIClient()
    user = make_user(role)
    if user:
        token = Token.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        client.user = user
    return client


@pytest.fixture
def anon(db):
    return APIClient()


@pytest.fixture
def editor_client(db):
    return client_for("editor")


@pytest.fixture
def reviewer_client(db):
    return client_for("reviewer")
