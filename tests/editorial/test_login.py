"""Login security: throttled failures, password rules, staff-only admin."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.editorial.users import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db


def _attempt(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="10.9.8.7",
    )


def test_repeated_failed_logins_lock_the_account_out(client, settings):
    """After the limit of failures, even the right password is refused (429)."""
    user_with_role("editor", "target")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _attempt(client, "target", "wrong-password").status_code == 200
    assert _attempt(client, "target", "wrong-password").status_code == 429
    response = _attempt(client, "target", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_correct_login_before_the_limit_succeeds(client):
    """A mistyped password or two do not stand in the editor's way."""
    user_with_role("editor", "typo")
    _attempt(client, "typo", "wrong-password")
    response = _attempt(client, "typo", PASSWORD)
    assert response.status_code == 302


def test_short_passwords_are_refused():
    """Passwords need at least twelve characters."""
    with pytest.raises(ValidationError):
        validate_password("Tr1cky-pass")


def test_session_ends_with_the_browser(settings):
    """Editors' sessions do not outlive the browser or the working day."""
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY
