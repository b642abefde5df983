"""A page past the last one says so and links back, instead of "Nothing matched"
under a count of results."""

import pytest
from django.urls import reverse

from tests.search.conftest import index_all
from tests.search.corpus import build_corpus

URL = reverse("search:search")


@pytest.fixture
def corpus(engine):
    records = build_corpus()
    index_all()
    return records


def test_page_past_the_end_links_to_the_last_page(client, corpus):
    response = client.get(URL, {"q": "training", "page": "9"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 results" in html
    assert "Page 9 is past the last page (1)." in html
    assert 'href="?q=training&amp;page=1"' in html
    assert "Nothing matched" not in html


def test_link_back_keeps_the_filters_and_sort(client, corpus):
    response = client.get(
        URL, {"q": "training", "stage": "filed", "sort": "newest", "page": "2"}
    )
    html = response.content.decode()
    assert "Page 2 is past the last page (1)." in html
    assert 'href="?q=training&amp;stage=filed&amp;sort=newest&amp;page=1"' in html


def test_no_results_on_a_later_page_still_says_nothing_matched(client, corpus):
    html = client.get(URL, {"q": "zzzznothing", "page": "3"}).content.decode()
    assert "Nothing matched" in html
    assert "past the last page" not in html


def test_api_page_past_the_end_is_an_empty_page_with_the_total(client, corpus):
    """The API answers with no hits, the total and the number of pages."""
    response = client.get("/api/v1/search", {"q": "training", "page": "9"})
    assert response.status_code == 200
    body = response.json()
    assert (body["hits"], body["total"], body["pages"], body["page"]) == ([], 2, 1, 9)
