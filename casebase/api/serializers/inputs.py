"""What the API accepts for each writable record: plain values, related records by
slug (or id where a record has no slug). Publication status is never accepted; new
records are drafts (the editorial workflow publishes). The law's records (courts,
statutes, provisions, precedents, treatments) are in `law_inputs.py`."""

from rest_framework import serializers

from casebase.api.serializers.input_base import (
    RECORD,
    SOURCED,
    ById,
    BySlug,
    InputSerializer,
    lines,
    source_ids,
)
from casebase.api.serializers.link_inputs import (
    PartyLinkIn,
    PrecedentLinkIn,
    SystemLinkIn,
    links,
    no_repeats,
)
from casebase.cases.models import (
    AISystem,
    Claim,
    Confidentiality,
    Dispute,
    Event,
    Evidence,
    Party,
)
from casebase.core.models import Source
from casebase.law.models import (
    Court,
    Jurisdiction,
    LegalTheory,
    Provision,
)


class DisputeIn(InputSerializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        write_only=True,
        help_text="The version you read: a stale one is refused with 409.",
    )
    # The admin requires one too (the model's list is not `blank`).
    jurisdictions = BySlug(Jurisdiction, many=True, allow_empty=False)
    court = BySlug(Court, allow_null=True, required=False)
    sources = source_ids()
    unverified_elements = lines()
    parties = links(
        PartyLinkIn,
        "The parties and their roles. Given, it replaces the dispute's list; "
        "left out, the list is kept.",
    )
    ai_systems = links(
        SystemLinkIn,
        "The AI systems and their roles (replaces the list, as `parties`).",
    )
    precedents = links(
        PrecedentLinkIn,
        "Judgments in or relied on by the dispute (replaces the list).",
    )

    def validate_parties(self, links):
        return no_repeats(
            links,
            lambda link: link["party"].pk,
            "A party (each has one role in a dispute)",
        )

    def validate_ai_systems(self, links):
        return no_repeats(
            links,
            lambda link: (link["system"].pk, link["role"]),
            "An AI system in the same role",
        )

    def validate_precedents(self, links):
        return no_repeats(links, lambda link: link["precedent"].pk, "A precedent")

    class Meta:
        model = Dispute
        fields = [
            "slug",
            "title",
            "short_title",
            "summary",
            "jurisdictions",
            "jurisdiction_detail",
            "court",
            "court_detail",
            "case_number",
            "stage",
            "outcome",
            "status_text",
            "status_as_of",
            "status_as_of_precision",
            "status_as_of_note",
            "filed_date",
            "filed_date_precision",
            "filed_date_note",
            "first_decision_date",
            "first_decision_precision",
            "resolved_date",
            "resolved_precision",
            "defence_position",
            "notes",
            "source_type",
            "parties",
            "ai_systems",
            "precedents",
            "version",
            *SOURCED,
        ]


class PartyIn(InputSerializer):
    unverified_elements = lines()

    class Meta:
        model = Party
        fields = ["slug", "name", "kind", "description", *RECORD]


class SystemIn(InputSerializer):
    developer = BySlug(Party, allow_null=True, required=False)
    unverified_elements = lines()

    class Meta:
        model = AISystem
        fields = [
            "slug",
            "name",
            "developer",
            "version",
            "weights",
            "description",
            *RECORD,
        ]


class ClaimIn(InputSerializer):
    dispute = BySlug(Dispute)
    theory = BySlug(LegalTheory)
    provisions = ById(queryset=Provision.objects.all(), many=True, required=False)
    sources = source_ids()
    unverified_elements = lines()

    class Meta:
        model = Claim
        fields = [
            "dispute",
            "theory",
            "nature",
            "description",
            "result",
            "result_note",
            "provisions",
            "position",
            *SOURCED,
        ]


class EvidenceIn(InputSerializer):
    dispute = BySlug(Dispute)
    claims = ById(queryset=Claim.objects.all(), many=True, required=False)
    confidentiality = serializers.ChoiceField(
        choices=[
            (Confidentiality.PUBLIC, Confidentiality.PUBLIC.label),
            (Confidentiality.REDACTED, Confidentiality.REDACTED.label),
        ],
        required=False,
        help_text="Public or redacted. Sealed evidence is entered in the admin: the "
        "API never serves it.",
    )
    sources = source_ids()
    unverified_elements = lines()

    class Meta:
        model = Evidence
        fields = [
            "dispute",
            "reference",
            "kind",
            "title",
            "description",
            "public_description",
            "is_allegation",
            "relied_on_by",
            "claims",
            "assessment",
            "assessment_note",
            "confidentiality",
            "position",
            *SOURCED,
        ]

    def validate(self, attrs):
        dispute = attrs.get("dispute") or getattr(self.instance, "dispute", None)
        claims = attrs.get("claims") or []
        if dispute and any(c.dispute_id != dispute.pk for c in claims):
            raise serializers.ValidationError(
                {"claims": ["Each claim must belong to the same dispute."]}
            )
        return attrs


class EventIn(InputSerializer):
    dispute = BySlug(Dispute)
    sources = source_ids()
    unverified_elements = lines()

    class Meta:
        model = Event
        fields = [
            "dispute",
            "date",
            "date_precision",
            "kind",
            "title",
            "description",
            "position",
            *SOURCED,
        ]


class SourceIn(InputSerializer):
    unverified_elements = lines()

    class Meta:
        model = Source
        fields = [
            "reference",
            "url",
            "title",
            "publisher",
            "date",
            "date_precision",
            "kind",
            "note",
            *RECORD,
        ]
