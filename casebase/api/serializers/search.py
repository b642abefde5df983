"""How search results are shown: hits with highlights, facets, notices."""

from collections import defaultdict

from rest_framework import serializers

from casebase.api.serializers.common import filled_url
from casebase.cases.models import AISystem, Dispute, Party
from casebase.law.models import Precedent
from casebase.search.query import DocType, Hit, strip_marks

# Records looked up by slug in the API; the others by id.
_SLUGGED = {
    DocType.DISPUTE: (Dispute, "dispute"),
    DocType.PRECEDENT: (Precedent, "precedent"),
    DocType.PARTY: (Party, "party"),
    DocType.SYSTEM: (AISystem, "system"),
}
_BY_ID = {DocType.PROVISION: "provision", DocType.EVIDENCE: "evidence"}


def api_links(hits: list[Hit], request) -> dict[str, str | None]:
    """Each hit's API URL, with one query per slugged type on the page (links
    filled into one template per view, `filled_url`)."""
    ids = defaultdict(list)
    for hit in hits:
        ids[hit.doc_type].append(hit.object_id)
    context = {"request": request}
    links = {}
    for doc_type, (model, view) in _SLUGGED.items():
        if ids.get(doc_type):
            for pk, slug in model.objects.filter(pk__in=ids[doc_type]).values_list(
                "pk", "slug"
            ):
                links[f"{doc_type}:{pk}"] = filled_url(
                    context, f"api:{view}-detail", slug
                )
    for doc_type, view in _BY_ID.items():
        for pk in ids.get(doc_type, []):
            links[f"{doc_type}:{pk}"] = filled_url(context, f"api:{view}-detail", pk)
    return links


class HitOut(serializers.Serializer):
    type = serializers.CharField(source="doc_type")
    type_label = serializers.CharField()
    id = serializers.IntegerField(source="object_id")
    title = serializers.SerializerMethodField()
    title_html = serializers.CharField()
    citations = serializers.ListField(child=serializers.CharField())
    snippet = serializers.SerializerMethodField()
    snippet_html = serializers.CharField(help_text="Escaped; matches in <mark>.")
    date = serializers.DateField(allow_null=True)
    score = serializers.FloatField()
    citation_match = serializers.BooleanField()
    url = serializers.SerializerMethodField(help_text="The record in the API.")
    html_url = serializers.SerializerMethodField(help_text="The record's page.")

    def get_title(self, hit: Hit) -> str:
        return strip_marks(hit.title)

    def get_snippet(self, hit: Hit) -> str:
        return strip_marks(hit.snippet)

    def get_url(self, hit: Hit) -> str | None:
        return self.context["links"].get(f"{hit.doc_type}:{hit.object_id}")

    def get_html_url(self, hit: Hit) -> str:
        return self.context["request"].build_absolute_uri(hit.url)


class FacetValueOut(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class ResultsOut(serializers.Serializer):
    q = serializers.CharField(source="query.text")
    page = serializers.IntegerField(source="query.page")
    page_size = serializers.IntegerField(source="query.per_page")
    pages = serializers.IntegerField()
    total = serializers.IntegerField()
    hits = HitOut(many=True)
    facets = serializers.DictField(child=FacetValueOut(many=True))
    notices = serializers.ListField(child=serializers.CharField())
    suggestion = serializers.CharField()
    corrected_from = serializers.CharField()
    timed_out = serializers.BooleanField()
