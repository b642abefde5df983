"""The reference loader: every fact carried over exactly, idempotent, all or nothing."""

import copy
import json

import pytest
from django.core.management import call_command

from casebase.cases.models import (
    Claim,
    Dispute,
    DisputeSystem,
    Evidence,
    Party,
    Stage,
)
from casebase.core.dates import DatePrecision
from casebase.importers.reference import (
    DATA_DIR,
    ReferenceData,
    ReferenceDataError,
    load_reference,
)
from casebase.law.models import Authority, Precedent, Provision, Treatment

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    return ReferenceData.read()


@pytest.fixture
def loaded(reference_db, db):
    return reference_db


def test_counts_equal_the_reference_file(loaded):
    """GIVEN the reference file WHEN loaded THEN 41 provisions, 19 precedents, 66 disputes."""
    facts = loaded.facts
    assert Provision.objects.count() == len(facts["statutes"]) == 41
    assert Precedent.objects.count() == len(facts["precedents"]) == 19
    assert Dispute.objects.count() == len(facts["disputes"]) == 66
    assert Claim.objects.count() == sum(
        len(d["legal_theories"]) for d in facts["disputes"]
    )


def test_reference_copy_is_unchanged():
    """The shipped legal_facts.json is byte-for-byte the checked reference, when present."""
    reference = DATA_DIR.parents[2].parent / "shared" / "reference" / "legal_facts.json"
    if not reference.exists():
        pytest.skip("../shared/reference is not beside this checkout")
    assert (DATA_DIR / "legal_facts.json").read_bytes() == reference.read_bytes()


def test_every_dispute_fact_is_carried_over_exactly(loaded):
    """Captions, case numbers, courts, jurisdictions, status texts and flags match."""
    for entry in loaded.curation["disputes"]:
        item = loaded.facts["disputes"][entry["index"]]
        dispute = Dispute.objects.get(slug=entry["slug"])
        assert dispute.title == item["caption"]
        assert dispute.case_number == (item["case_number"] or "")
        assert dispute.court_detail == (item["court"] or "")
        assert dispute.jurisdiction_detail == item["jurisdiction"]
        assert dispute.status_text == item["status"]
        assert dispute.verified is item["verified"]
        assert dispute.unverified_elements == (item.get("unverified_elements") or [])
        assert sorted(s.reference for s in dispute.sources.all()) == sorted(
            item["source"]
        )
        pleaded = {n for dp in dispute.party_roles.all() for n in dp.names_as_pleaded}
        assert pleaded == set(item["claimants"]) | set(item["defendants"])
        assert [c.description for c in dispute.claims.order_by("position")] == item[
            "legal_theories"
        ]
        if item["court"] is None:
            assert dispute.court is None


def test_every_precedent_fact_is_carried_over_exactly(loaded):
    """Citations, law reports, dates, holdings and later history match the reference."""
    for item in loaded.facts["precedents"]:
        precedent = Precedent.objects.get(
            case_name=item["case_name"], neutral_citation=item["neutral_citation"]
        )
        assert precedent.law_report_citations == item["law_report_citations"]
        assert precedent.decision_date.isoformat() == item["decision_date"][:10]
        assert precedent.holding == item["holding"]
        assert precedent.later_history == item["later_history"]
        assert precedent.court_detail == item["court"]
        assert precedent.verified is item["verified"]


def test_every_provision_fact_is_carried_over_exactly(loaded):
    """Labels, headings, summaries and legislation.gov.uk URIs match the reference."""
    for item in loaded.facts["statutes"]:
        provision = Provision.objects.get(
            statute__short_title=item["short_title"], label=item["provision"]
        )
        assert provision.heading == item["heading"]
        assert provision.summary == item["summary"]
        assert provision.legislation_uri == item["legislation_gov_uk_uri"]
        assert provision.statute.chapter_or_si == item["chapter_or_si"]
        assert provision.verified is item["verified"]


def test_second_run_changes_nothing(loaded):
    """GIVEN loaded data WHEN loaded again THEN nothing is created or updated."""
    before = dict(Dispute.objects.values_list("slug", "updated_at"))
    report = load_reference(loaded)
    assert not report.changed, report.lines()
    assert dict(Dispute.objects.values_list("slug", "updated_at")) == before


def test_changed_fact_is_updated(loaded):
    """GIVEN a holding changed in the file WHEN reloaded THEN only that fact changes."""
    facts = copy.deepcopy(loaded.facts)
    facts["precedents"][0]["holding"] = "A corrected holding."
    report = load_reference(ReferenceData(facts, loaded.curation, loaded.vocabulary))
    assert report.updated["precedents"] == 1
    assert sum(report.created.values()) == 0
    first = facts["precedents"][0]
    assert Precedent.objects.get(
        neutral_citation=first["neutral_citation"]
    ).holding == ("A corrected holding.")
    assert Precedent.objects.count() == 19


def test_bad_data_leaves_loaded_facts_alone(loaded):
    """GIVEN loaded data WHEN a broken file is loaded THEN the stored facts stay as they were."""
    facts = copy.deepcopy(loaded.facts)
    facts["precedents"][0]["holding"] = "Changed, but the file is broken."
    curation = copy.deepcopy(loaded.curation)
    curation["disputes"][-1]["claims"][0]["theory"] = "no-such-theory"
    with pytest.raises(ReferenceDataError):
        load_reference(ReferenceData(facts, curation, loaded.vocabulary))
    first = loaded.facts["precedents"][0]
    stored = Precedent.objects.get(neutral_citation=first["neutral_citation"])
    assert stored.holding == first["holding"]


def test_partial_dates_keep_their_precision(loaded):
    """`2023-02 (early February 2023)` is February 2023, not a made-up day."""
    entry = next(
        e
        for e in loaded.curation["disputes"]
        if loaded.facts["disputes"][e["index"]]["filed_date"]
        == "2023-02 (early February 2023)"
    )
    dispute = Dispute.objects.get(slug=entry["slug"])
    assert dispute.filed_date_precision == DatePrecision.MONTH
    assert dispute.filed_display == "February 2023"
    assert dispute.filed_date_note == "early February 2023"


def test_seed_dispute_is_an_allegation_with_both_systems(loaded):
    """The article's dispute: alleged, unverified, no court, two systems, alleged evidence."""
    item = loaded.facts["disputes"][0]
    dispute = Dispute.objects.get(title=item["caption"])
    assert dispute.stage == Stage.ALLEGED
    assert dispute.court is None
    assert dispute.verified is False
    assert dispute.needs_unverified_marker
    systems = {
        ds.system.name: ds.role for ds in DisputeSystem.objects.filter(dispute=dispute)
    }
    assert set(systems) == {"Claude", "Qwen3"}
    evidence = Evidence.objects.filter(dispute=dispute)
    assert evidence.count() == 3
    assert all(e.is_allegation for e in evidence)
    assert {e.description for e in evidence} == {
        e["description"] for e in item["evidence_alleged"]
    }
    assert [s.reference for s in dispute.sources.all()] == item["source"]


def test_emotional_perception_history_is_a_chain(loaded):
    """High Court -> reversed by the Court of Appeal -> reversed by the Supreme Court."""
    high = Precedent.objects.get(neutral_citation="[2023] EWHC 2948 (Ch)")
    appeal = Precedent.objects.get(neutral_citation="[2024] EWCA Civ 825")
    supreme = Precedent.objects.get(neutral_citation="[2026] UKSC 3")
    assert Authority.objects.filter(
        citing=appeal, cited=high, treatment=Treatment.REVERSED
    ).exists()
    assert Authority.objects.filter(
        citing=supreme, cited=appeal, treatment=Treatment.REVERSED
    ).exists()
    # Reversed, but the reversal was itself reversed: restored on further appeal.
    assert high.status == "caution"
    assert appeal.status == "negative"
    assert supreme.status == "good_law"


def test_unverified_provision_is_marked(loaded):
    """CDPA s. 50C is unverified in the reference and stays so."""
    provision = Provision.objects.get(label="s. 50C")
    assert provision.verified is False
    assert "heading" in provision.unverified_elements


def test_patents_act_section_one_holds_two_provisions(loaded):
    """s. 1(1) and s. 1(2)(c) share the legislation.gov.uk section path."""
    provisions = Provision.objects.filter(
        statute__legislation_type="ukpga",
        statute__year=1977,
        unit="section",
        number="1",
    )
    assert sorted(p.label for p in provisions) == ["s. 1(1)", "s. 1(2)(c)"]


def test_parties_are_shared_across_disputes(loaded):
    """The same entity is one Party wherever it appears (parallel disputes need this)."""
    for party in Party.objects.all():
        assert party.dispute_roles.exists()


def test_command_reports_up_to_date_on_second_run(loaded, capsys):
    """`manage.py load_reference` says when nothing changed."""
    call_command("load_reference")
    assert "already up to date" in capsys.readouterr().out


def test_curation_file_is_valid_json_with_every_dispute():
    """The curation covers each reference dispute once, in order."""
    curation = json.loads((DATA_DIR / "curation.json").read_text(encoding="utf-8"))
    facts = json.loads((DATA_DIR / "legal_facts.json").read_text(encoding="utf-8"))
    assert [e["index"] for e in curation["disputes"]] == list(
        range(len(facts["disputes"]))
    )
    assert len({e["slug"] for e in curation["disputes"]}) == len(facts["disputes"])


def test_judgments_are_linked_to_the_provisions_they_apply(loaded):
    """Getty v Stability is linked to CDPA ss. 22, 23, 27 and TMA s. 10, as its record says."""
    getty = Precedent.objects.get(neutral_citation="[2025] EWHC 2863 (Ch)")
    assert sorted(p.label for p in getty.provisions.all()) == [
        "s. 10(1)-(3)",
        "s. 22",
        "s. 23",
        "s. 27 (esp. s.27(2)-(3))",
    ]
    exclusion = Provision.objects.get(label="s. 1(2)(c)")
    assert exclusion.precedents.count() == 4  # Emotional Perception x3 and Aerotel
