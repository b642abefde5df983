from django.apps import AppConfig
from django.core.signals import setting_changed


def _reset_on_settings_change(setting, **kwargs):
    if setting in {"SEARCH_BACKEND", "SEARCH_INDEX_PATH"}:
        from casebase.search.backends.base import reset_backend

        reset_backend()


class SearchConfig(AppConfig):
    name = "casebase.search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casebase.search import receivers

        receivers.connect()
        setting_changed.connect(_reset_on_settings_change, dispatch_uid="search-reset")
