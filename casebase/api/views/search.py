"""`/api/v1/search`: the search service behind the API.

The query string is validated by the search page's own form (same query language,
same facets, same limits); the view builds a `SearchQuery`, calls `run_search()` and
serializes `SearchResults`. It never touches a backend.
"""

from dataclasses import replace

from django import forms
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from casebase.api import cache as api_cache
from casebase.api import conditional
from casebase.api.filters import NO_VALUE
from casebase.api.numbers import whole_number
from casebase.api.permissions import ReadOnly
from casebase.api.serializers.search import ResultsOut, api_links
from casebase.api.views.base import ApiMixin
from casebase.search.forms import SearchForm
from casebase.search.service import SearchUnavailable, run_search

MAX_PAGE_SIZE = 50
UNAVAILABLE = "Search is unavailable just now. Please try again in a moment."


def _parameter(name: str, field: forms.Field) -> OpenApiParameter:
    """One of the search form's fields as a documented parameter, with the bounds
    and values the endpoint enforces."""
    kind = {"type": "string"}
    if isinstance(field, forms.IntegerField):
        bounds = {"minimum": field.min_value, "maximum": field.max_value}
        kind = {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}
    if isinstance(field, forms.ChoiceField):
        kind["enum"] = [value for value, _ in field.choices if value]
    if getattr(field, "values", None):  # a fixed vocabulary: type, stage, outcome
        kind["enum"] = list(field.values)
    return OpenApiParameter(
        name, kind, required=name == "q", description=str(field.label or "")
    )


def _parameters() -> list[OpenApiParameter]:
    return [
        *(_parameter(name, field) for name, field in SearchForm.base_fields.items()),
        OpenApiParameter(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            description=f"Hits per page (1-{MAX_PAGE_SIZE}).",
        ),
    ]


def _empty_values(form: SearchForm) -> dict[str, list[str]]:
    """A parameter given with nothing usable in it (`type=`, `type=%00`) is an
    error, as on the list endpoints, not "no filter"; an empty `q` has its own."""
    return {
        name: [NO_VALUE]
        for name in form.fields
        if name != "q"
        and name in form.data
        and name not in form.errors
        and form.cleaned_data.get(name) in ("", None)
    }


def _loose_numbers(form: SearchForm) -> dict[str, list[str]]:
    """A whole-number parameter written otherwise than in digits (` 1`, `+1`, `1.0`),
    which the page's form reads leniently: a 400 naming it, as on the lists."""
    return {
        name: ["Enter a whole number, in digits only."]
        for name, field in form.fields.items()
        if isinstance(field, forms.IntegerField)
        and form.data.get(name)
        and name not in form.errors
        and whole_number(form.data[name], 0, 10**18) is None
    }


def _unavailable(message: str) -> Response:
    return Response(
        {
            "status": 503,
            "code": "unavailable",
            "message": message,
            "errors": {"q": [message]},
        },
        status=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": "5"},
    )


class Search(ApiMixin, APIView):
    permission_classes = [ReadOnly]

    @extend_schema(
        summary="Search every published record",
        description="`q` is in the search page's query language (phrases in quotes, "
        "AND/OR/NOT, field:value, citations such as [2023] UKSC 49). Facet counts "
        "come with the results; `snippet_html` marks the matched words with <mark>.",
        tags=["search"],
        parameters=_parameters(),
        responses={
            200: ResultsOut,
            503: OpenApiResponse(description="The search backend failed: retry."),
        },
    )
    def get(self, request):
        form = SearchForm(request.query_params)
        errors = {} if form.is_valid() else dict(form.errors)
        errors.update(_empty_values(form))
        errors.update(_loose_numbers(form))
        size = whole_number(
            request.query_params.get("page_size", "20"), 1, MAX_PAGE_SIZE
        )
        if size is None:
            errors["page_size"] = [f"Enter a whole number from 1 to {MAX_PAGE_SIZE}."]
        query = form.to_query() if not errors else None
        if query is None and not errors:
            errors["q"] = ["Enter something to search for."]
        if errors:
            raise exceptions.ValidationError({k: list(v) for k, v in errors.items()})
        key = api_cache.key_for(request)
        cached = api_cache.get(key)
        if isinstance(cached, tuple):  # an older release kept the body alone
            return _page(request, *cached)
        try:
            results = run_search(
                query=replace(query, per_page=size),
                user=request.user,
                raise_unavailable=True,
            )
        except SearchUnavailable:
            # The backend failed (a type, not a message): 503, never a 500 or a 400.
            return _unavailable(UNAVAILABLE)
        if results.error and not results.hits:
            if results.timed_out:
                return _unavailable(results.error)
            # What made it unsearchable first, as the search page shows it.
            raise exceptions.ValidationError({"q": [*results.notices, results.error]})
        context = {"request": request, "links": api_links(results.hits, request)}
        body = JSONRenderer().render(ResultsOut(results, context=context).data)
        etag = conditional.body_etag(body)
        if not results.timed_out:
            api_cache.put(key, (body, etag))
        return _page(request, body, etag)


def _page(request, body: bytes, etag: str) -> HttpResponse:
    """A page of results, or 304 when If-None-Match names it (as the lists do)."""
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if conditional.etag_matches(request, etag):
        return HttpResponse(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return HttpResponse(body, content_type="application/json", headers=headers)
