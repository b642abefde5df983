"""The public's citation lookup is kept between requests until a change commits."""

import pytest

from casebase.citations.finder import find_citations
from casebase.citations.site.lookup import public_lookup
from casebase.core.models import PublicationStatus as S
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def _canonical(text: str) -> str:
    return find_citations(text)[0].canonical


def test_the_kept_lookup_follows_published_changes_and_never_shows_drafts():
    """GIVEN a kept public lookup WHEN a precedent is published, drafted again or
    renamed (each committed) THEN the next lookup shows exactly the change; a
    lookup unchanged by a draft is the same object, not rebuilt."""
    first = public_lookup()
    assert public_lookup() is first
    precedent = f.PrecedentFactory(neutral_citation="[2031] EWHC 4321 (Ch)")
    key = _canonical("[2031] EWHC 4321 (Ch)")
    published = public_lookup()
    assert published is not first
    assert published.precedent(key).url == precedent.get_absolute_url()

    draft = f.PrecedentFactory(
        neutral_citation="[2031] EWHC 4322 (Ch)",
        publication_status=S.DRAFT,
        court=precedent.court,
    )
    assert public_lookup() is published
    assert public_lookup().precedent(_canonical("[2031] EWHC 4322 (Ch)")) is None
    assert draft.pk

    precedent.publication_status = S.DRAFT
    precedent.save()
    assert public_lookup().precedent(key) is None
