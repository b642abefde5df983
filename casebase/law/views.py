"""Public pages for the law. Imports nothing of `cases` (see selectors)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from casebase.core.listing import render_list
from casebase.core.visibility import visible
from casebase.law import selectors
from casebase.law.documents import attach_pinpoint_urls, precedent_documents
from casebase.law.forms import PrecedentFilterForm
from casebase.law.models import Court, Jurisdiction, LegalTheory
from casebase.pagecache.decorators import public_page
from casebase.pagecache.generations import RECORDS


@public_page(depends=[RECORDS])
def precedent_list(request):
    form = PrecedentFilterForm(request.GET, user=request.user)
    form.is_valid()
    precedents = selectors.precedent_list(user=request.user, filters=form.to_filters())
    return render_list(request, "law/precedent_list.html", form=form, items=precedents)


@public_page(depends=[RECORDS])
def precedent_detail(request, slug):
    """Judgments without a neutral-citation path live here; the others redirect to
    their citation-shaped address."""
    precedent = get_object_or_404(
        selectors.precedent_detail_queryset(user=request.user), slug=slug
    )
    if precedent.citation_path:
        return redirect(precedent, permanent=True)
    return _render_precedent(request, precedent)


@public_page(depends=[RECORDS])
def precedent_by_citation(request, path):
    precedent = get_object_or_404(
        selectors.precedent_detail_queryset(user=request.user), citation_path=path
    )
    return _render_precedent(request, precedent)


def _render_precedent(request, precedent):
    relations = selectors.precedent_relations(user=request.user, precedent=precedent)
    attach_pinpoint_urls(relations.cites + relations.cited_by)
    chain = selectors.later_history_chain(user=request.user, precedent=precedent)
    context = {
        "precedent": precedent,
        "relations": relations,
        "chain": chain,
        "documents": precedent_documents(precedent=precedent),
    }
    return render(request, "law/precedent_detail.html", context)


@public_page(depends=[RECORDS])
def statute_list(request):
    statutes = selectors.statute_list(user=request.user)
    return render(request, "law/statute_list.html", {"statutes": statutes})


def _statute(request, legislation_type, year, number):
    return get_object_or_404(
        selectors.statute_detail_queryset(user=request.user),
        legislation_type=legislation_type,
        year=year,
        number=number,
    )


@public_page(depends=[RECORDS])
def statute_detail(request, legislation_type, year, number):
    statute = _statute(request, legislation_type, year, number)
    return render(request, "law/statute_detail.html", {"statute": statute})


@public_page(depends=[RECORDS])
def provision_detail(request, legislation_type, year, number, unit, unit_number):
    statute = _statute(request, legislation_type, year, number)
    provisions = selectors.provisions_at(
        user=request.user, statute=statute, unit=unit, number=unit_number
    )
    if not provisions:
        raise Http404("No such provision.")
    theories = {t for p in provisions for t in p.legal_theories.all()}
    applying = {prec.pk for p in provisions for prec in p.precedents.all()}
    related = selectors.precedents_on_theories(
        user=request.user, theories=theories
    ).exclude(pk__in=applying)
    context = {
        "statute": statute,
        "provisions": provisions,
        "unit": unit,
        "unit_number": unit_number,
        "precedents": related,
        "theories": sorted(theories, key=lambda t: (t.position, t.name)),
    }
    return render(request, "law/provision_detail.html", context)


@public_page(depends=[RECORDS])
def theory_list(request):
    return render(
        request, "law/theory_list.html", {"theories": selectors.theory_list()}
    )


@public_page(depends=[RECORDS])
def theory_detail(request, slug):
    theory = get_object_or_404(LegalTheory, slug=slug)
    detail = selectors.theory_detail(user=request.user, theory=theory)
    return render(
        request, "law/theory_detail.html", {"theory": theory, "detail": detail}
    )


@public_page(depends=[RECORDS])
def court_list(request):
    courts = selectors.court_list(user=request.user)
    return render(request, "law/court_list.html", {"courts": courts})


@public_page(depends=[RECORDS])
def court_detail(request, slug):
    court = get_object_or_404(
        visible(Court, request.user).select_related("jurisdiction"), slug=slug
    )
    detail = selectors.court_detail(user=request.user, court=court)
    return render(request, "law/court_detail.html", {"court": court, "detail": detail})


@public_page(depends=[RECORDS])
def jurisdiction_list(request):
    jurisdictions = selectors.jurisdiction_list(user=request.user)
    return render(
        request, "law/jurisdiction_list.html", {"jurisdictions": jurisdictions}
    )


@public_page(depends=[RECORDS])
def jurisdiction_detail(request, slug):
    jurisdiction = get_object_or_404(Jurisdiction, slug=slug)
    detail = selectors.jurisdiction_detail(user=request.user, jurisdiction=jurisdiction)
    return render(
        request,
        "law/jurisdiction_detail.html",
        {"jurisdiction": jurisdiction, "detail": detail},
    )
