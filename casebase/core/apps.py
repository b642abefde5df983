from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "casebase.core"
    label = "core"
    verbose_name = "Core"
