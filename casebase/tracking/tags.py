"""Stable identifiers (RFC 4151 `tag:` URIs) for feed entries and feeds.

An id is built from the configured authority, the day the record was first stored and
its primary key, none of which changes when the record is edited, renamed or moved.
"""

import datetime as dt

from django.conf import settings


def tag_uri(kind: str, pk: int | str, created: dt.datetime | dt.date | None) -> str:
    day = created.date() if isinstance(created, dt.datetime) else created
    date = day.isoformat() if day else settings.FEED_TAG_START
    return f"tag:{settings.FEED_TAG_AUTHORITY},{date}:{kind}/{pk}"


def feed_uri(name: str) -> str:
    """A feed's own id: the same on every host name it is served from."""
    return f"tag:{settings.FEED_TAG_AUTHORITY},{settings.FEED_TAG_START}:feed/{name}"
