from django.urls import re_path

from casebase.analytics import views

app_name = "analytics"

FMT = r"(?P<fmt>csv|json)"

# Public URLs carry no trailing slash but accept one (`/?$`); reverse() omits it.
urlpatterns = [
    re_path(r"^analytics/?$", views.analytics, name="analytics"),
    re_path(
        rf"^analytics/(?P<key>[a-z_]{{1,40}})\.{FMT}$",
        views.figure_download,
        name="figure",
    ),
    re_path(rf"^disputes\.{FMT}$", views.dispute_export, name="disputes"),
    re_path(rf"^search\.{FMT}$", views.search_export, name="search"),
]
