"""How search results are shown: hits with highlights, facets, notices."""

from collections import defaultdict

from rest_framework import serializers

from casebase.api.serializers.common import filled_url
from casebase.cases.models import AISystem, Dispute, Party
from casebase.law.models import Precedent
from casebase.search.query import FACETS, DocType, Hit, strip_marks

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
    type = serializers.ChoiceField(choices=DocType.choices, source="doc_type")
    type_label = serializers.CharField()
    id = serializers.IntegerField(source="object_id")
    title = serializers.SerializerMethodField()
    title_html = serializers.CharField()
    citations = serializers.ListField(child=serializers.CharField())
    snippet = serializers.SerializerMethodField()
    snippet_html = serializers.CharField(help_text="Escaped; matches in <mark>.")
    date = serializers.DateField(
        allow_null=True,
        help_text="For sorting: a date known only to the month or year is the "
        "first day of that month or year (see `date_display`).",
    )
    date_display = serializers.CharField(
        help_text="The date as precisely as it is known (`24 February 2023`, "
        "`March 2025` or `2025`); empty when there is none."
    )
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


class FacetsOut(serializers.Serializer):
    """Each facet's values with their counts; a facet with none is left out."""

    def get_fields(self):
        return {
            name: FacetValueOut(many=True, required=False, help_text=label)
            for name, label in FACETS.items()
        }


class ResultsOut(serializers.Serializer):
    q = serializers.CharField(
        source="query.text",
        help_text="The query the results are for: the corrected one when "
        "`corrected_from` is set.",
    )
    page = serializers.IntegerField(source="query.page")
    page_size = serializers.IntegerField(source="query.per_page")
    pages = serializers.IntegerField()
    total = serializers.IntegerField()
    hits = HitOut(many=True)
    facets = FacetsOut()
    notices = serializers.ListField(
        child=serializers.CharField(),
        help_text="What was changed in or left out of the query, in words.",
    )
    suggestion = serializers.CharField(
        help_text="The corrected query the results are for (did you mean); empty "
        "when the query was searched as typed."
    )
    corrected_from = serializers.CharField(
        help_text="The query as typed, when it found nothing and `suggestion` was "
        "searched instead; else empty."
    )
    timed_out = serializers.BooleanField(
        help_text="The search was stopped at its time limit: the hits are those "
        "found so far."
    )
