"""The API's base views: JSON only, one error shape, throttles, a body-size limit,
conditional GET on details and stale-write checks on updates.

A resource's viewset names its selectors and serializers; everything else is here.
"""

from collections.abc import Mapping

from django.conf import settings
from django.http import Http404, HttpResponse
from drf_spectacular.openapi import AutoSchema
from rest_framework import decorators, exceptions, status, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from casebase.api import cache as api_cache
from casebase.api import conditional, errors, services
from casebase.api.filters import FilterBackend, StrictOrderingFilter
from casebase.api.pagination import Cursor
from casebase.api.permissions import ReadAnyoneWriteEditor, WorkflowPermission
from casebase.api.renderers import FastJSONRenderer, dumps
from casebase.api.serializers.input_base import WorkflowIn
from casebase.api.throttling import AnonThrottle, UserThrottle
from casebase.core.locking import VersionedModel
from casebase.editorial import proposals
from casebase.editorial import services as editorial_services

# URL action -> editorial workflow step.
WORKFLOW_ACTIONS = {
    "submit": "submit",
    "publish": "publish",
    "withdraw": "withdraw",
    "return_to_draft": "return_to_draft",
}

JSON = "application/json"
SLUG_REGEX = r"[-a-zA-Z0-9_]{1,200}"
ID_REGEX = r"[0-9]{1,18}"


class RecordSchema(AutoSchema):
    """Input serializers describe request bodies, output serializers responses."""

    def get_request_serializer(self):
        if getattr(self.view, "action", None) in WORKFLOW_ACTIONS:
            return WorkflowIn
        input_class = getattr(self.view, "input_serializer", None)
        if self.method in ("POST", "PUT", "PATCH") and input_class:
            return input_class
        return super().get_request_serializer()

    def get_auth(self):
        # Reading needs no credentials: say so (spectacular only sees AllowAny).
        auths = super().get_auth()
        if self.method in ("GET", "HEAD", "OPTIONS") and {} not in auths:
            auths.append({})
        return auths

    def get_response_serializers(self):
        if self.method == "DELETE":
            return {204: None}
        view = self.view
        if getattr(view, "action", None) == "list" or not hasattr(
            view, "detail_serializer"
        ):
            return super().get_response_serializers()
        return view.detail_serializer


class JSONBodyParser(JSONParser):
    """DRF's JSON parser, with a body nested deeper than Python's decoder recurses
    (some thousands of brackets) refused as bad JSON rather than left to be a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(
                "JSON parse error - the body is nested too deeply."
            ) from error


def negotiate_or_name_format(view, request, force):
    """`view.perform_content_negotiation`, with an unknown `?format=` answered as a
    bad parameter value: a 400 naming it (DRF's own is a 404 saying only "Not
    found.", a status the lists do not document)."""
    try:
        return view.perform_content_negotiation(request, force)
    except Http404:
        offered = ", ".join(
            sorted({r.format for r in view.get_renderers() if r.format != "api"})
        )
        raise exceptions.ValidationError(
            {
                "format": [
                    f"There is no {request.query_params.get('format')!r} format "
                    f"here; leave it out, or use one of: {offered}."
                ]
            }
        ) from None


def json_object(data):
    """The request body as a JSON object; a list, string, number or null is a 400
    naming `body` (DRF's serializers file it under `non_field_errors`)."""
    if not isinstance(data, Mapping):
        raise exceptions.ValidationError({errors.BODY: ["Send a JSON object."]})
    return data


EMPTY_BODY = "The body is empty: send a JSON object."


def record_body(request):
    """A record's create or update body: a JSON object, and not an empty body.

    DRF reads an empty body (no Content-Length, or 0) as `{}`, which for a PATCH
    would mean "change nothing"; it is a 400 naming `body` instead. DRF keeps no
    stream for such a body (`request.stream` is None), whatever the Content-Type;
    a chunked body without a Content-Length was refused (411) before this. The
    workflow steps, whose fields are all optional, still take an empty body.
    """
    data = request.data  # parsed first: a malformed body is a parse error
    if request.stream is None:
        raise exceptions.ValidationError({errors.BODY: [EMPTY_BODY]})
    return json_object(data)


class ApiMixin:
    """What every API view shares."""

    renderer_classes = [FastJSONRenderer]
    parser_classes = [JSONBodyParser]
    throttle_classes = [AnonThrottle, UserThrottle]
    permission_classes = [ReadAnyoneWriteEditor]
    schema = RecordSchema()

    def get_exception_handler(self):
        return errors.exception_handler

    def perform_content_negotiation(self, request, force=False):
        return negotiate_or_name_format(super(), request, force)

    def initial(self, request, *args, **kwargs):
        # Before authentication and permissions: a method the endpoint lacks is 405
        # whoever asks, not 401 or 403 to those who could never use it anyway.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not request.META.get("CONTENT_LENGTH"):
            raise errors.LengthRequired()
        # Refuse an oversized body before reading it (DRF's parsers do not check).
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise errors.PayloadTooLarge(
                f"The request body is {length} bytes; the limit is "
                f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE}."
            )
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Reads differ by who asks (editors see drafts): caches must key on it.
        response["Vary"] = "Accept, Authorization, Cookie"
        return response


class BaseRecordViewSet(ApiMixin, viewsets.ModelViewSet):
    """List and read for anyone; create, update and delete for editors.

    Subclasses set `list_selector`, `detail_selector` (keyword-only `user=`), the
    output serializers `list_serializer` / `detail_serializer`, `input_serializer`
    (None for a read-only resource) and `etag_relations` (the embedded lists).
    """

    list_selector = None
    detail_selector = None
    list_serializer = None
    detail_serializer = None
    input_serializer = None
    etag_relations: tuple[str, ...] = ()
    pagination_class = Cursor
    filter_backends = [FilterBackend, StrictOrderingFilter]
    ordering_fields = ["updated_at", "created_at"]
    ordering = ["-updated_at", "-pk"]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            return type(self).list_selector(user=user)
        return type(self).detail_selector(user=user)

    def get_serializer_class(self):
        if self.action == "list":
            return self.list_serializer
        return self.detail_serializer

    def _validators(self, instance):
        return conditional.validators(instance, self.etag_relations, self.request.user)

    def _detail(self, instance, status_code=status.HTTP_200_OK, headers=None):
        etag, modified = self._validators(instance)
        data = self.detail_serializer(
            instance, context=self.get_serializer_context()
        ).data
        headers = {**conditional.conditional_headers(etag, modified), **(headers or {})}
        return Response(data, status=status_code, headers=headers)

    def _cache_topics(self) -> tuple[str, ...]:
        # The serializer names the model: building the queryset (a dozen prefetches
        # through the visibility rule, for a dispute) only to ask it costs more.
        return api_cache.topics_for_model(self.detail_serializer.Meta.model)

    def list(self, request, *args, **kwargs):
        key = api_cache.key_for(request, self._cache_topics())
        cached = api_cache.get(key)
        if cached is None:
            body = dumps(self.list_data(request))
            cached = (body, conditional.body_etag(body))
            api_cache.put(key, cached)
        body, etag = cached
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if conditional.etag_matches(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        return HttpResponse(body, content_type=JSON, headers=headers)

    def list_data(self, request):
        """A page of records as the list serializer shows them, with its links."""
        return super().list(request).data

    def retrieve(self, request, *args, **kwargs):
        key = api_cache.key_for(request, self._cache_topics())
        cached = api_cache.get(key)
        if cached is None:
            data, etag, modified = self.detail_data(request)
            cached = (dumps(data), etag, modified)
            api_cache.put(key, cached)
        body, etag, modified = cached
        headers = conditional.conditional_headers(etag, modified)
        if conditional.not_modified(request, etag, modified):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
        return HttpResponse(body, content_type=JSON, headers=headers)

    def detail_data(self, request):
        """`(data, etag, last_modified)` of the record the URL names."""
        instance = self.get_object()
        etag, modified = self._validators(instance)
        data = self.detail_serializer(
            instance, context=self.get_serializer_context()
        ).data
        return data, etag, modified

    def _input(self, data, *, instance=None, partial=False):
        serializer = self.input_serializer(
            instance,
            data=json_object(data),
            partial=partial,
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _reload(self, instance):
        return self.detail_selector(user=self.request.user).get(pk=instance.pk)

    def create(self, request, *args, **kwargs):
        values = self._input(record_body(request))
        model = self.input_serializer.Meta.model
        instance = services.record_create(model=model, values=values, user=request.user)
        instance = self._reload(instance)
        location = self.detail_serializer(
            instance, context=self.get_serializer_context()
        )
        headers = {"Location": location.data.get("url", "")}
        return self._detail(instance, status.HTTP_201_CREATED, headers)

    def update(self, request, *args, partial=False, **kwargs):
        instance = self.get_object()
        conditional.check_fresh(request, instance, self._validators(instance)[0])
        values = dict(
            self._input(record_body(request), instance=instance, partial=partial)
        )
        if editorial_services.needs_review(request.user, instance):
            return self._propose(request, instance, values)
        instance = services.record_update(
            instance=instance,
            values=values,
            user=request.user,
            expected_version=(
                values.pop("version", None)
                if isinstance(instance, VersionedModel)
                else None
            ),
        )
        return self._detail(self._reload(instance))

    def _propose(self, request, instance, values):
        """casebase.editorial: an editor's update of a published record waits for a
        reviewer. Answered 202 with the pending change; the record is untouched."""
        expected = (
            values.pop("version", None)
            if isinstance(instance, VersionedModel)
            else None
        )
        change = proposals.propose(
            obj=instance,
            user=request.user,
            expected_version=expected,
            apply=lambda: services.record_update(
                instance=instance,
                values=values,
                user=request.user,
                expected_version=expected,
            ),
            comment="Proposed through the API.",
        )
        if change is None:
            return self._detail(self._reload(instance))
        return Response(proposals.api_body(change), status=status.HTTP_202_ACCEPTED)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        conditional.check_fresh(request, instance, self._validators(instance)[0])
        editorial_services.refuse_live_edit(request.user, instance)
        services.record_delete(instance=instance, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _workflow(action: str, verb: str):
    def step(self, request, *args, **kwargs):
        instance = self.get_object()
        conditional.check_fresh(request, instance, self._validators(instance)[0])
        data = WorkflowIn(data=json_object(request.data))
        data.is_valid(raise_exception=True)
        services.workflow_step(
            instance=instance,
            action=action,
            user=request.user,
            comment=data.validated_data.get("comment", ""),
            expected_version=data.validated_data.get("version"),
        )
        return self._detail(self._reload(instance))

    step.__name__ = action
    step.__doc__ = f"{verb} (editorial workflow)."
    return decorators.action(
        detail=True,
        methods=["post"],
        url_path=action.replace("_", "-"),
        permission_classes=[WorkflowPermission],
    )(step)


class RecordViewSet(BaseRecordViewSet):
    """A writable record, with the editorial workflow steps as POST actions:
    `/submit`, `/publish`, `/withdraw`, `/return-to-draft`. Who may take which step
    is the workflow's rule (publishing and withdrawing need a reviewer)."""

    submit = _workflow("submit", "Send a draft for review")
    publish = _workflow("publish", "Publish a record in review (reviewers)")
    withdraw = _workflow("withdraw", "Withdraw a published record (reviewers)")
    return_to_draft = _workflow("return_to_draft", "Return a record to draft")


class ReadOnlyRecordViewSet(BaseRecordViewSet):
    """Vocabulary kept in the admin (jurisdictions, legal theories): read only."""

    http_method_names = ["get", "head", "options"]

    def detail_data(self, request):
        """These rows keep no change time, and what they show (a jurisdiction's
        dispute count and courts) changes with other records: the ETag is a digest
        of the record as sent, as a list page's is, and no Last-Modified is sent."""
        instance = self.get_object()
        data = self.detail_serializer(
            instance, context=self.get_serializer_context()
        ).data
        return data, conditional.body_etag(dumps(data)), None
