"""How disputes and their parts are shown. A dispute embeds its parties, AI systems,
claims and events (and, in detail, evidence, precedents and sources), all from rows
the selectors prefetched through the visibility rule."""

from django.db.models.manager import BaseManager
from rest_framework import serializers

from casebase.api.selectors import served
from casebase.api.serializers.common import (
    SLUG,
    CourtRef,
    DisputeRef,
    HtmlUrlField,
    JurisdictionRef,
    OutModelSerializer,
    PartyRef,
    PrecedentRef,
    ProvisionRef,
    PublishableFields,
    SourceRef,
    SystemRef,
    TheoryRef,
    link,
)
from casebase.api.serializers.law import VERSION_HELP, CitatorStatus
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


class PartyOut(PublishableFields, OutModelSerializer):
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


class SystemOut(PublishableFields, OutModelSerializer):
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


class DisputePartyOut(OutModelSerializer):
    party = PartyRef(read_only=True)

    class Meta:
        model = DisputeParty
        fields = ["party", "role", "names_as_pleaded"]


class DisputeSystemOut(OutModelSerializer):
    system = SystemRef(read_only=True)

    class Meta:
        model = DisputeSystem
        fields = ["system", "role", "note"]


class ClaimBrief(OutModelSerializer):
    url = link("claim")
    theory = TheoryRef(read_only=True)

    class Meta:
        model = Claim
        fields = ["id", "theory", "nature", "description", "result", "url"]


class ClaimOut(PublishableFields, OutModelSerializer):
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


class EventBrief(OutModelSerializer):
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


class EventOut(PublishableFields, OutModelSerializer):
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


class ComparisonOutputOut(OutModelSerializer):
    system = SystemRef(read_only=True)

    class Meta:
        model = ComparisonOutput
        fields = ["system", "output", "captured_at", "settings"]


class OutputComparisonOut(OutModelSerializer):
    outputs = ComparisonOutputOut(many=True, read_only=True)

    class Meta:
        model = OutputComparison
        fields = ["id", "prompt", "prompt_kind", "notes", "outputs"]


class PublicContents(serializers.ListSerializer):
    """An evidence item's comparisons: only a public item shows its contents."""

    def get_attribute(self, instance: Evidence):
        if instance.confidentiality != Confidentiality.PUBLIC:
            return []
        return super().get_attribute(instance)


class ServedList(serializers.ListSerializer):
    """Evidence rows fetched through the visibility rule, less sealed items."""

    def to_representation(self, data):
        rows = data.all() if isinstance(data, BaseManager) else data
        return super().to_representation(served(list(rows)))


class EvidenceOut(PublishableFields, OutModelSerializer):
    """Public evidence in full; redacted evidence shows only its public description
    and none of its contents (comparisons); sealed evidence is never served."""

    url = link("evidence")
    dispute = DisputeRef(read_only=True)
    description = serializers.CharField(
        source="shown_description",
        read_only=True,
        help_text="What it shows (for redacted evidence, the public description).",
    )
    assessment_note = serializers.CharField(
        source="shown_assessment_note",
        read_only=True,
        help_text="The court's note (none for redacted evidence).",
    )
    claims = ClaimBrief(many=True, read_only=True)
    comparisons = PublicContents(child=OutputComparisonOut(), read_only=True)
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
        list_serializer_class = ServedList


class DisputePrecedentOut(OutModelSerializer):
    precedent = PrecedentRef(read_only=True)
    status = CitatorStatus(source="precedent", read_only=True)

    class Meta:
        model = DisputePrecedent
        fields = ["precedent", "relation", "note", "status"]


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


class DisputeListOut(PublishableFields, OutModelSerializer):
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
    evidence = EvidenceOut(many=True, read_only=True)
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


class SourceOut(PublishableFields, OutModelSerializer):
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
