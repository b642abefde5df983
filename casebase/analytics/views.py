"""The analytics page, its per-figure downloads, and the dispute and search exports.

Bad parameters: the page shows the figures for the valid filters with an error naming
each bad field (HTTP 400); a download answers HTTP 400 JSON naming the fields.
"""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casebase.analytics import charts
from casebase.analytics.dispute_export import HEADER as DISPUTE_HEADER
from casebase.analytics.dispute_export import dispute_queryset, dispute_rows
from casebase.analytics.exports import csv_lines, json_chunks, streamed
from casebase.analytics.filters import AnalyticsFilterForm
from casebase.analytics.search_export import HEADER as SEARCH_HEADER
from casebase.analytics.search_export import search_rows
from casebase.analytics.selectors import all_figures, figure
from casebase.cases.forms import DisputeFilterForm
from casebase.search.forms import SearchForm


def _bad_request(form) -> JsonResponse:
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    return JsonResponse(
        {"detail": "Some parameters are not valid.", "errors": errors}, status=400
    )


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@require_GET
def analytics(request):
    form = AnalyticsFilterForm(request.GET)
    form.is_valid()
    filters = form.to_filters()
    figures = [
        {
            "figure": f,
            "chart": charts.render(f, narrow=f.side_by_side),
            "rows": f.display_rows(),
        }
        for f in all_figures(filters)
    ]
    context = {
        "form": form,
        "figures": figures,
        "params": filters.as_params(),
        "disputes_total": filters.disputes().count(),
    }
    return render(
        request,
        "analytics/analytics.html",
        context,
        status=400 if form.errors else 200,
    )


@require_GET
def figure_download(request, key: str, fmt: str):
    form = AnalyticsFilterForm(request.GET)
    if not form.is_valid():
        return _bad_request(form)
    filters = form.to_filters()
    found = figure(key, filters)
    if found is None:
        raise Http404("There is no such figure.")
    keys = [column.key for column in found.columns]
    if fmt == "csv":
        chunks = csv_lines(keys, found.rows)
    else:
        meta = {
            "figure": found.key,
            "title": found.title,
            "filters": filters.as_params(),
            "notes": list(found.notes),
            "columns": {column.key: column.label for column in found.columns},
        }
        chunks = json_chunks(meta, keys, found.rows)
    return streamed(chunks, filename=f"casebase-{found.key}", fmt=fmt)


@require_GET
def dispute_export(request, fmt: str):
    """The dispute list with its current filters (the page parameter is ignored)."""
    form = DisputeFilterForm(request.GET, user=request.user)
    if not form.is_valid() and set(form.errors) - {"page"}:
        return _bad_request(form)
    disputes = dispute_queryset(user=request.user, filters=form.to_filters())
    rows = dispute_rows(disputes, user=request.user, base_url=_base_url(request))
    if fmt == "csv":
        chunks = csv_lines(DISPUTE_HEADER, rows)
    else:
        filters = {
            name: value
            for name, value in request.GET.items()
            if name in form.fields and name != "page" and value
        }
        meta = {"filters": filters, "count": disputes.count()}
        chunks = json_chunks(meta, DISPUTE_HEADER, rows)
    return streamed(chunks, filename="casebase-disputes", fmt=fmt)


@require_GET
def search_export(request, fmt: str):
    """Every result of a search, with its query and facets applied."""
    form = SearchForm(request.GET)
    if not form.is_valid() and set(form.errors) - {"page", "sort"}:
        return _bad_request(form)
    query = form.to_query()
    if query is None:
        return JsonResponse(
            {
                "detail": "Nothing to export.",
                "errors": {"q": ["Enter words to search for."]},
            },
            status=400,
        )
    rows = search_rows(query, user=request.user, base_url=_base_url(request))
    if fmt == "csv":
        chunks = csv_lines(SEARCH_HEADER, rows)
    else:
        meta = {"query": query.text, "filters": dict(query.filters.items())}
        chunks = json_chunks(meta, SEARCH_HEADER, rows)
    return streamed(chunks, filename="casebase-search", fmt=fmt)
