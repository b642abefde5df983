"""The editors' admin for disputes, their parts, evidence and output comparisons."""

from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebase.cases.models import (
    Claim,
    ComparisonOutput,
    Dispute,
    DisputeParty,
    OutputComparison,
    PartyRole,
)
from casebase.core.models import PublicationStatus
from tests import factories as f
from tests.admin_helpers import add_inline_row, changeform_data


def _dispute_with_parts() -> Dispute:
    dispute = f.DisputeFactory()
    f.DisputePartyFactory(dispute=dispute, role=PartyRole.CLAIMANT)
    f.DisputePartyFactory(dispute=dispute, role=PartyRole.DEFENDANT)
    f.DisputeSystemFactory(dispute=dispute)
    f.ClaimFactory(dispute=dispute)
    f.EvidenceFactory(dispute=dispute)
    f.EventFactory(dispute=dispute)
    return dispute


def _change_url(dispute) -> str:
    return reverse("admin:cases_dispute_change", args=[dispute.pk])


# ---------------------------------------------------------------- the dispute form


def test_dispute_change_page_saves_with_new_inline_rows(admin_client):
    """GIVEN a dispute with parties, a claim, evidence and an event WHEN the editor
    adds a party (with two pleaded names), a claim relying on a provision and an event
    THEN all are stored and nothing already there is lost."""
    dispute = _dispute_with_parts()
    party = f.PartyFactory()
    theory = f.LegalTheoryFactory()
    provision = f.ProvisionFactory()
    data = changeform_data(admin_client.get(_change_url(dispute)))
    data["short_title"] = "Renamed v Example"
    add_inline_row(
        data,
        "party_roles",
        {
            "party": party.pk,
            "role": PartyRole.INTERVENER,
            "names_as_pleaded": "Intervener plc\nIntervener (UK) Ltd",
            "position": "0",
        },
    )
    add_inline_row(
        data,
        "claims",
        {
            "theory": theory.pk,
            "nature": "claim",
            "description": "Secondary infringement",
            "result": "asserted",
            "provisions": [provision.pk],
            "position": "1",
            "publication_status": "draft",
        },
    )
    add_inline_row(
        data,
        "events",
        {
            "date": "2024-06-01",
            "date_precision": "month",
            "kind": "hearing",
            "title": "Case management conference",
            "publication_status": "draft",
        },
    )
    response = admin_client.post(_change_url(dispute), data)
    assert response.status_code == 302, response.context["errors"]
    dispute.refresh_from_db()
    assert dispute.short_title == "Renamed v Example"
    assert dispute.party_roles.count() == 3
    assert DisputeParty.objects.get(party=party).names_as_pleaded == [
        "Intervener plc",
        "Intervener (UK) Ltd",
    ]
    claim = Claim.objects.get(description="Secondary infringement")
    assert list(claim.provisions.all()) == [provision]
    assert dispute.claims.count() == 2
    assert dispute.events.count() == 2
    assert dispute.evidence.count() == 1


def test_dispute_decision_before_filing_is_an_error_on_the_field(admin_client):
    """GIVEN a decision dated before the filing WHEN posted with a new claim THEN the
    page comes back with the error on the decision date, and nothing is stored."""
    dispute = _dispute_with_parts()
    before = Dispute.objects.values().get(pk=dispute.pk)
    data = changeform_data(admin_client.get(_change_url(dispute)))
    data.update(
        title="Changed title",
        first_decision_date="2024-01-01",
        first_decision_precision="day",
    )
    add_inline_row(
        data,
        "claims",
        {
            "theory": f.LegalTheoryFactory().pk,
            "nature": "claim",
            "description": "Must not be stored",
            "result": "asserted",
            "position": "1",
            "publication_status": "draft",
        },
    )
    response = admin_client.post(_change_url(dispute), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["first_decision_date"] == [
        "The first decision cannot come before the filing."
    ]
    assert Dispute.objects.values().get(pk=dispute.pk) == before
    assert not Claim.objects.filter(description="Must not be stored").exists()


def test_dispute_date_without_precision_is_an_error_on_the_precision(admin_client):
    """A date needs its precision; the form names the precision field."""
    dispute = f.DisputeFactory()
    data = changeform_data(admin_client.get(_change_url(dispute)))
    data.update(resolved_date="2025-02-01", resolved_precision="")
    response = admin_client.post(_change_url(dispute), data)
    assert response.status_code == 200
    assert "resolved_precision" in response.context["adminform"].form.errors
    dispute.refresh_from_db()
    assert dispute.resolved_date is None


def test_new_dispute_can_be_added_with_inlines(admin_client):
    """The add page, posted with a party and a claim, creates the lot."""
    jurisdiction = f.JurisdictionFactory()
    party, theory = f.PartyFactory(), f.LegalTheoryFactory()
    data = changeform_data(admin_client.get(reverse("admin:cases_dispute_add")))
    data.update(
        title="Newco Ltd v Example Labs Ltd",
        slug="newco-v-example-labs",
        jurisdictions=[jurisdiction.pk],
        stage="alleged",
        outcome="pending",
        publication_status="draft",
    )
    add_inline_row(
        data,
        "party_roles",
        {"party": party.pk, "role": "claimant", "position": "0"},
    )
    add_inline_row(
        data,
        "claims",
        {
            "theory": theory.pk,
            "nature": "claim",
            "description": "Copying in training",
            "result": "asserted",
            "position": "0",
            "publication_status": "draft",
        },
    )
    response = admin_client.post(reverse("admin:cases_dispute_add"), data)
    assert response.status_code == 302, response.context["errors"]
    dispute = Dispute.objects.get(slug="newco-v-example-labs")
    assert list(dispute.parties.all()) == [party]
    assert dispute.party_roles.get().names_as_pleaded == []
    assert dispute.claims.get().theory == theory


def test_evidence_inline_offers_only_the_disputes_own_claims(admin_client):
    """Evidence supports claims in its own dispute; others are not offered."""
    dispute = _dispute_with_parts()
    stray = f.ClaimFactory()
    response = admin_client.get(_change_url(dispute))
    formset = next(
        i.formset
        for i in response.context["inline_admin_formsets"]
        if i.formset.prefix == "evidence"
    )
    offered = set(formset.forms[0].fields["claims"].queryset)
    assert offered == set(dispute.claims.all())
    assert stray not in offered


def test_evidence_admin_refuses_a_claim_from_another_dispute(admin_client):
    """GIVEN evidence moved to another dispute WHEN its old claim stays ticked THEN
    the claims field says the claim belongs elsewhere."""
    evidence = f.EvidenceFactory()
    evidence.claims.add(f.ClaimFactory(dispute=evidence.dispute))
    url = reverse("admin:cases_evidence_change", args=[evidence.pk])
    data = changeform_data(admin_client.get(url))
    data["dispute"] = f.DisputeFactory().pk
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["claims"]
    assert errors[0].startswith("Choose only claims made in this dispute")


# ---------------------------------------------------------------- the dispute list


def test_dispute_changelist_queries_do_not_grow_with_rows(admin_client):
    """GIVEN 1 and then 20 disputes WHEN the list is shown THEN the same queries run."""
    url = reverse("admin:cases_dispute_changelist")
    _dispute_with_parts()
    with CaptureQueriesContext(connection) as one:
        assert admin_client.get(url).status_code == 200
    for _ in range(19):
        _dispute_with_parts()
    with CaptureQueriesContext(connection) as twenty:
        response = admin_client.get(url)
    assert response.context["cl"].result_count == 20
    assert len(twenty) == len(one)


def test_dispute_changelist_filters_by_theory_and_searches_parties(admin_client):
    """Editors find disputes by a claim's theory, and by a party's name."""
    wanted = _dispute_with_parts()
    other = _dispute_with_parts()
    theory = wanted.claims.get().theory
    url = reverse("admin:cases_dispute_changelist")
    response = admin_client.get(url, {"claims__theory__id__exact": theory.pk})
    assert list(response.context["cl"].result_list) == [wanted]
    party_name = other.parties.first().name
    response = admin_client.get(url, {"q": f'"{party_name}"'})
    assert list(response.context["cl"].result_list) == [other]


def test_publishing_a_dispute_publishes_its_draft_parts(admin_client):
    """GIVEN a dispute in review with a draft claim WHEN a reviewer publishes it THEN
    the claim, reviewed with it, is published too."""
    dispute = f.DisputeFactory(publication_status=PublicationStatus.IN_REVIEW)
    f.DisputePartyFactory(dispute=dispute)
    dispute.sources.add(f.SourceFactory())
    claim = f.ClaimFactory(dispute=dispute, publication_status=PublicationStatus.DRAFT)
    response = admin_client.post(
        reverse("admin:cases_dispute_changelist"),
        {"action": "publish_selected", "_selected_action": [dispute.pk]},
        follow=True,
    )
    dispute.refresh_from_db()
    claim.refresh_from_db()
    assert dispute.publication_status == PublicationStatus.PUBLISHED
    assert claim.publication_status == PublicationStatus.PUBLISHED
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["1 dispute published."]


def _comparison_post(client, evidence, systems: list, url=None) -> object:
    url = url or reverse("admin:cases_outputcomparison_add")
    data = changeform_data(client.get(url, {"evidence": evidence.pk}))
    data.update(
        evidence=evidence.pk,
        prompt="Who wrote this sentence?",
        prompt_kind="canary",
        publication_status="draft",
    )
    for index, system in enumerate(systems):
        data[f"outputs-{index}-system"] = system.pk
        data[f"outputs-{index}-output"] = f"Output {index}"
        data[f"outputs-{index}-settings"] = "{}"
    data["outputs-TOTAL_FORMS"] = str(max(len(systems), 2))
    return client.post(url, data)


def test_comparison_with_one_output_is_refused(admin_client):
    """GIVEN a comparison with one output WHEN saved THEN a clear error, nothing stored."""
    evidence = f.EvidenceFactory()
    response = _comparison_post(admin_client, evidence, [f.AISystemFactory()])
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == [
        "A comparison needs outputs from at least two different AI systems; "
        "this one has 1."
    ]
    assert not OutputComparison.objects.exists()


def test_comparison_with_the_same_system_twice_is_refused(admin_client):
    """Two outputs of one system are not a comparison."""
    evidence = f.EvidenceFactory()
    system = f.AISystemFactory(name="Echo", version="1")
    response = _comparison_post(admin_client, evidence, [system, system])
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == [
        "Echo 1 appears twice: give one output per AI system."
    ]
    assert not ComparisonOutput.objects.exists()


def test_comparison_with_two_systems_is_saved(admin_client):
    """GIVEN outputs of two different systems THEN the comparison and both outputs."""
    evidence = f.EvidenceFactory()
    systems = f.AISystemFactory.create_batch(2)
    response = _comparison_post(admin_client, evidence, systems)
    assert response.status_code == 302
    comparison = OutputComparison.objects.get()
    assert comparison.evidence == evidence
    assert {o.system for o in comparison.outputs.all()} == set(systems)


def test_deleting_an_output_below_two_is_refused(admin_client):
    """An editor cannot delete a comparison down to one output."""
    evidence = f.EvidenceFactory()
    _comparison_post(admin_client, evidence, f.AISystemFactory.create_batch(2))
    comparison = OutputComparison.objects.get()
    url = reverse("admin:cases_outputcomparison_change", args=[comparison.pk])
    data = changeform_data(admin_client.get(url))
    data["outputs-0-DELETE"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert comparison.outputs.count() == 2


def test_evidence_page_links_to_a_new_comparison_for_it(admin_client):
    """Comparisons are added on their own page, reached from the evidence."""
    evidence = f.EvidenceFactory()
    response = admin_client.get(
        reverse("admin:cases_evidence_change", args=[evidence.pk])
    )
    link = f"{reverse('admin:cases_outputcomparison_add')}?evidence={evidence.pk}"
    assert link.encode() in response.content
    add_page = admin_client.get(link)
    assert add_page.context["adminform"].form["evidence"].value() == str(evidence.pk)
