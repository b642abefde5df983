"""The public page of a record as it will be once published, before it is.

The record (and the parts publishing would publish with it) are marked published
inside a transaction that is always rolled back; the record's public page is rendered
for an anonymous visitor in between. The preview is therefore exactly the public page
that publishing would produce: sealed evidence hidden, redacted evidence showing only
its public description, unpublished parties and judgments left out.
"""

import copy

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import Http404, HttpResponse, QueryDict
from django.urls import Resolver404, resolve

from casebase.core.models import PublicationStatus
from casebase.editorial.services import parts_to_publish


def _as_published(obj) -> None:
    # QuerySet.update sends no signals: nothing (the search index) hears of it.
    for row in [obj, *parts_to_publish(obj)]:
        type(row)._default_manager.filter(pk=row.pk).update(
            publication_status=PublicationStatus.PUBLISHED
        )


def render_public_page(request, obj) -> HttpResponse:
    url = obj.get_absolute_url()
    try:
        match = resolve(url)
    except Resolver404 as error:
        raise Http404("This record has no public page.") from error
    visitor = copy.copy(request)
    visitor.user = AnonymousUser()
    visitor.method = "GET"
    visitor.GET = QueryDict()
    visitor.path = visitor.path_info = url
    with transaction.atomic():
        try:
            _as_published(obj)
            response = match.func(visitor, *match.args, **match.kwargs)
            if hasattr(response, "render"):
                response.render()
            content = response.content
        finally:
            transaction.set_rollback(True)
    page = HttpResponse(content, status=response.status_code)
    page["Cache-Control"] = "no-store"
    return page
