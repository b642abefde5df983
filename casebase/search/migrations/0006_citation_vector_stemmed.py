"""`citation:` searches match the citations' words stemmed, as every other word search
does: `citation:patent` finds the provisions cited `Patents Act 1977 s. 60`.

Migration 0005 filled `citation_vector` with the words as written (the `simple`
configuration); the entries already stored are filled again here from their own
`citations` and `citation_keys`, stemmed by `casebase_english` as the backend now
writes them, so no rebuild is needed for this. Other databases are left alone.
"""

import json

from django.db import migrations

BATCH = 2000


def forward(apps, schema_editor):
    _refill(schema_editor.connection, "casebase_english")


def backward(apps, schema_editor):
    _refill(schema_editor.connection, "simple")


def _refill(connection, config: str) -> None:
    """Every entry's citation_vector from its citation keys and citations' words
    (as casebase.search.tokens splits them), in batches by primary key."""
    if connection.vendor != "postgresql":
        return
    from casebase.search.tokens import words

    with connection.cursor() as cursor:
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
                f"array_to_tsvector(%s::text[]) || to_tsvector('{config}', %s) "
                "WHERE id = %s",
                [
                    (_list(keys), " ".join(words(" ".join(_list(citations)))), pk)
                    for pk, citations, keys in rows
                ],
            )
            last = rows[-1][0]


def _list(value) -> list[str]:
    return json.loads(value) if isinstance(value, str) else list(value or [])


class Migration(migrations.Migration):
    dependencies = [("search", "0005_citation_vector")]

    operations = [migrations.RunPython(forward, backward)]
