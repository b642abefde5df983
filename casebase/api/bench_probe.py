"""Two probe endpoints for the benchmark (`bench_api`).

The probes are the least a DRF list and detail of disputes can do on this stack:
the same base view as `/api/v1/ping` (`ApiMixin`: authentication, permissions,
throttles, the JSON renderer), the published disputes through the visibility rule
(reading only the columns used), DRF's generic views, a serializer of one field
(`slug`) and, for the list, the API's cursor pagination (25 a page, newest first).
No filter set, nothing embedded, no response cache. Measured uncached beside the ping, they say how much
of the ping's throughput any endpoint that builds a page or a record of disputes
afresh can keep on this machine, whatever it embeds: the floor under the dispute
list's and detail's uncached rows.

This module is a URLconf: the site's URLs and the probes. Only the benchmark's
server uses it (`casebase.api.bench_wsgi`); `casebase.wsgi` never serves them.
"""

from django.urls import path
from rest_framework import generics, serializers

from casebase import urls as site_urls
from casebase.api.pagination import Cursor
from casebase.api.permissions import ReadOnly
from casebase.api.views.base import SLUG_REGEX, ApiMixin
from casebase.cases.models import Dispute
from casebase.core.visibility import visible

LIST = "/api/v1/bench-probe/disputes"
DETAIL = "/api/v1/bench-probe/disputes/"


class _Slug(serializers.Serializer):
    slug = serializers.CharField()


class _Probe(ApiMixin):
    permission_classes = [ReadOnly]
    serializer_class = _Slug
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX

    def get_queryset(self):
        # Only what the serializer and the cursor read.
        return visible(Dispute, self.request.user).only("pk", "slug", "updated_at")


class ProbeList(_Probe, generics.ListAPIView):
    pagination_class = Cursor


class ProbeDetail(_Probe, generics.RetrieveAPIView):
    pass


urlpatterns = [
    path(LIST.lstrip("/"), ProbeList.as_view()),
    path(DETAIL.lstrip("/") + "<slug:slug>", ProbeDetail.as_view()),
    *site_urls.urlpatterns,
]
