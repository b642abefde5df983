"""Workbench fixtures: users with a role, and the demonstration data."""

import pytest

from tests.editorial.users import user_with_role
from tests.workbench.demo import build_demo


@pytest.fixture
def role_editor(db):
    """A staff user in the editor group (may import)."""
    return user_with_role("editor", "wb-editor")


@pytest.fixture
def demo(db):
    """The test-data dispute with its watermark prompt set."""
    return build_demo()
