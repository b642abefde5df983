from django.urls import re_path

from casebase.search import views

app_name = "search"

# Public URLs carry no trailing slash but accept one (`/?$`); reverse() omits it.
urlpatterns = [
    re_path(r"^search/?$", views.search, name="search"),
    re_path(r"^search/help/?$", views.search_help, name="help"),
]
