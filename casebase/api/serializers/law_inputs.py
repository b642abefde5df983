"""What the API accepts for the law's writable records: courts, statutes,
provisions, precedents and treatments (`inputs.py` has the disputes' records)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from casebase.api import services
from casebase.api.serializers.input_base import (
    RECORD,
    SOURCED,
    ById,
    BySlug,
    InputSerializer,
    lines,
    source_ids,
)
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

# What an editor states with a treatment, and the rule each follows.
STATED_RULES = {
    "reason": treatments.stated_reason,
    "pinpoint": treatments.stated_pinpoint,
}


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
