"""Stale-while-revalidate (casebase/pagecache/stale.py): while one reader rebuilds a
page whose data moved, other anonymous readers get the previous copy, never older
than PAGE_CACHE_STALE_SECONDS and never after a change that hides or alters what the
public could already see.

"Another reader rebuilding" is played by taking the rebuild lock the way a reader
does (`stale.get` answering REBUILD) and not putting anything back.
"""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from casebase.cases.models import Confidentiality
from casebase.core.models import PublicationStatus as S
from casebase.editorial import services
from casebase.pagecache import generations, stale
from casebase.pagecache.generations import ALL, PREFIX, STRICT
from casebase.pagecache.middleware import HEADER, entry
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def another_reader_rebuilds(url: str, topics=ALL) -> stale.Key:
    """Take the rebuild lock of `url`'s copy, as a reader that began rebuilding it
    (and has not finished) does."""
    key = stale.key(entry(RequestFactory().get(url)), topics)
    assert stale.get(key)[0] == stale.REBUILD
    return key


def strict_token() -> str:
    return cache.get(PREFIX + STRICT)


def list_with(title: str) -> None:
    f.DisputeFactory(title=title, short_title=title)


def test_a_publication_is_served_stale_while_another_reader_rebuilds():
    """GIVEN the dispute list cached WHEN a dispute is published and another reader
    is rebuilding the list THEN a reader gets the previous copy at once; WHEN the
    rebuild is done (lock freed) THEN the next reader rebuilds and sees it."""
    list_with("Already There Ltd v Someone")
    client = Client()
    assert client.get("/disputes")[HEADER] == "miss"
    list_with("Newly Published Ltd v Someone")
    rebuilding = another_reader_rebuilds("/disputes")
    page = client.get("/disputes")
    assert page[HEADER] == "stale"
    assert b"Already There Ltd" in page.content
    assert b"Newly Published Ltd" not in page.content
    stale.release(rebuilding)
    page = client.get("/disputes")
    assert page[HEADER] == "miss"
    assert b"Newly Published Ltd" in page.content


def test_the_reader_who_takes_the_lock_gets_a_fresh_page():
    """With nobody else rebuilding, the next reader after a publication takes the
    lock, builds the page afresh and frees the lock for the copy it kept."""
    list_with("Already There Ltd v Someone")
    client = Client()
    client.get("/disputes")
    list_with("Newly Published Ltd v Someone")
    page = client.get("/disputes")
    assert page[HEADER] == "miss"
    assert b"Newly Published Ltd" in page.content
    key = stale.key(entry(RequestFactory().get("/disputes")), ALL)
    assert cache.get(key.lock) is None
    assert client.get("/disputes")[HEADER] == "hit"


def test_a_stale_copy_is_never_older_than_the_bound(monkeypatch):
    """GIVEN a copy whose build began more than PAGE_CACHE_STALE_SECONDS ago WHEN its
    data moved and another reader is rebuilding THEN a reader does not get it: it
    builds the page itself."""
    list_with("Already There Ltd v Someone")
    client = Client()
    client.get("/disputes")
    list_with("Newly Published Ltd v Someone")
    rebuilding = another_reader_rebuilds("/disputes")
    real_time = stale.time.time
    monkeypatch.setattr(stale.time, "time", lambda: real_time() + 6)
    cache.set(rebuilding.lock, 1, 60)  # that reader is still at it
    page = client.get("/disputes")
    assert page[HEADER] == "miss"
    assert b"Newly Published Ltd" in page.content


def test_no_stale_copies_when_the_bound_is_zero(settings):
    """PAGE_CACHE_STALE_SECONDS=0 keeps the strict behaviour: every reader after a
    change gets a fresh page, whoever else is building it."""
    list_with("Already There Ltd v Someone")
    client = Client()
    client.get("/disputes")
    list_with("Newly Published Ltd v Someone")
    settings.PAGE_CACHE_STALE_SECONDS = 0
    key = stale.key(entry(RequestFactory().get("/disputes")), ALL)
    assert stale.get(key)[0] == stale.MISS
    cache.add(key.lock, 1, 60)
    assert b"Newly Published Ltd" in client.get("/disputes").content


def test_a_recent_copy_is_served_without_a_rebuild(monkeypatch, settings):
    """GIVEN PAGE_CACHE_REBUILD_SECONDS=2 WHEN a dispute is published just after the
    list was built THEN readers get that copy and nobody rebuilds; WHEN the copy is
    2 s old THEN the next reader rebuilds it and sees the publication."""
    settings.PAGE_CACHE_REBUILD_SECONDS = 2
    list_with("Already There Ltd v Someone")
    client = Client()
    client.get("/disputes")
    list_with("Newly Published Ltd v Someone")
    for _ in range(2):
        page = client.get("/disputes")
        assert page[HEADER] == "stale"
        assert b"Newly Published Ltd" not in page.content
    key = stale.key(entry(RequestFactory().get("/disputes")), ALL)
    assert cache.get(key.lock) is None
    real_time = stale.time.time
    monkeypatch.setattr(stale.time, "time", lambda: real_time() + 2)
    page = client.get("/disputes")
    assert page[HEADER] == "miss"
    assert b"Newly Published Ltd" in page.content


@pytest.mark.parametrize("rebuild_seconds", [0, 2])
@pytest.mark.parametrize("url", ["/", "/disputes", "/search?q=zanzibarian"])
def test_a_withdrawal_is_never_served_stale(url, rebuild_seconds, reviewer, settings):
    """GIVEN a page showing a dispute WHEN it is withdrawn THEN the strict token
    moves and, even with another reader rebuilding or a copy just built, the next
    reader gets a fresh page without it."""
    settings.PAGE_CACHE_REBUILD_SECONDS = rebuild_seconds
    list_with("Zanzibarian Widgets Ltd v Someone")
    withdrawn = f.DisputeFactory(
        title="Zanzibarian Gadgets Ltd v Other",
        short_title="Zanzibarian Gadgets Ltd v Other",
    )
    client = Client()
    assert b"Gadgets Ltd" in client.get(url).content
    before = strict_token()
    services.withdraw(obj=withdrawn, user=reviewer)
    assert strict_token() != before
    key = stale.key(entry(RequestFactory().get(url)), ALL)
    assert stale.get(key)[0] == stale.MISS
    cache.add(key.lock, 1, 60)
    page = client.get(url)
    assert page[HEADER] == "miss"
    assert b"Gadgets Ltd" not in page.content


def test_sealed_evidence_is_never_served_stale(settings):
    """Sealing an exhibit of a published dispute (its status stays published) is an
    edit of a public record: its description is gone on the very next request."""
    settings.PAGE_CACHE_REBUILD_SECONDS = 2
    exhibit = f.EvidenceFactory(description="Quokkaish exhibit words")
    url = exhibit.dispute.get_absolute_url()
    client = Client()
    assert b"Quokkaish exhibit words" in client.get(url).content
    before = strict_token()
    exhibit.confidentiality = Confidentiality.SEALED
    exhibit.save()
    assert strict_token() != before
    cache.add(stale.key(entry(RequestFactory().get(url)), ALL).lock, 1, 60)
    page = client.get(url)
    assert page.status_code == 200
    assert b"Quokkaish exhibit words" not in page.content


def test_only_additions_leave_the_strict_token_alone():
    """Publishing a record, adding a row or a link are additions; editing a published
    record, unpublishing, deleting and unlinking move the strict token."""
    dispute = f.DisputeFactory()
    party = f.PartyFactory(publication_status=S.IN_REVIEW)
    jurisdiction = f.JurisdictionFactory()

    def moves(change) -> bool:
        before = strict_token() or generations.tokens(ALL)[1]
        change()
        return generations.tokens(ALL)[1] != before

    def publish():
        party.publication_status = S.PUBLISHED
        party.save()

    def edit():
        dispute.title = "Corrected title"
        dispute.save()

    def unpublish():
        party.publication_status = S.DRAFT
        party.save()

    assert not moves(publish)
    assert not moves(lambda: f.DisputePartyFactory(dispute=dispute, party=party))
    assert not moves(lambda: dispute.jurisdictions.add(jurisdiction))
    assert moves(edit)
    assert moves(lambda: dispute.jurisdictions.remove(jurisdiction))
    assert moves(lambda: dispute.party_roles.first().delete())
    assert moves(unpublish)


def test_a_copy_is_kept_once_per_page():
    """A rebuilt page replaces its previous copy instead of adding one per data
    generation (the cache holds as many page copies as pages)."""
    list_with("Already There Ltd v Someone")
    client = Client()
    client.get("/disputes")
    list_with("Newly Published Ltd v Someone")
    client.get("/disputes")
    pages = [k for k in cache._cache if "pagecache:page:" in k]
    assert len(pages) == 1
