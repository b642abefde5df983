import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def editor(db):
    """A staff user: sees drafts."""
    return get_user_model().objects.create_user(
        username="editor", password="test-pass-123", is_staff=True
    )


@pytest.fixture
def reader(db):
    """A signed-in user without editorial rights."""
    return get_user_model().objects.create_user(
        username="reader", password="test-pass-123"
    )
