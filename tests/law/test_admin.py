"""The editors' admin for the law: statutes and provisions, courts, precedents."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebase.law.models import Authority, Provision, Treatment
from tests import factories as f
from tests.admin_helpers import add_inline_row, changeform_data


def _search(client, model_name: str, q: str) -> list:
    response = client.get(reverse(f"admin:law_{model_name}_changelist"), {"q": q})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


# ---------------------------------------------------------------- precedents


def test_precedent_found_by_neutral_citation(admin_client):
    """GIVEN two judgments WHEN the editor searches a neutral citation THEN one."""
    wanted = f.PrecedentFactory(neutral_citation="[2023] UKSC 49")
    f.PrecedentFactory()
    assert _search(admin_client, "precedent", '"[2023] UKSC 49"') == [wanted]


def test_precedent_found_by_law_report_citation(admin_client):
    """Law-report citations live in a JSON list; the search reaches into its text."""
    wanted = f.PrecedentFactory(law_report_citations=["[2024] Bus LR 47"])
    f.PrecedentFactory(law_report_citations=["[2019] RPC 1"])
    assert _search(admin_client, "precedent", "Bus LR 47") == [wanted]


def test_precedent_found_by_case_name(admin_client):
    """Searching part of the case name finds it."""
    wanted = f.PrecedentFactory(case_name="Thaler v Comptroller-General")
    f.PrecedentFactory()
    assert _search(admin_client, "precedent", "Comptroller") == [wanted]


def test_precedent_change_page_shows_the_citation_path(admin_client):
    """The derived path is shown but cannot be edited."""
    precedent = f.PrecedentFactory(neutral_citation="[2023] UKSC 49")
    response = admin_client.get(
        reverse("admin:law_precedent_change", args=[precedent.pk])
    )
    assert "citation_path" not in response.context["adminform"].form.fields
    assert b"uksc/2023/49" in response.content


def test_precedent_citation_is_tidied_and_law_reports_saved_as_list(admin_client):
    """GIVEN a citation typed loosely and two reports on two lines WHEN saved THEN the
    citation is canonical, its path derived, and the reports a list."""
    precedent = f.PrecedentFactory()
    url = reverse("admin:law_precedent_change", args=[precedent.pk])
    data = changeform_data(admin_client.get(url))
    data["neutral_citation"] = "(2023) uksc 49"
    data["law_report_citations"] = "[2024] Bus LR 47\n[2024] RPC 3"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    precedent.refresh_from_db()
    assert precedent.neutral_citation == "[2023] UKSC 49"
    assert precedent.citation_path == "uksc/2023/49"
    assert precedent.law_report_citations == ["[2024] Bus LR 47", "[2024] RPC 3"]


def test_precedent_duplicate_citation_is_a_form_error(admin_client):
    """A second judgment with the same citation is refused on the field, not a 500."""
    f.PrecedentFactory(case_name="First v Second", neutral_citation="[2023] UKSC 49")
    other = f.PrecedentFactory()
    url = reverse("admin:law_precedent_change", args=[other.pk])
    data = changeform_data(admin_client.get(url))
    data["neutral_citation"] = "[2023]  UKSC 49"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["neutral_citation"]
    assert "First v Second already has the citation [2023] UKSC 49." in errors


def test_authority_inlines_save_both_directions(admin_client):
    """GIVEN a judgment WHEN the editor adds an earlier judgment it applies and a later
    one that reverses it THEN both Authority rows point the right way."""
    earlier, middle, later = f.PrecedentFactory.create_batch(3)
    url = reverse("admin:law_precedent_change", args=[middle.pk])
    data = changeform_data(admin_client.get(url))
    add_inline_row(
        data,
        "authorities_cited",
        {
            "cited": earlier.pk,
            "treatment": Treatment.APPLIED,
            "reason": "Test data: the earlier test judgment's rule applied.",
            "pinpoint": "12",
            "publication_status": "draft",
        },
    )
    add_inline_row(
        data,
        "citing_authorities",
        {
            "citing": later.pk,
            "treatment": Treatment.REVERSED,
            "reason": "Test data: the later test judgment allowed the appeal.",
            "pinpoint": "[3]-[5]",
            "publication_status": "draft",
        },
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert Authority.objects.get(citing=middle).cited == earlier
    assert Authority.objects.get(cited=middle).citing == later


def test_authority_citing_itself_is_a_form_error(admin_client):
    """A judgment cannot treat itself; the row says so, and nothing is stored."""
    precedent = f.PrecedentFactory()
    url = reverse("admin:law_precedent_change", args=[precedent.pk])
    data = changeform_data(admin_client.get(url))
    add_inline_row(
        data,
        "authorities_cited",
        {
            "cited": precedent.pk,
            "treatment": Treatment.APPLIED,
            "reason": "Test data: a judgment treating itself.",
            "pinpoint": "1",
            "publication_status": "draft",
        },
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0].formset
    assert inline.errors[0]["cited"] == ["A judgment cannot cite itself."]
    assert not Authority.objects.exists()


def test_precedent_changelist_queries_do_not_grow_with_rows(admin_client):
    """The citator-status column is prefetched, not asked per row."""
    url = reverse("admin:law_precedent_changelist")
    f.AuthorityFactory()
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    f.AuthorityFactory.create_batch(10)
    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)
    assert len(many) == len(few)


# ---------------------------------------------------------------- statutes and provisions


def test_statute_provision_inline_fills_in_legislation_address(admin_client):
    """GIVEN a new provision row with no address WHEN saved THEN the address is made
    from the statute, unit and number."""
    statute = f.StatuteFactory(legislation_type="ukpga", year=1988, number=48)
    url = reverse("admin:law_statute_change", args=[statute.pk])
    data = changeform_data(admin_client.get(url))
    add_inline_row(
        data,
        "provisions",
        {
            "label": "s. 16",
            "unit": "section",
            "number": "16",
            "position": "0",
            "publication_status": "draft",
        },
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    provision = Provision.objects.get(statute=statute)
    assert provision.legislation_uri == (
        "https://www.legislation.gov.uk/ukpga/1988/48/section/16"
    )


def test_provision_search_by_statute_title_and_heading(admin_client):
    """Provisions are found by their statute's title or their heading."""
    wanted = f.ProvisionFactory(
        statute=f.StatuteFactory(short_title="Copyright, Designs and Patents Act 1988"),
        heading="The acts restricted by copyright",
    )
    f.ProvisionFactory()
    assert _search(admin_client, "provision", "Designs") == [wanted]
    assert _search(admin_client, "provision", "acts restricted") == [wanted]


def test_provision_filter_by_statute(admin_client):
    """The list filters by statute."""
    wanted = f.ProvisionFactory()
    f.ProvisionFactory()
    response = admin_client.get(
        reverse("admin:law_provision_changelist"),
        {"statute__id__exact": wanted.statute_id},
    )
    assert list(response.context["cl"].result_list) == [wanted]


# ---------------------------------------------------------------- courts


def test_court_code_clash_is_a_form_error(admin_client):
    """Two courts cannot share a National Archives code; the field says which has it."""
    f.CourtFactory(name="Supreme Court", tna_code="UKSC")
    court = f.CourtFactory()
    url = reverse("admin:law_court_change", args=[court.pk])
    data = changeform_data(admin_client.get(url))
    data["tna_code"] = "UKSC"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["tna_code"] == [
        "Supreme Court already has the court code UKSC."
    ]


@pytest.mark.parametrize("model_name", ["court", "provision", "precedent", "statute"])
def test_autocomplete_answers(admin_client, model_name):
    """The autocomplete endpoint that the dispute form uses answers for the law."""
    f.PrecedentFactory()
    f.ProvisionFactory()
    field = {
        "court": ("cases", "dispute", "court"),
        "provision": ("cases", "claim", "provisions"),
        "precedent": ("cases", "disputeprecedent", "precedent"),
        "statute": ("law", "provision", "statute"),
    }[model_name]
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": field[0],
            "model_name": field[1],
            "field_name": field[2],
            "term": "",
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["results"]
