"""The benchmark's probe endpoints (casebase/api/bench_probe.py): served only by the
benchmark's URLconf, reading published disputes only, as the API's list does."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from casebase.api import bench_probe
from casebase.core.models import PublicationStatus
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_site_does_not_serve_the_probes():
    client = APIClient()
    assert client.get(bench_probe.LIST).status_code == 404
    published = f.DisputeFactory()
    assert client.get(bench_probe.DETAIL + published.slug).status_code == 404


@override_settings(ROOT_URLCONF="casebase.api.bench_probe")
def test_probes_read_published_disputes_in_the_lists_order():
    newer, older = f.DisputeFactory(), f.DisputeFactory()
    draft = f.DisputeFactory(publication_status=PublicationStatus.DRAFT)
    client = APIClient()

    page = client.get(bench_probe.LIST).json()
    listed = client.get("/api/v1/disputes").json()

    assert [r["slug"] for r in page["results"]] == [
        r["slug"] for r in listed["results"]
    ]
    assert {r["slug"] for r in page["results"]} == {newer.slug, older.slug}
    assert client.get(bench_probe.DETAIL + newer.slug).json() == {"slug": newer.slug}
    assert client.get(bench_probe.DETAIL + draft.slug).status_code == 404
    # The rest of the site is there too: the ping the probes are measured beside.
    assert client.get("/api/v1/ping").json() == {"ok": True}
