from django.contrib import admin
from django.urls import include, path, re_path

from casebase import views

# Public URLs carry no trailing slash but accept one (`/?$`); reverse() omits it.
urlpatterns = [
    path("admin/", admin.site.urls),
    # Editors' upload of LegalDocML judgments and CLML legislation.
    path("editorial/import/", include("casebase.importers.urls")),
    # The editors' desk, workflow steps, previews and revision history.
    path("editorial/", include("casebase.editorial.urls")),
    re_path(r"^$", views.home, name="home"),
    re_path(r"^sources/(?P<pk>\d{1,18})/?$", views.source_detail, name="source-detail"),
    path("api/v1/", include("casebase.api.urls")),
    # Before cases and search: `/disputes.csv` and `/search.json` are its exports.
    path("", include("casebase.analytics.urls")),
    path("", include("casebase.cases.urls")),
    path("", include("casebase.search.urls")),
    # The evidence workbench (`/workbench/...`) and exhibit bundles.
    path("", include("casebase.workbench.urls")),
    # Feeds, sign-in, alerts and parallel disputes.
    path("", include("casebase.tracking.urls")),
    # Last: it ends with the citation-shaped catch-all (`/uksc/2023/49`).
    path("", include("casebase.law.urls")),
]
