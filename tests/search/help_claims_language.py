"""The help page's examples of the query language and its fields, each with what
the page says of it and the check it is held to (see test_help_examples)."""

from tests.search.help_checks import (
    COCO,
    THALER,
    facet_only,
    found,
    noted,
    run,
    same,
    titles,
    years_within,
)

# (the example as the page shows it, what the page says of it, the check)
LANGUAGE = [
    # The lede and the query language.
    (
        "infringe",
        "finds infringement and infringing",
        lambda: same("infringe", "infringement", "infringing"),
    ),
    (
        "training data copyright",
        "records with all these words",
        lambda: (
            found("training data copyright")
            == found("training") & found("data") & found("copyright")
            != set()
        ),
    ),
    (
        '"text and data mining"',
        "an exact phrase",
        lambda: (
            titles('"text and data mining"')
            == ["Like Company v Google Ireland (C-250/25)"]
        ),
    ),
    (
        "getty OR stability",
        "either word",
        lambda: (
            found("getty OR stability")
            == found("getty") | found("stability")
            != found("getty")
        ),
    ),
    (
        "patent AND inventor",
        "both words, the default",
        lambda: (
            same("patent AND inventor", "patent inventor")
            and found("patent inventor") == found("patent") & found("inventor")
        ),
    ),
    (
        "copyright -patent",
        "leaves patent out",
        lambda: (
            found("copyright -patent") == found("copyright") - found("patent") != set()
        ),
    ),
    (
        'copyright NOT "trade mark"',
        "leaves the phrase out",
        lambda: (
            found('copyright NOT "trade mark"')
            == found("copyright") - found('"trade mark"')
            != set()
        ),
    ),
    (
        '(copyright OR "database right") training',
        "grouping",
        lambda: (
            found('(copyright OR "database right") training')
            == (found("copyright") | found('"database right"')) & found("training")
            != set()
        ),
    ),
    (
        "thaler vs comptroller",
        "a case by its parties, with v, v., vs or versus",
        lambda: all(
            titles(f"thaler {v} comptroller") == [THALER]
            for v in ("v", "v.", "vs", "versus")
        ),
    ),
    (
        "infring*",
        "words starting with",
        lambda: (
            found("infring*") >= found("infringement") | found('"infringing"')
            and noted("in*", "at least 3 letters")
        ),
    ),
    ("year:2023", "one year", lambda: years_within("year:2023", 2023, 2023)),
    (
        "year:2020..2024",
        "a range of years",
        lambda: (
            years_within("year:2020..2024", 2020, 2024)
            and found("year:2020..2024") >= found("year:2023")
        ),
    ),
    (
        "year:..2019",
        "a range open at its start",
        lambda: years_within("year:..2019", 1, 2019),
    ),
    # Fields.
    (
        'court:"supreme court"',
        "those words together, in order, in the court's name",
        lambda: (
            facet_only('court:"supreme court"', "court", "uksc")
            and not found('court:"court supreme"')
        ),
    ),
    (
        "title:thaler",
        "the title",
        lambda: (
            all("thaler" in t.lower() for t in titles("title:thaler"))
            and len(titles("title:thaler")) > 1
        ),
    ),
    (
        'party:"getty images"',
        "the parties",
        lambda: (
            {"Getty Images", "Getty Images v Stability AI"}
            <= set(titles('party:"getty images"'))
        ),
    ),
    (
        "theory:patent",
        "the legal theory",
        lambda: facet_only("theory:patent", "theory", "patent"),
    ),
    (
        'citation:"[1969] RPC 41"',
        "a whole citation in the citations alone",
        lambda: titles('citation:"[1969] RPC 41"') == [COCO],
    ),
    (
        "citation:UKSC",
        "part of a citation",
        lambda: (
            all(
                any("UKSC" in c for c in hit.citations)
                for hit in run("citation:UKSC").hits
            )
            and run("citation:UKSC").total > 1
        ),
    ),
    ("system:claude", "AI systems", lambda: "Claude" in titles("system:claude")),
    (
        "jurisdiction:germany",
        "the legal system",
        lambda: facet_only("jurisdiction:germany", "jurisdiction", "germany"),
    ),
    (
        "type:precedent",
        "one type of record",
        lambda: facet_only("type:precedent", "type", "precedent"),
    ),
    (
        "stage:settled",
        "a dispute's stage",
        lambda: facet_only("stage:settled", "stage", "settled"),
    ),
    (
        "type:legislation",
        "is type:provision",
        lambda: same("type:legislation", "type:provision"),
    ),
    (
        "type:provision",
        "legislation",
        lambda: facet_only("type:provision", "type", "provision"),
    ),
    (
        'outcome:"for the claimant"',
        "is outcome:claimant_success",
        lambda: same('outcome:"for the claimant"', "outcome:claimant_success"),
    ),
    (
        "outcome:claimant_success",
        "a dispute's outcome",
        lambda: facet_only("outcome:claimant_success", "outcome", "claimant_success"),
    ),
    (
        "type:provisions",
        "read as type:provision, with a note",
        lambda: (
            same("type:provisions", "type:provision")
            and noted("type:provisions", "type:provision")
        ),
    ),
    (
        "type:foo copyright",
        "another value is left out, and a note names the values",
        lambda: (
            same("type:foo copyright", "copyright")
            and noted(
                "type:foo", "dispute, evidence, party, precedent, provision, system"
            )
        ),
    ),
]
