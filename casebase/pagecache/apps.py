from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "casebase.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from casebase.pagecache import generations

        generations.connect()
