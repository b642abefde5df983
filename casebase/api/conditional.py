"""Validators for conditional requests: ETag and Last-Modified of a record as served.

A record's representation embeds rows that change on their own (a dispute's claims,
events, parties), so the validators cover every embedded row's `updated_at` and how
many rows each list holds, and whether drafts were visible to the reader. They are
computed from the rows already fetched for the response: no extra query.
"""

import datetime as dt
import hashlib
from collections.abc import Iterable

from django.utils.http import http_date
from rest_framework.request import Request

from casebase.api.errors import StaleWrite
from casebase.core.models import can_see_unpublished


def _related(instance, path: str) -> list:
    objects = [instance]
    for name in path.split("__"):
        found = []
        for obj in objects:
            value = getattr(obj, name, None)
            if value is None:
                continue
            if hasattr(value, "all"):
                found.extend(value.all())
            else:
                found.append(value)
        objects = found
    return objects


def validators(instance, relations: Iterable[str], user) -> tuple[str, dt.datetime]:
    """`(etag, last_modified)` for `instance` with its embedded `relations`."""
    stamps = [instance.updated_at]
    parts = [instance.updated_at.isoformat(), str(can_see_unpublished(user))]
    for path in relations:
        rows = _related(instance, path)
        parts.append(f"{path}:{len(rows)}:{','.join(str(r.pk) for r in rows)}")
        stamps.extend(r.updated_at for r in rows if getattr(r, "updated_at", None))
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f'"{digest}-{max(stamps).timestamp():.6f}"', max(stamps)


def conditional_headers(etag: str, last_modified: dt.datetime | None) -> dict[str, str]:
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified.timestamp())
    return headers


def _tags(header: str) -> list[str]:
    return [t.strip().removeprefix("W/") for t in header.split(",") if t.strip()]


def body_etag(body: bytes) -> str:
    """A list's validator: the digest of the page exactly as sent, so any change in
    a listed record, in what it embeds, or in who may see what, changes it."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def etag_matches(request: Request, etag: str) -> bool:
    """True when If-None-Match names `etag` (or `*`)."""
    tags = _tags(request.headers.get("If-None-Match") or "")
    return "*" in tags or etag in tags


def not_modified(
    request: Request, etag: str, last_modified: dt.datetime | None
) -> bool:
    """True when the client's copy is current (If-None-Match wins over
    If-Modified-Since, as RFC 9110 says; a record with no change time answers
    If-None-Match only)."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        return "*" in _tags(if_none_match) or etag in _tags(if_none_match)
    since = request.headers.get("If-Modified-Since")
    if since and last_modified is not None:
        from django.utils.http import parse_http_date_safe

        parsed = parse_http_date_safe(since)
        return parsed is not None and int(last_modified.timestamp()) <= parsed
    return False


def check_fresh(request: Request, instance, etag: str) -> None:
    """Refuse a write based on an older copy of the record (409).

    The client says which copy it edited with `If-Match: <ETag>`. Versioned records
    (disputes, precedents, provisions) also take the `version` read, which the
    editorial service checks in the same statement as the write.
    """
    if_match = request.headers.get("If-Match")
    if if_match and "*" not in _tags(if_match) and etag not in _tags(if_match):
        raise StaleWrite()
