"""Index upkeep: every change reaches the index after its transaction commits."""

import pytest
from django.db import transaction

from casebase.core.models import PublicationStatus
from casebase.search import indexing
from casebase.search.backends.base import get_backend
from tests import factories as f
from tests.search.conftest import search


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on_commit callbacks, as a real commit would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def test_create_reaches_the_index_after_commit(engine, commit):
    """A new published record is searchable once its transaction commits."""
    with commit():
        f.PartyFactory(name="Newparty Holdings")
    assert search("newparty").total == 1


def test_nothing_is_written_before_the_commit(
    engine, django_capture_on_commit_callbacks
):
    """Until the commit, the index does not change."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        f.PartyFactory(name="Pendingparty Ltd")
        assert search("pendingparty").total == 0
    assert callbacks


def test_rolled_back_transaction_leaves_the_index_untouched(engine, commit):
    """A rolled-back transaction queues nothing that reaches the index."""
    with commit() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            f.PartyFactory(name="Rolledback Ltd")
            raise RuntimeError("abandon")
    assert callbacks == []
    assert search("rolledback").total == 0


def test_edit_replaces_the_old_text(engine, commit):
    """An edit is searchable by its new words and no longer by its old ones."""
    with commit():
        party = f.PartyFactory(name="Oldname Ltd")
    with commit():
        party.name = "Freshname Ltd"
        party.save()
    assert search("freshname").total == 1
    assert search("oldname").total == 0


def test_delete_removes(engine, commit):
    """A deleted record leaves the index."""
    with commit():
        party = f.PartyFactory(name="Gonesoon Ltd")
    with commit():
        party.delete()
    assert search("gonesoon").total == 0


def test_publish_and_unpublish(engine, commit):
    """Publishing adds a record; unpublishing removes it."""
    with commit():
        party = f.PartyFactory(name="Togglename Ltd", publication_status="draft")
    assert search("togglename").total == 0
    with commit():
        party.publication_status = PublicationStatus.PUBLISHED
        party.save()
    assert search("togglename").total == 1
    with commit():
        party.publication_status = PublicationStatus.DRAFT
        party.save()
    assert search("togglename").total == 0


def test_a_related_change_refreshes_the_dispute(engine, commit):
    """Renaming a party refreshes the disputes it is in."""
    with commit():
        dispute = f.DisputeFactory()
        role = f.DisputePartyFactory(dispute=dispute)
    with commit():
        role.party.name = "Renamedparty Ltd"
        role.party.save()
    assert f"dispute:{dispute.pk}" in [h.key for h in search("party:renamedparty").hits]


def test_many_to_many_change_is_indexed(engine, commit):
    """Adding a legal theory to a precedent makes it findable by that theory."""
    with commit():
        precedent = f.PrecedentFactory()
        theory = f.LegalTheoryFactory(name="Database right", slug="database-right")
    with commit():
        precedent.legal_theories.add(theory)
    assert [h.key for h in search('theory:"database right"').hits] == [
        f"precedent:{precedent.pk}"
    ]


def test_court_rename_reaches_its_precedents(engine, commit):
    """A court's new name finds its judgments."""
    with commit():
        precedent = f.PrecedentFactory()
    with commit():
        precedent.court.name = "Renamedcourt Tribunal"
        precedent.court.save()
    assert f"precedent:{precedent.pk}" in [
        h.key for h in search("court:renamedcourt").hits
    ]


def test_failed_write_is_journalled_and_replayed(search_index, db, commit, monkeypatch):
    """When the index cannot be written, the update is kept and the next write
    applies it; the user never sees the error."""
    backend = get_backend()
    real_update = backend.update

    def busy(*args, **kwargs):
        raise OSError("index busy")

    monkeypatch.setattr(backend, "update", busy)
    with commit():
        f.PartyFactory(name="Journalled Ltd")
    assert indexing.journal_path().read_text().strip()
    monkeypatch.setattr(backend, "update", real_update)
    with commit():
        f.PartyFactory(name="Another Ltd")
    assert search("journalled").total == 1
    assert indexing.journal_path().read_text() == ""
