from django.contrib import admin
from django.urls import include, path, re_path

from casebase import views

# Public URLs carry no trailing slash but accept one (`/?$`); reverse() omits it.
urlpatterns = [
    path("admin/", admin.site.urls),
    # The editors' desk, workflow steps, previews and revision history.
    path("editorial/", include("casebase.editorial.urls")),
    re_path(r"^$", views.home, name="home"),
    re_path(r"^sources/(?P<pk>\d{1,18})/?$", views.source_detail, name="source-detail"),
    path("api/v1/", include("casebase.api.urls")),
    path("", include("casebase.cases.urls")),
    path("", include("casebase.search.urls")),
    # Last: it ends with the citation-shaped catch-all (`/uksc/2023/49`).
    path("", include("casebase.law.urls")),
]
