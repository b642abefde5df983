"""The workflow steps, the audit log, the publication checks, and withdrawal."""

import pytest
from django.urls import reverse

from casebase.core.models import PublicationStatus as S
from casebase.editorial import services
from casebase.editorial.checks import citation_parses, publication_problems
from casebase.editorial.models import AuditEntry, WorkflowAction
from tests import factories as f
from tests.editorial.users import publishable_dispute, user_with_role

pytestmark = pytest.mark.django_db


def _codes(obj) -> set[str]:
    return {p.code for p in publication_problems(obj)}


def test_draft_goes_through_review_to_publication_and_withdrawal():
    """submit, publish, withdraw and return to draft move the status as drawn."""
    editor, reviewer = user_with_role("editor"), user_with_role("reviewer")
    dispute = publishable_dispute(publication_status=S.DRAFT)
    services.submit(obj=dispute, user=editor)
    assert dispute.publication_status == S.IN_REVIEW
    services.publish(obj=dispute, user=reviewer)
    assert dispute.publication_status == S.PUBLISHED
    services.withdraw(obj=dispute, user=reviewer)
    assert dispute.publication_status == S.WITHDRAWN
    services.return_to_draft(obj=dispute, user=editor)
    dispute.refresh_from_db()
    assert dispute.publication_status == S.DRAFT


def test_each_step_is_logged_with_who_when_from_to_and_comment():
    """The audit log keeps the user, the statuses and the comment of a step."""
    editor = user_with_role("editor")
    dispute = publishable_dispute(publication_status=S.DRAFT)
    services.submit(obj=dispute, user=editor, comment="Ready: sources checked.")
    entry = AuditEntry.objects.get(object_id=dispute.pk)
    assert entry.user == editor
    assert entry.action == WorkflowAction.SUBMIT
    assert (entry.from_status, entry.to_status) == (S.DRAFT, S.IN_REVIEW)
    assert entry.comment == "Ready: sources checked."
    assert entry.at is not None


def test_a_step_from_the_wrong_status_is_refused():
    """A draft cannot be published: it must be reviewed first."""
    dispute = publishable_dispute(publication_status=S.DRAFT)
    with pytest.raises(services.TransitionError, match="draft"):
        services.publish(obj=dispute, user=user_with_role("reviewer"))
    assert not AuditEntry.objects.exists()


def test_a_step_on_a_stale_copy_is_refused():
    """A reviewer acting on a status someone else has changed is told so."""
    reviewer = user_with_role("reviewer")
    dispute = publishable_dispute()
    stale_copy = type(dispute).objects.get(pk=dispute.pk)
    services.return_to_draft(obj=dispute, user=reviewer)
    with pytest.raises(services.TransitionError):
        services.publish(obj=stale_copy, user=reviewer)
    dispute.refresh_from_db()
    assert dispute.publication_status == S.DRAFT


def test_publishable_dispute_has_no_problems():
    """The test's baseline: a dispute with a source, a party and a claim passes."""
    assert publication_problems(publishable_dispute()) == []


def test_dispute_without_a_source_is_blocked():
    """No source: publication is blocked and the reason named."""
    dispute = publishable_dispute()
    dispute.sources.clear()
    assert _codes(dispute) == {"no_source"}


def test_dispute_whose_sources_are_all_drafts_is_blocked():
    """Readers would see no source: publication is blocked until one is published;
    one published source among drafts is enough."""
    dispute = publishable_dispute()
    draft = f.SourceFactory(publication_status=S.DRAFT)
    dispute.sources.set([draft])
    assert _codes(dispute) == {"no_published_source"}
    dispute.sources.add(f.SourceFactory())
    assert _codes(dispute) == set()


def test_precedent_whose_sources_are_all_drafts_is_blocked():
    precedent = f.PrecedentFactory()
    precedent.sources.set([f.SourceFactory(publication_status=S.DRAFT)])
    codes = {p.code for p in publication_problems(precedent)}
    assert "no_published_source" in codes and "no_source" not in codes


def test_dispute_without_a_party_is_blocked():
    """No party: publication is blocked."""
    dispute = publishable_dispute()
    dispute.party_roles.all().delete()
    assert _codes(dispute) == {"no_party"}


def test_dispute_without_a_claim_is_blocked():
    """No claim (so no legal theory asserted): publication is blocked."""
    dispute = publishable_dispute()
    dispute.claims.all().delete()
    assert _codes(dispute) == {"no_claim"}


def test_dispute_relying_on_an_unparseable_citation_is_blocked():
    """A linked judgment whose neutral citation does not parse blocks publication."""
    dispute = publishable_dispute()
    precedent = f.PrecedentFactory(neutral_citation="[2023] UKXX 49")
    f.DisputePrecedentFactory(dispute=dispute, precedent=precedent)
    problems = publication_problems(dispute)
    assert [p.code for p in problems] == ["bad_citation"]
    assert "[2023] UKXX 49" in problems[0].message


def test_eu_case_numbers_and_uk_citations_parse():
    """EU case numbers with their ECLI, and canonical UK citations, are accepted."""
    assert citation_parses("Case C-406/10, ECLI:EU:C:2012:259")
    assert citation_parses("[2023] UKSC 49")
    assert not citation_parses("[2023] UKXX 49")


def test_same_court_and_case_number_is_a_likely_duplicate():
    """Another dispute in the same court under the same number blocks publication."""
    first = publishable_dispute(case_number="IL-2023-000007")
    second = publishable_dispute(court=first.court, case_number="il-2023-000007 ")
    assert _codes(second) == {"duplicate"}


def test_a_case_number_without_digits_is_not_compared():
    """ "not found" is a note, not a number: two such disputes are not duplicates."""
    first = publishable_dispute(case_number="not found")
    second = publishable_dispute(court=first.court, case_number="not found")
    assert _codes(second) == set()


def test_same_parties_and_title_is_a_likely_duplicate():
    """The same parties under the same title, in any court, block publication."""
    first = publishable_dispute(title="Alpha Ltd v Beta Ltd")
    second = publishable_dispute(title="alpha ltd v beta ltd")
    second.party_roles.all().delete()
    for role in first.party_roles.all():
        f.DisputePartyFactory(dispute=second, party=role.party, role=role.role)
    assert _codes(second) == {"duplicate"}


def test_blocked_publication_lists_the_reasons_on_the_step_page(client):
    """The reviewer's publish POST is refused (400) with each reason shown."""
    dispute = publishable_dispute()
    dispute.sources.clear()
    dispute.party_roles.all().delete()
    client.force_login(user_with_role("reviewer"))
    response = client.post(
        reverse("editorial:step", args=["dispute", dispute.pk, "publish"]),
        {"expected_version": dispute.version},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "It has no source" in text and "It has no party" in text
    dispute.refresh_from_db()
    assert dispute.publication_status == S.IN_REVIEW


def test_step_page_publishes_and_returns_to_the_record(client):
    """A reviewer's publish POST publishes and redirects to the record's page."""
    dispute = publishable_dispute()
    client.force_login(user_with_role("reviewer"))
    response = client.post(
        reverse("editorial:step", args=["dispute", dispute.pk, "publish"]),
        {"expected_version": dispute.version, "comment": "Checked."},
    )
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.publication_status == S.PUBLISHED


def test_withdrawal_removes_the_dispute_from_the_public_pages(client):
    """GIVEN a published dispute WHEN withdrawn THEN its page is gone and no list,
    party page or theory page shows it."""
    reviewer = user_with_role("reviewer")
    dispute = publishable_dispute()
    services.publish(obj=dispute, user=reviewer)
    party = dispute.party_roles.first().party
    theory = dispute.claims.first().theory
    pages = [
        reverse("cases:dispute-list"),
        party.get_absolute_url(),
        theory.get_absolute_url(),
        reverse("home"),
    ]
    assert client.get(dispute.get_absolute_url()).status_code == 200
    name = str(dispute)
    assert all(name in client.get(url).content.decode() for url in pages[:2])
    services.withdraw(obj=dispute, user=reviewer, comment="Wrong parties.")
    assert client.get(dispute.get_absolute_url()).status_code == 404
    for url in pages:
        assert name not in client.get(url).content.decode(), url


def test_desk_lists_my_drafts_and_what_waits_for_review(client):
    """The desk shows the editor's own drafts and everything in review."""
    editor = user_with_role("editor")
    mine = f.DisputeFactory(publication_status=S.DRAFT, title="Mine v Draft")
    services.save_record(obj=mine, user=editor, expected_version=mine.version)
    f.DisputeFactory(publication_status=S.DRAFT, title="Someone Else v Draft")
    waiting = publishable_dispute(title="Waiting v Review")
    client.force_login(editor)
    response = client.get(reverse("editorial:desk"))
    drafts = [row.obj for row in response.context["my_drafts"]]
    queue = [row.obj for row in response.context["waiting"]]
    assert drafts == [mine]
    assert queue == [waiting]


def test_publishing_a_provision_of_a_draft_statute_warns(client):
    """GIVEN a provision in review whose Act is still a draft
    WHEN a reviewer opens its publish step
    THEN the page says the provision will not be shown until the Act is published."""
    statute = f.StatuteFactory(
        short_title="Pending Draft Act", publication_status=S.DRAFT
    )
    provision = f.ProvisionFactory(statute=statute, publication_status=S.IN_REVIEW)
    client.force_login(user_with_role("reviewer"))
    page = client.get(
        reverse("editorial:step", args=["provision", provision.pk, "publish"])
    )
    assert page.status_code == 200
    assert "Pending Draft Act, is not published" in page.content.decode()
    statute.publication_status = S.PUBLISHED
    statute.save()
    page = client.get(
        reverse("editorial:step", args=["provision", provision.pk, "publish"])
    )
    assert "is not published" not in page.content.decode()
