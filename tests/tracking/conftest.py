"""Tracking fixtures: a private search index per test, and a helper that reads Atom."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from casebase.search import indexing
from casebase.search.backends.base import reset_backend

ATOM = "{http://www.w3.org/2005/Atom}"
WHOOSH = "casebase.search.backends.whoosh.WhooshBackend"


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path):
    """An empty Whoosh index of this test's own; nothing queued from earlier tests."""
    settings.SEARCH_BACKEND = WHOOSH
    settings.SEARCH_INDEX_PATH = tmp_path / "search-index"
    reset_backend()
    indexing._pending().clear()
    yield
    indexing._pending().clear()
    reset_backend()


def parse_feed(response) -> dict:
    """The feed as plain data: its id and updated, and each entry's fields."""
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"

    def text(node, name):
        found = node.find(f"{ATOM}{name}")
        return found.text if found is not None else None

    entries = [
        {
            "id": text(e, "id"),
            "title": text(e, "title"),
            "updated": dt.datetime.fromisoformat(text(e, "updated")),
            "link": e.find(f"{ATOM}link").get("href"),
            "summary": text(e, "summary") or "",
        }
        for e in root.findall(f"{ATOM}entry")
    ]
    return {
        "id": text(root, "id"),
        "title": text(root, "title"),
        "updated": text(root, "updated"),
        "self": next(
            (
                link.get("href")
                for link in root.findall(f"{ATOM}link")
                if link.get("rel") == "self"
            ),
            None,
        ),
        "entries": entries,
    }
