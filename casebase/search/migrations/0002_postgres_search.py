"""PostgreSQL only: the text-search configuration and the indexes the backend needs.

`casebase_english` stems with Snowball English (Porter2) and keeps stop words, like the
Whoosh backend, so both agree on what a query matches. Other databases skip this.
"""

from django.db import migrations

FORWARD = [
    "CREATE TEXT SEARCH DICTIONARY casebase_english_stem "
    "(TEMPLATE = snowball, Language = english)",
    "CREATE TEXT SEARCH CONFIGURATION casebase_english (COPY = english)",
    "ALTER TEXT SEARCH CONFIGURATION casebase_english ALTER MAPPING FOR "
    "asciiword, asciihword, hword_asciipart, word, hword, hword_part "
    "WITH casebase_english_stem",
    # The one index full-text queries use; field vectors are only rechecked.
    "CREATE INDEX search_entry_vector_gin ON search_entry USING gin (search_vector)",
    # Sorting by date, and "did you mean" candidates by prefix.
    "CREATE INDEX search_entry_date_idx ON search_entry (date DESC NULLS LAST)",
    "CREATE INDEX search_word_prefix_idx ON search_word (word text_pattern_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_word_prefix_idx",
    "DROP INDEX IF EXISTS search_entry_date_idx",
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS casebase_english",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS casebase_english_stem",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
