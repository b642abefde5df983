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


class _LoadedReference:
    """The reference data, loaded inside a transaction that stays open for as long as
    consecutive tests ask for it and is rolled back before the first test that does
    not (see `pytest_runtest_setup`), so no other test ever sees it.

    `pytest_collection_modifyitems` runs the tests that ask for it one after another,
    so the whole session loads it once (about 10 s) instead of once per module.
    """

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None
        self.data = None
        # Loaded inside a test's own transaction (see `reference_db`).
        self.nested = False

    def load(self):
        if self.atomic is None:
            from django.db import connection, transaction

            from casebase.importers.reference import ReferenceData, load_reference

            data = ReferenceData.read()
            with self.blocker.unblock():
                self.nested = connection.in_atomic_block
                atomic = transaction.atomic()
                atomic.__enter__()
                try:
                    load_reference(data)
                except BaseException:
                    transaction.set_rollback(True)
                    atomic.__exit__(None, None, None)
                    raise
            self.atomic, self.data = atomic, data
        return self.data

    def unload(self):
        if self.atomic is None:
            return
        from django.db import connection, transaction

        atomic, self.atomic, self.data = self.atomic, None, None
        with self.blocker.unblock():
            if (
                not connection.atomic_blocks
                or connection.atomic_blocks[-1] is not atomic
            ):
                raise RuntimeError(
                    "the reference data's transaction is not the innermost one: "
                    "a fixture that outlives its test holds a transaction open"
                )
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_loaded_reference: _LoadedReference | None = None


@pytest.fixture(scope="session")
def _reference_loader(django_db_setup, django_db_blocker):
    global _loaded_reference
    _loaded_reference = _LoadedReference(django_db_blocker)
    # Loaded here, as a session fixture, before any test's own transaction opens
    # (pytest sets up the wider scopes first; a module's `django_db` mark would set
    # up `db` before `reference_db`).
    _loaded_reference.load()
    yield _loaded_reference
    _loaded_reference.unload()
    _loaded_reference = None


@pytest.fixture
def reference_db(_reference_loader):
    """The real reference data (a `ReferenceData`), loaded once for the tests that
    ask for it in a row and rolled back after the last of them.

    Tests that use it also take `db` (or the django_db mark); their own changes are
    rolled back per test, so each test sees the data exactly as loaded. Loaded again
    after a test that did not ask for it, the data lands inside the test's own
    transaction, whose rollback would take it away: it is then rolled back after
    that test, and loaded afresh for the next.
    """
    yield _reference_loader.load()
    if _reference_loader.nested:
        _reference_loader.unload()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's ordering (database tests first, transactional ones next,
    the rest last): the tests that use the reference data first, in their order, so
    it is loaded once."""
    first = [
        item
        for item in items
        if "reference_db" in getattr(item, "fixturenames", ())
        and not _is_transactional(item)
    ]
    if first:
        chosen = set(map(id, first))
        items[:] = first + [item for item in items if id(item) not in chosen]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Roll the reference data back before any test that does not ask for it."""
    if _loaded_reference is not None and "reference_db" not in getattr(
        item, "fixturenames", ()
    ):
        _loaded_reference.unload()


@pytest.fixture(autouse=True, scope="session")
def _search_index_outside_var(tmp_path_factory):
    """No test writes to the developer's search index under var/: tests that commit
    (live server, other processes) index into a temporary folder."""
    from django.conf import settings

    from casebase.search.backends.base import reset_backend

    settings.SEARCH_INDEX_PATH = tmp_path_factory.mktemp("search-index")
    reset_backend()
