"""Neutral citations: every court that issues them, normalisation and Find Case Law paths."""

import pytest

from casebase.citations.courts import COURTS
from casebase.citations.neutral import (
    citation_path,
    find_case_law_url,
    normalise,
    parse,
)

# TNA's registry examples (court_names.yaml `ncn_examples`) with the Find Case Law
# path its neutral_citation_regex.yaml gives each; then the Scottish, Northern Irish
# and other courts Find Case Law does not publish, which get an internal path only.
TNA_EXAMPLES = [
    ("[2013] UKSC 42", "uksc/2013/42"),
    ("[2011] UKPC 25", "ukpc/2011/25"),
    ("[2008] EWCA Civ 649", "ewca/civ/2008/649"),
    ("[2014] EWCA Crim 420", "ewca/crim/2014/420"),
    ("[2009] EWHC 995 (Admin)", "ewhc/admin/2009/995"),
    ("[2018] EWHC 82 (Admlty)", "ewhc/admlty/2018/82"),
    ("[2016] EWHC 2142 (Ch)", "ewhc/ch/2016/2142"),
    ("[2021] EWHC 286 (Comm)", "ewhc/comm/2021/286"),
    ("[2013] EWHC 3158 (Fam)", "ewhc/fam/2013/3158"),
    ("[2014] EWHC 349 (IPEC)", "ewhc/ipec/2014/349"),
    ("[2022] EWHC 2387 (KB)", "ewhc/kb/2022/2387"),
    ("[2014] EWHC 1195 (Mercantile)", "ewhc/mercantile/2014/1195"),
    ("[2015] EWHC 3163 (Pat)", "ewhc/pat/2015/3163"),
    ("[2019] EWHC 2488 (QB)", "ewhc/qb/2019/2488"),
    ("[2022] EWHC 3349 (SCCO)", "ewhc/scco/2022/3349"),
    ("[2024] EWHC 802 (TCC)", "ewhc/tcc/2024/802"),
    ("[2025] EWCR 3", "ewcr/2025/3"),
    ("[2025] EWCC 26", "ewcc/2025/26"),
    ("[2024] EWFC 141", "ewfc/2024/141"),
    ("[2025] EWFC 79 (B)", "ewfc/b/2025/79"),
    ("[2016] EWCOP 11", "ewcop/2016/11"),
    ("[2024] EWCOP 51 (T1)", "ewcop/t1/2024/51"),
    ("[2023] EWCOP 75 (T2)", "ewcop/t2/2023/75"),
    ("[2024] EWCOP 44 (T3)", "ewcop/t3/2024/44"),
    ("[2023] UKIPTrib 11", "ukiptrib/2023/11"),
    ("[2024] EAT 100", "eat/2024/100"),
    ("[2024] UKUT 326 (AAC)", "ukut/aac/2024/326"),
    ("[2016] UKUT 562 (IAC)", "ukut/iac/2016/562"),
    ("[2009] UKAIT 10", "ukait/2009/10"),
    ("[2017] UKUT 135 (LC)", "ukut/lc/2017/135"),
    ("[2017] UKUT 504 (TCC)", "ukut/tcc/2017/504"),
    ("[2025] UKFTT 1104 (HESC)", "ukftt/hesc/2025/1104"),
    ("[2024] UKFTT 1069 (GRC)", "ukftt/grc/2024/1069"),
    ("[2022] UKFTT 159 (TC)", "ukftt/tc/2022/159"),
    ("[2025] UKFTT 1077 (PC)", "ukftt/pc/2025/1077"),
]
NOT_ON_FIND_CASE_LAW = [
    ("[2007] UKHL 21", "ukhl/2007/21"),
    ("[2023] CAT 12", "cat/2023/12"),
    ("[2019] CSIH 12", "csih/2019/12"),
    ("[2023] CSOH 45", "csoh/2023/45"),
    ("[2020] HCJAC 5", "hcjac/2020/5"),
    ("[2017] SAC (Civ) 1", "sac/civ/2017/1"),
    ("[2016] SAC (Crim) 3", "sac/crim/2016/3"),
    ("[2019] NICA 45", "nica/2019/45"),
    ("[2020] NIQB 12", "niqb/2020/12"),
    ("[2023] NIKB 5", "nikb/2023/5"),
    ("[2021] NICh 3", "nich/2021/3"),
    ("[2021] NIFam 4", "nifam/2021/4"),
    ("[2019] NIMaster 10", "nimaster/2019/10"),
]


@pytest.mark.parametrize(("citation", "path"), TNA_EXAMPLES)
def test_tna_examples_map_to_find_case_law(citation, path):
    """Each court's example in TNA's registry is canonical and has TNA's URL path."""
    assert normalise(citation) == citation
    assert find_case_law_url(citation) == (
        "https://caselaw.nationalarchives.gov.uk/" + path
    )


@pytest.mark.parametrize(("citation", "path"), NOT_ON_FIND_CASE_LAW)
def test_courts_find_case_law_does_not_publish(citation, path):
    """House of Lords, Scottish, Northern Irish and CAT citations parse to an
    internal path and no Find Case Law URL."""
    assert normalise(citation) == citation
    assert citation_path(citation) == path
    assert find_case_law_url(citation) == ""


def test_every_listed_court_example_round_trips():
    """The example given for each court in courts.py is its canonical form."""
    for court in COURTS:
        if court.example:
            assert parse(court.example).court == court, court.example


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("(2022) EWCA Civ 123", "[2022] EWCA Civ 123"),
        ("[2022] EWCA civ 123", "[2022] EWCA Civ 123"),
        ("]2022] EWCA Civ 123", "[2022] EWCA Civ 123"),
        ("[2022]  EWCA  civ  123", "[2022] EWCA Civ 123"),
        ("[2022]EWCA Civ 123", "[2022] EWCA Civ 123"),
        ("[2022] EWCA Civ. 123", "[2022] EWCA Civ 123"),
        ("[2022] EWCA (Civ) 123", "[2022] EWCA Civ 123"),
        ("(2023) uksc 49", "[2023] UKSC 49"),
        ("[2023] UKSC49", "[2023] UKSC 49"),
        ("[2023] EWHC 2948 (ch)", "[2023] EWHC 2948 (Ch)"),
        ("[2023] EWHC 2948 ( Ch )", "[2023] EWHC 2948 (Ch)"),
        ("[2023] EWHC 2948(Ch)", "[2023] EWHC 2948 (Ch)"),
        ("[2023] EWHC 2948 (Chancery)", "[2023] EWHC 2948 (Ch)"),
        ("[2008] EWHC 518 (Patents)", "[2008] EWHC 518 (Pat)"),
        ("[2021] UKUT 12 (iac)", "[2021] UKUT 12 (IAC)"),
        ("[2017] sac (civ) 1", "[2017] SAC (Civ) 1"),
        ("[2021] nich 3", "[2021] NICh 3"),
        ("[2012] UKFTT 00123 (TC)", "[2012] UKFTT 123 (TC)"),
    ],
)
def test_malformed_forms_normalise(raw, canonical):
    """Malformed forms seen in real judgments become the canonical citation."""
    assert normalise(raw) == canonical


@pytest.mark.parametrize(
    "text",
    [
        "Case C-406/10",
        "[2023] EWHC 2948",
        "[2023] EWCA Civ 1 (Ch) extra",
        "[1969] RPC 41",
    ],
)
def test_non_citations_are_left_alone(text):
    """Text that is not exactly one neutral citation comes back unchanged."""
    assert normalise(text) == text
    assert citation_path(text) == ""


def test_a_bracket_that_is_no_division_is_not_part_of_the_citation():
    """`[2023] UKSC 49 (20 December 2023)` is not a neutral citation by itself."""
    assert parse("[2023] UKSC 49 (20 December 2023)") is None
