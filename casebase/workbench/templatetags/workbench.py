"""Template helpers for the workbench: measure values and diff segments."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

_TAGS = {"removed": "del", "added": "ins"}


@register.filter
def measure(pair, name: str) -> str:
    """`{{ pair|measure:"edit_similarity" }}`: the value as shown (3 decimals; exact
    match as Yes or No)."""
    value = getattr(pair, name)
    if name == "exact_match":
        return "Yes" if value == 1 else "No"
    return f"{value:.3f}"


@register.simple_tag
def segments(parts) -> str:
    """The diff segments, escaped, with differing words in <del> or <ins>."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(
                    '<{0} class="diff-{1}">{2}</{0}>', _TAGS[s.kind], s.kind, s.text
                )
                if s.kind in _TAGS
                else s.text,
            )
            for s in parts
        ),
    )
