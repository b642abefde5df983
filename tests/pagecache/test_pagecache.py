"""The page cache (casebase/pagecache): anonymous readers get a page built once per
data generation, and every change the public can see is on the very next request.

These tests commit (`transaction=True`): the cache is bypassed inside a transaction,
which is where ordinary test cases run. Each test has its own memory cache.
"""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from casebase.core.models import PublicationStatus as S
from casebase.editorial import services
from casebase.pagecache import generations
from casebase.pagecache.decorators import public_page
from casebase.pagecache.middleware import HEADER, PageCacheMiddleware
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def cached(client, url):
    """GET `url` twice; the second answer must come from the cache."""
    first = client.get(url)
    assert first.status_code == 200, url
    again = client.get(url)
    assert again[HEADER] == "hit", url
    assert again.content == first.content
    return again


def test_anonymous_read_is_kept_and_served_with_security_headers():
    """GIVEN a published dispute WHEN an anonymous reader asks twice THEN the second
    answer is the cached page, with every security header still on it."""
    dispute = f.DisputeFactory()
    client = Client()
    first = client.get(dispute.get_absolute_url())
    assert first[HEADER] == "miss"
    again = cached(client, dispute.get_absolute_url())
    for name in SECURITY_HEADERS:
        assert again[name] == first[name], name
    assert again["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in again["Content-Security-Policy"]
    assert again["Content-Type"] == first["Content-Type"]
    assert not again.cookies


def test_signed_in_readers_neither_use_nor_fill_the_cache(reviewer):
    """An editor sees the draft in a list; the anonymous reader after them does not,
    and the editor's page was never cached."""
    f.DisputeFactory(
        title="Public Dispute Ltd v Someone", short_title="Public Dispute Ltd v Someone"
    )
    f.DisputeFactory(
        title="Draft Dispute Ltd v Someone",
        short_title="Draft Dispute Ltd v Someone",
        publication_status=S.DRAFT,
    )
    editor = Client()
    editor.force_login(reviewer)
    seen = editor.get("/disputes")
    assert b"Draft Dispute Ltd" in seen.content
    assert HEADER not in seen
    anonymous = Client().get("/disputes")
    assert anonymous[HEADER] == "miss"
    assert b"Draft Dispute Ltd" not in anonymous.content
    assert b"Public Dispute Ltd" in anonymous.content
    assert HEADER not in editor.get("/disputes")


def test_dispute_detail_shows_an_edit_and_a_withdrawal_at_once(reviewer):
    dispute = f.DisputeFactory(
        title="Before Edit Ltd v Someone", short_title="Before Edit Ltd v Someone"
    )
    client = Client()
    cached(client, dispute.get_absolute_url())
    dispute.title = dispute.short_title = "After Edit Ltd v Someone"
    dispute.save()
    page = client.get(dispute.get_absolute_url())
    assert page[HEADER] == "miss"
    assert b"After Edit Ltd" in page.content
    cached(client, dispute.get_absolute_url())
    services.withdraw(obj=dispute, user=reviewer)
    assert client.get(dispute.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("url", ["/", "/disputes", "/feeds/disputes"])
def test_lists_home_and_feed_show_a_publication_and_a_withdrawal(url, reviewer):
    f.DisputeFactory(
        title="Already There Ltd v Someone", short_title="Already There Ltd v Someone"
    )
    client = Client()
    cached(client, url)
    fresh = f.DisputeFactory(
        title="Newly Published Ltd v Someone",
        short_title="Newly Published Ltd v Someone",
        publication_status=S.IN_REVIEW,
    )
    assert b"Newly Published Ltd" not in client.get(url).content
    fresh.publication_status = S.PUBLISHED
    fresh.save()
    assert b"Newly Published Ltd" in client.get(url).content
    cached(client, url)
    services.withdraw(obj=fresh, user=reviewer)
    assert b"Newly Published Ltd" not in client.get(url).content


def test_search_finds_a_publication_on_the_next_request(reviewer):
    f.DisputeFactory(
        title="Zanzibarian Widgets Ltd v Someone",
        short_title="Zanzibarian Widgets Ltd v Someone",
    )
    client = Client()
    url = "/search?q=zanzibarian"
    assert b"Widgets Ltd" in cached(client, url).content
    fresh = f.DisputeFactory(
        title="Zanzibarian Gadgets Ltd v Other",
        short_title="Zanzibarian Gadgets Ltd v Other",
        publication_status=S.IN_REVIEW,
    )
    assert b"Gadgets Ltd" not in client.get(url).content
    fresh.publication_status = S.PUBLISHED
    fresh.save()
    assert b"Gadgets Ltd" in client.get(url).content
    cached(client, url)
    services.withdraw(obj=fresh, user=reviewer)
    assert b"Gadgets Ltd" not in client.get(url).content


def test_precedent_page_shows_an_edit_and_a_withdrawal(reviewer):
    precedent = f.PrecedentFactory(holding="The old holding.")
    client = Client()
    url = precedent.get_absolute_url()
    cached(client, url)
    precedent.holding = "The corrected holding."
    precedent.save()
    assert b"The corrected holding." in client.get(url).content
    cached(client, url)
    services.withdraw(obj=precedent, user=reviewer)
    assert client.get(url).status_code == 404


def test_provision_page_shows_an_edit():
    provision = f.ProvisionFactory(heading="Old heading words")
    client = Client()
    url = provision.get_absolute_url()
    cached(client, url)
    provision.heading = "New heading words"
    provision.save()
    assert b"New heading words" in client.get(url).content


def test_a_party_nothing_refers_to_leaves_dispute_pages_cached(reviewer):
    """Publishing a party no dispute names changes the party list (and search, the
    home page, the dispute list's filter) but no dispute page: those stay cached."""
    dispute = f.DisputeFactory()
    client = Client()
    cached(client, dispute.get_absolute_url())
    cached(client, "/parties")
    party = f.PartyFactory(name="Lonely Party Ltd", publication_status=S.IN_REVIEW)
    services.publish(obj=party, user=reviewer)
    assert b"Lonely Party Ltd" in client.get("/parties").content
    assert client.get(dispute.get_absolute_url())[HEADER] == "hit"


def test_renaming_a_named_party_refreshes_the_dispute_page():
    link = f.DisputePartyFactory(party__name="Old Name Ltd")
    client = Client()
    url = link.dispute.get_absolute_url()
    assert b"Old Name Ltd" in cached(client, url).content
    link.party.name = "New Name Ltd"
    link.party.save()
    page = client.get(url)
    assert b"New Name Ltd" in page.content


def test_draft_edits_change_no_generation():
    """Editing a draft changes nothing the public sees: cached pages stay."""
    draft = f.PartyFactory(publication_status=S.DRAFT)
    before = generations.generations(generations.ALL)
    draft.name = "Still A Draft Ltd"
    draft.save()
    assert generations.generations(generations.ALL) == before
    draft.publication_status = S.PUBLISHED
    draft.save()
    assert generations.generations(generations.ALL) != before


def test_the_commit_bump_follows_the_search_index_update(monkeypatch):
    """When a publication commits, the index already holds it by the time the
    generation moves: a page built under the new number finds it."""
    from django.db import transaction

    from casebase.search.query import SearchQuery
    from casebase.search.service import run_search

    seen = []
    real_bump = generations.bump

    def spy(topics, **kwargs):
        results = run_search(query=SearchQuery(text="quokkaish"), user=None)
        seen.append(results.total)
        real_bump(topics, **kwargs)

    monkeypatch.setattr(generations, "bump", spy)
    with transaction.atomic():
        f.DisputeFactory(
            title="Quokkaish Holdings Ltd v Someone",
            short_title="Quokkaish Holdings Ltd v Someone",
        )
    assert seen and seen[-1] == 1


def test_an_editors_preview_is_never_served_to_the_public():
    """The preview renders a draft's public page as if published: that page must not
    reach the cache, so the public still gets a 404 for the draft."""
    from django.urls import reverse

    from tests.editorial.users import publishable_dispute, user_with_role

    dispute = publishable_dispute(publication_status=S.DRAFT)
    editor = Client()
    editor.force_login(user_with_role("editor"))
    frame = reverse("editorial:preview-frame", args=["dispute", dispute.pk])
    assert editor.get(frame).status_code == 200
    anonymous = Client()
    assert anonymous.get(dispute.get_absolute_url()).status_code == 404
    assert anonymous.get(dispute.get_absolute_url()).status_code == 404


class TestWhatIsNeverKept:
    def run(self, view, request):
        view = public_page(view)
        middleware = PageCacheMiddleware(lambda r: view(r))
        assert middleware.process_view(request, view, (), {}) is None
        return middleware(request)

    def test_a_response_with_a_csrf_token(self):
        """A page holding a CSRF token made for one visitor is not kept; the same
        page without one is."""

        def form(request):
            return HttpResponse(f"<input value='{get_token(request)}'>")

        assert HEADER not in self.run(form, RequestFactory().get("/form"))
        plain = self.run(lambda r: HttpResponse("x"), RequestFactory().get("/plain"))
        assert plain[HEADER] == "miss"

    def test_a_response_that_sets_a_cookie_or_is_not_a_200(self):
        def cookie(request):
            response = HttpResponse("x")
            response.set_cookie("seen", "1")
            return response

        assert HEADER not in self.run(cookie, RequestFactory().get("/c"))
        missing = self.run(
            lambda r: HttpResponse("no", status=404), RequestFactory().get("/m")
        )
        assert HEADER not in missing

    def test_a_request_with_a_session_cookie(self):
        request = RequestFactory().get("/s")
        request.COOKIES["sessionid"] = "abc"
        view = public_page(lambda r: HttpResponse("x"))
        assert PageCacheMiddleware(view).process_view(request, view, (), {}) is None
        assert not hasattr(request, "_page_cache_key")


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/disputes",
        "/parties",
        "/precedents",
        "/law",
        "/search?q=x",
        "/feeds/disputes",
        "/parallel",
        "/theories",
        "/courts",
        "/jurisdictions",
    ],
)
def test_public_pages_refuse_writes_with_405(url):
    client = Client()
    for method in ("post", "put", "delete"):
        assert getattr(client, method)(url).status_code == 405, (method, url)
    assert client.head(url).status_code == 200
