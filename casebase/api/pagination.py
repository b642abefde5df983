"""Pages of results: cursors where the order allows, numbered pages elsewhere.

A cursor keeps a deep page as fast as the first (no OFFSET over the rows before it)
and never skips or repeats a row when records are added between requests.
"""

from rest_framework import exceptions
from rest_framework.pagination import CursorPagination, PageNumberPagination


class Cursor(CursorPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-updated_at"

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound as exc:
            # A mangled cursor is a bad query parameter, not a missing page.
            raise exceptions.ValidationError(
                {
                    self.cursor_query_param: [
                        "Invalid cursor: use the `next` or `previous` link as given."
                    ]
                }
            ) from exc

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (raw.isdigit() and 1 <= int(raw) <= 1000000):
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        f"Enter a whole number from 1 to {self.max_page_size}."
                    ]
                }
            )
        return super().get_page_size(request)


class Pages(PageNumberPagination):
    """For short, fixed vocabularies (jurisdictions, theories) ordered by name."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (raw.isdigit() and 1 <= int(raw) <= 1000000):
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        f"Enter a whole number from 1 to {self.max_page_size}."
                    ]
                }
            )
        return super().get_page_size(request)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and not (raw.isdigit() and 0 < int(raw) < 10**9):
            raise exceptions.ValidationError(
                {self.page_query_param: ["Enter a whole page number, such as 2."]}
            )
        try:
            return super().paginate_queryset(queryset, request, view)
        except exceptions.NotFound as exc:
            raise exceptions.ValidationError(
                {self.page_query_param: ["There is no such page."]}
            ) from exc
