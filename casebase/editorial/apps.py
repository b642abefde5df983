from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "casebase.editorial"
    label = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self) -> None:
        from casebase.editorial import registry, roles

        registry.register_revisions()
        roles.connect()
