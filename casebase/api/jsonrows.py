"""Embedded lists read with their parent row: a correlated subquery per list, its
rows made JSON objects and gathered into one JSON array by the database.

One dispute's detail embeds a dozen lists; read one query each, every response
pays a dozen round trips to the database, which under load cost more than building
the response. `JSONRows(queryset, **fields)` is one column of the parent's query
(`rows()` reads it back): the same queryset, filters, visibility rule and ordering
as a separate `values()` query would use. A `JSONRows` among the fields of another
nests (a claim's provisions inside the claim). For a single parent row this is
cheap; for a page of many rows correlated subqueries run once a row and cost
PostgreSQL more than separate queries with `IN` (measured on the dispute list), so
the list's are not correlated: each holds the rows of the whole page, built once.

PostgreSQL gathers with `ARRAY(subquery)`, which keeps the subquery's order;
SQLite with `json_group_array` over the ordered subquery. A JSON column inside an
object is passed through `JSON()` on SQLite (which otherwise embeds it as text).
SQLite writes booleans as 0/1 and datetimes as `YYYY-MM-DD HH:MM:SS.ffffff` (UTC),
PostgreSQL as ISO 8601 with an offset: `to_datetime` reads both.
"""

import datetime as dt

import orjson
from django.db.models import Func, JSONField, QuerySet, Subquery, TextField
from django.db.models.functions import Cast, JSONObject

ROW = "_json_row"


class _JSONValue(Func):
    """A JSON column as a JSON value inside a JSON object (not as its text)."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="JSON(%(expressions)s)")


class _JSONObject(JSONObject):
    """On PostgreSQL, a `json` object rather than Django's `jsonb`: the rows are
    only ever read back as text, and building `jsonb` and turning it into text
    again cost PostgreSQL a quarter of a page's lists (0.99 against 0.73 ms)."""

    def as_postgresql(self, compiler, connection, **extra_context):
        # Keys cast to text, as Django does: a server-bound parameter has no type.
        copy = self.copy()
        copy.set_source_expressions(
            [
                Cast(expression, TextField()) if index % 2 == 0 else expression
                for index, expression in enumerate(copy.get_source_expressions())
            ]
        )
        return Func.as_sql(
            copy, compiler, connection, function="JSON_BUILD_OBJECT", **extra_context
        )


class JSONRows(Subquery):
    """The rows of `queryset` (correlated with `OuterRef`), each the JSON object of
    `fields` (name -> field path or expression), as one JSON array (text)."""

    def __init__(self, queryset: QuerySet, **fields):
        self.nested = False
        model = queryset.model
        shaped = {}
        for name, path in fields.items():
            if isinstance(path, JSONRows):
                path.nested = True
            elif isinstance(path, str) and _is_json(model, path):
                path = _JSONValue(path, output_field=JSONField())
            shaped[name] = path
        rows = queryset.annotate(**{ROW: _JSONObject(**shaped)}).values(ROW)
        super().__init__(rows, output_field=TextField())

    def as_sql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, **extra)
        sql = f"(SELECT json_group_array(json({ROW})) FROM {sql})"
        return (f"JSON({sql})" if self.nested else sql), params

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = super().as_sql(compiler, connection, **extra)
        sql = f"array_to_json(ARRAY{sql})"
        return (sql if self.nested else f"{sql}::text"), params


def _is_json(model, path: str) -> bool:
    parts = path.split("__")
    for name in parts[:-1]:
        model = model._meta.get_field(name).related_model
    return isinstance(model._meta.get_field(parts[-1]), JSONField)


def rows(text: str | None) -> list[dict]:
    return orjson.loads(text) if text else []


def to_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def to_datetime(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
