"""Reading comparison data from CSV or JSON Lines, row by row (no Django).

Each row needs `prompt`, `system` and `output`; `timestamp` (ISO 8601; taken as UTC
when it has no offset), `settings` (a JSON object), the sampling columns
`temperature`, `top_p`, `top_k`, `seed`, `max_tokens` (merged into the settings) and
`prompt_kind` are optional. A bad row is reported with its line number and the field
at fault; the good rows are kept. Bytes that are not UTF-8 make their row an error
(they are never guessed at).
"""

import codecs
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

REQUIRED = ("prompt", "system", "output")
SAMPLING = ("temperature", "top_p", "top_k", "seed", "max_tokens")
OPTIONAL = ("timestamp", "settings", "prompt_kind", *SAMPLING)
PROMPT_KINDS = ("ordinary", "watermark", "canary", "nonsense")
FORMATS = ("csv", "jsonl")


class RowError(ValueError):
    """A row that cannot be imported; `field` names the column at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class ParseResult:
    """The good rows (dicts ready to store) and the errors, in file order."""

    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    total: int = 0

    def error(self, line: int, field_name: str, message: str) -> None:
        self.errors.append({"line": line, "field": field_name, "message": message})


# surrogateescape maps each byte that is not UTF-8 to U+DC80..U+DCFF.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _has_undecodable(value: str) -> bool:
    return _UNDECODABLE.search(value) is not None


def _csv_records(data: bytes) -> Iterator[tuple[int, dict | RowError]]:
    # An output may be long: allow fields up to the whole upload's size limit.
    csv.field_size_limit(max(csv.field_size_limit(), 32 * 1024 * 1024))
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    check_bytes = _has_undecodable(text)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        yield 1, RowError("file", f"Not a CSV file: {error}.")
        return
    if any(_has_undecodable(name) for name in header):
        yield (
            1,
            RowError(
                "encoding",
                "Not UTF-8: the header has bytes that are not "
                "valid UTF-8; save the file as UTF-8.",
            ),
        )
        return
    header = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        yield 1, RowError(missing[0], f"Missing column: {', '.join(missing)}.")
        return
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield line, RowError("file", f"Unreadable CSV: {error}.")
            return
        start, line = line, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        if check_bytes and any(_has_undecodable(v) for v in values):
            yield (
                start,
                RowError(
                    "encoding",
                    "Not UTF-8: the row has bytes that "
                    "are not valid UTF-8; save the file as UTF-8.",
                ),
            )
            continue
        if len(values) > len(header):
            yield start, RowError("file", "More values than columns.")
            continue
        yield start, dict(zip(header, values, strict=False))


def _jsonl_records(data: bytes) -> Iterator[tuple[int, dict | RowError]]:
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield (
                number,
                RowError(
                    "encoding",
                    "Not UTF-8: the line has bytes that "
                    "are not valid UTF-8; save the file as UTF-8.",
                ),
            )
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as error:
            yield number, RowError("file", f"Not valid JSON: {error.msg}.")
            continue
        if not isinstance(record, dict):
            yield number, RowError("file", "Each line must be a JSON object.")
            continue
        yield number, {str(k).strip().lower(): v for k, v in record.items()}


def _text(record: dict, name: str) -> str:
    if name not in record:
        raise RowError(name, f"Missing column: {name}.")
    value = record[name]
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RowError(name, f"{name} must be text.")
    return value


def _timestamp(value) -> str | None:
    if value in (None, ""):
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value).strip())
    except ValueError as error:
        raise RowError(
            "timestamp",
            "timestamp is not an ISO 8601 date and time (e.g. 2025-03-01T14:30:00Z).",
        ) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.isoformat()


def _number(name: str, value):
    if isinstance(value, bool):
        raise RowError(name, f"{name} must be a number.")
    if isinstance(value, int | float):
        return value
    try:
        number = float(str(value).strip())
    except ValueError as error:
        raise RowError(name, f"{name} must be a number.") from error
    return int(number) if number.is_integer() and name != "temperature" else number


def _settings(record: dict) -> dict:
    raw = record.get("settings")
    if raw in (None, ""):
        settings = {}
    elif isinstance(raw, dict):
        settings = dict(raw)
    else:
        try:
            settings = json.loads(raw) if isinstance(raw, str) else None
        except json.JSONDecodeError:
            settings = None
        if not isinstance(settings, dict):
            raise RowError(
                "settings", 'settings must be a JSON object, e.g. {"temperature": 0}.'
            )
    for name in SAMPLING:
        if record.get(name) not in (None, ""):
            settings[name] = _number(name, record[name])
    return settings


def clean_record(record: dict, system_key: Callable[[str], int | None]) -> dict:
    """One row checked and shaped for storing; raises RowError."""
    prompt = _text(record, "prompt")
    system = _text(record, "system").strip()
    output = _text(record, "output")
    if not prompt.strip():
        raise RowError("prompt", "Empty prompt.")
    if not system:
        raise RowError("system", "Empty system.")
    if not output.strip():
        raise RowError("output", "Empty output.")
    system_id = system_key(system)
    if system_id is None:
        raise RowError(
            "system",
            f"Unknown system: {system[:80]!r}. Use the slug "
            "or name of an AI system already in casebase.",
        )
    kind = str(record.get("prompt_kind") or "ordinary").strip().lower()
    if kind not in PROMPT_KINDS:
        raise RowError(
            "prompt_kind", f"prompt_kind must be one of {', '.join(PROMPT_KINDS)}."
        )
    return {
        "prompt": prompt,
        "system": system,
        "system_id": system_id,
        "output": output,
        "captured_at": _timestamp(record.get("timestamp")),
        "settings": _settings(record),
        "prompt_kind": kind,
    }


def parse(data: bytes, file_format: str, system_key: Callable[[str], int | None]):
    """Every row of the file, checked. `system_key` maps a system's slug or name to
    its id (None when unknown)."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown format {file_format!r}.")
    records = _csv_records(data) if file_format == "csv" else _jsonl_records(data)
    result = ParseResult()
    seen: dict[tuple[str, int], int] = {}
    for line, record in records:
        result.total += 1
        try:
            if isinstance(record, RowError):
                raise record
            row = clean_record(record, system_key)
            key = (row["prompt"], row["system_id"])
            if key in seen:
                raise RowError(
                    "system",
                    f"The same prompt and system again (first at line {seen[key]}).",
                )
        except RowError as error:
            result.error(line, error.field, error.message)
            continue
        seen[key] = line
        row["line"] = line
        result.rows.append(row)
    if result.total == 0:
        result.error(1, "file", "The file has no rows.")
    return result
