"""Every example on the search help page does what the page says, on the reference
data and on both backends.

The help page is what a lawyer reads before typing a query; an example that finds
nothing, or finds something else, teaches the wrong language. Each `code` on the page
is either an example checked here against the reference data (CLAIMS) or a piece of
syntax the examples show (SYNTAX); a new example without a check fails
`test_every_example_on_the_page_is_checked`.
"""

import html
import re

import pytest
from django.urls import reverse

from tests.search.conftest import index_all
from tests.search.help_claims_language import LANGUAGE
from tests.search.help_claims_words import WORDS

# Syntax named on the page rather than typed as a query: each is shown at work in an
# example of CLAIMS.
SYNTAX = frozenset(
    {
        *("OR", "AND", "NOT", "-", "*", "&", "v", "v.", "vs", "versus"),
        *("title:", "party:", "court:", "theory:", "citation:", "system:"),
        *("jurisdiction:", "type:", "stage:", "outcome:", "year:"),
        # Forms of a provision reference, checked in full by `s 16 CDPA`, `s 10 TMA 1994`.
        *("CDPA", "TMA 1994"),
    }
)


CLAIMS = LANGUAGE + WORDS


@pytest.fixture
def reference(reference_db, engine):
    """The reference data, indexed by the backend under test."""
    index_all()
    return reference_db


def test_every_example_does_what_the_page_says(reference):
    false = [f"{typed[:40]!r}: {says}" for typed, says, check in CLAIMS if not check()]
    assert not false, "\n".join(false)


def test_every_example_on_the_page_is_checked(client, db):
    page = client.get(reverse("search:help")).content.decode()
    codes = {
        html.unescape(re.sub(r"<[^>]+>", "", code))
        for code in re.findall(r"<code>(.*?)</code>", page, re.S)
    }
    unchecked = codes - SYNTAX - {typed for typed, _, _ in CLAIMS}
    assert not unchecked, f"examples on the help page with no check: {unchecked}"
