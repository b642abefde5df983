"""How disputes and their parts are shown. A dispute embeds its parties, AI systems,
claims and events (and, in detail, evidence, precedents and sources), all from rows
the selectors prefetched through the visibility rule."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebase.api.selectors import served
from casebase.api.serializers.common import (
    SLUG,
    CourtRef,
    DisputeRef,
    HtmlUrlField,
    JurisdictionRef,
    PartyRef,
    PrecedentRef,
    ProvisionRef,
    PublishableFields,
    SourceRef,
    SystemRef,
    TheoryRef,
    link,
)
from casebase.api.serializers.law import VERSION_HELP, CitatorStatus, status_of
from casebase.cases.models import (
    AISystem,
    Claim,
    ComparisonOutput,
    Confidentiality,
    Dispute,
    DisputeParty,
    DisputePrecedent,
    DisputeSystem,
    Event,
    Evidence,
    OutputComparison,
    Party,
)
from casebase.core.models import Source


class PartyOut(PublishableFields, serializers.ModelSerializer):
    url = link("party", SLUG)
    html_url = HtmlUrlField()
    dispute_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Party
        fields = [
            "slug",
            "name",
            "kind",
            "description",
            "dispute_count",
            "url",
            "html_url",
            *PublishableFields._declared_fields,
        ]


class SystemOut(PublishableFields, serializers.ModelSerializer):
    url = link("system", SLUG)
    html_url = HtmlUrlField()
    developer = PartyRef(read_only=True, allow_null=True)
    dispute_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = AISystem
        fields = [
            "slug",
            "name",
            "version",
            "developer",
            "weights",
            "description",
            "dispute_count",
            "url",
            "html_url",
            *PublishableFields._declared_fields,
        ]


class DisputePartyOut(serializers.ModelSerializer):
    party = PartyRef(read_only=True)

    class Meta:
        model = DisputeParty
        fields = ["party", "role", "names_as_pleaded"]


class DisputeSystemOut(serializers.ModelSerializer):
    system = SystemRef(read_only=True)

    class Meta:
        model = DisputeSystem
        fields = ["system", "role", "note"]


class ClaimBrief(serializers.ModelSerializer):
    url = link("claim")
    theory = TheoryRef(read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "theory", "nature", "description", "result", "url"]


class ClaimOut(PublishableFields, serializers.ModelSerializer):
    url = link("claim")
    dispute = DisputeRef(read_only=True)
    theory = TheoryRef(read_only=True)
    provisions = ProvisionRef(many=True, read_only=True)
    sources = SourceRef(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "dispute",
            "theory",
            "nature",
            "description",
            "result",
            "result_note",
            "provisions",
            "sources",
            "position",
            "url",
            *PublishableFields._declared_fields,
        ]


class EventBrief(serializers.ModelSerializer):
    url = link("event")
    date_display = serializers.CharField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "date",
            "date_precision",
            "date_display",
            "kind",
            "title",
            "url",
        ]


class EventOut(PublishableFields, serializers.ModelSerializer):
    url = link("event")
    dispute = DisputeRef(read_only=True)
    date_display = serializers.CharField(read_only=True)
    sources = SourceRef(many=True, read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "dispute",
            "date",
            "date_precision",
            "date_display",
            "kind",
            "title",
            "description",
            "sources",
            "position",
            "url",
            *PublishableFields._declared_fields,
        ]


class ComparisonOutputOut(serializers.ModelSerializer):
    system = SystemRef(read_only=True)

    class Meta:
        model = ComparisonOutput
        fields = ["system", "output", "captured_at", "settings"]


class OutputComparisonOut(serializers.ModelSerializer):
    outputs = ComparisonOutputOut(many=True, read_only=True)

    class Meta:
        model = OutputComparison
        fields = ["id", "prompt", "prompt_kind", "notes", "outputs"]


class EvidenceOut(PublishableFields, serializers.ModelSerializer):
    """Public evidence in full; redacted evidence shows only its public description
    and none of its contents (comparisons); sealed evidence is never served."""

    url = link("evidence")
    dispute = DisputeRef(read_only=True)
    description = serializers.CharField(
        source="shown_description",
        read_only=True,
        help_text="What it shows (for redacted evidence, the public description).",
    )
    claims = ClaimBrief(many=True, read_only=True)
    comparisons = serializers.SerializerMethodField()
    sources = SourceRef(many=True, read_only=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "dispute",
            "reference",
            "kind",
            "title",
            "description",
            "confidentiality",
            "is_allegation",
            "relied_on_by",
            "claims",
            "assessment",
            "assessment_note",
            "comparisons",
            "sources",
            "position",
            "url",
            *PublishableFields._declared_fields,
        ]

    @extend_schema_field(OutputComparisonOut(many=True))
    def get_comparisons(self, obj: Evidence) -> list:
        if obj.confidentiality != Confidentiality.PUBLIC:
            return []
        return OutputComparisonOut(
            obj.comparisons.all(), many=True, context=self.context
        ).data


class DisputePrecedentOut(serializers.ModelSerializer):
    precedent = PrecedentRef(read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = DisputePrecedent
        fields = ["precedent", "relation", "note", "status"]

    @extend_schema_field(CitatorStatus)
    def get_status(self, obj: DisputePrecedent) -> dict:
        return CitatorStatus(status_of(obj.precedent), context=self.context).data


_CORE = [
    "slug",
    "title",
    "short_title",
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
    "filed_date",
    "filed_date_precision",
    "first_decision_date",
    "first_decision_precision",
    "resolved_date",
    "resolved_precision",
    "parties",
    "ai_systems",
    "claims",
    "events",
]
_TAIL = ["version", "url", "html_url", *PublishableFields._declared_fields]


class DisputeListOut(PublishableFields, serializers.ModelSerializer):
    version = serializers.IntegerField(read_only=True, help_text=VERSION_HELP)
    url = link("dispute", SLUG)
    html_url = HtmlUrlField()
    jurisdictions = JurisdictionRef(many=True, read_only=True)
    court = CourtRef(read_only=True, allow_null=True)
    parties = DisputePartyOut(source="party_roles", many=True, read_only=True)
    ai_systems = DisputeSystemOut(source="system_roles", many=True, read_only=True)
    claims = ClaimBrief(many=True, read_only=True)
    events = EventBrief(many=True, read_only=True)

    class Meta:
        model = Dispute
        fields = [*_CORE, *_TAIL]


class DisputeDetailOut(DisputeListOut):
    claims = ClaimOut(many=True, read_only=True)
    events = EventOut(many=True, read_only=True)
    evidence = serializers.SerializerMethodField()
    precedents = DisputePrecedentOut(
        source="precedent_links", many=True, read_only=True
    )
    sources = SourceRef(many=True, read_only=True)

    class Meta:
        model = Dispute
        fields = [
            *_CORE,
            "summary",
            "evidence",
            "precedents",
            "defence_position",
            "notes",
            "source_type",
            "sources",
            *_TAIL,
        ]

    @extend_schema_field(EvidenceOut(many=True))
    def get_evidence(self, obj: Dispute) -> list:
        return EvidenceOut(
            served(list(obj.evidence.all())), many=True, context=self.context
        ).data


class SourceOut(PublishableFields, serializers.ModelSerializer):
    url = link("source")
    html_url = HtmlUrlField()
    address = serializers.CharField(source="url", read_only=True)
    date_display = serializers.CharField(read_only=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "reference",
            "address",
            "title",
            "publisher",
            "date",
            "date_precision",
            "date_display",
            "kind",
            "note",
            "url",
            "html_url",
            *PublishableFields._declared_fields,
        ]
