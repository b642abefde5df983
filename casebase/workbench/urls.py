from django.urls import path, re_path

from casebase.workbench import views

app_name = "workbench"

# Public URLs carry no trailing slash but accept one (`/?$`); reverse() omits it.
urlpatterns = [
    re_path(r"^workbench/?$", views.index, name="index"),
    re_path(
        r"^workbench/comparisons/(?P<pk>\d{1,18})/?$",
        views.comparison_detail,
        name="comparison",
    ),
    re_path(
        r"^workbench/comparisons/(?P<pk>\d{1,18})/pairs/(?P<pair_pk>\d{1,18})/?$",
        views.pair_detail,
        name="pair",
    ),
    re_path(
        r"^workbench/prompt-sets/(?P<pk>\d{1,18})/?$",
        views.prompt_set_detail,
        name="prompt-set",
    ),
    path("workbench/import/", views.import_upload, name="import"),
    path("workbench/import/<uuid:token>/", views.import_preview, name="import-preview"),
    re_path(
        r"^disputes/(?P<slug>[-a-zA-Z0-9_]+)/exhibits/?$",
        views.exhibits,
        name="exhibits",
    ),
]
