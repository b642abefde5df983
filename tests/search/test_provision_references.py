"""Provision references typed into the search box (`s 16 CDPA`) find the provision
first on every backend, and the search page goes straight to it when it is the one."""

import pytest

from casebase.core.models import PublicationStatus
from casebase.search.documents import make_key
from casebase.search.provisions import provision_key, provision_keys, reference_keys
from tests import factories as f
from tests.search.conftest import index_all, keys, search

CDPA = "Copyright, Designs and Patents Act 1988"
PA = "Patents Act 1977"
TSR = "Trade Secrets (Enforcement, etc.) Regulations 2018"
DUAA = "Data (Use and Access) Act 2025"
TITLES = [CDPA, PA, TSR, DUAA]


@pytest.mark.parametrize(
    "typed",
    [
        "s 16 CDPA",
        "s.16 CDPA",
        "s16 cdpa",
        "ss 16 CDPA",
        "CDPA s 16",
        "CDPA 1988, s. 16",
        "section 16 of the Copyright, Designs and Patents Act 1988",
        "Copyright, Designs and Patents Act s 16",
        "§ 16 CDPA",
        "§16 CDPA",
        "CDPA § 16",
    ],
)
def test_forms_of_a_section_reference(typed):
    assert reference_keys(typed, TITLES) == (provision_key(CDPA, "section", "16"),)


@pytest.mark.parametrize(
    "typed",
    [
        "reg 2 TSR 2018",
        "regulation 2 of the Trade Secrets Regulations 2018",
        "Trade Secrets (Enforcement, etc.) Regulations 2018, reg. 2",
        "r 2 trade secrets regulations",
    ],
)
def test_forms_of_a_regulation_reference(typed):
    """`Regulations 2018` in the title is not taken for a regulation number."""
    assert reference_keys(typed, TITLES) == (provision_key(TSR, "regulation", "2"),)


@pytest.mark.parametrize(
    "typed",
    [
        "section 16",  # no Act
        "CDPA",  # no section
        "s 16 CDPA infringement",  # more words: searched as words
        "copyright s 16 CDPA",
        "s 1 Data Act",  # two words are too common to name one Act
        "s 1 Patents Act 1949",  # a year casebase does not hold
        "s 16 CDPA and s 17 CDPA",
        "",
    ],
)
def test_not_a_reference(typed):
    assert reference_keys(typed, TITLES) == ()


def test_initials_that_fit_two_acts_are_not_guessed():
    titles = [PA, "Plant Act 2001"]
    assert reference_keys("s 1 PA", titles) == ()
    assert reference_keys("s 1 PA 1977", titles) == (provision_key(PA, "section", "1"),)


def test_letters_in_a_section_number():
    expected = (provision_key(CDPA, "section", "29A"),)
    assert reference_keys("s 29A CDPA", TITLES) == expected


@pytest.mark.parametrize("typed", ["s 16(1)(a) CDPA", "s. 16 (1) (a) CDPA"])
def test_subsections_are_looked_up_most_precise_first(typed):
    assert reference_keys(typed, TITLES) == (
        provision_key(CDPA, "section", "16", ["1", "a"]),
        provision_key(CDPA, "section", "16", ["1"]),
        provision_key(CDPA, "section", "16"),
    )


@pytest.mark.parametrize(
    ("label", "number", "parts"),
    [
        ("s. 1(2)(c)", "1", [[], ["2"], ["2", "c"]]),
        ("s. 10(1)-(3)", "10", [[], ["1"]]),
        ("s. 13 (esp. 13(2))", "13", [[]]),
        ("s. 29A", "29A", [[]]),
        ("s. 11", "1", [[]]),  # a mistyped number does not borrow 11's digits
    ],
)
def test_a_stored_provision_carries_a_key_for_each_level(label, number, parts):
    assert provision_keys(PA, "section", number, label) == tuple(
        provision_key(PA, "section", number, p) for p in parts
    )


@pytest.fixture
def provisions(engine):
    cdpa = f.StatuteFactory(short_title=CDPA, year=1988, number=48)
    pa = f.StatuteFactory(short_title=PA, year=1977, number=37)
    tsr = f.StatuteFactory(
        short_title=TSR, year=2018, number=597, legislation_type="uksi"
    )
    records = {
        "s16": f.ProvisionFactory(statute=cdpa, number="16", label="s. 16"),
        "s17": f.ProvisionFactory(statute=cdpa, number="17", label="s. 17"),
        "s29a": f.ProvisionFactory(statute=cdpa, number="29A", label="s. 29A"),
        "reg2": f.ProvisionFactory(
            statute=tsr, number="2", label="reg. 2", unit="regulation"
        ),
        "pa1_1": f.ProvisionFactory(statute=pa, number="1", label="s. 1(1)"),
        "pa1_2c": f.ProvisionFactory(statute=pa, number="1", label="s. 1(2)(c)"),
    }
    # A case that talks about s.16 must not come before the section itself.
    f.PrecedentFactory(
        case_name="Echo Media v Foxtrot",
        holding="Copying under s 16 CDPA covers a substantial part of a model.",
    )
    index_all()
    return records


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "record"),
    [
        ("s 16 CDPA", "s16"),
        ("CDPA 1988, s.17", "s17"),
        ("section 29A of the Copyright, Designs and Patents Act 1988", "s29a"),
        ("reg 2 Trade Secrets Regulations 2018", "reg2"),
        ("s 1(2) Patents Act 1977", "pa1_2c"),
        ("s 1(1) PA 1977", "pa1_1"),
    ],
)
def test_reference_finds_the_provision_first(provisions, typed, record):
    results = search(typed)
    expected = make_key("provision", provisions[record].pk)
    assert keys(results)[0] == expected
    assert results.hits[0].citation_match


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "record"), [("s 16 CDPA", "s16"), ("s 1(2) Patents Act 1977", "pa1_2c")]
)
def test_search_page_goes_straight_to_the_provision(client, provisions, typed, record):
    response = client.get("/search", {"q": typed})
    assert response.status_code == 302
    assert response["Location"] == provisions[record].get_absolute_url()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("s 1(2) Patents Act 1977", ["pa1_2c"]),  # the one stored that precisely
        ("s 1(3) Patents Act 1977", ["pa1_1", "pa1_2c"]),  # none: all of section 1
        ("s 1 Patents Act 1977", ["pa1_1", "pa1_2c"]),
    ],
)
def test_subsection_pins_what_is_stored_that_precisely(provisions, typed, expected):
    pinned = [hit.key for hit in search(typed).hits if hit.citation_match]
    assert sorted(pinned) == sorted(
        make_key("provision", provisions[name].pk) for name in expected
    )


@pytest.mark.django_db
def test_unpublished_act_is_not_recognised(engine):
    draft = f.StatuteFactory(
        short_title=CDPA, year=1988, publication_status=PublicationStatus.DRAFT
    )
    f.ProvisionFactory(statute=draft, number="16", label="s. 16")
    index_all()
    results = search("s 16 CDPA")
    assert results.total == 0
    assert not any(hit.citation_match for hit in results.hits)
