"""Legislation references in running text, resolved to statute and provision."""

import pytest

from casebase.citations.legislation import (
    ProvisionRef,
    StatuteIndex,
    StatuteMention,
    find_legislation,
)
from casebase.citations.statutes import KNOWN_STATUTES, StatuteRef

CDPA = "ukpga/1988/48"
PA = "ukpga/1977/37"
TMA = "ukpga/1994/26"
TSR = "uksi/2018/597"
CRDR = "uksi/1997/3032"


def provisions(text):
    return [
        (f.statute.path, f.number, f.subsections)
        for f in find_legislation(text)
        if isinstance(f, ProvisionRef)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "section 16 of the Copyright, Designs and Patents Act 1988",
            [(CDPA, "16", "")],
        ),
        ("s.16 CDPA 1988", [(CDPA, "16", "")]),
        ("CDPA 1988, s 16", [(CDPA, "16", "")]),
        ("ss.22-23 CDPA", [(CDPA, "22", ""), (CDPA, "23", "")]),
        (
            "an 'article' under ss.22-23/27 CDPA may be intangible",
            [(CDPA, "22", ""), (CDPA, "23", ""), (CDPA, "27", "")],
        ),
        (
            "reg. 2 of the Trade Secrets (Enforcement, etc.) Regulations 2018",
            [(TSR, "2", "")],
        ),
        (
            "regulation 12 of the Copyright and Rights in Databases Regulations 1997",
            [(CRDR, "12", "")],
        ),
        ("Claimants had pleaded s.9(3) CDPA authorship", [(CDPA, "9", "(3)")]),
        ("trade mark (TMA s.10)", [(TMA, "10", "")]),
        ("Patents Act 1977, s 1(2)(c)", [(PA, "1", "(2)(c)")]),
        ("Patents Act 1977 s16", [(PA, "16", "")]),
        ("Section 60 of the patents act 1977", [(PA, "60", "")]),
        ("CDPA s 50BA", [(CDPA, "50BA", "")]),
        ("s.27(2)-(3) CDPA", [(CDPA, "27", "(2)-(3)")]),
        (
            "Only a natural person can be an 'inventor' under the Patents Act 1977; owning "
            "an AI machine gives no right, and the applications were rightly treated as "
            "withdrawn for failure to meet s.13(2).",
            [(PA, "13", "(2)")],
        ),
    ],
)
def test_references_resolve(text, expected):
    """Each way of writing a reference resolves to its statute and provision."""
    assert provisions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "DMCA s.1202(b)(1) removal of CMI",
        "Lanham Act s.43(a) false endorsement",
        "cancellation (15 U.S.C. s.1119)",
        "Deadline for ss.135-136 documents: 18 March 2026",
        "s. 27 (esp. s.27(2)-(3))",
        "Under the CDPA. Later, DMCA s.1201 claims failed.",
    ],
)
def test_references_to_other_or_unnamed_laws_are_left_alone(text):
    """A bare section after another law's name, or with no Act named in its sentence,
    is not attributed to a UK statute."""
    assert provisions(text) == []


def test_context_does_not_cross_a_sentence():
    """In the Getty holding, `s.10(1)` is the Trade Marks Act's: the CDPA named in the
    sentence before does not claim it."""
    text = (
        "ss.22-23/27 CDPA was not infringed. Trade mark infringement succeeded "
        "(s.10(1) for iStock watermarks)."
    )
    assert [number for _, number, _ in provisions(text)] == ["22", "23", "27"]


def test_a_regulation_number_is_not_read_as_a_section_of_an_act():
    """`reg 16` of an Act, or `s 12` of regulations, is a mismatch and not linked."""
    assert provisions("reg 16 of the Patents Act 1977") == []
    assert (
        provisions("s 12 of the Copyright and Rights in Databases Regulations 1997")
        == []
    )


def test_statute_names_are_found_with_their_span():
    """A statute named alone is a mention with its span in the text."""
    text = "the Human Rights Act 1998 applies"
    (mention,) = find_legislation(text)
    assert isinstance(mention, StatuteMention)
    assert text[mention.start : mention.end] == "Human Rights Act 1998"
    assert mention.statute.legislation_url == (
        "https://www.legislation.gov.uk/ukpga/1998/42/contents"
    )


def test_abbreviations_match_only_as_written():
    """`TMA` is the Trade Marks Act; `tma` in running text is not."""
    assert provisions("tma s.10") == []


def test_provision_url_follows_legislation_gov_uk():
    """Sections of Acts and regulations of SIs get legislation.gov.uk URIs."""
    (ref,) = [
        f
        for f in find_legislation("reg 5 of the Trade Secrets Regulations 2018")
        if isinstance(f, ProvisionRef)
    ]
    assert ref.url == "https://www.legislation.gov.uk/uksi/2018/597/regulation/5"


def test_an_index_can_add_statutes():
    """A statute casebase holds is recognised by its short title."""
    extra = StatuteRef("Test Data Act 2031", "ukpga", 2031, 9)
    index = StatuteIndex([extra, *KNOWN_STATUTES])
    (ref,) = [
        f
        for f in find_legislation("section 4 of the Test Data Act 2031", index)
        if isinstance(f, ProvisionRef)
    ]
    assert ref.statute == extra
