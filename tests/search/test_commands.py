"""rebuild_search_index and check_search_index."""

import io

import pytest
from django.core.management import CommandError, call_command

from casebase.cases.models import Party
from casebase.search.backends.base import get_backend
from casebase.search.documents import SearchDocument
from tests import factories as f
from tests.search.conftest import search


def test_rebuild_indexes_every_public_record(engine):
    """The rebuild reports how many records it indexed and they are searchable."""
    f.PartyFactory(name="Rebuiltparty Ltd")
    f.PartyFactory(name="Hidden Ltd", publication_status="draft")
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Search index rebuilt: 1 records" in out.getvalue()
    assert "100%" in out.getvalue()
    assert search("rebuiltparty").total == 1


def test_check_reports_a_current_index(engine):
    """A freshly rebuilt index checks clean."""
    f.PartyFactory()
    call_command("rebuild_search_index", stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_search_index", stdout=out)
    assert "Search index is current (1 records)" in out.getvalue()


def test_check_finds_missing_stale_and_extra(engine):
    """Missing, stale and unwanted entries are each reported, and the command fails."""
    missing = f.PartyFactory()
    stale = f.PartyFactory()
    call_command("rebuild_search_index", stdout=io.StringIO())
    get_backend().delete([f"party:{missing.pk}"])
    Party.objects.filter(pk=stale.pk).update(name="Changed behind its back")
    get_backend().index(
        [
            SearchDocument(
                key="party:999999",
                doc_type="party",
                object_id=999999,
                title="x",
                url="/",
            )
        ]
    )
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_search_index", stdout=out)
    report = out.getvalue()
    assert f"1 missing from the index\n  party:{missing.pk}" in report
    assert f"1 stale in the index\n  party:{stale.pk}" in report
    assert "1 in the index but not public\n  party:999999" in report


def test_repair_makes_the_index_current(engine):
    """--repair re-indexes and removes until the check is clean."""
    party = f.PartyFactory()
    call_command("rebuild_search_index", stdout=io.StringIO())
    Party.objects.filter(pk=party.pk).update(name="Repairedname Ltd")
    call_command("check_search_index", "--repair", stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_search_index", stdout=out)
    assert "Search index is current" in out.getvalue()
    assert search("repairedname").total == 1
