"""The rebuild's bulk builder gives the same documents as the single-record builder
that index upkeep uses, for every record type, and leaves out what the public may not
see (drafts, sealed evidence, evidence of unpublished disputes, hidden related rows)."""

import datetime as dt

import pytest

from casebase.cases import models as cases
from casebase.core.dates import DatePrecision
from casebase.core.models import PublicationStatus
from casebase.law import models as law
from casebase.search.bulk_documents import UrlTemplate, iter_bulk_documents
from casebase.search.documents import (
    build_documents,
    count_public,
    dispute_document,
    make_key,
)
from casebase.search.query import DocType
from tests import factories as f

DRAFT = PublicationStatus.DRAFT


def _mixed_records() -> dict:
    """Every record type, with the awkward cases: hidden courts, parties, systems,
    claims and events; sealed and redacted evidence; precedents with and without a
    citation-shaped URL; two precedents cited on the same date; sections and
    regulations; a dispute dated by its first event."""
    uk = f.JurisdictionFactory(slug="test-uk", name="Test United Kingdom", is_uk=True)
    other = f.JurisdictionFactory(slug="test-aa", name="Aardvark Land")
    first = f.LegalTheoryFactory(slug="test-first", name="First theory", position=1)
    second = f.LegalTheoryFactory(slug="test-second", name="Second theory", position=2)
    court = f.CourtFactory(jurisdiction=uk, tna_code="EWHC-Ch")
    hidden_court = f.CourtFactory(jurisdiction=other, publication_status=DRAFT)

    by_citation = f.PrecedentFactory(court=court, decision_date=dt.date(2020, 1, 2))
    by_citation.legal_theories.set([second, first])
    by_slug = f.PrecedentFactory(
        neutral_citation=None,
        law_report_citations=["[1969] RPC 41", "[1968] FSR 415"],
        court=court,
        decision_date=dt.date(2020, 1, 2),
    )
    f.PrecedentFactory(court=hidden_court, neutral_citation="[2019] EWHC 1 (Ch)")
    hidden_precedent = f.PrecedentFactory(publication_status=DRAFT)

    section = f.ProvisionFactory(heading="Copying", relevance="Why it matters.")
    section.legal_theories.set([first, second])
    f.ProvisionFactory(
        statute=f.StatuteFactory(legislation_type="uksi", year=2003, number=2498),
        unit="regulation",
        number="17A",
        label="reg. 17A",
    )
    f.ProvisionFactory(publication_status=DRAFT)

    developer = f.PartyFactory(name="Developer Co")
    hidden_party = f.PartyFactory(name="Hidden Party", publication_status=DRAFT)
    system = f.AISystemFactory(developer=developer, version="2.1")
    f.AISystemFactory(developer=hidden_party)
    f.AISystemFactory(developer=None)
    hidden_system = f.AISystemFactory(publication_status=DRAFT)

    full = f.DisputeFactory(court=court, jurisdictions=[other, uk], notes="A note.")
    f.DisputePartyFactory(
        dispute=full, party=developer, names_as_pleaded=["Developer Company"]
    )
    f.DisputePartyFactory(
        dispute=full, party=f.PartyFactory(), role=cases.PartyRole.DEFENDANT
    )
    f.DisputePartyFactory(dispute=full, party=hidden_party)
    f.DisputeSystemFactory(dispute=full, system=system)
    f.DisputeSystemFactory(dispute=full, system=hidden_system)
    claim = f.ClaimFactory(dispute=full, theory=second, result_note="Pending.")
    f.ClaimFactory(dispute=full, theory=first)
    draft_claim = f.ClaimFactory(dispute=full, theory=first, publication_status=DRAFT)
    f.EventFactory(dispute=full, title="Claim filed")
    f.EventFactory(dispute=full, title="Draft event", publication_status=DRAFT)
    f.DisputePrecedentFactory(dispute=full, precedent=by_slug)
    f.DisputePrecedentFactory(dispute=full, precedent=by_citation)
    f.DisputePrecedentFactory(dispute=full, precedent=hidden_precedent)

    undated = f.DisputeFactory(court=hidden_court, filed_date=None, short_title="")
    f.EventFactory(
        dispute=undated, date=dt.date(2022, 5, 1), date_precision=DatePrecision.MONTH
    )
    f.EventFactory(dispute=undated, date=dt.date(2021, 7, 1))
    draft_dispute = f.DisputeFactory(publication_status=DRAFT)

    public = f.EvidenceFactory(dispute=full, assessment_note="Persuasive.")
    public.claims.set([claim, draft_claim])
    redacted = f.EvidenceFactory(
        dispute=full,
        description="confidentialword",
        public_description="An outline.",
        assessment_note="secretnote",
        confidentiality=cases.Confidentiality.REDACTED,
    )
    sealed = f.EvidenceFactory(
        dispute=full, confidentiality=cases.Confidentiality.SEALED
    )
    of_draft = f.EvidenceFactory(dispute=draft_dispute)
    f.EvidenceFactory(dispute=undated, title="")
    return {
        "hidden": [
            make_key(DocType.DISPUTE, draft_dispute.pk),
            make_key(DocType.EVIDENCE, sealed.pk),
            make_key(DocType.EVIDENCE, of_draft.pk),
            make_key(DocType.PRECEDENT, hidden_precedent.pk),
            make_key(DocType.PARTY, hidden_party.pk),
            make_key(DocType.SYSTEM, hidden_system.pk),
        ],
        "redacted": make_key(DocType.EVIDENCE, redacted.pk),
        "full": make_key(DocType.DISPUTE, full.pk),
    }


def _bulk(batch_size: int) -> list:
    return [doc for batch in iter_bulk_documents(batch_size) for doc in batch]


@pytest.mark.parametrize("batch_size", [1, 2, 500])
def test_bulk_and_single_record_builders_agree(db, batch_size):
    records = _mixed_records()
    bulk = _bulk(batch_size)
    assert all(len(batch) <= batch_size for batch in iter_bulk_documents(batch_size))
    keys = [doc.key for doc in bulk]
    assert len(keys) == len(set(keys)) == count_public()
    assert {doc.doc_type for doc in bulk} == set(DocType.values)

    single, gone = build_documents(keys)
    assert gone == []
    by_key = {doc.key: doc for doc in single}
    for doc in bulk:
        assert doc == by_key[doc.key], doc.key
        assert doc.digest == by_key[doc.key].digest

    assert not set(records["hidden"]) & set(keys)
    # The single-record path leaves them out as well (the indexer deletes them).
    documents, gone = build_documents(records["hidden"])
    assert documents == []
    assert sorted(gone) == sorted(records["hidden"])


def test_bulk_documents_show_only_public_text(db):
    records = _mixed_records()
    docs = {doc.key: doc for doc in _bulk(500)}
    redacted = docs[records["redacted"]]
    assert "An outline." in redacted.body
    assert "confidentialword" not in redacted.body
    assert "secretnote" not in redacted.body
    full = docs[records["full"]]
    assert "Hidden Party" not in full.parties
    assert "Draft event" not in full.body
    assert "Developer Company" in full.parties
    # Precedents cited on the same day keep one order on both paths.
    assert full.body.index("[1969] RPC 41") < full.body.index("[2001] EWHC")
    # Jurisdictions in their default order (the UK first), each followed by the
    # words of its slug it lacks; theories as claimed.
    assert full.jurisdiction == "Test United Kingdom uk Aardvark Land test aa"
    assert full.theory == "Second theory First theory"


def test_bulk_urls_are_those_of_the_pages(db):
    _mixed_records()
    for doc in _bulk(500):
        doc_type, pk = doc.doc_type, doc.object_id
        model = {
            DocType.DISPUTE: cases.Dispute,
            DocType.PRECEDENT: law.Precedent,
            DocType.PROVISION: law.Provision,
            DocType.PARTY: cases.Party,
            DocType.SYSTEM: cases.AISystem,
        }.get(doc_type)
        if model is None:
            evidence = cases.Evidence.objects.get(pk=pk)
            assert doc.url == evidence.dispute.get_absolute_url() + "#evidence"
        else:
            assert doc.url == model.objects.get(pk=pk).get_absolute_url()


def test_url_template_falls_back_to_reverse_for_odd_values():
    template = UrlTemplate("cases:party-detail", [(r"[-a-zA-Z0-9_]+", "zqsentinelqz")])
    assert template("acme-ltd") == "/parties/acme-ltd"
    # Not a slug: reverse() decides (here: no such URL), never a made-up address.
    with pytest.raises(Exception, match="Reverse"):
        template("acme ltd/../x")


def test_a_case_number_recorded_as_not_found_is_no_citation(db):
    """The reference research writes "not found" where it found no case number: a
    result shows no citation for it (both paths), while a real one is kept."""
    missing = f.DisputeFactory(case_number="not found")
    known = f.DisputeFactory(case_number="IL-2023-000007")
    bulk = {doc.key: doc for doc in _bulk(500)}
    for dispute, citations in ((missing, ()), (known, ("IL-2023-000007",))):
        assert dispute_document(dispute).citations == citations
        assert bulk[make_key("dispute", dispute.pk)].citations == citations
