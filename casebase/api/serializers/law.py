"""How the law is shown: jurisdictions, theories, courts, statutes, provisions,
precedents (with citations and citator status) and authorities."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebase.api.oscola import oscola_citation
from casebase.api.serializers.common import (
    SLUG,
    CourtRef,
    HtmlUrlField,
    JurisdictionRef,
    OutModelSerializer,
    PrecedentRef,
    ProvisionRef,
    PublishableFields,
    SourceRef,
    StatuteRef,
    TheoryRef,
    link,
)
from casebase.law.models import (
    Authority,
    CitatorFlag,
    Court,
    Jurisdiction,
    LegalTheory,
    Precedent,
    PrecedentStatus,
    Provision,
    Statute,
    Treatment,
)

VERSION_HELP = "Send it back with an update: a stale one is refused with 409."


class JurisdictionOut(OutModelSerializer):
    url = link("jurisdiction", SLUG)
    html_url = HtmlUrlField()
    dispute_count = serializers.IntegerField(read_only=True)
    courts = CourtRef(many=True, read_only=True)

    class Meta:
        model = Jurisdiction
        fields = ["slug", "name", "is_uk", "dispute_count", "courts", "url", "html_url"]


class TheoryOut(OutModelSerializer):
    url = link("theory", SLUG)
    html_url = HtmlUrlField()

    class Meta:
        model = LegalTheory
        fields = ["slug", "name", "description", "position", "url", "html_url"]


class CourtOut(PublishableFields, OutModelSerializer):
    url = link("court", SLUG)
    html_url = HtmlUrlField()
    jurisdiction = JurisdictionRef(read_only=True)
    precedent_count = serializers.IntegerField(read_only=True)
    dispute_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Court
        fields = [
            "slug",
            "name",
            "jurisdiction",
            "tna_code",
            "precedent_count",
            "dispute_count",
            "url",
            "html_url",
            *PublishableFields._declared_fields,
        ]


class StatuteOut(PublishableFields, OutModelSerializer):
    url = link("statute")
    html_url = HtmlUrlField()
    legislation_path = serializers.CharField(read_only=True)
    legislation_gov_uk_url = serializers.URLField(read_only=True)
    provisions = ProvisionRef(many=True, read_only=True)

    class Meta:
        model = Statute
        fields = [
            "id",
            "short_title",
            "legislation_type",
            "year",
            "number",
            "chapter_or_si",
            "legislation_path",
            "legislation_gov_uk_url",
            "provisions",
            "url",
            "html_url",
            *PublishableFields._declared_fields,
        ]


class ProvisionOut(PublishableFields, OutModelSerializer):
    oscola_citation = serializers.SerializerMethodField(
        help_text="The provision cited in OSCOLA style."
    )
    version = serializers.IntegerField(read_only=True, help_text=VERSION_HELP)
    url = link("provision")
    html_url = HtmlUrlField()
    statute = StatuteRef(read_only=True)
    legal_theories = TheoryRef(many=True, read_only=True)
    sources = SourceRef(many=True, read_only=True)
    legislation_uri = serializers.URLField(
        read_only=True, help_text="The provision on legislation.gov.uk."
    )

    class Meta:
        model = Provision
        fields = [
            "id",
            "statute",
            "label",
            "unit",
            "number",
            "heading",
            "summary",
            "legal_theories",
            "relevance",
            "legislation_uri",
            "oscola_citation",
            "notes",
            "source_type",
            "sources",
            "position",
            "version",
            "url",
            "html_url",
            *PublishableFields._declared_fields,
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_oscola_citation(self, obj: Provision) -> str | None:
        return oscola_citation(obj, "provision")


class StatusReason(serializers.Serializer):
    """The later judgment behind a flag. For a judgment reversed on appeal whose
    reversal was itself reversed (caution: "restored on further appeal"),
    `restored_by` names the judgment that reversed the reversal."""

    treatment = serializers.ChoiceField(choices=Treatment.choices, read_only=True)
    citing = PrecedentRef(read_only=True)
    restored_by = PrecedentRef(
        source="restored_by.citing",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The judgment that reversed this reversal on further appeal, "
        "restoring the result (the flag is then caution); null otherwise.",
    )
    text = serializers.SerializerMethodField(
        help_text="The reason in words, as the site shows it: `Reversed in …, "
        "itself reversed in …: restored on further appeal`."
    )

    @extend_schema_field(serializers.CharField())
    def get_text(self, instance: Authority) -> str:
        restored_by = getattr(instance, "restored_by", None)
        return CitatorFlag("", instance, restored_by).reason


class CitatorStatus(serializers.Serializer):
    """The citator flag and the later judgment that causes it (none for good law)."""

    code = serializers.ChoiceField(choices=PrecedentStatus.choices, read_only=True)
    label = serializers.CharField(read_only=True)
    reason = StatusReason(read_only=True, allow_null=True)

    def get_attribute(self, instance):
        # Declared as a field: the status of the precedent at `source`.
        return status_of(super().get_attribute(instance))


def status_of(precedent: Precedent) -> dict:
    code, authority = precedent.status_with_reason()
    return {
        "code": code,
        "label": PrecedentStatus(code).label,
        "reason": authority,
    }


class PrecedentOut(PublishableFields, OutModelSerializer):
    version = serializers.IntegerField(read_only=True, help_text=VERSION_HELP)
    url = link("precedent", SLUG)
    html_url = HtmlUrlField()
    court = CourtRef(read_only=True, allow_null=True)
    citations = serializers.ListField(
        source="all_citations",
        child=serializers.CharField(),
        read_only=True,
        help_text="The neutral citation, then the law-report citations.",
    )
    oscola_citation = serializers.SerializerMethodField(
        help_text="The citation in OSCOLA style; null until the citations library "
        "can format it."
    )
    status = CitatorStatus(source="*", read_only=True)
    legal_theories = TheoryRef(many=True, read_only=True)
    provisions = ProvisionRef(many=True, read_only=True)
    sources = SourceRef(many=True, read_only=True)

    class Meta:
        model = Precedent
        fields = [
            "slug",
            "case_name",
            "neutral_citation",
            "law_report_citations",
            "citations",
            "oscola_citation",
            "citation_path",
            "status",
            "court",
            "court_detail",
            "decision_date",
            "decision_date_note",
            "judges",
            "legal_theories",
            "subject",
            "holding",
            "later_history",
            "notes",
            "appeal_pending",
            "provisions",
            "sources",
            "version",
            "url",
            "html_url",
            *PublishableFields._declared_fields,
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_oscola_citation(self, obj: Precedent) -> str | None:
        return oscola_citation(obj, "precedent")


class AuthorityOut(PublishableFields, OutModelSerializer):
    url = link("authority")
    citing = PrecedentRef(read_only=True)
    cited = PrecedentRef(read_only=True)
    sources = SourceRef(many=True, read_only=True)

    class Meta:
        model = Authority
        fields = [
            "id",
            "citing",
            "treatment",
            "cited",
            "note",
            "reason",
            "pinpoint",
            "sources",
            "url",
            *PublishableFields._declared_fields,
        ]
        extra_kwargs = {"reason": {"read_only": True}, "pinpoint": {"read_only": True}}
