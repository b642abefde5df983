"""The editors' upload page, at /editorial/import/."""

from django.urls import path

from casebase.importers import views

app_name = "importers"

urlpatterns = [path("", views.upload, name="upload")]
