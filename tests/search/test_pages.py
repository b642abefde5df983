"""The search page, its help page and the header search box."""

import pytest
from django.urls import reverse

from casebase.search.query import SearchQuery
from casebase.search.service import run_search
from tests.search.conftest import index_all
from tests.search.corpus import build_corpus

URL = reverse("search:search")


@pytest.fixture
def corpus(db):
    records = build_corpus()
    index_all()
    return records


def test_results_page_lists_hits_with_highlights(client, corpus):
    """A search shows the count, the hits and the matched words marked."""
    response = client.get(URL, {"q": "diffusion"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pixel Archive v Stable Models" in html
    assert "<mark>diffusion</mark>" in html
    assert "<script>alert(1)</script>" not in html


def test_citation_goes_straight_to_the_record(client, corpus):
    """A citation typed on its own redirects to the judgment."""
    response = client.get(URL, {"q": "(2023) uksc 49"})
    assert response.status_code == 302
    assert response["Location"] == corpus["alpha"].get_absolute_url()


def test_facet_links_filter(client, corpus):
    """A facet value is a link that narrows the results."""
    html = client.get(URL, {"q": "training"}).content.decode()
    assert "stage=settled" in html
    narrowed = client.get(URL, {"q": "training", "stage": "settled"}).content.decode()
    assert "Quill Authors v Large Language" in narrowed
    assert "Pixel Archive v Stable Models" not in narrowed


def test_bad_facet_value_is_a_400_naming_the_field(client, corpus):
    """A filter value that cannot exist is named in the message; results still show."""
    response = client.get(URL, {"q": "training", "court": "<script>"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Court: There is no such court" in html
    assert "Pixel Archive v Stable Models" in html


def test_an_unknown_type_stage_or_outcome_is_named_with_the_values(client, corpus):
    """A value outside a fixed vocabulary says which values there are, rather than
    quietly finding nothing; the results ignore it."""
    response = client.get(URL, {"q": "training", "type": "nonsense"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Type: There is no such type to filter by; use one of: dispute," in html
    assert "Pixel Archive v Stable Models" in html
    for name, value in (("stage", "bogus"), ("outcome", "won")):
        response = client.get(URL, {"q": "training", name: value})
        assert response.status_code == 400
        assert "There is no such" in response.content.decode()


def test_bad_page_is_a_400_naming_the_field(client, corpus):
    """A page that is not a number is named in the message."""
    response = client.get(URL, {"q": "training", "page": "x"})
    assert response.status_code == 400
    assert "Page: Enter a whole page number" in response.content.decode()


@pytest.mark.parametrize(
    "text", ["train\x00ing", "((", '"', "AND", "😀", "حقوق", "x" * 10_000, "-"]
)
def test_hostile_input_never_fails_the_page(client, corpus, text):
    """Odd input renders the page with results or a message, never a 500."""
    response = client.get(URL, {"q": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "result" in html or "alert" in html or "Nothing matched" in html


def test_zero_results_say_so(client, corpus):
    """No results is said in words."""
    html = client.get(URL, {"q": "qqqqzzzz"}).content.decode()
    assert "Nothing matched" in html


def test_did_you_mean_is_shown(client, corpus):
    """A corrected query says what was searched instead."""
    html = client.get(URL, {"q": "trainng"}).content.decode()
    assert (
        "No results for “trainng”. Showing results for <strong>training</strong>"
        in html
    )


def test_control_characters_at_the_ends_are_not_quoted_back(client, corpus):
    """A NUL typed before a misspelt word is dropped, not echoed as a space."""
    html = client.get(URL, {"q": "\x00trainng\x00"}).content.decode()
    assert "No results for “trainng”. Showing results for" in html


def test_sort_and_pages(client, corpus):
    """Sorting by date and paging keep the query."""
    response = client.get(URL, {"q": "training", "sort": "newest"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Pixel Archive v Stable") < html.index("Quill Authors v Large")


def test_empty_search_shows_the_form(client, db):
    """With no query the page shows the box and a link to the help."""
    response = client.get(URL)
    assert response.status_code == 200
    assert reverse("search:help") in response.content.decode()


def test_help_page_documents_the_language(client, db):
    """The help page explains fields, ranges and citations."""
    html = client.get(reverse("search:help")).content.decode()
    for example in (
        "year:2020..2024",
        "party:",
        "[1969] RPC 41",
        "C-406/10",
        "infring*",
    ):
        assert example in html


def test_header_search_box_submits_to_the_search_page(client, db):
    """Every page's search box goes to the search page."""
    html = client.get(reverse("home")).content.decode()
    assert f'action="{URL}"' in html


def test_run_search_is_the_api_entry_point(corpus):
    """run_search takes a typed query and a user and returns typed results."""
    results = run_search(query=SearchQuery(text="training"), user=None)
    assert results.total == 2 and results.hits[0].url
