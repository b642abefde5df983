from django.apps import AppConfig


class TrackingConfig(AppConfig):
    """Feeds, saved searches and follows with e-mail alerts, and parallel disputes."""

    name = "casebase.tracking"
    verbose_name = "Feeds and alerts"
    default_auto_field = "django.db.models.BigAutoField"
