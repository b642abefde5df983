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


@pytest.fixture(scope="module")
def reference_db(django_db_setup, django_db_blocker):
    """The real reference data, loaded once per test module and rolled back after it.

    Tests that use it also take `db`; their own changes are rolled back per test.
    """
    from django.db import transaction

    from casebase.importers.reference import ReferenceData, load_reference

    data = ReferenceData.read()
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference(data)
        yield data
        transaction.set_rollback(True)


@pytest.fixture(autouse=True, scope="session")
def _search_index_outside_var(tmp_path_factory):
    """No test writes to the developer's search index under var/: tests that commit
    (live server, other processes) index into a temporary folder."""
    from django.conf import settings

    from casebase.search.backends.base import reset_backend

    settings.SEARCH_INDEX_PATH = tmp_path_factory.mktemp("search-index")
    reset_backend()
