"""App config for casebase.backup (no models)."""

from django.apps import AppConfig


class BackupConfig(AppConfig):
    """Backup and restore commands."""

    name = "casebase.backup"
    verbose_name = "Backup and restore"
