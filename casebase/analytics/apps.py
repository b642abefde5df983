from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Outcome statistics, charts and exports over published records."""

    name = "casebase.analytics"
    label = "analytics"
    verbose_name = "Analytics"
