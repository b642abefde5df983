"""What the API accepts for each writable record: plain values, related records by
slug (or id where a record has no slug). Publication status is never accepted; new
records are drafts (the editorial workflow publishes)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from casebase.api import services
from casebase.api.serializers.input_base import (
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
from casebase.law import treatments
from casebase.law.models import (
    Authority,
    Court,
    Jurisdiction,
    LegalTheory,
    Precedent,
    Provision,
    Statute,
)

RECORD = ["verified", "unverified_elements"]
# Where the record's facts were read (a list of source ids).
SOURCED = ["sources", *RECORD]
# What an editor states with a treatment, and the rule each follows.
STATED_RULES = {
    "reason": treatments.stated_reason,
    "pinpoint": treatments.stated_pinpoint,
}


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


class CourtIn(InputSerializer):
    jurisdiction = BySlug(Jurisdiction)
    unverified_elements = lines()

    class Meta:
        model = Court
        fields = ["slug", "name", "jurisdiction", "tna_code", *RECORD]


class StatuteIn(InputSerializer):
    # Bounded as legislation.gov.uk (and the statute's page URL) numbers them.
    year = serializers.IntegerField(min_value=1000, max_value=2999)
    number = serializers.IntegerField(min_value=1, max_value=999_999_999)
    unverified_elements = lines()

    class Meta:
        model = Statute
        fields = [
            "legislation_type",
            "year",
            "number",
            "short_title",
            "chapter_or_si",
            *RECORD,
        ]


class ProvisionIn(InputSerializer):
    unit = serializers.ChoiceField(
        choices=[("section", "section"), ("regulation", "regulation")],
        required=False,
        help_text="As in the legislation.gov.uk URI.",
    )
    number = serializers.RegexField(
        r"^[0-9A-Za-z]{1,20}$",
        max_length=20,
        help_text="The section or regulation number in the URI: `16`, `3A`.",
    )
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        write_only=True,
        help_text="The version you read: a stale one is refused with 409.",
    )
    statute = ById(queryset=Statute.objects.all())
    legal_theories = BySlug(LegalTheory, many=True, required=False)
    sources = source_ids()
    unverified_elements = lines()

    class Meta:
        model = Provision
        fields = [
            "statute",
            "label",
            "unit",
            "number",
            "heading",
            "summary",
            "legal_theories",
            "relevance",
            "legislation_uri",
            "notes",
            "source_type",
            "position",
            "version",
            *SOURCED,
        ]


class PrecedentIn(InputSerializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        write_only=True,
        help_text="The version you read: a stale one is refused with 409.",
    )
    court = BySlug(Court)
    law_report_citations = lines()
    legal_theories = BySlug(LegalTheory, many=True, required=False)
    provisions = ById(queryset=Provision.objects.all(), many=True, required=False)
    sources = source_ids()
    unverified_elements = lines()

    class Meta:
        model = Precedent
        fields = [
            "slug",
            "case_name",
            "neutral_citation",
            "law_report_citations",
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
            "provisions",
            "appeal_pending",
            "version",
            *SOURCED,
        ]


class AuthorityIn(InputSerializer):
    """A treatment. As in the editors' admin, its reason and the paragraph of the
    later judgment where it is are required whenever a write adds or changes it,
    and whoever creates it is recorded as the editor who set it."""

    citing = BySlug(Precedent)
    cited = BySlug(Precedent)
    sources = source_ids()
    unverified_elements = lines()

    class Meta:
        model = Authority
        fields = ["citing", "cited", "treatment", "note", *STATED_RULES, *SOURCED]
        # Required keys (the schema says so); their values are checked in
        # `validate()`, where a reference row left unchanged may keep them empty.
        extra_kwargs = {
            "reason": {
                "required": True,
                "allow_blank": True,
                "error_messages": {"required": treatments.REASON_MISSING},
                "help_text": "Why the later judgment treats it so, in a few words "
                "(at least 10 characters; whitespace is collapsed). Required on "
                "every write that adds or changes the treatment.",
            },
            "pinpoint": {
                "required": True,
                "allow_blank": True,
                "error_messages": {"required": treatments.PINPOINT_MISSING},
                "help_text": "The paragraph(s) of the later judgment where the "
                "treatment is: `12`, `para 12`, `[12]` or `[12]-[14]`, stored as "
                "`[12]` or `[12]-[14]`. Where the judgment's text is imported, the "
                "paragraph must be in it. Required on every write that adds or "
                "changes the treatment.",
            },
        }

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance
        # As the admin's form: the rule binds a row being added or changed at all.
        stated = instance is None or services.would_change(instance, attrs)
        errors: dict[str, list[str]] = {}
        for name, rule in STATED_RULES.items():
            if not stated and name not in attrs:
                continue
            current = getattr(instance, name) if instance is not None else ""
            try:
                value = rule(attrs.get(name, current), current=current, stated=stated)
            except DjangoValidationError as error:
                errors[name] = error.messages
                continue
            attrs[name] = value
        citing = attrs.get("citing", getattr(instance, "citing", None))
        cited = attrs.get("cited", getattr(instance, "cited", None))
        if stated and "pinpoint" not in errors:
            try:
                treatments.check_paragraph_held(citing, attrs.get("pinpoint"))
            except DjangoValidationError as error:
                errors["pinpoint"] = error.messages
        if treatments.cites_itself(citing, cited):
            errors["cited" if "cited" in attrs else "citing"] = [
                treatments.CITES_ITSELF
            ]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


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
