"""PostgreSQL only: pair_vector, every two lexemes at consecutive positions of
search_vector (`ident model`), with a GIN index, so that a two-word phrase is one
index lookup instead of a positions check of every entry holding both words
(postgres_query.word_pairs); and the term bitmaps rebuilt, now with field words
(`court:appeal`, postgres_dense.py). Other databases skip this.

pair_vector is a stored generated column: PostgreSQL derives it from search_vector
on every write, so the backend writes nothing new and the model does not know it.
Adding it rewrites the table once, at migration time (about 20 s at 100,000
entries).

search_pairs reads the positions search_vector stores, as a phrase search does: a
lexeme stored without positions (a citation key) is in no pair, as it matches no
phrase; words past position 16,383 share that position, and a lexeme's 257th and
later positions are dropped, in both.
"""

from django.db import migrations

PAIRS = """
CREATE OR REPLACE FUNCTION search_pairs(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    WITH s AS (SELECT lexeme, unnest(positions) AS p FROM unnest(v))
    SELECT coalesce(
        array_to_tsvector(array_agg(a.lexeme || ' ' || b.lexeme)), ''::tsvector
    )
    FROM s a JOIN s b ON b.p = a.p + 1
$$
"""

FORWARD = [
    PAIRS,
    "ALTER TABLE search_entry ADD COLUMN pair_vector tsvector "
    "GENERATED ALWAYS AS (search_pairs(search_vector)) STORED",
    "CREATE INDEX IF NOT EXISTS search_entry_pair_gin "
    "ON search_entry USING gin (pair_vector)",
    # As the other GIN indexes (migration 0004): a short pending list.
    "ALTER INDEX search_entry_pair_gin SET (gin_pending_list_limit = 512)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_pair_gin",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS pair_vector",
    "DROP FUNCTION IF EXISTS search_pairs",
]


def _run(statements):
    """Run `statements`, then rebuild the term bitmaps (with field words)."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        from casebase.search.backends.postgres_dense import build

        for statement in statements:
            schema_editor.execute(statement)
        with schema_editor.connection.cursor() as cursor:
            build(cursor)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0007_search_dense_term")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
