"""Confidentiality on every surface: redacted evidence shows only its public
description; sealed evidence (and its comparisons, outputs and prompt sets) never
reaches the public; editors see both, with a marker. Read-only probes of the pages,
the API, search, exports, feeds and a crawl of the whole site."""

from collections import deque
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from casebase.search import indexing
from casebase.search.backends.base import reset_backend
from casebase.search.query import SearchQuery
from casebase.search.service import run_search
from tests.editorial.users import user_with_role
from tests.html import content, tags
from tests.workbench.secrets import HIDDEN, PUBLIC_SUMMARY, build_secrets, leaks

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(db):
    return build_secrets()


@pytest.fixture
def editor_client(client, db):
    client.force_login(user_with_role("editor", "conf-editor"))
    return client


def test_dispute_page_hides_sealed_and_redacted_contents(client, data):
    """The public dispute page: no sealed item, the redacted summary only."""
    html = content(client.get(data["demo"].dispute.get_absolute_url()))
    assert leaks(html) == []
    assert PUBLIC_SUMMARY in html


def test_dispute_page_marks_sealed_material_for_editors(editor_client, data):
    """Editors see sealed evidence with its marker, and the redacted full text."""
    html = content(editor_client.get(data["demo"].dispute.get_absolute_url()))
    assert "Zzsealeddesc" in html and "Sealed: editors only" in html
    assert "Zzredacteddesc" in html


def test_exhibit_bundle_hides_sealed_and_redacted_contents(client, data):
    """The public exhibit bundle: no sealed item, no redacted description, note or
    outputs; the redacted item's public description is there."""
    url = reverse("workbench:exhibits", args=[data["demo"].dispute.slug])
    html = content(client.get(url))
    assert leaks(html) == []
    assert PUBLIC_SUMMARY in html
    assert "Redacted exhibit (test data)" in html


def test_exhibit_bundle_marks_sealed_items_for_editors(editor_client, data):
    """Editors get every item, the sealed one marked."""
    url = reverse("workbench:exhibits", args=[data["demo"].dispute.slug])
    html = content(editor_client.get(url))
    assert "Zzsealedtitle" in html and "Sealed: editors only" in html
    assert "Zzredactednote" in html


@pytest.mark.parametrize(
    "key", ["sealed_comparison", "redacted_comparison", "draft_comparison"]
)
def test_hidden_comparisons_are_404_to_the_public(client, data, key):
    """Comparisons of sealed or redacted evidence, and draft ones, are not found."""
    comparison = data[key]
    url = reverse("workbench:comparison", args=[comparison.pk])
    assert client.get(url).status_code == 404
    pair = comparison.pair_measures.first()
    pair_url = reverse("workbench:pair", args=[comparison.pk, pair.pk])
    assert client.get(pair_url).status_code == 404


def test_sealed_prompt_set_is_404_and_unlisted(client, data):
    """A sealed item's prompt set is neither listed nor reachable."""
    assert client.get(data["sealed_set"].get_absolute_url()).status_code == 404
    html = content(client.get(reverse("workbench:index")))
    assert leaks(html) == []


def test_public_prompt_set_leaves_out_draft_prompts(client, data):
    """A draft prompt filed in a public set stays out of its public summary."""
    data["demo"].prompt_set.comparisons.add(data["draft_comparison"])
    html = content(client.get(data["demo"].prompt_set.get_absolute_url()))
    assert leaks(html) == []
    assert "2 of 4 prompts answered identically" in html


def test_workbench_shows_sealed_comparisons_to_editors_with_a_marker(
    editor_client, data
):
    """Editors open a sealed comparison and see the marker beside it."""
    url = reverse("workbench:comparison", args=[data["sealed_comparison"].pk])
    html = content(editor_client.get(url))
    assert "Zzsealedoutput" in html and "Sealed: editors only" in html


def test_api_never_serves_sealed_or_redacted_contents(client, data):
    """/api/v1/evidence and the dispute's detail: nothing hidden, redacted
    evidence by its public description."""
    listing = client.get(reverse("api:evidence-list")).content.decode()
    detail = client.get(
        reverse("api:dispute-detail", args=[data["demo"].dispute.slug])
    ).content.decode()
    hidden = [w for w in HIDDEN if w != "Zzredactednote"]
    for body in (listing, detail):
        assert [w for w in hidden if w in body] == []
        assert PUBLIC_SUMMARY in body
    sealed = reverse("api:evidence-detail", args=[data["sealed"].pk])
    assert client.get(sealed).status_code == 404


def test_api_hides_the_assessment_note_of_redacted_evidence(client, data):
    """The court's note on redacted evidence is not public (as on the page)."""
    url = reverse("api:evidence-detail", args=[data["redacted"].pk])
    assert "Zzredactednote" not in client.get(url).content.decode()


@pytest.fixture
def indexed(settings, tmp_path, data):
    settings.SEARCH_BACKEND = "casebase.search.backends.whoosh.WhooshBackend"
    settings.SEARCH_INDEX_PATH = tmp_path / "index"
    reset_backend()
    indexing.rebuild()
    yield data
    reset_backend()


def test_search_finds_no_hidden_words(indexed):
    """No hidden word finds anything; the redacted summary does."""
    for word in HIDDEN:
        results = run_search(query=SearchQuery(text=word), user=None)
        assert results.total == 0, word
    found = run_search(query=SearchQuery(text=PUBLIC_SUMMARY), user=None)
    assert found.total == 1


@pytest.mark.parametrize(
    "path",
    [
        "/disputes.csv",
        "/disputes.json",
        "/search.json?q=zzsealeddesc",
        "/feeds/disputes",
    ],
)
def test_exports_and_feeds_carry_no_hidden_words(client, indexed, path):
    """Exports and feeds (where this build has them) leak nothing hidden."""
    response = client.get(path)
    if response.status_code == 404:
        pytest.skip(f"{path} is not served by this build")
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert leaks(body.decode()) == []


def _crawl(client, starts: list[str], limit: int = 1500) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = deque(starts)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code in (200, 301, 302), (url, response.status_code)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            seen[url] = ""
            continue
        seen[url] = html = content(response)
        for a in tags(html, "a"):
            parts = urlsplit(a.get("href", ""))
            if parts.netloc or parts.query or not parts.path.startswith("/"):
                continue
            if not parts.path.startswith(("/admin", "/static", "/api", "/editorial")):
                queue.append(parts.path)
    return seen


def test_crawl_of_every_public_page_finds_no_hidden_word(client, data):
    """GIVEN sealed, redacted and draft material WHEN every page reachable from the
    home page and the workbench is crawled THEN no hidden word appears anywhere, and
    the workbench pages were reached."""
    pages = _crawl(client, ["/", reverse("workbench:index")])
    assert [url for url, html in pages.items() if leaks(html)] == []
    assert reverse("workbench:exhibits", args=[data["demo"].dispute.slug]) in pages
    assert data["demo"].prompt_set.get_absolute_url() in pages
