"""PostgreSQL only: a GIN index on `title_vector`, so that ranking finds the matches
whose title carries a searched word without reading every match (postgres_rank.py).
Other databases skip this."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_entry_title_gin "
    "ON search_entry USING gin (title_vector)",
]
BACKWARD = ["DROP INDEX IF EXISTS search_entry_title_gin"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_search")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
