from django.urls import re_path

from casebase.law import views

app_name = "law"

SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"
STATUTE = r"law/(?P<legislation_type>[a-z]+)/(?P<year>\d{4})/(?P<number>\d{1,9})"

# Public URLs carry no trailing slash but accept one (`/?$`); reverse() omits it.
urlpatterns = [
    re_path(r"^precedents/?$", views.precedent_list, name="precedent-list"),
    re_path(rf"^precedents/{SLUG}/?$", views.precedent_detail, name="precedent-detail"),
    re_path(r"^law/?$", views.statute_list, name="statute-list"),
    re_path(rf"^{STATUTE}/?$", views.statute_detail, name="statute-detail"),
    re_path(
        rf"^{STATUTE}/(?P<unit>section|regulation)/(?P<unit_number>[0-9A-Za-z]{{1,20}})/?$",
        views.provision_detail,
        name="provision-detail",
    ),
    re_path(r"^theories/?$", views.theory_list, name="theory-list"),
    re_path(rf"^theories/{SLUG}/?$", views.theory_detail, name="theory-detail"),
    re_path(r"^courts/?$", views.court_list, name="court-list"),
    re_path(rf"^courts/{SLUG}/?$", views.court_detail, name="court-detail"),
    re_path(r"^jurisdictions/?$", views.jurisdiction_list, name="jurisdiction-list"),
    re_path(
        rf"^jurisdictions/{SLUG}/?$",
        views.jurisdiction_detail,
        name="jurisdiction-detail",
    ),
    # Citation-shaped judgment URLs (`uksc/2023/49`, `ewhc/ch/2025/2863`), as on Find
    # Case Law. A catch-all: it must stay last here, and this module last in the root.
    re_path(
        r"^(?P<path>[a-z]+(?:/[a-z0-9]+)?/\d{4}/\d+)/?$",
        views.precedent_by_citation,
        name="precedent-by-citation",
    ),
]
