"""Fields and short references shared by the output serializers.

Links are the largest cost of a page of records if each is reversed on its own (a
page of disputes holds hundreds). `filled_url()` reverses a view once per response
with a placeholder and fills each record's slug or id into the text, which gives
the same URL as `reverse()` for every value a slug or id can be.
"""

import copy
import re

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import preserve_builtin_query_params
from rest_framework.reverse import reverse as drf_reverse

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
# Matches both the API's slug and id patterns, and occurs in no other URL text.
PLACEHOLDER = "918273645546372819"
# Values that reverse() puts into a path unchanged.
PLAIN = re.compile(r"[-a-zA-Z0-9_]{1,200}")
TEMPLATES = "_url_templates"


# Paths reversed with the placeholder, kept for the process: a path depends only
# on the view, the URLconf and the script prefix (the site has no per-language URLs).
_PATHS: dict[tuple, str] = {}


def _reversed(view_name: str, request) -> str:
    """DRF's `reverse(view_name, args=[PLACEHOLDER], request=request)`, the path
    looked up once per process rather than resolved for every response."""
    if getattr(request, "versioning_scheme", None) is not None:
        return drf_reverse(view_name, args=[PLACEHOLDER], request=request)
    key = (view_name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    path = _PATHS.get(key)
    if path is None:
        path = _PATHS[key] = django_reverse(view_name, args=[PLACEHOLDER])
    url = request.build_absolute_uri(path) if request else path
    return preserve_builtin_query_params(url, request)


def url_parts(context: dict, view_name: str, *, absolute: bool = True):
    """`view_name`'s URL split around its slug or id, `(before, after)`, built
    once per `context` (one response)."""
    templates = context.setdefault(TEMPLATES, {})
    key = (view_name, absolute)
    if key not in templates:
        request = context.get("request") if absolute else None
        before, _, after = _reversed(view_name, request).partition(PLACEHOLDER)
        templates[key] = (before, after)
    return templates[key]


def filled_url(context: dict, view_name: str, value, *, absolute: bool = True):
    """The URL of `view_name` for one slug or id, reversed once per `context` (one
    response). Returns None for a value reverse() would reject."""
    text = str(value)
    if not PLAIN.fullmatch(text):
        return None
    before, after = url_parts(context, view_name, absolute=absolute)
    return before + text + after


# Site pages whose URL is the record's slug alone (the others ask the record).
PAGE_BY_SLUG = {
    Dispute: "cases:dispute-detail",
    Party: "cases:party-detail",
    AISystem: "cases:system-detail",
    Court: "law:court-detail",
    Jurisdiction: "law:jurisdiction-detail",
    LegalTheory: "law:theory-detail",
}


@extend_schema_field(serializers.URLField(allow_null=True))
class HtmlUrlField(serializers.Field):
    """The record's page on the site, as an absolute URL (null if its identity does
    not fit the site's URL scheme, rather than failing the whole response)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        view_name = PAGE_BY_SLUG.get(type(value))
        if view_name:
            return filled_url(self.context, view_name, value.slug)
        request = self.context.get("request")
        try:
            path = value.get_absolute_url()
        except NoReverseMatch:
            return None
        return request.build_absolute_uri(path) if request else path


class Link(serializers.HyperlinkedIdentityField):
    """The record's API URL, filled into a template reversed once per response."""

    def get_url(self, obj, view_name, request, format):
        if getattr(obj, "pk", None) in (None, "") or format:
            return super().get_url(obj, view_name, request, format)
        value = getattr(obj, self.lookup_field)
        url = filled_url(self.context, view_name, value)
        return url or super().get_url(obj, view_name, request, format)


def link(view: str, lookup: str = "pk") -> serializers.HyperlinkedIdentityField:
    return Link(view_name=f"api:{view}-detail", lookup_field=lookup)


_FIELDS: dict[type, dict] = {}


class OutModelSerializer(serializers.ModelSerializer):
    """An output serializer whose fields are built from the model once per class
    and copied for each response (DRF builds them anew every time)."""

    def get_fields(self):
        cls = type(self)
        if cls not in _FIELDS:
            _FIELDS[cls] = super().get_fields()
        return copy.deepcopy(_FIELDS[cls])


class PublishableFields(serializers.Serializer):
    """What every record of fact carries: its status and how sure we are of it."""

    publication_status = serializers.CharField(read_only=True)
    verified = serializers.BooleanField(read_only=True)
    unverified_elements = serializers.ListField(
        child=serializers.CharField(), read_only=True
    )
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)


class JurisdictionRef(OutModelSerializer):
    url = link("jurisdiction", SLUG)

    class Meta:
        model = Jurisdiction
        fields = ["slug", "name", "url"]


class TheoryRef(OutModelSerializer):
    url = link("theory", SLUG)

    class Meta:
        model = LegalTheory
        fields = ["slug", "name", "url"]


class CourtRef(OutModelSerializer):
    url = link("court", SLUG)

    class Meta:
        model = Court
        fields = ["slug", "name", "url"]


class PartyRef(OutModelSerializer):
    url = link("party", SLUG)

    class Meta:
        model = Party
        fields = ["slug", "name", "kind", "url"]


class SystemRef(OutModelSerializer):
    url = link("system", SLUG)

    class Meta:
        model = AISystem
        fields = ["slug", "name", "version", "url"]


class StatuteRef(OutModelSerializer):
    url = link("statute")
    legislation_path = serializers.CharField(read_only=True)

    class Meta:
        model = Statute
        fields = ["id", "short_title", "legislation_path", "url"]


class ProvisionRef(OutModelSerializer):
    url = link("provision")
    statute = serializers.CharField(source="statute.short_title", read_only=True)

    class Meta:
        model = Provision
        fields = ["id", "statute", "label", "legislation_uri", "url"]


class PrecedentRef(OutModelSerializer):
    url = link("precedent", SLUG)

    class Meta:
        model = Precedent
        fields = ["slug", "case_name", "neutral_citation", "decision_date", "url"]


class DisputeRef(OutModelSerializer):
    url = link("dispute", SLUG)

    class Meta:
        model = Dispute
        fields = ["slug", "title", "short_title", "url"]


class SourceRef(OutModelSerializer):
    url = link("source")

    class Meta:
        model = Source
        fields = ["id", "reference", "address", "title", "url"]

    address = serializers.CharField(source="url", read_only=True)
