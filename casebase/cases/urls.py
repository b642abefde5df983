from django.urls import re_path

from casebase.cases import views

app_name = "cases"

SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"

# Public URLs carry no trailing slash but accept one (`/?$`); reverse() omits it.
urlpatterns = [
    re_path(r"^disputes/?$", views.dispute_list, name="dispute-list"),
    re_path(rf"^disputes/{SLUG}/?$", views.dispute_detail, name="dispute-detail"),
    re_path(r"^parties/?$", views.party_list, name="party-list"),
    re_path(rf"^parties/{SLUG}/?$", views.party_detail, name="party-detail"),
    re_path(
        r"^evidence/(?P<pk>\d{1,18})/file/?$",
        views.evidence_file,
        name="evidence-file",
    ),
    re_path(r"^systems/?$", views.system_list, name="system-list"),
    re_path(rf"^systems/{SLUG}/?$", views.system_detail, name="system-detail"),
]
