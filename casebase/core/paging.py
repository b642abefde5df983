"""Pagination that never fails on a page number out of range."""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator


@dataclass(frozen=True)
class Paged:
    page: Page
    error: str = ""


def paginate(object_list, *, number: int | None, per_page: int | None = None) -> Paged:
    """The requested page, or the last one with a message saying so."""
    paginator = Paginator(object_list, per_page or settings.CASEBASE_PAGE_SIZE)
    number = number or 1
    if number > paginator.num_pages:
        last = paginator.num_pages
        return Paged(
            paginator.page(last),
            f"There is no page {number}; showing page {last} of {last}.",
        )
    return Paged(paginator.page(number))
