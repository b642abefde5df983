"""Test data for the confidentiality probes: one published dispute holding public,
redacted and sealed evidence, each with outputs that carry marker words."""

from casebase.cases.models import Assessment, Confidentiality
from casebase.core.models import PublicationStatus
from casebase.workbench.models import PromptSet
from tests import factories as f
from tests.workbench.demo import build_demo

# Words that must never reach the public.
HIDDEN = [
    "Zzsealedtitle",
    "Zzsealeddesc",
    "Zzsealedprompt",
    "Zzsealedoutput",
    "Zzsealedset",
    "Zzredacteddesc",
    "Zzredactedoutput",
    "Zzredactednote",
    "Zzdraftprompt",
    "Zzdraftoutput",
]
PUBLIC_SUMMARY = "Publicredactedsummary"


def _comparison(evidence, prompt: str, output: str, **kwargs):
    comparison = f.OutputComparisonFactory(evidence=evidence, prompt=prompt, **kwargs)
    for system in evidence._systems:
        f.ComparisonOutputFactory(
            comparison=comparison, system=system, output=f"{output} {system.slug}"
        )
    return comparison


def build_secrets():
    """The demo dispute plus sealed, redacted and draft material (all test data)."""
    demo = build_demo()
    sealed = f.EvidenceFactory(
        dispute=demo.dispute,
        title="Zzsealedtitle exhibit",
        description="Zzsealeddesc in full.",
        public_description="",
        confidentiality=Confidentiality.SEALED,
    )
    redacted = f.EvidenceFactory(
        dispute=demo.dispute,
        title="Redacted exhibit (test data)",
        description="Zzredacteddesc in full.",
        public_description=f"{PUBLIC_SUMMARY} of the exhibit.",
        confidentiality=Confidentiality.REDACTED,
        assessment=Assessment.PARTLY_ACCEPTED,
        assessment_note="Zzredactednote from the court.",
    )
    for evidence in (sealed, redacted, demo.evidence):
        evidence._systems = demo.systems[:2]
    sealed_comparison = _comparison(sealed, "Zzsealedprompt?", "Zzsealedoutput")
    redacted_comparison = _comparison(redacted, "Redacted prompt?", "Zzredactedoutput")
    draft_comparison = _comparison(
        demo.evidence,
        "Zzdraftprompt?",
        "Zzdraftoutput",
        publication_status=PublicationStatus.DRAFT,
    )
    sealed_set = PromptSet.objects.create(
        evidence=sealed, name="Zzsealedset", is_test_data=True
    )
    sealed_set.comparisons.add(sealed_comparison)
    return {
        "demo": demo,
        "sealed": sealed,
        "redacted": redacted,
        "sealed_comparison": sealed_comparison,
        "redacted_comparison": redacted_comparison,
        "draft_comparison": draft_comparison,
        "sealed_set": sealed_set,
    }


def leaks(text: str) -> list[str]:
    return [word for word in HIDDEN if word in text]
