"""The shared contract: the same searches find the same records on every backend."""

import datetime as dt

import pytest

from casebase.search.documents import make_key
from tests import factories as f
from tests.search.conftest import index_all, keys, search
from tests.search.corpus import build_corpus


@pytest.fixture
def corpus(engine):
    records = build_corpus()
    index_all()
    return {name: make_key(_type(obj), obj.pk) for name, obj in records.items()}


def _type(obj) -> str:
    return {"Precedent": "precedent", "Dispute": "dispute", "Provision": "provision"}[
        type(obj).__name__
    ]


def test_words_are_stemmed(corpus):
    """`infringing` finds a record that says `infringement`."""
    assert corpus["provision"] in keys(search("infringing"))


def test_all_words_must_match(corpus):
    """Two words find only the records with both."""
    found = keys(search("novels training"))
    assert found == [corpus["quill"]]


def test_exact_phrase(corpus):
    """A quoted phrase matches the words in that order only."""
    assert set(keys(search('"training data"'))) == {corpus["pixel"], corpus["quill"]}
    assert keys(search('"data training"')) == []


def test_or(corpus):
    """OR finds records with either word."""
    assert set(keys(search("novels OR diffusion"))) == {
        corpus["pixel"],
        corpus["quill"],
    }


def test_not_and_minus(corpus):
    """NOT and a leading minus leave records with the word out."""
    assert keys(search("training -novels")) == [corpus["pixel"]]
    assert keys(search("training NOT novels")) == [corpus["pixel"]]


def test_grouping(corpus):
    """Brackets group alternatives."""
    found = set(keys(search("(novels OR diffusion) training")))
    assert found == {corpus["pixel"], corpus["quill"]}


def test_party_field(corpus):
    """party: searches the parties only."""
    found = keys(search("party:pixel type:dispute"))
    assert found == [corpus["pixel"]]


def test_court_field(corpus):
    """court: searches the court's name."""
    assert keys(search('court:"test supreme"')) == [corpus["alpha"]]


def test_fielded_phrases_are_exact(corpus):
    """A quoted value in a field is an exact phrase in that field: the same words in
    another order, or apart, do not match."""
    assert keys(search('court:"test supreme court"')) == [corpus["alpha"]]
    assert keys(search('court:"supreme test"')) == []
    assert keys(search('title:"alpha robotics"')) == [corpus["alpha"]]
    assert keys(search('title:"robotics alpha"')) == []
    assert keys(search('party:"pixel archive" type:dispute')) == [corpus["pixel"]]
    assert keys(search('party:"archive pixel"')) == []
    assert keys(search('title:"stable pixel"')) == []


def test_theory_field(corpus):
    """theory: finds records under that legal theory."""
    assert keys(search("theory:patent")) == [corpus["alpha"]]


def test_system_field(corpus):
    """system: finds disputes about an AI system."""
    assert corpus["pixel"] in keys(search("system:diffusenet type:dispute"))


def test_title_field(corpus):
    """title: ignores words that appear only in the text."""
    assert keys(search("title:robotics")) == [corpus["alpha"]]


def test_year_and_ranges(corpus):
    """year: takes one year or a range, open at either end."""
    assert keys(search("year:2021 type:dispute")) == [corpus["quill"]]
    assert keys(search("year:2020..2022 type:dispute")) == [corpus["quill"]]
    assert set(keys(search("year:2023.. type:precedent"))) == {corpus["alpha"]}
    assert set(keys(search("year:..1970"))) == {corpus["beta"]}


def test_prefix(corpus):
    """A trailing * matches words that start with the letters."""
    assert corpus["pixel"] in keys(search("diffus*"))


def test_title_ranks_above_text(corpus):
    """A word in a title outranks the same word in a summary."""
    found = keys(search("robotics"))
    assert found[0] == corpus["alpha"] and corpus["quill"] in found


@pytest.mark.parametrize(
    "typed,record",
    [
        ("[2023] UKSC 49", "alpha"),
        ("(2023) UKSC 49", "alpha"),
        ("[2023] uksc 49", "alpha"),
        ("[2023]UKSC 49", "alpha"),
        ("[2024] Bus LR 47", "alpha"),
        ("[1969] RPC 41", "beta"),
        ("(1969) RPC 41", "beta"),
        ("[1969] rpc 41", "beta"),
        ("C-406/10", "gamma"),
        ("Case C-406/10", "gamma"),
        ("c-406/10", "gamma"),
        ("ECLI:EU:C:2012:259", "gamma"),
    ],
)
def test_citation_lookup_finds_the_record_first(corpus, typed, record):
    """A citation typed on its own, in any common form, finds its record first."""
    results = search(typed)
    assert results.hits[0].key == corpus[record]
    assert results.hits[0].citation_match


def test_citation_field(corpus):
    """citation: matches a stored citation in another form."""
    assert keys(search('citation:"(1969) RPC 41"')) == [corpus["beta"]]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("citation:UKSC", ["alpha"]),
        ("citation:RPC", ["beta"]),
        ('citation:"[2023] UKSC"', ["alpha"]),
        ("citation:2012", ["gamma"]),
        ("citation:ECLI", ["gamma"]),
        # Words of the record's name or text, not of its citations.
        ("citation:robotics", []),
        ("citation:patent", []),
        ("citation:confidence", []),
        ('citation:"UKSC 2023"', []),
    ],
)
def test_citation_field_searches_within_the_citations_only(corpus, typed, found):
    """Part of a citation (a court, a report series, a year) finds every record whose
    citations hold it, in that order, and nothing else: on PostgreSQL a citation key
    used to be matched against every word of a record."""
    assert sorted(keys(search(typed))) == sorted(corpus[name] for name in found)


def test_a_word_of_a_citation_is_found_as_written(corpus):
    """A word that only a citation holds (`cited`, whose stem is `cite`) is found on
    both backends, alone and in a phrase; PostgreSQL used to look for its stem only."""
    epsilon = f.PrecedentFactory(
        case_name="Epsilon Racing Board v Hilltop",
        neutral_citation=None,
        law_report_citations=["[2005] RPC 260 (as cited by the CA)"],
        decision_date=dt.date(2004, 11, 9),
        holding="A list of runners is not a database of the required kind.",
    )
    index_all()
    key = make_key("precedent", epsilon.pk)
    assert keys(search("cited")) == [key]
    assert keys(search('"as cited by"')) == [key]
    assert keys(search("cited -runners")) == []
    assert keys(search("[2005] RPC 260 (as cited by the CA)"))[:1] == [key]


def test_a_word_is_not_found_through_another_words_stem(corpus):
    """`license` (stem `licens`) does not find a record that only says `licensee`
    (stem `license`), on either backend."""
    eta = f.PrecedentFactory(
        case_name="Eta Code v Theta Labs",
        neutral_citation=None,
        decision_date=dt.date(2012, 5, 2),
        holding="The licensee may observe, study and test the program.",
    )
    theta = f.PrecedentFactory(
        case_name="Theta Code v Iota Labs",
        neutral_citation=None,
        decision_date=dt.date(2013, 5, 2),
        holding="A license to use the program.",
    )
    index_all()
    key = make_key("precedent", eta.pk)
    assert keys(search("licensee")) == [key]
    assert key not in keys(search("license"))
    assert keys(search('"license"')) == [make_key("precedent", theta.pk)]


def test_a_prefix_reaches_the_citations(corpus):
    """`uks*` finds the record cited `[2023] UKSC 49` on both backends (Whoosh used
    to look in titles and text only)."""
    assert keys(search("uks*")) == [corpus["alpha"]]


def test_a_court_or_jurisdiction_is_found_by_its_short_name(corpus):
    """A court's slug (`cjeu`, `sdny`) and a jurisdiction's (`eu`) are words of its
    name for `court:` and `jurisdiction:`, and for plain words too."""
    eu = f.JurisdictionFactory(slug="teu", name="Test European Union")
    court = f.CourtFactory(
        slug="tcjeu", name="Test Court of Justice of the Union", jurisdiction=eu
    )
    zeta = f.PrecedentFactory(
        case_name="Zeta Data v Omega Lists",
        neutral_citation=None,
        court=court,
        decision_date=dt.date(2009, 10, 9),
        holding="Extraction of a substantial part.",
    )
    index_all()
    key = make_key("precedent", zeta.pk)
    assert keys(search("court:tcjeu")) == [key]
    assert keys(search("jurisdiction:teu")) == [key]
    assert keys(search("tcjeu")) == [key]


def test_did_you_mean(corpus):
    """A misspelt word is corrected when the correction finds something."""
    results = search("trainng")
    assert results.suggestion == "training"
    assert results.corrected_from == "trainng"
    assert corpus["pixel"] in keys(results)


def test_snippets_are_escaped_and_marked(corpus):
    """Stored markup comes out escaped; only matched words are wrapped in <mark>."""
    hit = next(h for h in search("diffusion").hits if h.key == corpus["pixel"])
    html = str(hit.snippet_html)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>diffusion</mark>" in html


def test_facet_counts(corpus):
    """Facets count the matches by type, stage and theory."""
    facets = search("training").facets
    assert {f.value: f.count for f in facets["type"]} == {"dispute": 2}
    assert {f.value: f.count for f in facets["stage"]} == {"filed": 1, "settled": 1}


def test_facet_filter(corpus):
    """A selected facet value narrows the results."""
    from casebase.search.query import Filters

    results = search("training", filters=Filters(stage="settled"))
    assert keys(results) == [corpus["quill"]]
    assert results.total == 1


def test_year_facet_filter(corpus):
    """A selected year narrows the results to that year."""
    from casebase.search.query import Filters

    results = search("training", filters=Filters(year=2021))
    assert keys(results) == [corpus["quill"]]
    assert results.total == 1


def test_sort_by_date(corpus):
    """Newest and oldest first order by the record's date."""
    assert keys(search("training", sort="newest")) == [corpus["pixel"], corpus["quill"]]
    assert keys(search("training", sort="oldest")) == [corpus["quill"], corpus["pixel"]]


def test_pagination(corpus):
    """Pages hold per_page hits and the total counts them all."""
    first = search("training", per_page=1, sort="newest")
    second = search("training", per_page=1, page=2, sort="newest")
    assert first.total == second.total == 2
    assert keys(first) + keys(second) == [corpus["pixel"], corpus["quill"]]


@pytest.mark.parametrize(
    "typed",
    [
        "Alpha Robotics vs Comptroller",
        "alpha versus comptroller",
        "Alpha v. Comptroller",
    ],
)
def test_versus_is_v(corpus, typed):
    """Case names are stored with `v`; `vs` and `versus` typed between names find them."""
    assert keys(search(typed))[:1] == [corpus["alpha"]]


def test_did_you_mean_keeps_versus_short(corpus):
    results = search("Alpha Robotcs vs Comptroller")
    assert results.suggestion == "alpha robotics v comptroller"


def test_title_matches_of_records_come_before_those_of_names(corpus):
    """A party's or an AI system's record (a name and a line) whose title matches
    comes after the disputes and judgments whose titles match: `pixel` finds the
    dispute first, then the party "Pixel Archive Ltd"."""
    found = keys(search("pixel"))
    party = next(k for k in found if k.startswith("party:"))
    assert found[0] == corpus["pixel"]
    assert found.index(party) > found.index(corpus["pixel"])


def test_a_title_of_exactly_the_words_typed_comes_first(corpus):
    """`Pixel Archive Ltd` typed whole puts the party of that name first, before the
    dispute whose title also holds the words; `pixel` alone does not."""
    found = keys(search("Pixel Archive Ltd"))
    assert found[0].startswith("party:")
    assert found[1] == corpus["pixel"]
    assert not keys(search("pixel"))[0].startswith("party:")


def test_a_search_with_nothing_to_rank_by_is_newest_first(corpus):
    """A filter alone (`type:precedent`, a year range) has no words to rank by: its
    records come newest first, on both backends."""
    newest_first = [corpus["alpha"], corpus["gamma"], corpus["beta"]]
    assert keys(search("type:precedent")) == newest_first
    assert keys(search("type:precedent year:1960..2024")) == newest_first


def test_citation_field_words_are_stemmed(corpus):
    """`citation:patent` finds a citation that says `Patents`, as every other word
    search would; its words are still a phrase, in order, within the citations."""
    omicron = f.PrecedentFactory(
        case_name="Omicron Gears v Sigma Tools",
        neutral_citation=None,
        law_report_citations=["[1999] Test Patents Reports 12"],
        decision_date=dt.date(1999, 3, 4),
        holding="A gear is not an invention.",
    )
    index_all()
    key = make_key("precedent", omicron.pk)
    assert keys(search("citation:patent")) == [key]
    assert keys(search("citation:patents")) == [key]
    assert keys(search('citation:"patent report"')) == [key]
    assert keys(search('citation:"reports patents"')) == []
    assert keys(search('citation:"[1999] Test Patents Reports 12"')) == [key]
    assert keys(search("citation:invention")) == []


def test_records_of_the_same_date_or_none_come_by_title_then_key(corpus):
    """A search of fields alone lists newest (or oldest) first; records of the same
    date, and records with no date, come by title, then key, on both backends (they
    came in index order on Whoosh and by id on PostgreSQL)."""
    dated = [
        f.PrecedentFactory(
            case_name=name,
            neutral_citation=None,
            decision_date=dt.date(2001, 4, 5),
            holding="Same day.",
        )
        for name in ("Lambda Mills v Nu", "Kappa Mills v Nu", "Iota Mills v Nu")
    ]
    undated = [f.PartyFactory(name=name) for name in ("Yankee Tie", "Xray Tie")]
    index_all()
    by_title = [make_key("precedent", p.pk) for p in reversed(dated)]
    assert keys(search("year:2001")) == by_title
    assert keys(search("year:2001", sort="oldest")) == by_title
    listed = [(hit.title, hit.key) for hit in search("type:party").hits]
    assert listed == sorted(listed) and len(listed) > 2
    parties = [make_key("party", p.pk) for p in reversed(undated)]
    assert keys(search("tie", sort="newest")) == parties
