"""`/api/v1/`: the collections, the schema and its documentation pages."""

from csp.decorators import csp_update
from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from casebase.api.views import meta, records, search

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("disputes", records.DisputeViewSet, basename="dispute")
router.register("parties", records.PartyViewSet, basename="party")
router.register("ai-systems", records.SystemViewSet, basename="system")
router.register("claims", records.ClaimViewSet, basename="claim")
router.register("evidence", records.EvidenceViewSet, basename="evidence")
router.register("events", records.EventViewSet, basename="event")
router.register("sources", records.SourceViewSet, basename="source")
router.register("jurisdictions", records.JurisdictionViewSet, basename="jurisdiction")
router.register("legal-theories", records.TheoryViewSet, basename="theory")
router.register("courts", records.CourtViewSet, basename="court")
router.register("statutes", records.StatuteViewSet, basename="statute")
router.register("provisions", records.ProvisionViewSet, basename="provision")
router.register("precedents", records.PrecedentViewSet, basename="precedent")
router.register("authorities", records.AuthorityViewSet, basename="authority")

# Swagger UI and Redoc style their widgets inline and Redoc runs a blob: worker; their
# scripts stay 'self' only (the split view serves Swagger's set-up script as a file).
_docs_csp = csp_update(
    {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}
)

urlpatterns = [
    path("", meta.Root.as_view(), name="root"),
    path("ping", meta.Ping.as_view(), name="ping"),
    path("search", search.Search.as_view(), name="search"),
    path("schema", meta.Schema.as_view(), name="schema"),
    path(
        "docs",
        _docs_csp(meta.SwaggerUI.as_view(url_name="api:schema")),
        name="swagger-ui",
    ),
    path(
        "redoc",
        _docs_csp(meta.Redoc.as_view(url_name="api:schema")),
        name="redoc",
    ),
    *router.urls,
    # Anything else under /api/v1/ is a JSON 404, not the site's HTML page.
    re_path(r"^[\s\S]*$", meta.not_found),
]
