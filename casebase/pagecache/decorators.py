"""`public_page`: the mark a public read view carries."""

from django.views.decorators.http import require_safe

from casebase.pagecache.generations import ALL


def public_page(view=None, *, depends=ALL, cache: bool = True):
    """A public page: GET and HEAD only (anything else is a 405), and, with `cache`,
    kept by the page cache for anonymous readers under the generations of the
    `depends` topics (see `generations`). Use it bare or with arguments."""

    def decorate(func):
        func = require_safe(func)
        if cache:
            func.page_cache_topics = tuple(depends)
        return func

    return decorate(view) if view is not None else decorate
