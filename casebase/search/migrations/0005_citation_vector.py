"""`citation:` searches read the citations alone.

They used to be matched against the whole search vector, where a citation key shares
the lexemes of every other word: `citation:patent` found any record with "patent" in
its text. The new column holds the entry's citation keys and the words of its
citations; on PostgreSQL it gets a GIN index, and the entries already stored are
filled here from their own `citations` and `citation_keys` (the words as
casebase.search.tokens splits them, as the backend writes them), so no rebuild is
needed. Other databases only gain the (unused) column.
"""

import json

import django.contrib.postgres.search
from django.db import migrations

INDEX = "search_entry_citation_gin"
BATCH = 2000


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from casebase.search.tokens import words

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_entry "
            "USING gin (citation_vector) WITH (gin_pending_list_limit = 512)"
        )
        last = 0
        while True:
            cursor.execute(
                "SELECT id, citations, citation_keys FROM search_entry "
                "WHERE id > %s ORDER BY id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            cursor.executemany(
                "UPDATE search_entry SET citation_vector = "
                "array_to_tsvector(%s::text[]) || to_tsvector('simple', %s) "
                "WHERE id = %s",
                [
                    (_list(keys), " ".join(words(" ".join(_list(citations)))), pk)
                    for pk, citations, keys in rows
                ],
            )
            last = rows[-1][0]


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def _list(value) -> list[str]:
    return json.loads(value) if isinstance(value, str) else list(value or [])


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_facet_columns")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="citation_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                help_text="citation: searches: the citation keys and the citations' "
                "words.",
                null=True,
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
