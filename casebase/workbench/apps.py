from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    """The evidence workbench: output comparisons, prompt sets, imports, exhibits."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "casebase.workbench"
    verbose_name = "Evidence workbench"

    def ready(self) -> None:
        from casebase.workbench import receivers

        receivers.connect()
