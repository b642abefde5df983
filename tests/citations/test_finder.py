"""Finding citations in running text: law reports, EU case numbers, ECLIs, spans."""

import json
from pathlib import Path

import pytest

from casebase.citations.finder import Kind, find_citations, normalise_citation
from casebase.citations.reports import best_report

FIXTURES = Path(__file__).parent / "fixtures"

# Real citation strings from the reference facts (legal_facts.json), as written there.
REAL = [
    ("[2024] Bus LR 47", "[2024] Bus LR 47"),
    ("[2007] RPC 7", "[2007] RPC 7"),
    ("[2007] 1 All ER 225", "[2007] 1 All ER 225"),
    ("[2009] RPC 1", "[2009] RPC 1"),
    ("[2006] RPC 3", "[2006] RPC 3"),
    ("[2005] ECDR 17", "[2005] ECDR 17"),
    ("[2007] Bus LR 1032", "[2007] Bus LR 1032"),
    ("[2007] RPC 25 (p.589)", "[2007] RPC 25"),
    ("[2024] ECDR 4", "[2024] ECDR 4"),
    ("[1969] RPC 41", "[1969] RPC 41"),
    ("[1968] FSR 415", "[1968] FSR 415"),
    ("[1987] Ch 117", "[1987] Ch 117"),
    ("[1986] 1 All ER 617", "[1986] 1 All ER 617"),
    ("[1986] IRLR 69", "[1986] IRLR 69"),
    ("[2013] 1 WLR 1556", "[2013] 1 WLR 1556"),
    ("[2013] RPC 33", "[2013] RPC 33"),
    ("[2013] ICR 981", "[2013] ICR 981"),
    ("[2013] 4 All ER 781", "[2013] 4 All ER 781"),
    ("[2008] 1 AC 1", "[2008] 1 AC 1"),
    ("[2007] 2 WLR 920", "[2007] 2 WLR 920"),
    ("[2006] QB 125", "[2006] QB 125"),
    ("[2004] ECR I-10415", "[2004] ECR I-10415"),
    ("[2005] RPC 260 (as cited by the CA)", "[2005] RPC 260"),
    ("[2001] RPC 31", "[2001] RPC 31"),
    ("Case C-406/10", "Case C-406/10"),
    ("ECLI:EU:C:2012:259", "ECLI:EU:C:2012:259"),
    # and malformed ones, as real judgments write them
    ("[2000] 164 JP 485", "(2000) 164 JP 485"),
    ("(2018) AC 61", "[2018] AC 61"),
    ("[2004] ECR I \u2013 10415", "[2004] ECR I-10415"),
    ("[2013] 4 all er 781", "[2013] 4 All ER 781"),
    ("[2024] BusLR 47", "[2024] Bus LR 47"),
    ("[2012] 3 CMLR 4", "[2012] 3 CMLR 4"),
    ("[2019] EMLR 12", "[2019] EMLR 12"),
    ("[1990] 1 KB 5", "[1990] 1 KB 5"),
    ("C\u2011406/10", "C-406/10"),
    ("EU:C:2012:259", "ECLI:EU:C:2012:259"),
]


@pytest.mark.parametrize(("raw", "canonical"), REAL)
def test_real_citation_strings_normalise(raw, canonical):
    """Real report citations, EU numbers and ECLIs, good and malformed, become the
    canonical form (a trailing note in brackets is dropped)."""
    assert normalise_citation(raw) == canonical


def test_enriched_judgment_is_the_oracle():
    """In each paragraph of [2025] EWCA Civ 673, the finder returns exactly the
    canonical citations TNA's enrichment marked, in order."""
    data = json.loads((FIXTURES / "ewca-civ-2025-673-case-refs.json").read_text())
    for paragraph in data["paragraphs"]:
        found = [f.canonical for f in find_citations(paragraph["text"])]
        assert found == paragraph["canonical"], paragraph["text"][:80]


def test_spans_point_at_the_text():
    """Each citation's span is where it stands in the text."""
    text = "See Thaler [2023] UKSC 49; [2024] Bus LR 47 and Case C-406/10."
    for found in find_citations(text):
        assert text[found.start : found.end] == found.text
    assert [f.kind for f in find_citations(text)] == [
        Kind.NEUTRAL,
        Kind.REPORT,
        Kind.EU_CASE,
    ]


def test_years_in_brackets_are_not_citations():
    """`the Cabinet Manual (2011)` or `(1964), at pages 75-76` is no citation."""
    text = "para 2.9 of the Cabinet Manual (2011): and Essays (1964), at pages 75-76"
    assert find_citations(text) == []


def test_a_report_following_a_neutral_citation_is_found_separately():
    """`[2013] UKSC 31, [2013] 1 WLR 1556` holds two citations."""
    found = find_citations("[2013] UKSC 31, [2013] 1 WLR 1556")
    assert [f.canonical for f in found] == ["[2013] UKSC 31", "[2013] 1 WLR 1556"]


def test_find_case_law_url_of_a_neutral_citation_in_text():
    """A neutral citation found in text carries its Find Case Law address."""
    (found,) = find_citations("reversed, [2024] EWCA Civ 825 (19 July 2024)")
    assert found.url == "https://caselaw.nationalarchives.gov.uk/ewca/civ/2024/825"


def test_eu_links():
    """An EU case number links to CURIA; an EU ECLI to EUR-Lex."""
    case, ecli = find_citations("Case C-5/08, ECLI:EU:C:2009:465")
    assert case.url == "https://curia.europa.eu/juris/liste.jsf?num=C-5/08&language=en"
    assert ecli.url == (
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=ecli:ECLI:EU:C:2009:465"
    )


def test_a_national_ecli_without_prefix_is_not_taken():
    """`DE:BGH:...` alone is too ambiguous; with `ECLI:` it is a citation."""
    assert find_citations("ref DE:BGH:2024:110624BXZB5") == []
    (found,) = find_citations("ECLI:DE:BGH:2024:110624BXZB5")
    assert found.kind == Kind.ECLI and found.url == ""


def test_foreign_neutral_citations_are_not_taken_for_uk_ones():
    """`[2022] FCAFC 62` (Australia) is not a UK citation and is left alone."""
    assert find_citations("Commissioner of Patents v Thaler [2022] FCAFC 62") == []


def test_best_report_follows_the_oscola_order():
    """The Law Reports beat WLR, WLR beats All ER, All ER beats specialist series."""
    assert best_report(
        ["[2013] RPC 33", "[2013] 4 All ER 781", "[2013] 1 WLR 1556"]
    ) == ("[2013] 1 WLR 1556")
    assert best_report(["[1986] IRLR 69", "[1987] Ch 117"]) == "[1987] Ch 117"
    assert best_report(["[2009] RPC 1"]) == "[2009] RPC 1"
    assert best_report(["not a report"]) == ""
