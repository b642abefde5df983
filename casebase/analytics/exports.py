"""Streamed CSV and JSON downloads.

Rows arrive from generators (querysets read with `.values()` and `.iterator()`), are
written one at a time and sent as they are written, so a download of 100,000 rows
never holds them all in memory. CSV cells that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) are prefixed with an apostrophe.
"""

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A value as a CSV cell: text that could start a formula is defused."""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return safe_cell("; ".join(str(item) for item in value))
    return value


class _Line:
    """A file-like object whose write() hands back the line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    writer = csv.writer(_Line())
    # A byte-order mark so that spreadsheet programs read the file as UTF-8.
    yield "\ufeff" + writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


def json_chunks(
    meta: dict[str, Any], keys: list[str], rows: Iterable[Iterable[Any]]
) -> Iterator[str]:
    """`{...meta, "results": [{key: value}, ...]}`, written a row at a time."""
    head = json.dumps(meta, cls=_Encoder, ensure_ascii=False)
    yield head[:-1] + (', "results": [' if meta else '"results": [')
    first = True
    for row in rows:
        record = dict(zip(keys, row, strict=True))
        yield (
            ("" if first else ",")
            + "\n"
            + json.dumps(record, cls=_Encoder, ensure_ascii=False)
        )
        first = False
    yield "\n]}\n"


def streamed(
    chunks: Iterator[str], *, filename: str, fmt: str
) -> StreamingHttpResponse:
    content_type = {
        "csv": "text/csv; charset=utf-8",
        "json": "application/json; charset=utf-8",
    }[fmt]
    response = StreamingHttpResponse(_buffered(chunks), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response


def _buffered(chunks: Iterator[str], size: int = 64 * 1024) -> Iterator[bytes]:
    """Lines gathered into blocks of about `size` bytes: fewer, larger writes."""
    parts: list[str] = []
    length = 0
    for chunk in chunks:
        parts.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(parts).encode("utf-8")
            parts, length = [], 0
    if parts:
        yield "".join(parts).encode("utf-8")


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """`itertools.batched` for Python 3.11."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
