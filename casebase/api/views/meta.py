"""The API's front door, a trivial endpoint for the benchmark, and JSON 404s."""

from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from casebase.api import errors
from casebase.api.errors import json_error
from casebase.api.permissions import ReadOnly
from casebase.api.renderers import FastJSONRenderer
from casebase.api.views.base import ApiMixin, negotiate_or_name_format

RESOURCES = [
    "dispute",
    "party",
    "system",
    "claim",
    "evidence",
    "event",
    "source",
    "jurisdiction",
    "theory",
    "court",
    "statute",
    "provision",
    "precedent",
    "authority",
]
LINKS = [*RESOURCES, "search", "schema", "docs"]


class Root(ApiMixin, APIView):
    """Links to every collection and to the schema."""

    permission_classes = [ReadOnly]

    @extend_schema(
        summary="Links to every collection",
        tags=["meta"],
        responses=inline_serializer(
            "ApiRoot",
            {
                "links": inline_serializer(
                    "ApiRootLinks",
                    {name: serializers.URLField() for name in LINKS},
                    help_text="Each collection's list, the search, the schema and "
                    "its Swagger UI, by name.",
                )
            },
        ),
    )
    def get(self, request):
        links = {
            name: reverse(f"api:{name}-list", request=request) for name in RESOURCES
        }
        links["search"] = reverse("api:search", request=request)
        links["schema"] = reverse("api:schema", request=request)
        links["docs"] = reverse("api:swagger-ui", request=request)
        return Response({"links": links})


class Ping(ApiMixin, APIView):
    """The cheapest DRF request: the framework's ceiling in `bench_api`."""

    permission_classes = [ReadOnly]

    @extend_schema(
        summary="Health check",
        tags=["meta"],
        responses=inline_serializer("Ping", {"ok": serializers.BooleanField()}),
    )
    def get(self, request):
        return Response({"ok": True})


@csrf_exempt
def not_found(request, *args, **kwargs):
    # Exempt: a JSON 404 for any method, never Django's HTML CSRF page.
    return json_error(404, "not_found", "There is no API endpoint at this address.")


class JSONErrors:
    """A view that answers in another format (YAML, an HTML page) whose errors still
    come in the API's JSON error shape; an unknown `?format=` is a 400 naming it."""

    def get_exception_handler(self):
        return errors.exception_handler

    def perform_content_negotiation(self, request, force=False):
        return negotiate_or_name_format(super(), request, force)

    def handle_exception(self, exc):
        self.request.accepted_renderer = FastJSONRenderer()
        self.request.accepted_media_type = FastJSONRenderer.media_type
        return super().handle_exception(exc)


class Schema(JSONErrors, SpectacularAPIView):
    """The OpenAPI schema (YAML; JSON with `?format=json`). Its errors, an unknown
    format say, come in the API's JSON error shape, not in YAML."""


class SwaggerUI(JSONErrors, SpectacularSwaggerSplitView):
    """Swagger UI, an HTML page: asked only for JSON, a 406 in the error shape."""


class Redoc(JSONErrors, SpectacularRedocView):
    """Redoc, an HTML page: asked only for JSON, a 406 in the error shape."""
