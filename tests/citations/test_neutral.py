"""Neutral citations: normalisation and Find Case Law paths."""

import pytest

from casebase.citations.neutral import citation_path, find_case_law_url, normalise


@pytest.mark.parametrize(
    ("raw", "canonical", "path"),
    [
        ("[2023] UKSC 49", "[2023] UKSC 49", "uksc/2023/49"),
        ("(2023) UKSC 49", "[2023] UKSC 49", "uksc/2023/49"),
        ("[2023] uksc 49", "[2023] UKSC 49", "uksc/2023/49"),
        ("]2022] EWCA Civ 123", "[2022] EWCA Civ 123", "ewca/civ/2022/123"),
        ("[2022]  EWCA civ  123", "[2022] EWCA Civ 123", "ewca/civ/2022/123"),
        ("[2025] EWHC 2863 (Ch)", "[2025] EWHC 2863 (Ch)", "ewhc/ch/2025/2863"),
        ("[2023] EWHC 2948 (ch)", "[2023] EWHC 2948 (Ch)", "ewhc/ch/2023/2948"),
        ("[2008] EWHC 518 (Pat)", "[2008] EWHC 518 (Pat)", "ewhc/pat/2008/518"),
        ("[2022] EAT 1", "[2022] EAT 1", "eat/2022/1"),
        ("[2021] UKUT 12 (IAC)", "[2021] UKUT 12 (IAC)", "ukut/iac/2021/12"),
    ],
)
def test_normalise_and_path(raw, canonical, path):
    """Malformed forms from real judgments become the canonical citation and its path."""
    assert normalise(raw) == canonical
    assert citation_path(canonical) == path


def test_non_citations_are_left_alone():
    """An EU case number is not a UK neutral citation."""
    assert normalise("Case C-406/10") == "Case C-406/10"
    assert citation_path("Case C-406/10") == ""


def test_find_case_law_url():
    """Find Case Law URLs follow The National Archives' scheme."""
    assert find_case_law_url("[2025] EWHC 2863 (Ch)") == (
        "https://caselaw.nationalarchives.gov.uk/ewhc/ch/2025/2863"
    )
    assert find_case_law_url("[2007] UKHL 21") == ""
