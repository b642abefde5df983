"""Importing Find Case Law LegalDocML judgments and press summaries: facts from the
file, numbered paragraphs with anchors, references from markup or text, safe and
all-or-nothing parsing, updates instead of duplicates, and the draft status."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from casebase.core.models import PublicationStatus
from casebase.importers.judgments.akn import parse_judgment
from casebase.importers.judgments.safexml import XMLImportError
from casebase.importers.judgments.store import import_judgment
from casebase.law.models import (
    ImportedDocument,
    JudgmentParagraph,
    JudgmentReference,
    Precedent,
)
from tests import factories as f

FIXTURES = Path(__file__).parent / "fixtures"
ENRICHED = FIXTURES / "ewca-civ-2025-673.enriched.akn.xml"
ORIGINAL = FIXTURES / "ewca-civ-2025-673.original.akn.xml"
PRESS = FIXTURES / "uksc-2022-14-press-summary.akn.xml"


def test_facts_come_from_the_file():
    """The citation, court code, date, case name, judges and parties are the file's."""
    parsed = parse_judgment(ENRICHED.read_bytes())
    assert parsed.neutral_citation == "[2025] EWCA Civ 673"
    assert parsed.court_code == "EWCA-Civil"
    assert parsed.decision_date.isoformat() == "2025-05-23"
    assert parsed.case_name.startswith("Tortoise Media Limited")
    assert parsed.docket == "CA-2023-002540"
    assert parsed.judges == (
        "SIR GEOFFREY VOS, MASTER OF THE ROLLS",
        "LORD JUSTICE DINGEMANS",
    )
    assert {"name": "CONSERVATIVE AND UNIONIST PARTY", "role": "Defendant"} in (
        parsed.parties
    )
    assert (
        parsed.source_uri == "https://caselaw.nationalarchives.gov.uk/ewca/civ/2025/673"
    )


def test_numbered_paragraphs_with_anchors():
    """Each numbered paragraph keeps its number and gets the `para-N` anchor."""
    paragraphs = parse_judgment(ENRICHED.read_bytes()).paragraphs
    assert [p.number for p in paragraphs[:3]] == ["1", "2", "3"]
    assert paragraphs[11].anchor == "para-12"
    assert paragraphs[0].heading == "Introduction"
    assert paragraphs[0].text.startswith("The main issue in this case is whether")


def test_enriched_file_references_come_from_markup():
    """In TNA's enriched file the references are its <ref> elements, with their
    canonical forms and links."""
    parsed = parse_judgment(ENRICHED.read_bytes())
    assert parsed.enriched
    refs = [r for p in parsed.paragraphs for r in p.refs]
    assert all(r.from_markup for r in refs)
    assert ("case", "[2017] UKSC 5") in {(r.kind, r.canonical) for r in refs}
    first = {r.uri for r in parsed.paragraphs[0].refs}
    assert "https://www.legislation.gov.uk/ukpga/1998/42/section/6" in first


def test_plain_file_references_are_found_in_the_text():
    """In the unenriched file the same citations are found in the words."""
    parsed = parse_judgment(ORIGINAL.read_bytes())
    assert not parsed.enriched
    refs = [r for p in parsed.paragraphs for r in p.refs]
    assert not any(r.from_markup for r in refs)
    canonical = {r.canonical for r in refs}
    assert {"[2017] UKSC 5", "[2003] UKHL 37"} <= canonical
    assert "Human Rights Act 1998, section 6" in canonical


def test_press_summary_summarises_its_judgment():
    """A press summary becomes (part of) the judgment it summarises, dated by its
    release, with the justices and parties of its title."""
    parsed = parse_judgment(PRESS.read_bytes())
    assert parsed.kind == "press_summary"
    assert parsed.neutral_citation == "[2022] UKSC 14"
    assert "Lady Rose" in parsed.judges
    assert parsed.paragraphs[0].anchor == "summary-1"
    assert parsed.paragraphs[0].heading == "Background to the Appeal"
    assert parsed.cover_refs[0].canonical == "[2020] EWCA Civ 617"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"<akomaNtoso>\n<judgment>\x0c</judgment></akomaNtoso>", (2, 11)),
        (b"<a>\n  <b></a>", (2, 10)),
    ],
)
def test_malformed_xml_reported_with_line_and_column(data, where):
    """A stray control character or a broken tag is reported where it is."""
    with pytest.raises(XMLImportError) as caught:
        parse_judgment(data)
    assert (caught.value.line, caught.value.column) == where
    assert f"line {where[0]}, column {where[1]}" in str(caught.value)


def test_entities_and_doctype_are_refused():
    """A DOCTYPE (how entity bombs and external entities arrive) is refused."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<a>&x;</a>"
    )
    with pytest.raises(XMLImportError, match="DOCTYPE"):
        parse_judgment(bomb)


def test_not_legaldocml_is_refused():
    """A well-formed file of another kind is refused, not half-imported."""
    with pytest.raises(XMLImportError, match="LegalDocML"):
        parse_judgment(b"<html><body/></html>")


# ------------------------------------------------------------------- storing


@pytest.fixture
def court(db):
    """Test data: the court the sample names, by TNA's code."""
    return f.CourtFactory(tna_code="EWCA-Civil")


def test_new_judgment_arrives_as_a_draft(court):
    """A judgment casebase does not hold becomes a draft precedent in that court,
    its holding left for an editor (marked unverified)."""
    result = import_judgment(ENRICHED.read_bytes())
    precedent = result.precedent
    assert result.outcome == "created"
    assert precedent.publication_status == PublicationStatus.DRAFT
    assert precedent.court == court
    assert precedent.citation_path == "ewca/civ/2025/673"
    assert precedent.holding == ""
    assert precedent.unverified_elements
    assert JudgmentParagraph.objects.filter(document__precedent=precedent).count() == 58
    assert Precedent.objects.published().filter(pk=precedent.pk).count() == 0


def test_same_file_twice_changes_nothing(court):
    """The second import of the same bytes is 'unchanged': no new rows."""
    import_judgment(ENRICHED.read_bytes())
    counts = (JudgmentParagraph.objects.count(), JudgmentReference.objects.count())
    again = import_judgment(ENRICHED.read_bytes())
    assert again.outcome == "unchanged"
    assert (JudgmentParagraph.objects.count(), JudgmentReference.objects.count()) == (
        counts
    )


def test_changed_file_updates_and_keeps_the_status(court):
    """Another version of the same document replaces the text, not the record: one
    precedent, one document, and a published precedent stays published."""
    first = import_judgment(ORIGINAL.read_bytes()).precedent
    Precedent.objects.filter(pk=first.pk).update(
        publication_status=PublicationStatus.PUBLISHED, holding="Test holding."
    )
    result = import_judgment(ENRICHED.read_bytes())
    assert result.outcome == "updated"
    assert Precedent.objects.count() == 1 and ImportedDocument.objects.count() == 1
    result.precedent.refresh_from_db()
    assert result.precedent.publication_status == PublicationStatus.PUBLISHED
    assert result.precedent.holding == "Test holding."
    assert JudgmentReference.objects.filter(from_markup=True).exists()


def test_held_precedent_is_updated_not_duplicated(court):
    """A judgment casebase holds by its citation gets the text; no second record."""
    held = f.PrecedentFactory(neutral_citation="[2025] EWCA Civ 673", court=court)
    result = import_judgment(ENRICHED.read_bytes())
    assert result.precedent.pk == held.pk and result.outcome == "updated"
    assert Precedent.objects.count() == 1


def test_malformed_file_stores_nothing(court):
    """A file that breaks halfway stores nothing at all."""
    data = ENRICHED.read_bytes().replace(b"<num>12.</num>", b"<num>12.\x01</num>")
    with pytest.raises(XMLImportError):
        import_judgment(data)
    assert not Precedent.objects.exists() and not JudgmentParagraph.objects.exists()


def test_paragraph_deep_link_on_the_page(court, client, editor):
    """The precedent page holds each paragraph under its anchor (`#para-12`), and
    the references it cites."""
    precedent = import_judgment(ENRICHED.read_bytes()).precedent
    client.force_login(editor)
    html = client.get(precedent.get_absolute_url()).content.decode()
    assert 'id="para-12"' in html and 'href="#para-12"' in html
    assert "[2017] UKSC 5" in html


def test_draft_import_is_hidden_from_the_public(court, client):
    """The public does not see an imported draft."""
    precedent = import_judgment(ENRICHED.read_bytes()).precedent
    assert client.get(precedent.get_absolute_url()).status_code == 404


def test_command_reports_a_bad_file_and_stores_nothing(tmp_path, db):
    """The command names the file, its line and column, and fails."""
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<a>\n<b>\x0c</b></a>")
    with pytest.raises(CommandError):
        call_command("import_judgment", str(bad))
    assert not Precedent.objects.exists()


def test_command_imports_a_press_summary(db, capsys):
    """The command imports the press summary; a court new to casebase is a draft."""
    call_command("import_judgment", str(PRESS))
    precedent = Precedent.objects.get(neutral_citation="[2022] UKSC 14")
    assert precedent.court.publication_status == PublicationStatus.DRAFT
    assert "Press summary created" in capsys.readouterr().out
