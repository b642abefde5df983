"""The page cache: anonymous reads of public pages are built once per data generation.

A view opts in with `@public_page` (`decorators.py`). For a GET or HEAD from a reader
who is not signed in (no session or messages cookie, no Authorization header) the
whole response is kept in the default cache, one copy per database, scheme, host,
path and query, stamped with the generations of the topics the page depends on; when
they have moved, one reader rebuilds it while others may get the previous copy for a
few seconds (`stale.py`). A response is
kept only if it is a plain 200 that sets no cookie, used no CSRF token or CSP nonce,
carries no `private`/`no-store`/`no-cache` Cache-Control and varies on nothing but
Cookie; nothing is read or kept while the database connection is inside a
transaction. It sits below the security and CSP middleware, so those headers are
added afresh to every response, cached or not. `PAGE_CACHE_SECONDS` bounds an
entry's life (a backstop for writes that send no signals, such as
`QuerySet.update`); 0 turns the cache off.
"""

import hashlib

from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from casebase.pagecache import stale

HEADER = "X-Page-Cache"
_KEY = "_page_cache_key"


def _anonymous(request) -> bool:
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # get_token() was called: the page holds a CSRF token made for this visitor.
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META or "CSRF_COOKIE_USED" in request.META:
        return False
    if getattr(request, "_csp_nonce", None):  # a nonce is good for one response
        return False
    control = response.get("Cache-Control", "").lower()
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    return vary <= {"", "cookie"}


def entry(request) -> str:
    """Where the copy of the page `request` asks for is kept."""
    where = f"{connection.settings_dict['NAME']}|{request.build_absolute_uri()}"
    return f"pagecache:page:{hashlib.sha256(where.encode()).hexdigest()[:40]}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, _KEY, None)
        if key is None:
            return response
        if _storable(request, response):
            headers = list(response.items())
            stale.put(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        else:
            stale.release(key)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        topics = getattr(view_func, "page_cache_topics", None)
        if (
            topics is None
            or not settings.PAGE_CACHE_SECONDS
            or request.method not in ("GET", "HEAD")
            or not _anonymous(request)
            # Inside a transaction (a test case, or a caller that wrote first) this
            # connection may read rows nobody else can see, or that roll back.
            or connection.in_atomic_block
        ):
            return None
        key = stale.key(entry(request), topics)
        outcome, cached = stale.get(key)
        if cached is None:
            setattr(request, _KEY, key)
            return None
        content, headers = cached
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response[HEADER] = outcome
        return response
