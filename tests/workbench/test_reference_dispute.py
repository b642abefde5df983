"""The article's dispute keeps its evidence as the article reports it: allegations,
sourced to the article, with no outputs made up for it."""

import pytest
from django.urls import reverse

from casebase.cases.models import Dispute, OutputComparison
from casebase.workbench.models import PromptSet
from tests.html import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def article_dispute(reference_db, db):
    return Dispute.objects.get(slug="anthropic-v-alibaba")


def test_article_evidence_is_allegations_sourced_to_the_article(article_dispute):
    """Three items, each an allegation whose only source is the article."""
    items = list(article_dispute.evidence.all())
    assert len(items) == 3
    for item in items:
        assert item.is_allegation
        references = [s.reference for s in item.sources.all()]
        assert references and all("seed-article" in r for r in references)


def test_article_dispute_has_no_invented_outputs(article_dispute):
    """No comparison, output or prompt set is attached to the real dispute."""
    assert not OutputComparison.objects.filter(evidence__dispute=article_dispute)
    assert not PromptSet.objects.filter(evidence__dispute=article_dispute)


def test_article_exhibit_bundle_shows_allegations(client, article_dispute):
    """Its exhibit bundle lists the three items, marked as allegations."""
    url = reverse("workbench:exhibits", args=[article_dispute.slug])
    html = content(client.get(url))
    assert html.count('class="exhibit"') == 3
    assert html.count("badge-allegation") == 3
    assert "Watermark or canary prompts" in html
