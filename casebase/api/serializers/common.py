"""Fields and short references shared by the output serializers."""

from django.urls import NoReverseMatch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casebase.cases.models import AISystem, Dispute, Party
from casebase.core.models import Source
from casebase.law.models import (
    Court,
    Jurisdiction,
    LegalTheory,
    Precedent,
    Provision,
    Statute,
)

SLUG = "slug"


@extend_schema_field(serializers.URLField(allow_null=True))
class HtmlUrlField(serializers.Field):
    """The record's page on the site, as an absolute URL (null if its identity does
    not fit the site's URL scheme, rather than failing the whole response)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        try:
            path = value.get_absolute_url()
        except NoReverseMatch:
            return None
        return request.build_absolute_uri(path) if request else path


def link(view: str, lookup: str = "pk") -> serializers.HyperlinkedIdentityField:
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view}-detail", lookup_field=lookup
    )


class PublishableFields(serializers.Serializer):
    """What every record of fact carries: its status and how sure we are of it."""

    publication_status = serializers.CharField(read_only=True)
    verified = serializers.BooleanField(read_only=True)
    unverified_elements = serializers.ListField(
        child=serializers.CharField(), read_only=True
    )
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class JurisdictionRef(serializers.ModelSerializer):
    url = link("jurisdiction", SLUG)

    class Meta:
        model = Jurisdiction
        fields = ["slug", "name", "url"]


class TheoryRef(serializers.ModelSerializer):
    url = link("theory", SLUG)

    class Meta:
        model = LegalTheory
        fields = ["slug", "name", "url"]


class CourtRef(serializers.ModelSerializer):
    url = link("court", SLUG)

    class Meta:
        model = Court
        fields = ["slug", "name", "url"]


class PartyRef(serializers.ModelSerializer):
    url = link("party", SLUG)

    class Meta:
        model = Party
        fields = ["slug", "name", "kind", "url"]


class SystemRef(serializers.ModelSerializer):
    url = link("system", SLUG)

    class Meta:
        model = AISystem
        fields = ["slug", "name", "version", "url"]


class StatuteRef(serializers.ModelSerializer):
    url = link("statute")
    legislation_path = serializers.CharField(read_only=True)

    class Meta:
        model = Statute
        fields = ["id", "short_title", "legislation_path", "url"]


class ProvisionRef(serializers.ModelSerializer):
    url = link("provision")
    statute = serializers.CharField(source="statute.short_title", read_only=True)

    class Meta:
        model = Provision
        fields = ["id", "statute", "label", "legislation_uri", "url"]


class PrecedentRef(serializers.ModelSerializer):
    url = link("precedent", SLUG)

    class Meta:
        model = Precedent
        fields = ["slug", "case_name", "neutral_citation", "decision_date", "url"]


class DisputeRef(serializers.ModelSerializer):
    url = link("dispute", SLUG)

    class Meta:
        model = Dispute
        fields = ["slug", "title", "short_title", "url"]


class SourceRef(serializers.ModelSerializer):
    url = link("source")

    class Meta:
        model = Source
        fields = ["id", "reference", "address", "title", "url"]

    address = serializers.CharField(source="url", read_only=True)
