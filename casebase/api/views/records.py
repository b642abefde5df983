"""One viewset per resource: which selectors, serializers and filters it uses.

Lookups are by slug where a record has one (disputes, parties, courts, precedents ...)
and by id otherwise; the URL pattern admits only what a slug or id can be.
"""

from django.http import Http404
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view

from casebase.api import filters, lean, lean_detail, selectors
from casebase.api.pagination import Pages
from casebase.api.serializers import cases as out_cases
from casebase.api.serializers import inputs, law_inputs
from casebase.api.serializers import law as out_law
from casebase.api.views.base import (
    ID_REGEX,
    SLUG_REGEX,
    ReadOnlyRecordViewSet,
    RecordViewSet,
)


class BySlug:
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX


class ById:
    lookup_field = "pk"
    lookup_value_regex = ID_REGEX


def _a(name: str) -> str:
    return ("an " if name[0].lower() in "aeiou" else "a ") + name


def documented(name: str, plural: str, *, writable: bool = True, examples=()):
    """Summaries and tags for the schema, the same words on every resource."""
    ops = {
        "list": extend_schema(summary=f"List {plural}", tags=[plural]),
        "retrieve": extend_schema(
            summary=f"Read one {name}",
            tags=[plural],
            description=(
                "Sends ETag and Last-Modified; answers 304 to a matching "
                "If-None-Match or If-Modified-Since."
                if writable
                # Vocabulary keeps no change time (views/base.py, ReadOnlyRecordViewSet).
                else "Sends an ETag; answers 304 to a matching If-None-Match."
            ),
        ),
    }
    if writable:
        ops.update(
            create=extend_schema(
                summary=f"Create {_a(name)} (editors)",
                tags=[plural],
                examples=list(examples),
            ),
            update=extend_schema(
                summary=f"Replace {_a(name)} (editors)",
                tags=[plural],
                description="Send If-Match with the ETag you read: a stale copy is "
                "refused with 409.",
            ),
            partial_update=extend_schema(
                summary=f"Change some fields of {_a(name)} (editors)",
                tags=[plural],
                description="Send If-Match with the ETag you read: a stale copy is "
                "refused with 409.",
            ),
            destroy=extend_schema(
                summary=f"Delete {_a(name)} (editors)",
                tags=[plural],
                description="409 when other records depend on it.",
            ),
        )
    return extend_schema_view(**ops)


@documented(
    "dispute",
    "disputes",
    examples=[
        OpenApiExample(
            "A public accusation with no proceedings",
            request_only=True,
            value={
                "slug": "example-labs-v-testco",
                "title": "Example Labs v Testco (accusation)",
                "jurisdictions": ["england-and-wales"],
                "stage": "alleged",
                "outcome": "pending",
                "summary": "An illustrative record: the names are made up.",
            },
        )
    ],
)
class DisputeViewSet(BySlug, RecordViewSet):
    """Disputes, each with its parties, AI systems, claims and events (and, in detail, evidence, precedents and sources)."""

    list_selector = staticmethod(selectors.dispute_page_queryset)
    detail_selector = staticmethod(selectors.dispute_detail_queryset)
    list_serializer = out_cases.DisputeListOut
    detail_serializer = out_cases.DisputeDetailOut
    input_serializer = inputs.DisputeIn
    filterset_class = filters.DisputeFilterSet
    ordering_fields = ["updated_at", "created_at", "title"]
    etag_relations = (
        "jurisdictions",
        "court",
        "party_roles__party",
        "system_roles__system",
        "claims",
        "claims__provisions",
        "evidence",
        "evidence__comparisons",
        "events",
        "precedent_links__precedent",
        "sources",
    )

    def list_data(self, request):
        # The fast path: plain rows, shaped as DisputeListOut (see casebase/api/lean.py).
        disputes = self.filter_queryset(self.get_queryset())
        rows = lean.with_court(disputes, user=request.user).values(*lean.COLUMNS)
        page = self.paginate_queryset(rows)
        data = lean.dispute_rows(
            page,
            user=request.user,
            context=self.get_serializer_context(),
            using=rows.db,
        )
        return self.get_paginated_response(data).data

    def detail_data(self, request):
        # The fast path: plain rows, shaped as DisputeDetailOut (lean_detail.py).
        disputes = selectors.dispute_page_queryset(user=request.user)
        found = lean_detail.dispute_detail(
            self.filter_queryset(disputes),
            self.kwargs[self.lookup_url_kwarg or self.lookup_field],
            user=request.user,
            context=self.get_serializer_context(),
            filtered=filters.FilterBackend().names_a_filter(request, disputes, self),
        )
        if found is None:
            raise Http404
        return found


@documented("party", "parties")
class PartyViewSet(BySlug, RecordViewSet):
    """Parties to disputes: organisations, people, classes, states."""

    list_selector = detail_selector = staticmethod(selectors.party_queryset)
    list_serializer = detail_serializer = out_cases.PartyOut
    input_serializer = inputs.PartyIn
    filterset_class = filters.PartyFilterSet
    ordering_fields = ["name", "updated_at", "created_at"]
    ordering = ["name", "pk"]


@documented("AI system", "ai-systems")
class SystemViewSet(BySlug, RecordViewSet):
    """AI systems involved in disputes, with their developer."""

    list_selector = detail_selector = staticmethod(selectors.system_queryset)
    list_serializer = detail_serializer = out_cases.SystemOut
    input_serializer = inputs.SystemIn
    filterset_class = filters.SystemFilterSet
    ordering_fields = ["name", "updated_at", "created_at"]
    ordering = ["name", "pk"]
    etag_relations = ("developer",)


@documented("claim", "claims")
class ClaimViewSet(ById, RecordViewSet):
    """Claims: one legal theory asserted in a dispute, with its result and the provisions it relies on."""

    list_selector = detail_selector = staticmethod(selectors.claim_queryset)
    list_serializer = detail_serializer = out_cases.ClaimOut
    input_serializer = inputs.ClaimIn
    filterset_class = filters.ClaimFilterSet
    etag_relations = ("dispute", "provisions", "sources")


@documented("evidence item", "evidence")
class EvidenceViewSet(ById, RecordViewSet):
    """Evidence: public items in full, redacted items by their public description only; sealed items are never served."""

    list_selector = detail_selector = staticmethod(selectors.evidence_queryset)
    list_serializer = detail_serializer = out_cases.EvidenceOut
    input_serializer = inputs.EvidenceIn
    filterset_class = filters.EvidenceFilterSet
    etag_relations = ("dispute", "claims", "comparisons", "sources")


@documented("event", "events")
class EventViewSet(ById, RecordViewSet):
    """Events on disputes' timelines."""

    list_selector = detail_selector = staticmethod(selectors.event_queryset)
    list_serializer = detail_serializer = out_cases.EventOut
    input_serializer = inputs.EventIn
    filterset_class = filters.EventFilterSet
    ordering_fields = ["date", "updated_at", "created_at"]
    etag_relations = ("dispute", "sources")


@documented("source", "sources")
class SourceViewSet(ById, RecordViewSet):
    """Sources the facts were read in."""

    list_selector = detail_selector = staticmethod(selectors.source_queryset)
    list_serializer = detail_serializer = out_cases.SourceOut
    input_serializer = inputs.SourceIn
    filterset_class = filters.SourceFilterSet


@documented("jurisdiction", "jurisdictions", writable=False)
class JurisdictionViewSet(BySlug, ReadOnlyRecordViewSet):
    """Legal systems disputes belong to (read only)."""

    list_selector = detail_selector = staticmethod(selectors.jurisdiction_queryset)
    list_serializer = detail_serializer = out_law.JurisdictionOut
    pagination_class = Pages
    filter_backends = []
    ordering = None


@documented("legal theory", "legal-theories", writable=False)
class TheoryViewSet(BySlug, ReadOnlyRecordViewSet):
    """Legal theories (heads of claim; read only)."""

    list_selector = detail_selector = staticmethod(selectors.theory_queryset)
    list_serializer = detail_serializer = out_law.TheoryOut
    pagination_class = Pages
    filter_backends = []
    ordering = None


@documented("court", "courts")
class CourtViewSet(BySlug, RecordViewSet):
    """Courts, with their jurisdiction."""

    list_selector = detail_selector = staticmethod(selectors.court_queryset)
    list_serializer = detail_serializer = out_law.CourtOut
    input_serializer = law_inputs.CourtIn
    filterset_class = filters.CourtFilterSet
    ordering_fields = ["name", "updated_at", "created_at"]
    ordering = ["name", "pk"]
    etag_relations = ("jurisdiction",)


@documented("statute", "statutes")
class StatuteViewSet(ById, RecordViewSet):
    """Acts and statutory instruments, identified as on legislation.gov.uk."""

    list_selector = detail_selector = staticmethod(selectors.statute_queryset)
    list_serializer = detail_serializer = out_law.StatuteOut
    input_serializer = law_inputs.StatuteIn
    filterset_class = filters.StatuteFilterSet
    ordering_fields = ["short_title", "year", "updated_at", "created_at"]
    ordering = ["short_title", "pk"]
    etag_relations = ("provisions",)


@documented("provision", "provisions")
class ProvisionViewSet(ById, RecordViewSet):
    """Sections and regulations, each with its legislation.gov.uk URI and OSCOLA citation."""

    list_selector = detail_selector = staticmethod(selectors.provision_queryset)
    list_serializer = detail_serializer = out_law.ProvisionOut
    input_serializer = law_inputs.ProvisionIn
    filterset_class = filters.ProvisionFilterSet
    ordering_fields = ["label", "position", "updated_at", "created_at"]
    etag_relations = ("statute", "legal_theories", "sources")


@documented("precedent", "precedents")
class PrecedentViewSet(BySlug, RecordViewSet):
    """Judgments: citations (neutral, law reports, OSCOLA), court, date, holding and citator status."""

    list_selector = detail_selector = staticmethod(selectors.precedent_queryset)
    list_serializer = detail_serializer = out_law.PrecedentOut
    input_serializer = law_inputs.PrecedentIn
    filterset_class = filters.PrecedentFilterSet
    ordering_fields = ["decision_date", "case_name", "updated_at", "created_at"]
    ordering = ["-decision_date", "pk"]
    etag_relations = (
        "court",
        "legal_theories",
        "provisions",
        "sources",
        "citing_authorities",
        "citing_authorities__citing",
    )


@documented("authority", "authorities")
class AuthorityViewSet(ById, RecordViewSet):
    """How one judgment treats another (followed, applied, distinguished, overruled ...)."""

    list_selector = detail_selector = staticmethod(selectors.authority_queryset)
    list_serializer = detail_serializer = out_law.AuthorityOut
    input_serializer = law_inputs.AuthorityIn
    filterset_class = filters.AuthorityFilterSet
    etag_relations = ("citing", "cited", "sources")
