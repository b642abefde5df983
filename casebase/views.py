"""Site-level pages that gather records from every app: the home page and source pages.

They sit above the apps (like urls.py), so `core` stays at the bottom of the dependency
order and reads go through the `cases` selectors, which may see `law` and `core`.
"""

from django.shortcuts import get_object_or_404, render

from casebase.cases import selectors as cases_selectors
from casebase.core.models import Source
from casebase.core.visibility import visible
from casebase.pagecache.decorators import public_page


@public_page
def home(request):
    summary = cases_selectors.site_summary(user=request.user)
    return render(request, "core/home.html", {"summary": summary})


@public_page
def source_detail(request, pk):
    source = get_object_or_404(visible(Source, request.user), pk=pk)
    citations = cases_selectors.source_citations(user=request.user, source=source)
    return render(
        request, "core/source_detail.html", {"source": source, "cited": citations}
    )
