"""Pages of results: cursors where the order allows, numbered pages elsewhere.

A cursor keeps a deep page as fast as the first (no OFFSET over the rows before it)
and never skips or repeats a row when records are added between requests.
"""

import datetime as dt

from django.core.exceptions import FieldDoesNotExist, ValidationError
from rest_framework import exceptions
from rest_framework.pagination import Cursor as Place
from rest_framework.pagination import CursorPagination, PageNumberPagination

from casebase.api.numbers import whole_number

# A cursor that names no place: what DRF decodes from an empty one.
_NO_PLACE = Place(offset=0, reverse=False, position=None)


class Cursor(CursorPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-updated_at"

    def get_ordering(self, request, queryset, view):
        return with_tiebreak(super().get_ordering(request, queryset, view))

    def paginate_queryset(self, queryset, request, view=None):
        # decode_cursor checks the position against the ordering field's type.
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound as exc:
            # A mangled cursor is a bad query parameter, not a missing page.
            raise self.invalid_cursor() from exc
        if cursor and cursor.position is not None and not self.usable(cursor.position):
            raise self.invalid_cursor()
        if cursor == _NO_PLACE:
            # `cursor=` (or text that decodes to nothing, such as `%00`): DRF reads
            # it as the first page; none of our links is written so (the first page
            # has no cursor), and an empty parameter is a 400 on the lists.
            raise self.invalid_cursor()
        return cursor

    def usable(self, position: str) -> bool:
        """A position one of our pages could have written: a value of the ordering
        field's type that the database can take (text without NUL, a time with a
        UTC offset it accepts), checked here rather than failing in the database
        (a 400 blaming the body, and on PostgreSQL an aborted transaction) or in
        Django's lookup (a 400 naming no parameter)."""
        try:
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
        except FieldDoesNotExist:  # an annotation: its value is read as text
            return storable(position)
        try:
            value = field.to_python(position)
        except (ValidationError, ValueError, OverflowError):
            return False
        return storable(value)

    def invalid_cursor(self) -> exceptions.ValidationError:
        return exceptions.ValidationError(
            {
                self.cursor_query_param: [
                    "Invalid cursor: use the `next` or `previous` link as given."
                ]
            }
        )

    def get_page_size(self, request):
        return checked_page_size(self, request)

    def get_schema_operation_parameters(self, view):
        return with_page_size_bounds(
            self, super().get_schema_operation_parameters(view)
        )


class Pages(PageNumberPagination):
    """For short, fixed vocabularies (jurisdictions, theories) ordered by name."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        return checked_page_size(self, request)

    def get_schema_operation_parameters(self, view):
        return with_page_size_bounds(
            self, super().get_schema_operation_parameters(view)
        )

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and whole_number(raw, 1, 10**9 - 1) is None:
            raise exceptions.ValidationError(
                {self.page_query_param: ["Enter a whole page number, such as 2."]}
            )
        try:
            return super().paginate_queryset(queryset, request, view)
        except exceptions.NotFound as exc:
            raise exceptions.ValidationError(
                {self.page_query_param: ["There is no such page."]}
            ) from exc


def checked_page_size(pagination, request) -> int:
    """The page size asked for, or a 400 naming `page_size` for anything but a whole
    number from 1 to the maximum (DRF would quietly cut 1000 to the maximum, and the
    client would take a short page for the last one)."""
    name, most = pagination.page_size_query_param, pagination.max_page_size
    raw = request.query_params.get(name)
    if raw is None:
        return pagination.page_size
    size = whole_number(raw, 1, most)
    if size is None:
        raise exceptions.ValidationError(
            {name: [f"Enter a whole number from 1 to {most}."]}
        )
    return size


def with_page_size_bounds(pagination, parameters: list[dict]) -> list[dict]:
    """DRF's schema parameters, with `page_size`'s bounds stated."""
    for parameter in parameters:
        if parameter["name"] == pagination.page_size_query_param:
            parameter["schema"].update(minimum=1, maximum=pagination.max_page_size)
    return parameters


def with_tiebreak(ordering) -> tuple[str, ...]:
    """`ordering` ending in the primary key. A cursor marks its place by the first
    field and counts the rows tied on it; unless the ties come back in the same
    order every time (PostgreSQL gives no such promise), a page boundary among
    them repeats some rows and skips others (events on one date did)."""
    terms = (ordering,) if isinstance(ordering, str) else tuple(ordering)
    if any(term.lstrip("-") in ("pk", "id") for term in terms):
        return terms
    return (*terms, "-pk" if terms[0].startswith("-") else "pk")


def storable(value) -> bool:
    """Whether the database takes `value` as it stands: PostgreSQL refuses a NUL in
    text and a UTC offset past ±15:59 (Python allows ±23:59)."""
    if isinstance(value, str):
        return "\x00" not in value
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        return abs(value.utcoffset()) < dt.timedelta(hours=16)
    return True
