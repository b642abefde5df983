"""Read queries compiled once and run again with new parameter values.

Building and compiling a queryset (filters through the visibility rule, joins,
JSON columns) costs Django more CPU than PostgreSQL spends running the SQL, and the
queries behind a dispute's detail or a page of the dispute list differ from one
request to the next only in a value or two (a slug, the page's ids). `run()`
compiles a `values()` queryset built with stand-in values once per key, remembers
where those stand-ins sit among its parameters, and from then on sends the same
SQL with the real values in their place. Rows come back through the compiler's own
converters, so they are what `values()` gives. The keys name the database, the
visibility and whatever else the SQL depends on; the cache is small and bounded
(the oldest entry goes first), as filter values in a URL can make new keys.

On PostgreSQL the SQL is also a prepared statement of the connection (its values
sent apart, server-side binding), so PostgreSQL plans it once per connection, not
on every request: planning the dispute detail's query took twice as long as
running it. Django leaves prepared statements off (`prepare_threshold` None) for
the sake of connection poolers; these queries alone turn them on, for their own
execution, unless DATABASE_PREPARED_STATEMENTS is off (see README: PgBouncer in
transaction mode needs `max_prepared_statements`, or this off).
"""

import contextlib
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.conf import settings
from django.db import connections
from django.db.models import BigIntegerField, Expression, QuerySet

_COMPILED: OrderedDict = OrderedDict()
_MAX = 64


def stand_in(name: str) -> str:
    """A parameter value no request can send (a NUL byte never reaches a query)."""
    return f"\x00casebase-compiled-{name}\x00"


def run(
    key: Hashable,
    build: Callable[[], QuerySet],
    values: dict[str, object],
    *,
    using: str,
) -> list[dict]:
    """The rows of `build()` (a `values()` queryset whose parameters include
    `stand_in(name)` for each name in `values`) with the values put in their place.
    `build` is called only when `key` has not been compiled yet on `using`."""
    cache_key = (using, connections[using].vendor, key)
    entry = _COMPILED.get(cache_key)
    if entry is None:
        query = build().query
        compiler = query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        params = tuple(params)
        slots = {
            name: [i for i, p in enumerate(params) if p == stand_in(name)]
            for name in values
        }
        missing = [name for name, found in slots.items() if not found]
        if missing:
            raise ValueError(f"The query has no stand-in for {missing}.")
        names = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        entry = (compiler, sql, params, slots, names)
        _COMPILED[cache_key] = entry
        while len(_COMPILED) > _MAX:
            _COMPILED.popitem(last=False)
    compiler, sql, params, slots, names = entry
    sent = list(params)
    for name, value in values.items():
        for slot in slots[name]:
            sent[slot] = value
    with _cursor(connections[using]) as cursor:
        cursor.execute(sql, sent)
        fetched = cursor.fetchall()
    return [
        dict(zip(names, row, strict=True))
        for row in compiler.results_iter(results=[fetched])
    ]


@contextlib.contextmanager
def _cursor(connection):
    """A Django cursor (query logging and wrappers as usual) whose statements are
    prepared, on PostgreSQL with DATABASE_PREPARED_STATEMENTS; an ordinary one
    otherwise. psycopg prepares a server-binding cursor's statement on first use
    when the threshold is 0, and uses it again while the connection lives; the
    connection's own settings are put back straight after."""
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        with connection.cursor() as cursor:
            yield cursor
        return
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    raw = connection.connection
    factory, threshold = raw.cursor_factory, raw.prepare_threshold
    raw.cursor_factory, raw.prepare_threshold = ServerBindingCursor, 0
    try:
        with connection.cursor() as cursor:
            yield cursor
    finally:
        raw.cursor_factory, raw.prepare_threshold = factory, threshold


class IdList(Expression):
    """Ids given as one parameter, the text of a JSON array (`"[3, 1, 2]"`), as a
    subquery for `__in`: one compiled query serves a page of any length."""

    output_field = BigIntegerField()

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def as_sql(self, compiler, connection):
        return "SELECT value FROM json_each(%s)", [self.text]

    def as_postgresql(self, compiler, connection):
        return "SELECT jsonb_array_elements_text(%s::jsonb)::bigint", [self.text]
