"""The workbench pages: side by side, measures, prompt-set summary, exhibits."""

import pytest
from django.urls import reverse

from casebase.workbench.models import PairMeasure
from tests import factories as f
from tests.html import content

pytestmark = pytest.mark.django_db


def test_comparison_page_shows_outputs_side_by_side_with_measures(client, demo):
    """Every output is shown, the differing words marked, each measure explained."""
    comparison = demo.comparisons[1]
    html = content(client.get(reverse("workbench:comparison", args=[comparison.pk])))
    for system in demo.systems:
        assert str(system.name) in html
    assert '<ins class="diff-added">' in html
    assert "What the measures mean" in html
    assert "Unicode NFC" in html
    assert html.count('data-measure="edit_similarity"') == 3


def test_outputs_are_escaped_in_the_diff(client):
    """Markup in an output is shown as text, never run."""
    comparison = f.OutputComparisonFactory()
    f.ComparisonOutputFactory(comparison=comparison, output="<script>x()</script> A")
    f.ComparisonOutputFactory(comparison=comparison, output="<script>x()</script> B")
    html = content(client.get(reverse("workbench:comparison", args=[comparison.pk])))
    assert "<script>x()" not in html
    assert "&lt;script&gt;x()&lt;/script&gt; " in html


def test_prompt_set_summary_states_counts_and_threshold(client, demo):
    """The claimant's and accused systems: 2 of 4 identical, 1 near-identical at
    the set's threshold; the independent system matches neither."""
    html = content(client.get(demo.prompt_set.get_absolute_url()))
    assert (
        "2 of 4 prompts answered identically, 1 near-identically "
        "(edit similarity at least 0.90, not identical)" in html
    )
    assert "0 of 4 prompts answered identically, 0 near-identically" in html
    assert "Test data" in html


def test_prompt_set_drills_down_to_each_pair(client, demo):
    """Each prompt row links to the pair's own page, which shows both outputs."""
    pair = PairMeasure.objects.filter(comparison=demo.comparisons[0]).first()
    url = reverse("workbench:pair", args=[demo.comparisons[0].pk, pair.pk])
    assert url in content(client.get(demo.prompt_set.get_absolute_url()))
    html = content(client.get(url))
    assert "zebra-lantern" in html
    assert 'data-measure="exact_match">Yes' in html


def test_a_pair_of_another_comparison_is_404(client, demo):
    """A pair id under the wrong comparison is not found, not shown."""
    pair = PairMeasure.objects.filter(comparison=demo.comparisons[0]).first()
    url = reverse("workbench:pair", args=[demo.comparisons[1].pk, pair.pk])
    assert client.get(url).status_code == 404


def test_exhibit_bundle_lists_each_item_with_its_particulars(client, demo):
    """Reference, type, who relies on it, the claim, assessment and source."""
    html = content(client.get(reverse("workbench:exhibits", args=[demo.dispute.slug])))
    assert "TEST-E1" in html
    assert "Watermark or canary prompts" in html
    assert "Claimant" in html
    assert "Test claim: breach of confidence" in html
    assert "Not assessed by a court" in html
    assert "Test source (test data)" in html
    assert "workbench/workbench.css" in html


def test_exhibit_print_css_hides_the_site_chrome():
    """The stylesheet has print rules for the bundle."""
    from django.contrib.staticfiles import finders

    css = open(finders.find("workbench/workbench.css")).read()
    assert "@media print" in css
    assert "break-inside: avoid" in css


def test_workbench_index_lists_the_prompt_set(client, demo):
    """The index links to the prompt set, labelled as test data."""
    html = content(client.get(reverse("workbench:index")))
    assert demo.prompt_set.get_absolute_url() in html
    assert "Test data" in html
