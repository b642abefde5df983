"""Per-term bitmaps (search_dense_term) for exact counts and facets of broad
PostgreSQL searches (backends/postgres_dense.py), built here from the entries
already stored, so that no rebuild is needed. Other databases get the table only."""

from django.db import migrations, models

import casebase.search.models

# Set the bits at `positions` to `vals` (0 or 1) in one call, for the upkeep of
# several entries per bitmap row.
SET_BITS = """
CREATE OR REPLACE FUNCTION search_dense_set(bits varbit, positions int[], vals int[])
RETURNS varbit LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    FOR i IN 1 .. coalesce(array_length(positions, 1), 0) LOOP
        bits := set_bit(bits, positions[i], vals[i]);
    END LOOP;
    RETURN bits;
END $$
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from casebase.search.backends.postgres_dense import build

    schema_editor.execute(SET_BITS)
    with schema_editor.connection.cursor() as cursor:
        build(cursor)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS search_dense_set")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_citation_vector_stemmed")]

    operations = [
        migrations.CreateModel(
            name="SearchDenseTerm",
            fields=[
                (
                    "term",
                    models.TextField(
                        help_text="A lexeme, a facet token (`type=dispute`), or '' "
                        "for every entry.",
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "base",
                    models.BigIntegerField(
                        default=0,
                        help_text="Bit i is the entry of id base + i (the same in "
                        "every row).",
                    ),
                ),
                (
                    "bits",
                    casebase.search.models.BitsField(
                        help_text="Bit i set when the entry of id base + i carries "
                        "the term."
                    ),
                ),
            ],
            options={"db_table": "search_dense_term"},
        ),
        migrations.RunPython(forward, backward),
    ]
