"""Factories for test data. Names are plainly fictional so they are never mistaken for fact."""

import datetime as dt

import factory

from casebase.cases import models as cases
from casebase.core.dates import DatePrecision
from casebase.core.models import PublicationStatus, Source, SourceKind
from casebase.law import models as law


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    reference = factory.Sequence(lambda n: f"https://example.test/source/{n}")
    url = factory.SelfAttribute("reference")
    kind = SourceKind.COMMENTARY
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = law.Jurisdiction
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-jurisdiction-{n}")
    name = factory.Sequence(lambda n: f"Test Jurisdiction {n}")


class LegalTheoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = law.LegalTheory
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-theory-{n}")
    name = factory.Sequence(lambda n: f"Test theory {n}")


class CourtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = law.Court

    slug = factory.Sequence(lambda n: f"test-court-{n}")
    name = factory.Sequence(lambda n: f"Test Court {n}")
    jurisdiction = factory.SubFactory(JurisdictionFactory)
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class StatuteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = law.Statute

    legislation_type = law.LegislationType.UKPGA
    year = 1999
    number = factory.Sequence(lambda n: 100 + n)
    short_title = factory.Sequence(lambda n: f"Test Act {n}")
    chapter_or_si = factory.LazyAttribute(lambda o: f"{o.year} c. {o.number}")
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = law.Provision

    statute = factory.SubFactory(StatuteFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    label = factory.LazyAttribute(lambda o: f"s. {o.number}")
    unit = "section"
    heading = factory.Sequence(lambda n: f"Test heading {n}")
    summary = "A test provision."
    legislation_uri = factory.LazyAttribute(
        lambda o: (
            f"https://www.legislation.gov.uk/{o.statute.legislation_type}/"
            f"{o.statute.year}/{o.statute.number}/section/{o.number}"
        )
    )
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class PrecedentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = law.Precedent

    slug = factory.Sequence(lambda n: f"testco-v-example-{n}")
    case_name = factory.Sequence(lambda n: f"Testco Ltd v Example Ltd (No {n})")
    neutral_citation = factory.Sequence(lambda n: f"[2001] EWHC {9000 + n} (Ch)")
    court = factory.SubFactory(CourtFactory)
    decision_date = dt.date(2001, 5, 1)
    holding = "A test holding."
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = law.Authority

    citing = factory.SubFactory(PrecedentFactory)
    cited = factory.SubFactory(PrecedentFactory)
    treatment = law.Treatment.APPLIED
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Party

    slug = factory.Sequence(lambda n: f"test-party-{n}")
    name = factory.Sequence(lambda n: f"Test Party {n} Ltd")
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class AISystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.AISystem

    slug = factory.Sequence(lambda n: f"test-model-{n}")
    name = factory.Sequence(lambda n: f"TestModel-{n}")
    developer = factory.SubFactory(PartyFactory)
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class DisputeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Dispute
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"test-dispute-{n}")
    title = factory.Sequence(lambda n: f"Test Party {n} Ltd v Example Labs Ltd")
    short_title = factory.Sequence(lambda n: f"Test Party {n} v Example Labs")
    summary = "A dispute made up for a test."
    court = factory.SubFactory(CourtFactory)
    case_number = factory.Sequence(lambda n: f"TEST-{n:06d}")
    stage = cases.Stage.FILED
    outcome = cases.Outcome.PENDING
    filed_date = dt.date(2024, 3, 1)
    filed_date_precision = DatePrecision.DAY
    status_text = "Filed; nothing decided yet."
    status_as_of = dt.date(2025, 1, 1)
    status_as_of_precision = DatePrecision.DAY
    publication_status = PublicationStatus.PUBLISHED
    verified = True

    @factory.post_generation
    def jurisdictions(self, create, extracted, **kwargs):
        if not create:
            return
        self.jurisdictions.set(
            extracted
            or [self.court.jurisdiction if self.court else JurisdictionFactory()]
        )


class DisputePartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.DisputeParty

    dispute = factory.SubFactory(DisputeFactory)
    party = factory.SubFactory(PartyFactory)
    role = cases.PartyRole.CLAIMANT
    names_as_pleaded = factory.LazyAttribute(lambda o: [o.party.name])


class DisputeSystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.DisputeSystem

    dispute = factory.SubFactory(DisputeFactory)
    system = factory.SubFactory(AISystemFactory)
    role = cases.SystemRole.ACCUSED


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Claim

    dispute = factory.SubFactory(DisputeFactory)
    theory = factory.SubFactory(LegalTheoryFactory)
    description = factory.Sequence(lambda n: f"Test claim {n}")
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Evidence

    dispute = factory.SubFactory(DisputeFactory)
    kind = cases.EvidenceKind.OUTPUT_COMPARISON
    title = factory.Sequence(lambda n: f"Test exhibit {n}")
    description = factory.Sequence(lambda n: f"Test evidence description {n}")
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.Event

    dispute = factory.SubFactory(DisputeFactory)
    date = dt.date(2024, 3, 1)
    kind = cases.EventKind.FILED
    title = factory.Sequence(lambda n: f"Test event {n}")
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class DisputePrecedentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.DisputePrecedent

    dispute = factory.SubFactory(DisputeFactory)
    precedent = factory.SubFactory(PrecedentFactory)
    relation = cases.PrecedentRelation.RELIES_ON


class OutputComparisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.OutputComparison

    evidence = factory.SubFactory(EvidenceFactory)
    prompt = factory.Sequence(lambda n: f"Test prompt {n}")
    publication_status = PublicationStatus.PUBLISHED
    verified = True


class ComparisonOutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cases.ComparisonOutput

    comparison = factory.SubFactory(OutputComparisonFactory)
    system = factory.SubFactory(AISystemFactory)
    output = factory.Sequence(lambda n: f"Test output {n}")


def judgment_paragraphs(precedent, *numbers) -> law.ImportedDocument:
    """Test data: imported text of `precedent`'s judgment holding paragraphs
    `numbers` (what a pinpoint is checked against)."""
    document = law.ImportedDocument.objects.create(
        precedent=precedent,
        kind=law.DocumentKind.JUDGMENT,
        source_uri=f"https://example.test/judgment/{precedent.pk}",
        content_hash="0" * 64,
    )
    for position, number in enumerate(numbers, start=1):
        law.JudgmentParagraph.objects.create(
            document=document,
            position=position,
            number=str(number),
            anchor=f"para-{number}",
            text="Test paragraph.",
        )
    return document
