"""Links to the downloads, carrying the current filters."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def figure_url(key: str, fmt: str, params: dict[str, str]) -> str:
    """The figure's download URL with the page's valid filters."""
    url = reverse("analytics:figure", kwargs={"key": key, "fmt": fmt})
    return f"{url}?{urlencode(params)}" if params else url


@register.simple_tag(takes_context=True)
def export_url(context, name: str, fmt: str) -> str:
    """An export (`analytics:disputes` or `analytics:search`) of the current page's
    list, with its query string (the page number is dropped: exports are whole)."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    url = reverse(name, kwargs={"fmt": fmt})
    encoded = query.urlencode()
    return f"{url}?{encoded}" if encoded else url


@register.inclusion_tag("analytics/_remedies.html", takes_context=True)
def dispute_remedies(context, dispute) -> dict:
    """A dispute's remedies as its page shows them, under the visibility rule, each
    with the words it rests on."""
    from casebase.cases.models import Remedy

    request = context.get("request")
    user = getattr(request, "user", None)
    remedies = (
        Remedy.objects.visible_to(user).filter(dispute=dispute).select_related("source")
    )
    return {"remedies": list(remedies)}
