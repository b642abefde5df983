"""The search page and its help page."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render

from casebase.pagecache.decorators import public_page
from casebase.pagecache.generations import RECORDS
from casebase.search.citations import strip_pinpoint
from casebase.search.forms import SearchForm
from casebase.search.query import SortOrder
from casebase.search.service import direct_hit, run_search


@public_page
def search(request):
    form = SearchForm(request.GET)
    form.is_valid()
    query = form.to_query()
    results = run_search(query=query, user=request.user) if query else None
    hit = direct_hit(results) if results else None
    # A citation typed on its own goes straight to the one record that carries it;
    # a pinpoint typed after it goes along, for the record page to say it was not
    # followed (see the pinpoint_note tag).
    if hit and not query.filters.items() and query.page == 1:
        _, pinpoint = strip_pinpoint(query.text)
        return redirect(
            f"{hit.url}?{urlencode({'pinpoint': pinpoint})}" if pinpoint else hit.url
        )
    context = {
        "form": form,
        "query": query,
        "results": results,
        "sort_choices": SortOrder.choices,
    }
    return render(
        request, "search/search.html", context, status=400 if form.errors else 200
    )


@public_page(depends=[RECORDS])
def search_help(request):
    return render(request, "search/help.html")
