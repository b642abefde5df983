"""The help page's examples of equivalent words, citations, spelling and results,
each with what the page says of it and the check it is held to (see
test_help_examples)."""

from tests.search.help_checks import (
    CDPA_16,
    corrected,
    facet_only,
    forms,
    found,
    goes_to,
    goes_to_title,
    newest_first,
    noted,
    run,
    same,
    titles,
)

# (the example as the page shows it, what the page says of it, the check)
WORDS = [
    # Words that mean the same.
    (
        '"licence"',
        "finds licence only",
        lambda: found('"licence"') < found("licence") == found("license"),
    ),
    (
        "Faccenda Chicken Limited",
        "limited also finds Ltd",
        lambda: titles("Faccenda Chicken Limited") == ["Faccenda Chicken Ltd v Fowler"],
    ),
    (
        "party:limited",
        "limited also finds Ltd",
        lambda: found("party:limited") > found("party:ltd"),
    ),
    (
        "limited",
        "alone or first, an ordinary word",
        lambda: forms("limited") == {("limited",)} and not found("limited faccenda"),
    ),
    (
        "ltd",
        "does not find Limited",
        lambda: (
            forms("acme ltd") == {("acme",), ("ltd",)}
            and found("party:limited") - found("party:ltd") != set()
        ),
    ),
    (
        "incorporated",
        "finds inc",
        lambda: same(
            "Open Artificial Intelligence Incorporated",
            "Open Artificial Intelligence Inc",
        ),
    ),
    ("inc", "finds incorporated", lambda: ("incorporated",) in forms("acme inc")),
    ("corporation", "finds corp", lambda: same("NVIDIA Corporation", "NVIDIA Corp")),
    ("corp", "finds corporation", lambda: ("corporation",) in forms("acme corp")),
    ("company", "finds co", lambda: same("Dow Jones Company", "Dow Jones Co")),
    ("co", "finds company", lambda: ("company",) in forms("acme co")),
    ("plc", "is only plc", lambda: forms("acme plc") == {("acme",), ("plc",)}),
    (
        "section",
        "before a number, finds the other section words with it",
        lambda: same(
            "section 1202", "s 1202", "ss 1202", "sec 1202", "§ 1202", "§1202"
        ),
    ),
    (
        "s",
        "alone, only the word",
        lambda: forms("s") == {("s",)} and forms("section") == {("section",)},
    ),
    ("ss", "a section word", lambda: same("ss 50A", "section 50A")),
    ("sec", "a section word", lambda: same("sec 50A", "section 50A")),
    ("§", "a section word", lambda: same("§ 50A", "section 50A")),
    (
        "section 50A",
        "finds s. 50A",
        lambda: (
            same("section 50A", "s. 50A")
            and titles("section 50A")[0].startswith(
                "Copyright, Designs and Patents Act 1988, s. 50A "
            )
        ),
    ),
    ("§1202", "finds section 1202", lambda: same("§1202", "section 1202")),
    *[
        (word, "a UK or US spelling", lambda a=a, b=b: same(a, b))
        for a, b in (
            ("licence", "license"),
            ("defence", "defense"),
            ("offence", "offense"),
            ("judgment", "judgement"),
            ("favour", "favor"),
            ("programme", "program"),
        )
        for word in (a, b)
    ],
    # No record says colour or color: the expansion is all there is to check.
    (
        "colour",
        "finds color",
        lambda: forms("colour") == forms("color") == {("colour",), ("color",)},
    ),
    ("color", "finds colour", lambda: forms("colour") == forms("color")),
    (
        "authorization",
        "finds authorisation, not the other way round",
        lambda: found("authorization") > found("authorisation") != set(),
    ),
    (
        "trademark",
        "finds trade mark",
        lambda: found("trademark") >= found('"trade mark"') | found('"trademark"'),
    ),
    (
        "trade mark",
        "unquoted, finds trade and mark anywhere, and trademark",
        lambda: (
            found("trade mark")
            >= (found('"trademark"') | found("trade") & found("mark"))
        ),
    ),
    (
        "TDM",
        "finds text and data mining",
        lambda: (
            found("TDM") >= found('"text and data mining"') | found('"tdm"')
            and found("text and data mining") >= found('"tdm"')
        ),
    ),
    (
        "LLM",
        "finds large language model",
        lambda: (
            found("LLM") >= found('"large language model"') | found('"llm"')
            and found("large language model") >= found('"llm"') != set()
        ),
    ),
    (
        "AI",
        "finds artificial intelligence, not the other way round",
        lambda: (
            found("AI") >= found('"artificial intelligence"')
            and found("artificial intelligence") < found("AI")
        ),
    ),
    (
        "United States",
        "finds the other forms of United States",
        lambda: same("United States", "USA", "U.S."),
    ),
    (
        "USA",
        "finds the other forms of United States",
        lambda: same("USA", "United States", "U.S."),
    ),
    (
        "U.S.",
        "finds the other forms of United States",
        lambda: same("U.S.", "United States", "USA"),
    ),
    (
        "United Kingdom",
        "finds the other forms of United Kingdom",
        lambda: same("United Kingdom", "UK", "U.K."),
    ),
    (
        "UK",
        "finds the other forms of United Kingdom",
        lambda: same("UK", "United Kingdom", "U.K."),
    ),
    (
        "U.K.",
        "finds the other forms of United Kingdom",
        lambda: same("U.K.", "United Kingdom", "UK"),
    ),
    (
        "European Union",
        "finds the other form of European Union",
        lambda: same("European Union", "EU"),
    ),
    (
        "EU",
        "finds the other form of European Union",
        lambda: same("EU", "European Union"),
    ),
    (
        "US",
        "in capitals, finds United States, and records saying us",
        lambda: found("US") >= found("United States") | found('"us"') != set(),
    ),
    (
        "qwen",
        "finds Qwen3",
        lambda: any("Qwen3" in title for title in titles("qwen")),
    ),
    (
        "gpt4",
        "finds GPT-4",
        lambda: any("GPT-4" in title for title in titles("gpt4")),
    ),
    (
        "Dow Jones & Company",
        "is Dow Jones Company",
        lambda: (
            same("Dow Jones & Company", "Dow Jones Company")
            and "Dow Jones & Company, Inc." in titles("Dow Jones Company")
        ),
    ),
    (
        "Dow Jones Company",
        "the same search",
        lambda: same("Dow Jones Company", "Dow Jones & Company"),
    ),
    # Citations.
    (
        "[2023] UKSC 49",
        "goes to the record",
        lambda: goes_to("[2023] UKSC 49", "[2023] UKSC 49"),
    ),
    (
        "[1969] RPC 41",
        "goes to the record",
        lambda: goes_to("[1969] RPC 41", "[1969] RPC 41"),
    ),
    ("C-406/10", "goes to the record", lambda: goes_to("C-406/10", "C-406/10")),
    (
        "(2023) UKSC 49",
        "finds [2023] UKSC 49",
        lambda: goes_to("(2023) UKSC 49", "[2023] UKSC 49"),
    ),
    (
        "2023 UKSC 49",
        "finds [2023] UKSC 49",
        lambda: goes_to("2023 UKSC 49", "[2023] UKSC 49"),
    ),
    (
        "[2023] uksc 49",
        "finds [2023] UKSC 49",
        lambda: goes_to("[2023] uksc 49", "[2023] UKSC 49"),
    ),
    ("C-05/08", "finds C-5/08", lambda: goes_to("C-05/08", "C-5/08")),
    ("C-406/2010", "finds C-406/10", lambda: goes_to("C-406/2010", "C-406/10")),
    (
        "[2004] ECR I-10415",
        "goes to the record",
        lambda: goes_to("[2004] ECR I-10415", "[2004] ECR I-10415"),
    ),
    (
        "1:23-cv-00135-GBW",
        "goes to the record",
        lambda: goes_to("1:23-cv-00135-GBW", "1:23-cv-00135-GBW"),
    ),
    (
        "IL-2023-000007",
        "goes to the record",
        lambda: goes_to("IL-2023-000007", "IL-2023-000007"),
    ),
    *[
        (
            typed,
            "the pinpoint is ignored, with a notice",
            lambda typed=typed, cite=cite: (
                goes_to(typed, cite) and noted(typed, "pinpoint")
            ),
        )
        for typed, cite in (
            ("[2023] UKSC 49 at [73]", "[2023] UKSC 49"),
            ("[2023] UKSC 49, [73]", "[2023] UKSC 49"),
            ("[2023] UKSC 49 paras 73-75", "[2023] UKSC 49"),
            ("[1969] RPC 41 at 47", "[1969] RPC 41"),
        )
    ],
    *[
        (typed, "goes to s. 16 CDPA", lambda typed=typed: goes_to_title(typed, CDPA_16))
        for typed in (
            "s 16 CDPA",
            "CDPA 1988, s.16",
            "section 16 of the Copyright, Designs and Patents Act 1988",
            "§ 16 CDPA",
        )
    ],
    (
        "s 16 Copyright, Designs and Patents Act",
        "the short title without its year",
        lambda: goes_to_title("s 16 Copyright, Designs and Patents Act", CDPA_16),
    ),
    (
        "s 10 TMA 1994",
        "initials with the year",
        lambda: goes_to_title("s 10 TMA 1994", "Trade Marks Act 1994, s. 10"),
    ),
    (
        "s 1(2) Patents Act 1977",
        "the provision within s. 1(2)",
        lambda: goes_to_title("s 1(2) Patents Act 1977", "Patents Act 1977, s. 1(2)"),
    ),
    (
        "s 1(3) Patents Act 1977",
        "none stored: every provision of section 1",
        lambda: (
            titles("s 1(3) Patents Act 1977") == titles("s 1 Patents Act 1977") != []
        ),
    ),
    (
        "reg 2 Trade Secrets Regulations 2018",
        "goes to the regulation",
        lambda: goes_to_title(
            "reg 2 Trade Secrets Regulations 2018",
            "Trade Secrets (Enforcement, etc.) Regulations 2018, reg. 2 ",
        ),
    ),
    # Spelling and odd input.
    ("mta", "is meta", lambda: corrected("mta", "meta")),
    ("limted", "is limited, not listed", lambda: corrected("limted", "limited")),
    ("ONan", "is offered as o'nan", lambda: corrected("ONan", "o'nan")),
    ("selction", "is selection", lambda: corrected("selction", "selection")),
    ("section", "is not selection", lambda: run("section").suggestion == ""),
    (
        "(copyright",
        "a missing bracket is added, with a note",
        lambda: same("(copyright", "copyright") and noted("(copyright", "bracket"),
    ),
    (
        "copyright AND",
        "a lone operator is dropped, with a note",
        lambda: same("copyright AND", "copyright") and noted("copyright AND", "AND"),
    ),
    (
        "x " * 300,
        "cut to 500 characters, with a note",
        lambda: noted("x " * 300, "500 characters"),
    ),
    (
        " ".join(f"w{n}" for n in range(30)),
        "cut to 24 terms, with a note",
        lambda: noted(" ".join(f"w{n}" for n in range(30)), "first 24 search terms"),
    ),
    # Results.
    (
        "type:precedent year:2023",
        "no words to rank by: newest first",
        lambda: (
            newest_first("type:precedent year:2023")
            and facet_only("type:precedent year:2023", "type", "precedent")
        ),
    ),
    (
        "getty images",
        "a title of exactly the words typed first",
        lambda: titles("getty images")[0] == "Getty Images",
    ),
]
