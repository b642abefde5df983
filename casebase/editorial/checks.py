"""What must be true before a record is published, said in words an editor can act on.

`publication_problems()` lists what blocks publication; `publication_warnings()`
lists what will not block it but will not show either (a party that is still a
draft is not shown on the public page of a published dispute).
"""

import re
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q

from casebase.cases.models import Dispute
from casebase.citations.neutral import citation_path, normalise
from casebase.core.models import PublicationStatus
from casebase.law.models import Precedent, Provision

# EU judgments carry a case number, optionally with their ECLI, in the neutral-citation
# field (the model's help text says so); they are not UK neutral citations.
_EU_CASE = re.compile(r"^Case [CT]-\d{1,4}/\d{2}(?:, ECLI:EU:[CTF]:\d{4}:\d{1,5})?$")


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


def citation_parses(citation: str) -> bool:
    """A UK neutral citation in canonical form, or an EU case number (with ECLI)."""
    return bool(citation_path(citation) or _EU_CASE.match(citation.strip()))


def publication_problems(obj: models.Model) -> list[Problem]:
    if isinstance(obj, Dispute):
        return dispute_problems(obj)
    if isinstance(obj, Precedent):
        return precedent_problems(obj)
    return []


def publication_warnings(obj: models.Model) -> list[str]:
    if isinstance(obj, Provision) and not obj.statute.is_published:
        # A provision is public only while its Act or SI is (law.models).
        return [
            f"Its Act or SI, {obj.statute.short_title}, is not published: the "
            "provision will not be shown anywhere until it is."
        ]
    if not isinstance(obj, Dispute):
        return []
    unpublished = []
    for role in obj.party_roles.select_related("party"):
        if not role.party.is_published:
            unpublished.append(f"the party {role.party}")
    for link in obj.precedent_links.select_related("precedent"):
        if not link.precedent.is_published:
            unpublished.append(f"the judgment {link.precedent.case_name}")
    if obj.court_id and not obj.court.is_published:
        unpublished.append(f"the court {obj.court}")
    return [
        f"{what[0].upper()}{what[1:]} is not published and will not be shown with "
        "the dispute until it is."
        for what in unpublished
    ]


def _source_problems(record, missing: str) -> list[Problem]:
    """No source at all, or none a reader would see (all drafts or withdrawn): the
    published record would show no source to check it against."""
    sources = record.sources.all()
    if not sources.exists():
        return [Problem("no_source", missing)]
    if not sources.filter(publication_status=PublicationStatus.PUBLISHED).exists():
        return [
            Problem(
                "no_published_source",
                "None of its sources is published, so readers would see none: "
                "publish one of them first, or add one that is.",
            )
        ]
    return []


def dispute_problems(dispute: Dispute) -> list[Problem]:
    problems = []
    problems.extend(
        _source_problems(dispute, "It has no source: add where its facts were read.")
    )
    if not dispute.party_roles.exists():
        problems.append(
            Problem("no_party", "It has no party: add at least one party and role.")
        )
    claims = list(dispute.claims.all())
    for claim in claims:
        if claim.theory_id is None:
            problems.append(
                Problem(
                    "claim_without_theory",
                    f"The claim “{claim.description}” has no legal theory.",
                )
            )
    if not claims:
        problems.append(
            Problem(
                "no_claim",
                "It has no claim: add the legal theory (or theories) asserted.",
            )
        )
    for link in dispute.precedent_links.select_related("precedent"):
        problems.extend(_citation_problems(link.precedent))
    problems.extend(_duplicate_disputes(dispute))
    return problems


def precedent_problems(precedent: Precedent) -> list[Problem]:
    problems = _citation_problems(precedent)
    if not precedent.neutral_citation and not precedent.law_report_citations:
        problems.append(
            Problem(
                "no_citation",
                "It has no citation: add its neutral citation or a "
                "law-report citation.",
            )
        )
    twins = (
        Precedent.objects.exclude(pk=precedent.pk)
        .filter(
            court_id=precedent.court_id,
            decision_date=precedent.decision_date,
            case_name__iexact=precedent.case_name.strip(),
        )
        .exclude(publication_status=PublicationStatus.WITHDRAWN)
    )
    for twin in twins[:5]:
        problems.append(
            Problem(
                "duplicate",
                f"It looks like a duplicate of “{twin}”: same case name, court and "
                "date.",
            )
        )
    problems.extend(
        _source_problems(precedent, "It has no source: add where it was checked.")
    )
    return problems


def _citation_problems(precedent: Precedent) -> list[Problem]:
    citation = precedent.neutral_citation or ""
    if not citation or citation_parses(citation):
        return []
    suggestion = normalise(citation)
    hint = (
        f" Did you mean “{suggestion}”?"
        if suggestion != citation and citation_path(suggestion)
        else ""
    )
    return [
        Problem(
            "bad_citation",
            f"The citation “{citation}” of {precedent.case_name} does not parse as a "
            f"neutral citation.{hint}",
        )
    ]


def _case_number_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).lower()


def _duplicate_disputes(dispute: Dispute) -> list[Problem]:
    """Same court and case number, or the same parties and title."""
    others = Dispute.objects.exclude(pk=dispute.pk).exclude(
        publication_status=PublicationStatus.WITHDRAWN
    )
    problems = []
    number = _case_number_key(dispute.case_number)
    # "not found" and the like are notes, not numbers: only a number with a digit.
    if dispute.court_id and any(c.isdigit() for c in number):
        for other in others.filter(court_id=dispute.court_id).exclude(case_number=""):
            if _case_number_key(other.case_number) == number:
                problems.append(
                    Problem(
                        "duplicate",
                        f"It looks like a duplicate of “{other}”: same court and "
                        f"case number ({dispute.case_number.strip()}).",
                    )
                )
    party_ids = set(dispute.party_roles.values_list("party_id", flat=True))
    if party_ids:
        same_title = others.filter(Q(title__iexact=dispute.title.strip())).annotate(
            n=Count("party_roles")
        )
        for other in same_title.filter(n=len(party_ids)):
            if set(other.party_roles.values_list("party_id", flat=True)) == party_ids:
                problems.append(
                    Problem(
                        "duplicate",
                        f"It looks like a duplicate of “{other}”: same parties and "
                        "title.",
                    )
                )
    return problems
