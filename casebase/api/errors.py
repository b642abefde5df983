"""Every API error in one JSON shape, and no exception left to become a 500.

    {"status": 400, "code": "invalid",
     "message": "year: Enter a number.",
     "errors": {"year": ["Enter a number."]}}

`message` is one line a person can read and always names the field at fault;
`errors` maps each field (dotted for nested input, `body` for the request body as a
whole, `non_field_errors` for rules that span fields) to its messages.
"""

import logging

from django.core.exceptions import (
    PermissionDenied as DjangoPermissionDenied,
)
from django.core.exceptions import (
    RequestDataTooBig,
)
from django.core.exceptions import (
    ValidationError as DjangoValidationError,
)
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from casebase.core.locking import StaleVersionError
from casebase.editorial.locking import conflict_body
from casebase.editorial.services import PublicationBlocked, TransitionError

logger = logging.getLogger(__name__)


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


class LengthRequired(exceptions.APIException):
    """A body sent in chunks, without a Content-Length: WSGI servers hand Django
    such a body as empty, which would otherwise read as "this field is required"."""

    status_code = status.HTTP_411_LENGTH_REQUIRED
    default_detail = (
        "Send the body with a Content-Length header; a chunked body cannot be read."
    )
    default_code = "length_required"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The change conflicts with the stored record."
    default_code = "conflict"


class StaleWrite(Conflict):
    default_detail = (
        "The record has changed since you read it: fetch it again, reapply your "
        "change, and send it with the new version."
    )
    default_code = "stale"


BODY = "body"
NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


def flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as `{"field.sub": [messages]}`."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in flatten(value, name).items():
                out.setdefault(field, []).extend(messages)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                for field, messages in flatten(value, f"{prefix}.{index}").items():
                    out.setdefault(field, []).extend(messages)
            else:
                out.setdefault(prefix or NON_FIELD, []).append(str(value))
    else:
        out.setdefault(prefix or NON_FIELD, []).append(str(detail))
    return out


def body(status_code: int, code: str, errors: dict[str, list[str]]) -> dict:
    lines = []
    for field, messages in errors.items():
        for message in messages:
            lines.append(message if field == NON_FIELD else f"{field}: {message}")
    return {
        "status": status_code,
        "code": code,
        "message": " ".join(lines) or "Error.",
        "errors": errors,
    }


def _code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    while isinstance(codes, dict | list) and codes:
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return codes if isinstance(codes, str) else exc.default_code


def _as_api_exception(exc: Exception) -> Exception:
    """Django, database and workflow exceptions as the API errors they mean."""
    if isinstance(exc, PublicationBlocked):
        return Conflict(str(exc), code="blocked")
    if isinstance(exc, TransitionError):
        return Conflict(str(exc), code="transition")
    if isinstance(exc, DataError):
        # Field validation keeps values storable; this is the last line of defence.
        return exceptions.ValidationError(
            {BODY: ["A value cannot be stored (too long, out of range or malformed)."]}
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return exceptions.ValidationError(detail)
    if isinstance(exc, ProtectedError | RestrictedError):
        count = len(getattr(exc, "protected_objects", None) or []) or len(
            getattr(exc, "restricted_objects", None) or []
        )
        return Conflict(
            f"It cannot be deleted: {count} other record(s) depend on it. "
            "Remove or reassign them first.",
            code="protected",
        )
    if isinstance(exc, IntegrityError):
        # Validation runs the model's constraints first; this is a race between two
        # writers, and the second is told so rather than shown a 500.
        return Conflict(
            "The change conflicts with a record stored meanwhile (a duplicate "
            "name or a link to a record that no longer exists). Fetch and retry.",
            code="integrity",
        )
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _field_for(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return NON_FIELD
    if isinstance(exc, exceptions.ParseError | exceptions.UnsupportedMediaType):
        return BODY
    if isinstance(exc, PayloadTooLarge | LengthRequired):
        return BODY
    return NON_FIELD


def exception_handler(exc: Exception, context: dict) -> Response:
    """DRF's handler (headers such as WWW-Authenticate and Retry-After), then the
    one shape; anything unforeseen is logged and answered in that shape too."""
    if isinstance(exc, StaleVersionError):
        # The editorial module says what changed meanwhile, in this same shape.
        return Response(conflict_body(exc), status=status.HTTP_409_CONFLICT)
    exc = _as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("Unhandled API error", exc_info=exc)
        return Response(
            body(
                500, "server_error", {NON_FIELD: ["Something went wrong on our side."]}
            ),
            status=500,
        )
    if isinstance(exc, exceptions.ValidationError) or isinstance(exc.detail, dict):
        errors = flatten(exc.detail)  # by field (an unknown ?format= names `format`)
    else:
        errors = {_field_for(exc): [str(exc.detail)]}
    response.data = body(response.status_code, _code(exc), errors)
    return response


def json_error(status_code: int, code: str, message: str) -> JsonResponse:
    """The same shape from plain Django views (unknown API paths)."""
    return JsonResponse(
        body(status_code, code, {NON_FIELD: [message]}), status=status_code
    )
