"""Every URL the site answers, found by walking the URLconf, with sample arguments.

Security tests use it so that a view added tomorrow is covered without anyone
remembering to list it; a named pattern whose arguments cannot be filled is reported.
"""

import re
from dataclasses import dataclass

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

# Tried for an argument no sample names: a number, a word, a format, a UUID.
FALLBACK = ["1", "x", "csv", "00000000-0000-4000-8000-000000000000"]
PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its namespaced name (or text, when unnamed) and arguments."""

    name: str
    params: tuple[str, ...]
    named: bool


def routes() -> list[Route]:
    """Every URL pattern in the project, depth first."""
    found: list[Route] = []

    def walk(patterns, namespace: str, prefix: str):
        for entry in patterns:
            text = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, ns, text)
            elif isinstance(entry, URLPattern):
                params = tuple(a or b for a, b in PARAM.findall(text))
                if entry.name:
                    found.append(Route(f"{namespace}{entry.name}", params, True))
                else:
                    found.append(Route(text, params, False))

    walk(get_resolver().url_patterns, "", "/")
    return found


def admin_model(name: str):
    """`admin:cases_dispute_change` -> the Dispute model; None for other names."""
    for model in admin.site._registry:
        if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


def instantiate(route: Route, samples: dict[str, list]) -> str | None:
    """A concrete URL for `route`, trying the sample values for each argument."""
    if not route.named:
        return None
    local = dict(samples)
    model = admin_model(route.name)
    if model is not None and "object_id" in route.params:
        first = model._default_manager.order_by("pk").first()
        local["object_id"] = [str(first.pk) if first else "1"]
    combos: list[dict] = [{}]
    for param in route.params:
        values = local.get(param) or FALLBACK
        combos = [dict(c, **{param: v}) for c in combos for v in values]
    for kwargs in combos[:200]:
        try:
            return reverse(route.name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None
