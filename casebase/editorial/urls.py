from django.urls import path

from casebase.editorial import proposal_views, views

app_name = "editorial"

RECORD = "<slug:key>/<int:pk>"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("changes/<int:pk>/", proposal_views.change, name="change"),
    path(f"{RECORD}/step/<slug:action>/", views.step, name="step"),
    path(f"{RECORD}/preview/", views.preview, name="preview"),
    path(f"{RECORD}/preview/page/", views.preview_frame, name="preview-frame"),
    path(f"{RECORD}/revisions/", views.revisions, name="revisions"),
    path(f"{RECORD}/revisions/compare/", views.compare, name="compare"),
    path(
        f"{RECORD}/revisions/<int:version_id>/restore/",
        views.restore,
        name="restore",
    ),
]
