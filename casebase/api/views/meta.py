"""The API's front door, a trivial endpoint for the benchmark, and JSON 404s."""

from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from casebase.api.errors import json_error
from casebase.api.permissions import ReadOnly
from casebase.api.views.base import ApiMixin

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


class Root(ApiMixin, APIView):
    """Links to every collection and to the schema."""

    permission_classes = [ReadOnly]

    @extend_schema(
        summary="Links to every collection",
        tags=["meta"],
        responses=inline_serializer(
            "ApiRoot", {"links": serializers.DictField(child=serializers.URLField())}
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
