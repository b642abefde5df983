"""Public pages for disputes, parties and AI systems."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from casebase.cases import selectors
from casebase.cases.forms import DisputeFilterForm
from casebase.cases.models import Confidentiality
from casebase.core.forms import PageForm
from casebase.core.listing import render_list
from casebase.pagecache.decorators import public_page
from casebase.pagecache.generations import RECORDS


@public_page
def dispute_list(request):
    form = DisputeFilterForm(request.GET, user=request.user)
    form.is_valid()
    disputes = selectors.dispute_list(user=request.user, filters=form.to_filters())
    return render_list(request, "cases/dispute_list.html", form=form, items=disputes)


@public_page(depends=[RECORDS])
def dispute_detail(request, slug):
    dispute = get_object_or_404(
        selectors.dispute_detail_queryset(user=request.user), slug=slug
    )
    return render(request, "cases/dispute_detail.html", {"dispute": dispute})


@public_page
def party_list(request):
    form = PageForm(request.GET)
    form.is_valid()
    parties = selectors.party_list(user=request.user)
    return render_list(request, "cases/party_list.html", form=form, items=parties)


@public_page
def party_detail(request, slug):
    party = get_object_or_404(
        selectors.party_detail_queryset(user=request.user), slug=slug
    )
    return render(request, "cases/party_detail.html", {"party": party})


@public_page
def system_list(request):
    form = PageForm(request.GET)
    form.is_valid()
    systems = selectors.system_list(user=request.user)
    return render_list(request, "cases/system_list.html", form=form, items=systems)


@public_page
def system_detail(request, slug):
    system = get_object_or_404(
        selectors.system_detail_queryset(user=request.user), slug=slug
    )
    return render(request, "cases/system_detail.html", {"system": system})


@public_page(cache=False)
def evidence_file(request, pk):
    """An exhibit's file, under the confidentiality rule (see the selector)."""
    evidence = get_object_or_404(
        selectors.evidence_file_queryset(user=request.user), pk=pk
    )
    try:
        handle = evidence.attachment.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing.") from error
    content_type = evidence.attachment_type or "application/octet-stream"
    response = FileResponse(
        handle,
        content_type=f"{content_type}; charset=utf-8"
        if content_type == "text/plain"
        else content_type,
        as_attachment=content_type == "application/octet-stream",
        filename=evidence.attachment_name or "exhibit",
    )
    # Shown as a document, never run: no scripts, no requests, no plugins' tricks.
    if content_type != "application/pdf":
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    public = evidence.confidentiality == Confidentiality.PUBLIC
    response["Cache-Control"] = "private, max-age=0" if not public else "max-age=300"
    return response
