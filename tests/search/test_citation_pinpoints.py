"""Citations as lawyers paste them: with a pinpoint, in European Court Reports form,
with a stored note, without brackets, or with an EU case number written long."""

import pytest
from django.urls import reverse

from casebase.search.citations import (
    citation_key,
    citation_keys,
    looks_like_citation,
    strip_pinpoint,
)
from casebase.search.documents import make_key
from tests import factories as f
from tests.search.conftest import index_all, keys, search
from tests.search.corpus import build_corpus

PINPOINT_NOTICE = "The pinpoint “{}” was ignored; the citation was searched for."


@pytest.fixture
def corpus(engine):
    """The shared corpus, precedents carrying the stored forms of real citations (an
    ECR page, a report with a page note, a Chancery judgment) and two disputes with
    a US docket number and an England and Wales claim number."""
    records = build_corpus()
    records["horses"] = f.PrecedentFactory(
        case_name="Horse Racing Board Ltd v Bookmaker Ltd",
        neutral_citation="Case C-203/02, ECLI:EU:C:2004:695",
        law_report_citations=[
            "[2004] ECR I-10415",
            "[2005] RPC 260 (as cited by the CA)",
        ],
    )
    records["games"] = f.PrecedentFactory(
        case_name="Arcade Productions Ltd v Slot Games Ltd",
        neutral_citation="[2007] EWCA Civ 219",
        law_report_citations=["[2007] RPC 25 (p.589)"],
    )
    records["news"] = f.PrecedentFactory(
        case_name="Newsclip International v Press Association",
        neutral_citation="Case C-5/08, ECLI:EU:C:2009:465",
    )
    records["images"] = f.PrecedentFactory(
        case_name="Picture Library Inc v Diffusion Labs Ltd",
        neutral_citation="[2025] EWHC 2863 (Ch)",
    )
    docket = f.DisputeFactory(
        title="Picture Library Inc v Diffusion Labs Ltd (US)",
        case_number="1:23-cv-00135-GBW",
    )
    claim = f.DisputeFactory(
        title="Picture Library Inc v Diffusion Labs Ltd (UK)",
        case_number="IL-2023-000007",
    )
    records["docket"], records["claim"] = docket, claim
    index_all()
    return {name: make_key(_type(obj), obj.pk) for name, obj in records.items()}


def _type(obj) -> str:
    return {"Precedent": "precedent", "Dispute": "dispute", "Provision": "provision"}[
        type(obj).__name__
    ]


def _same_as_alone(typed: str, citation: str):
    """The results for `typed` are those for `citation` typed alone."""
    with_pinpoint, alone = search(typed), search(citation)
    assert keys(with_pinpoint) == keys(alone)
    assert with_pinpoint.total == alone.total
    assert with_pinpoint.hits[0].citation_match
    return with_pinpoint


# -- the pinpoint split -----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,citation,pinpoint",
    [
        ("[2023] UKSC 49 at [73]", "[2023] UKSC 49", "at [73]"),
        ("[2023] UKSC 49, [73]", "[2023] UKSC 49", "[73]"),
        ("[2023] UKSC 49 [73]", "[2023] UKSC 49", "[73]"),
        ("[2023] UKSC 49 at [73]-[75]", "[2023] UKSC 49", "at [73]-[75]"),
        ("[2023] UKSC 49 at para 73", "[2023] UKSC 49", "at para 73"),
        ("[2023] UKSC 49 paras 73-75", "[2023] UKSC 49", "paras 73-75"),
        ("[2023] UKSC 49, paras. 73 and 75.", "[2023] UKSC 49", "paras. 73 and 75"),
        ("Thaler [2023] UKSC 49 at [56]", "Thaler [2023] UKSC 49", "at [56]"),
        ("[2025] EWHC 2863 (Ch) at [600]", "[2025] EWHC 2863 (Ch)", "at [600]"),
        ("Coco [1969] RPC 41 at 47", "Coco [1969] RPC 41", "at 47"),
        ("[1969] RPC 41 at p 47", "[1969] RPC 41", "at p 47"),
        ("[1969] RPC 41 at 47-48", "[1969] RPC 41", "at 47-48"),
        ("[1969] RPC 41, 47", "[1969] RPC 41", "47"),
        ("[2004] ECR I-10415 (para 12)", "[2004] ECR I-10415", "(para 12)"),
        ("Case C-406/10, para 45", "Case C-406/10", "para 45"),
        ("ECLI:EU:C:2012:259 § 45", "ECLI:EU:C:2012:259", "§ 45"),
        ("2023 UKSC 49 at [73]", "2023 UKSC 49", "at [73]"),
        ("[2023] UKSC 49 (Thaler) at [56]", "[2023] UKSC 49 (Thaler)", "at [56]"),
    ],
)
def test_a_pinpoint_after_a_citation_is_split_off(typed, citation, pinpoint):
    """The pinpoint forms lawyers write after a citation are split from it."""
    assert strip_pinpoint(typed) == (citation, pinpoint)


@pytest.mark.parametrize(
    "typed",
    [
        "copyright at 47",
        "Thaler at [56]",
        "training data at para 12",
        "s 16 CDPA at [73]",
        "GPT-4 at 47",
        "section 16 para 3",
        "[2023] UKSC 49 at para",
        "[2023] UKSC 49 copyright",
        "[2023] UKSC 49 at [73] per Lord Kitchin",
        "2023 copyright at [5]",
    ],
)
def test_text_without_a_citation_before_it_keeps_its_pinpoint(typed):
    """Only a pinpoint that follows a recognised citation is split off."""
    assert strip_pinpoint(typed) == (typed, "")


# -- recognising and normalising --------------------------------------------------------


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("C-05/08", "Case C-5/08"),
        ("C-406/2010", "Case C-406/10"),
        ("C 406/10", "Case C-406/10"),
        ("2023 UKSC 49", "[2023] UKSC 49"),
        ("2025 ewhc 2863 (ch)", "[2025] EWHC 2863 (Ch)"),
        ("[2004] ECR I - 10415", "[2004] ECR I-10415"),
        ("[2004] ECR I-10415 (para 12)", "[2004] ECR I-10415"),
        ("[2007] RPC 25", "[2007] RPC 25 (p.589)"),
    ],
)
def test_more_citation_forms_share_a_key(typed, stored):
    """These variants normalise to the stored citation's key."""
    assert citation_key(typed) == citation_key(stored)


def test_normalising_keeps_eu_cases_apart():
    """Dropping zeros and century does not merge different case numbers."""
    assert citation_key("C-406/2010") != citation_key("C-406/20")
    assert citation_key("C-05/08") != citation_key("C-50/08")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("[2004] ECR I-10415", True),
        ("[2007] RPC 25 (p.589)", True),
        ("[2005] RPC 260 (as cited by the CA)", True),
        ("C-05/08", True),
        ("C-406/2010", True),
        ("2023 UKSC 49", True),
        ("2024 EWCA Civ 825", True),
        ("2023 copyright", False),
        ("2023 UKSC", False),
        ("copyright 2023 49", False),
        ("2020 eat 5", False),
        ("2023 UKSC 49 copyright", False),
        ("1:23-cv-00135-GBW", True),
        ("IL-2023-000007", True),
        ("GPT-4", False),
        ("12:30 meeting", False),
    ],
)
def test_looks_like_citation_without_misreading_words(text, expected):
    """The new forms are citations; ordinary words with numbers are not."""
    assert looks_like_citation(text) is expected


# -- searching (both backends) ----------------------------------------------------------


@pytest.mark.parametrize(
    "typed,citation",
    [
        ("[2023] UKSC 49 at [73]", "[2023] UKSC 49"),
        ("[2023] UKSC 49, [73]", "[2023] UKSC 49"),
        ("[2023] UKSC 49 at para 73", "[2023] UKSC 49"),
        ("[2023] UKSC 49 paras 73-75", "[2023] UKSC 49"),
        ("[2025] EWHC 2863 (Ch) at [600]", "[2025] EWHC 2863 (Ch)"),
        ("[1969] RPC 41 at p 47", "[1969] RPC 41"),
        ("[1969] RPC 41 at 47-48", "[1969] RPC 41"),
        ("[2004] ECR I-10415 (para 12)", "[2004] ECR I-10415"),
    ],
)
def test_a_citation_with_a_pinpoint_is_looked_up_as_the_citation(
    corpus, typed, citation
):
    """GIVEN a stored citation WHEN it is searched for with a pinpoint THEN the results
    are those of the citation alone, and a notice says the pinpoint was ignored."""
    results = _same_as_alone(typed, citation)
    pinpoint = strip_pinpoint(typed)[1]
    assert results.notices == (PINPOINT_NOTICE.format(pinpoint),)


@pytest.mark.parametrize(
    "typed,record",
    [
        ("Alpha Robotics [2023] UKSC 49 at [56]", "alpha"),
        ("Beta Foods [1969] RPC 41 at 47", "beta"),
    ],
)
def test_a_named_citation_with_a_pinpoint_finds_the_case_first(corpus, typed, record):
    """The case name before a citation and pinpoint still finds the case first."""
    assert keys(search(typed))[0] == corpus[record]


@pytest.mark.parametrize(
    "typed,record",
    [
        ("[2004] ECR I-10415", "horses"),
        ("[2005] RPC 260 (as cited by the CA)", "horses"),
        ("[2007] RPC 25 (p.589)", "games"),
        ("C-05/08", "news"),
        ("C-406/2010", "gamma"),
        ("C 406/10", "gamma"),
        ("2023 UKSC 49", "alpha"),
        ("2025 EWHC 2863 (Ch)", "images"),
        ("1:23-cv-00135-GBW", "docket"),
        ("1:23-CV-00135-gbw", "docket"),
        ("IL-2023-000007", "claim"),
    ],
)
def test_more_citation_forms_find_their_record_first(corpus, typed, record):
    """Each form is looked up as a citation and pins the one record carrying it."""
    results = search(typed)
    assert results.hits[0].key == corpus[record]
    assert [hit.key for hit in results.hits if hit.citation_match] == [corpus[record]]


def test_plain_words_with_numbers_are_not_citations(corpus):
    """Words and numbers that are not a citation are searched as words, as before."""
    for text in ("2023 robotics", "robotics at 47", "Alpha at [56]"):
        results = search(text)
        assert not any(hit.citation_match for hit in results.hits)
        assert not any("pinpoint" in notice for notice in results.notices)


def test_a_citation_brings_no_notices_about_fields(corpus):
    """An ECLI looked up as a citation is not also explained as fields (`ECLI:`)."""
    results = search("ECLI:EU:C:2012:259")
    assert results.hits[0].key == corpus["gamma"]
    assert results.notices == ()


def test_words_keep_their_notices(corpus):
    """Text that is not a citation keeps the parser's notices."""
    assert search("colour:robotics").notices


# -- the page -------------------------------------------------------------------------


def test_a_citation_with_a_pinpoint_goes_straight_to_the_record(client, corpus):
    """A pasted citation and pinpoint redirects to the record the citation alone goes
    to, and the record page says the pinpoint was not followed."""
    url = reverse("search:search")
    alone = client.get(url, {"q": "[2023] UKSC 49"})
    response = client.get(url, {"q": "[2023] UKSC 49 at [73]"})
    assert response.status_code == 302
    assert response["Location"] == alone["Location"] + "?pinpoint=at+%5B73%5D"
    page = client.get(response["Location"]).content.decode()
    assert "You searched with the pinpoint “at [73]”" in page
    assert (
        "You searched with the pinpoint"
        not in client.get(alone["Location"]).content.decode()
    )


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("at [73]", "at [73]"),
        ("paras 73-75", "paras 73-75"),
        ("[73]-[75]", "[73]-[75]"),
        ("47", "47"),
        ("This judgment was overruled", ""),
        ("<script>alert(1)</script>", ""),
        ("at [73]" + " " * 80 + "[74]", ""),
    ],
)
def test_a_record_page_echoes_only_a_pinpoint(client, corpus, given, shown):
    """The record page repeats `?pinpoint=` only when it is a pinpoint's form: a
    crafted link cannot make a trusted page say anything else."""
    location = client.get(reverse("search:search"), {"q": "[2023] UKSC 49"})["Location"]
    page = client.get(location, {"pinpoint": given}).content.decode()
    if shown:
        assert f"You searched with the pinpoint “{shown}”" in page
    else:
        assert "You searched with the pinpoint" not in page
        assert given not in page


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("Case C-406/10, ECLI:EU:C:2012:259", ["c-406/10", "ecli:eu:c:2012:259"]),
        (
            "Copyright, Designs and Patents Act 1988 s. 16",
            ["copyright, designs and patents act 1988 s 16"],
        ),
        (
            "Trade Secrets (Enforcement, etc.) Regulations 2018 reg. 2",
            ["trade secrets (enforcement, etc) regulations 2018 reg 2"],
        ),
    ],
)
def test_a_stored_citation_is_split_at_commas_only_between_citations(stored, expected):
    """A comma separates two citations, not the words of an Act's title: the CDPA
    gave every provision the key `copyright`, so `citation:copyright` matched them."""
    assert citation_keys([stored]) == expected
