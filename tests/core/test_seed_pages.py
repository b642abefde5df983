"""Every page type on the real reference data: the facts a reader checks are there.

Uses the `reference_db` fixture (the 66 disputes, 19 precedents and 41 provisions of the
checked reference file); every figure asserted here is read from that file.
"""

from collections import deque
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from casebase.cases.models import Confidentiality, Dispute
from casebase.core.models import PublicationStatus
from tests.factories import DisputeFactory, EvidenceFactory
from tests.html import content, tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(reference_db, db):
    return reference_db


def test_home_counts_what_the_reference_holds(client, seed):
    """The home page's counts are the reference file's: 66, 19 and 41."""
    html = content(client.get(reverse("home")))
    for figure, label in [(66, "disputes"), (19, "precedents"), (41, "provisions")]:
        assert f">{figure}<" in html, label


def test_seed_dispute_page_shows_the_allegation_plainly(client, seed):
    """Anthropic v Alibaba: both AI systems, three alleged items, no court, unverified."""
    item = seed.facts["disputes"][0]
    html = content(
        client.get(reverse("cases:dispute-detail", args=["anthropic-v-alibaba"]))
    )
    for text in ["Anthropic", "Alibaba", "Claude", "Qwen3", "No court proceedings"]:
        assert text in html
    for evidence in item["evidence_alleged"]:
        assert evidence["description"].replace("'", "&#x27;") in html
    assert "Unverified" in html
    assert "seed-article.txt" in html


def test_precedent_at_its_citation_path(client, seed):
    """Getty v Stability at /ewhc/ch/2025/2863: holding, claim number, Find Case Law link."""
    response = client.get("/ewhc/ch/2025/2863")
    html = content(response)
    assert response.status_code == 200
    assert "IL-2023-000007" in html
    assert "https://caselaw.nationalarchives.gov.uk/ewhc/ch/2025/2863" in html
    assert "Appeal pending" in html


def test_thaler_shows_its_law_report(client, seed):
    """Thaler [2023] UKSC 49 carries its report [2024] Bus LR 47 and the judges."""
    html = content(client.get("/uksc/2023/49"))
    assert "[2024] Bus LR 47" in html
    assert "Lord Kitchin" in html


def test_reversed_judgment_is_flagged_with_its_reason(client, seed):
    """Emotional Perception at first instance: negative, reversed by [2024] EWCA Civ 825."""
    html = content(client.get("/ewhc/ch/2023/2948"))
    assert "Negative" in html
    assert "[2024] EWCA Civ 825" in html


def test_precedent_without_neutral_citation_has_a_readable_url(client, seed):
    """Coco v A N Clark has no neutral citation: it lives under /precedents/<slug>."""
    html = content(client.get(reverse("law:precedent-list")))
    links = [
        a["href"] for a in tags(html, "a") if "/precedents/coco" in a.get("href", "")
    ]
    assert links
    assert "[1969] RPC 41" in content(client.get(links[0]))


def test_provision_page_links_to_legislation_gov_uk(client, seed):
    """CDPA s. 16 at /law/ukpga/1988/48/section/16 links to its official text."""
    html = content(client.get("/law/ukpga/1988/48/section/16"))
    assert "https://www.legislation.gov.uk/ukpga/1988/48/section/16" in html
    assert "Copyright, Designs and Patents Act 1988" in html


def test_statutory_instrument_uses_regulation_paths(client, seed):
    """SI 1997/3032 reg. 12 lives at /law/uksi/1997/3032/regulation/12."""
    response = client.get("/law/uksi/1997/3032/regulation/12")
    assert response.status_code == 200
    assert "reg. 12" in content(response)


def test_theory_filter_counts_the_patent_disputes(client, seed):
    """Filtering the list by theory finds exactly the disputes with a patent claim."""
    expected = Dispute.objects.filter(claims__theory__slug="patent").distinct().count()
    html = content(client.get(reverse("cases:dispute-list"), {"theory": "patent"}))
    assert expected > 0
    assert f"{expected} dispute" in html


def test_party_page_lists_its_disputes(client, seed):
    """Anthropic's page lists the disputes it is a party to."""
    html = content(client.get(reverse("cases:party-detail", args=["anthropic"])))
    assert "Anthropic v Alibaba" in html
    assert "Bartz" in html


def test_ai_system_page_lists_its_disputes(client, seed):
    """Claude's page lists the article's dispute and names its developer."""
    html = content(client.get(reverse("cases:system-detail", args=["claude"])))
    assert "Anthropic v Alibaba" in html
    assert "Anthropic" in html


def _crawl(client, start: str, limit: int = 2000) -> dict[str, str]:
    """Every internal page reachable from `start` without a query string."""
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code in (200, 301), (url, response.status_code)
        if response.status_code == 301:
            queue.append(response["Location"])
            seen[url] = ""
            continue
        html = content(response)
        seen[url] = html
        for a in tags(html, "a"):
            href = a.get("href", "")
            parts = urlsplit(href)
            if parts.netloc or parts.query or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(("/admin", "/static")):
                continue
            queue.append(parts.path)
    return seen


def test_drafts_and_sealed_evidence_appear_on_no_public_page(client, seed):
    """GIVEN a draft dispute and sealed evidence WHEN every public page is crawled
    THEN neither appears anywhere, and every page answers 200."""
    DisputeFactory(
        title="Zzdraft Labs v Nobody", publication_status=PublicationStatus.DRAFT
    )
    published = Dispute.objects.get(slug="anthropic-v-alibaba")
    EvidenceFactory(
        dispute=published,
        description="Zzsealed secret exhibit",
        confidentiality=Confidentiality.SEALED,
    )
    pages = _crawl(client, "/")
    assert len(pages) > 500
    leaks = [
        url for url, html in pages.items() if "Zzdraft" in html or "Zzsealed" in html
    ]
    assert leaks == []
