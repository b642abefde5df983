"""OSCOLA citations of judgments, EU cases, legislation and pending disputes."""

import pytest

from casebase.citations.oscola import (
    oscola_case,
    oscola_dispute,
    oscola_eu_case,
    oscola_provision,
    provision_pinpoint,
)


def test_neutral_citation_then_the_best_report():
    """A UK case: name, neutral citation, then the report highest in OSCOLA's order."""
    assert oscola_case(
        "Vestergaard Frandsen A/S (now MVF 3 ApS) & Ors v Bestnet Europe Ltd & Ors",
        "[2013] UKSC 31",
        ["[2013] RPC 33", "[2013] ICR 981", "[2013] 4 All ER 781", "[2013] 1 WLR 1556"],
    ) == (
        "Vestergaard Frandsen A/S (now MVF 3 ApS) v Bestnet Europe Ltd [2013] UKSC 31, "
        "[2013] 1 WLR 1556"
    )


def test_law_reports_beat_weekly_law_reports():
    """OBG v Allan is cited to the Appeal Cases, not the WLR."""
    assert oscola_case(
        "OBG Ltd v Allan", "[2007] UKHL 21", ["[2007] 2 WLR 920", "[2008] 1 AC 1"]
    ) == ("OBG Ltd v Allan [2007] UKHL 21, [2008] 1 AC 1")


def test_neutral_citation_alone():
    """With no report, the neutral citation stands alone."""
    assert oscola_case("Thaler v Comptroller-General", "[2023] UKSC 49", []) == (
        "Thaler v Comptroller-General [2023] UKSC 49"
    )


def test_no_neutral_citation_gives_the_court():
    """Before neutral citations, the court follows the report in brackets."""
    assert oscola_case(
        "Faccenda Chicken Ltd v Fowler",
        "",
        ["[1987] Ch 117", "[1986] 1 All ER 617"],
        court="CA",
    ) == ("Faccenda Chicken Ltd v Fowler [1987] Ch 117 (CA)")


def test_casebase_disambiguation_is_not_part_of_the_name():
    """`(High Court)` that casebase adds to tell judgments apart is dropped."""
    assert (
        oscola_case(
            "Emotional Perception AI Ltd v Comptroller-General (High Court)",
            "[2023] EWHC 2948 (Ch)",
            [],
        )
        == "Emotional Perception AI Ltd v Comptroller-General [2023] EWHC 2948 (Ch)"
    )


def test_eu_case_with_ecli():
    """`Case C-406/10 SAS Institute Inc v World Programming Ltd EU:C:2012:259`."""
    assert (
        oscola_case(
            "SAS Institute Inc v World Programming Ltd (CJEU)",
            "Case C-406/10, ECLI:EU:C:2012:259",
            [],
        )
        == "Case C-406/10 SAS Institute Inc v World Programming Ltd EU:C:2012:259"
    )


def test_eu_case_with_ecli_and_ecr():
    """The ECLI comes first, then the European Court Reports."""
    assert oscola_eu_case(
        "British Horseracing Board Ltd v William Hill Organization Ltd",
        "C-203/02",
        "ECLI:EU:C:2004:695",
        reports=["[2004] ECR I-10415", "[2005] RPC 260 (as cited by the CA)"],
    ) == (
        "Case C-203/02 British Horseracing Board Ltd v William Hill Organization Ltd "
        "EU:C:2004:695, [2004] ECR I-10415"
    )


@pytest.mark.parametrize(
    ("label", "pinpoint"),
    [
        ("s. 16", "s 16"),
        ("s. 1(2)(c)", "s 1(2)(c)"),
        ("s. 10(1)-(3)", "s 10(1)\u2013(3)"),
        ("s. 27 (esp. s.27(2)-(3))", "s 27"),
        ("s. 12 (CGW term: enacted s.12(3); now s.12(7))", "s 12"),
        ("ss. 22-23", "ss 22\u201323"),
        ("reg. 12", "reg 12"),
    ],
)
def test_provision_pinpoints(label, pinpoint):
    """No full stop after `s` or `reg`; ranges take an en dash; notes are dropped."""
    assert provision_pinpoint(label, instrument=False) == pinpoint


def test_act_provision():
    """`Copyright, Designs and Patents Act 1988, s 16`."""
    assert oscola_provision("Copyright, Designs and Patents Act 1988", "s. 16") == (
        "Copyright, Designs and Patents Act 1988, s 16"
    )


def test_statutory_instrument_provision():
    """`Copyright and Rights in Databases Regulations 1997, SI 1997/3032, reg 12`."""
    assert (
        oscola_provision(
            "Copyright and Rights in Databases Regulations 1997",
            "reg. 12",
            si_number="SI 1997/3032",
        )
        == "Copyright and Rights in Databases Regulations 1997, SI 1997/3032, reg 12"
    )


def test_pending_dispute():
    """A pending case: caption, then court and claim number in brackets."""
    assert (
        oscola_dispute(
            "Getty Images (US) Inc & Ors v Stability AI Ltd",
            "High Court (Chancery Division)",
            "IL-2023-000007",
            number_label="Claim No",
        )
        == "Getty Images (US) Inc v Stability AI Ltd (High Court (Chancery Division), Claim No IL-2023-000007)"
    )


def test_dispute_without_proceedings():
    """A public accusation with no court is cited by its caption alone."""
    assert oscola_dispute("Anthropic v Alibaba") == "Anthropic v Alibaba"
