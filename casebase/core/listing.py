"""What every public list does with its validated form and its items."""

from django.shortcuts import render

from casebase.core.forms import PageForm
from casebase.core.paging import paginate


def render_list(request, template: str, *, form: PageForm, items, context=None):
    """Paginate `items` and render `template`; bad parameters get a 400 that still
    shows the list (filtered by whatever was valid) and names each bad field."""
    paged = paginate(items, number=form.cleaned_data.get("page"))
    if paged.error:
        form.add_error("page", paged.error)
    status = 400 if form.errors else 200
    context = {"form": form, "page_obj": paged.page, **(context or {})}
    return render(request, template, context, status=status)
