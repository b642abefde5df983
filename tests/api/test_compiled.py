"""Queries compiled once and run with new values (casebase/api/compiled.py)."""

import json

import pytest
from django.db import connection

from casebase.api import compiled
from casebase.cases.models import Dispute
from tests import factories as f

pytestmark = pytest.mark.django_db


def _by_ids(calls: list):
    def build():
        calls.append(1)
        ids = compiled.IdList(compiled.stand_in("ids"))
        return Dispute.objects.filter(pk__in=ids).order_by("pk").values("pk", "slug")

    return build


def test_compiled_once_and_run_with_each_value():
    """The query is built once for its key; each run reads the rows its own ids
    name, whatever their number."""
    disputes = [f.DisputeFactory() for _ in range(4)]
    calls = []
    key = ("test", "by-ids")
    for chosen in (disputes[:1], disputes[1:], []):
        ids = json.dumps([d.pk for d in chosen])
        rows = compiled.run(key, _by_ids(calls), {"ids": ids}, using="default")
        assert rows == [{"pk": d.pk, "slug": d.slug} for d in chosen]
    assert len(calls) == 1


def test_a_value_without_its_stand_in_is_refused():
    """A query that does not carry the stand-in it is given a value for is an
    error, not a query run without the value."""
    with pytest.raises(ValueError, match="slug"):
        compiled.run(
            ("test", "no-stand-in"),
            lambda: Dispute.objects.values("pk"),
            {"slug": "anything"},
            using="default",
        )


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.parametrize("prepared", [True, False])
def test_postgresql_plans_a_compiled_query_once_per_connection(settings, prepared):
    """The query is a prepared statement of the connection (unless turned off),
    and only it: the connection's other queries, and its own settings, are left
    as Django made them."""
    settings.DATABASE_PREPARED_STATEMENTS = prepared
    disputes = [f.DisputeFactory() for _ in range(3)]
    raw = connection.connection
    factory, threshold = raw.cursor_factory, raw.prepare_threshold
    key = ("test", "prepared", prepared)
    for chosen in (disputes[:2], disputes[2:]):
        ids = json.dumps([d.pk for d in chosen])
        rows = compiled.run(key, _by_ids([]), {"ids": ids}, using="default")
        assert rows == [{"pk": d.pk, "slug": d.slug} for d in chosen]
    for _ in range(6):
        list(Dispute.objects.filter(pk=disputes[0].pk).values("slug"))
    statements = _prepared_statements()
    compiled_ones = [s for s in statements if "jsonb_array_elements_text" in s]
    assert len(compiled_ones) == (1 if prepared else 0)
    assert len(statements) == len(compiled_ones)  # nothing else was prepared
    assert (raw.cursor_factory, raw.prepare_threshold) == (factory, threshold)
