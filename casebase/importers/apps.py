from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "casebase.importers"
    label = "importers"
    verbose_name = "Importers"
