"""The PostgreSQL backend's search table and its vocabulary for "did you mean".

The table exists on every database so that migrations stay one history, but only the
PostgreSQL backend fills it: its text-search columns, GIN index and text-search
configuration are created by migration 0002 on PostgreSQL alone.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """One search document (see documents.SearchDocument), with its weighted vectors."""

    key = models.CharField(
        max_length=64, unique=True, help_text="Document key: `dispute:12`."
    )
    doc_type = models.CharField(max_length=16, help_text="What kind of record.")
    object_id = models.BigIntegerField(help_text="The record's primary key.")
    title = models.TextField(help_text="Title as shown in results.")
    url = models.CharField(max_length=500, help_text="Where the record is shown.")
    citations = models.JSONField(
        default=list, blank=True, help_text="Citations as written."
    )
    citation_keys = models.JSONField(
        default=list, blank=True, help_text="Normalised citation keys."
    )
    body = models.TextField(blank=True, help_text="Text for snippets.")
    facet_tokens = models.TextField(
        blank=True,
        help_text="Facet values as space-separated `name=value` tokens, counted in "
        "one pass over the matches.",
    )
    year = models.IntegerField(null=True, blank=True, help_text="Year facet.")
    date = models.DateField(null=True, blank=True, help_text="Date used for sorting.")
    date_display = models.CharField(
        max_length=40, blank=True, help_text="The date as precisely as it is known."
    )
    digest = models.CharField(
        max_length=40, help_text="Digest of the document, to find stale entries."
    )
    search_vector = SearchVectorField(
        null=True, help_text="Everything searchable, weighted A (citation, title) to D."
    )
    citation_vector = SearchVectorField(
        null=True,
        help_text="citation: searches: the citation keys and the citations' words.",
    )
    title_vector = SearchVectorField(null=True, help_text="title: searches.")
    party_vector = SearchVectorField(null=True, help_text="party: searches.")
    system_vector = SearchVectorField(null=True, help_text="system: searches.")
    court_vector = SearchVectorField(null=True, help_text="court: searches.")
    theory_vector = SearchVectorField(null=True, help_text="theory: searches.")
    jurisdiction_vector = SearchVectorField(
        null=True, help_text="jurisdiction: searches."
    )

    class Meta:
        db_table = "search_entry"
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return self.key


class SearchWord(models.Model):
    """A word seen in indexed text, unstemmed: candidates for "did you mean"."""

    word = models.CharField(max_length=40, primary_key=True, help_text="The word.")

    class Meta:
        db_table = "search_word"

    def __str__(self) -> str:
        return self.word


class BitsField(models.Field):
    """PostgreSQL's `bit varying` (text elsewhere, where nothing fills it)."""

    def db_type(self, connection) -> str:
        return "bit varying" if connection.vendor == "postgresql" else "text"


class SearchDenseTerm(models.Model):
    """The entries carrying one dense term, as a bitmap, to count
    broad searches and their facets exactly (backends/postgres_dense.py)."""

    term = models.TextField(
        primary_key=True,
        help_text="A lexeme, a facet token (`type=dispute`), or '' for every entry.",
    )
    base = models.BigIntegerField(
        default=0,
        help_text="Bit i is the entry of id base + i (the same in every row).",
    )
    bits = BitsField(
        help_text="Bit i set when the entry of id base + i carries the term."
    )

    class Meta:
        db_table = "search_dense_term"

    def __str__(self) -> str:
        return self.term
