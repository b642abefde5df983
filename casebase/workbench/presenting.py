"""Display-only wording: what each measure means, in plain words."""

from casebase.workbench.measures import NGRAM_N

PREVIEW_ROWS = 50

NORMALISATION = (
    "Before measuring, each output is normalised: Unicode NFC, case folded, every run "
    "of spaces, tabs and line breaks made one space, and the ends trimmed. Words are "
    "runs of letters and digits; punctuation separates words and is not counted."
)

MEASURE_HELP = [
    (
        "exact_match",
        "Exact match",
        "Yes only if the two outputs are the same text, character for character, "
        "with nothing normalised.",
    ),
    (
        "edit_similarity",
        "Edit similarity",
        "How few single-character edits (insert, delete, replace) turn one "
        "normalised output into the other: 1 minus the number of edits divided by "
        "the length of the longer output. 1 means identical after normalisation.",
    ),
    (
        "token_jaccard",
        "Word overlap (Jaccard)",
        "The words used by both, divided by the words used by either (each word "
        "counted once). Ignores order.",
    ),
    (
        "longest_common_run",
        "Longest common run",
        "The longest unbroken run of words found in both outputs, as a share of the "
        "shorter output's word count. 1 means the shorter output appears word for "
        "word inside the longer one.",
    ),
    (
        "ngram_overlap",
        f"{NGRAM_N}-word sequence overlap",
        f"The sequences of {NGRAM_N} consecutive words shared by both, divided by "
        f"those found in either. High only when the wording, in order, is shared.",
    ),
]
