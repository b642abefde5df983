"""Public pages for disputes, parties and AI systems."""

from django.shortcuts import get_object_or_404, render

from casebase.cases import selectors
from casebase.cases.forms import DisputeFilterForm
from casebase.core.forms import PageForm
from casebase.core.listing import render_list


def dispute_list(request):
    form = DisputeFilterForm(request.GET, user=request.user)
    form.is_valid()
    disputes = selectors.dispute_list(user=request.user, filters=form.to_filters())
    return render_list(request, "cases/dispute_list.html", form=form, items=disputes)


def dispute_detail(request, slug):
    dispute = get_object_or_404(
        selectors.dispute_detail_queryset(user=request.user), slug=slug
    )
    return render(request, "cases/dispute_detail.html", {"dispute": dispute})


def party_list(request):
    form = PageForm(request.GET)
    form.is_valid()
    parties = selectors.party_list(user=request.user)
    return render_list(request, "cases/party_list.html", form=form, items=parties)


def party_detail(request, slug):
    party = get_object_or_404(
        selectors.party_detail_queryset(user=request.user), slug=slug
    )
    return render(request, "cases/party_detail.html", {"party": party})


def system_list(request):
    form = PageForm(request.GET)
    form.is_valid()
    systems = selectors.system_list(user=request.user)
    return render_list(request, "cases/system_list.html", form=form, items=systems)


def system_detail(request, slug):
    system = get_object_or_404(
        selectors.system_detail_queryset(user=request.user), slug=slug
    )
    return render(request, "cases/system_detail.html", {"system": system})
