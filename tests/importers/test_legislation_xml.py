"""Importing legislation.gov.uk CLML fragments as provisions with headings and URIs."""

from pathlib import Path

import pytest

from casebase.core.models import PublicationStatus
from casebase.importers.judgments.safexml import XMLImportError
from casebase.importers.legislation_xml import import_legislation, parse_clml
from casebase.law.models import Provision, Statute
from tests import factories as f

FIXTURES = Path(__file__).parent / "fixtures"
GBE = FIXTURES / "ukpga-2025-16-s1.clml-fragment.xml"
ENERGY = FIXTURES / "ukpga-2022-44-s4.clml-fragment.xml"


def test_fragment_gives_section_heading_uri_and_words():
    """The section's identity, its group's title as heading, its URI and its words
    with subsection numbers."""
    (provision,), title = parse_clml(GBE.read_bytes())
    assert (provision.legislation_type, provision.year, provision.number) == (
        "ukpga",
        2025,
        16,
    )
    assert (provision.unit, provision.section, provision.label) == (
        "section",
        "1",
        "s. 1",
    )
    assert provision.heading == "Great British Energy"
    assert provision.uri == "https://www.legislation.gov.uk/ukpga/2025/16/section/1"
    assert provision.text.startswith(
        "(1) The Secretary of State may by notice designate a company"
    )
    assert title == ""


def test_fragment_without_group_has_no_heading():
    """A bare <P1> has no heading to take; none is invented."""
    (provision,), _ = parse_clml(ENERGY.read_bytes())
    assert provision.heading == ""
    assert "(11) A reference to a charge" in provision.text


def test_new_provision_and_statute_are_drafts(db):
    """New provisions arrive as drafts; a statute the file does not title is marked
    so, never given an invented title."""
    result = import_legislation(GBE.read_bytes())
    assert len(result.created) == 1
    provision = Provision.objects.get()
    assert provision.publication_status == PublicationStatus.DRAFT
    statute = provision.statute
    assert statute.unverified_elements and statute.chapter_or_si == "2025 c. 16"


def test_same_file_twice_changes_nothing(db):
    """The second import finds the provision unchanged and adds nothing."""
    import_legislation(GBE.read_bytes())
    again = import_legislation(GBE.read_bytes())
    assert again.unchanged and not again.created
    assert Provision.objects.count() == 1 and Statute.objects.count() == 1


def test_held_provision_is_updated_and_keeps_its_editors_text(db):
    """A held provision gets the words and the missing heading; its label, summary
    and status stay."""
    statute = f.StatuteFactory(legislation_type="ukpga", year=2025, number=16)
    held = f.ProvisionFactory(
        statute=statute, label="s. 1", unit="section", number="1", heading=""
    )
    import_legislation(GBE.read_bytes())
    held.refresh_from_db()
    assert held.heading == "Great British Energy"
    assert held.text.startswith("(1)")
    assert held.publication_status == PublicationStatus.PUBLISHED
    assert Provision.objects.count() == 1


def test_malformed_clml_is_reported_and_stores_nothing(db):
    """A control character is reported by line and column; nothing is stored."""
    data = GBE.read_bytes().replace(
        b"<Pnumber>1</Pnumber>", b"<Pnumber>1\x02</Pnumber>", 1
    )
    with pytest.raises(XMLImportError, match=r"line \d+, column \d+"):
        import_legislation(data)
    assert not Provision.objects.exists() and not Statute.objects.exists()
