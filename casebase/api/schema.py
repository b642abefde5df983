"""Additions to the generated OpenAPI schema: the one error shape on every operation
that can answer it (and on any error a view declares without a body), 304 on
conditional reads (records, list pages, search pages), and request bodies closed to
keys no input takes."""

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error has this shape. `message` names the field at fault.",
    "properties": {
        "status": {"type": "integer", "example": 400},
        "code": {"type": "string", "example": "invalid"},
        "message": {"type": "string", "example": "year: Enter a whole number."},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "example": {"year": ["Enter a whole number."]},
        },
    },
    "required": ["status", "code", "message", "errors"],
}

WHY = {
    "400": "Bad input: a query parameter, the JSON body or a failed validation.",
    "401": "Not signed in: send `Authorization: Token <key>`.",
    "403": "Signed in without the editor's permission for this (or CSRF failed).",
    "404": "No such record, or not one you may see.",
    "405": "Method not allowed here.",
    "406": "Only application/json is offered.",
    "409": "Conflict: a stale write (If-Match or version out of date), a workflow "
    "step from the wrong status, or other records depend on it.",
    "413": "The request body is too large.",
    "415": "Send the body as application/json.",
    "429": "Too many requests: wait the Retry-After seconds.",
    "503": "The service behind the endpoint failed: wait the Retry-After seconds.",
}


# The GET endpoints that send no ETag (so never answer 304).
WITHOUT_VALIDATORS = {"/api/v1/", "/api/v1/ping"}


# A 409 for a stale version says, beside the one shape, what changed meanwhile
# (casebase.editorial.locking.conflict_body), so a script can show it and retry.
CONFLICT_SCHEMA = {
    "allOf": [
        {"$ref": "#/components/schemas/Error"},
        {
            "type": "object",
            "description": "For a stale version (`code` `stale`) only: the version "
            "stored and the one sent, who changed the record and when, and what "
            "changed since the version sent.",
            "properties": {
                "current_version": {"type": "integer"},
                "your_version": {"type": "integer"},
                "changed_by": {"type": "string", "nullable": True},
                "changed_at": {
                    "type": "string",
                    "format": "date-time",
                    "nullable": True,
                },
                "changes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "field": {"type": "string"},
                            "label": {"type": "string"},
                            "before": {},
                            "after": {},
                        },
                    },
                },
                "related_changes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "kind": {"type": "string"},
                            "model": {"type": "string"},
                            "record": {"type": "string"},
                        },
                    },
                },
            },
        },
    ]
}


def _error(code: str) -> dict:
    schema = "Conflict" if code == "409" else "Error"
    return {
        "description": WHY[code],
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
        },
    }


def add_error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    schemas["Conflict"] = CONFLICT_SCHEMA
    for path, operations in result.get("paths", {}).items():
        is_detail = "{" in path
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = ["400", "405", "406", "429"]
            if method in ("post", "put", "patch", "delete"):
                codes += ["401", "403", "413", "415"]
            if is_detail:
                codes.append("404")
            if method in ("post", "put", "patch", "delete"):
                # Stale version, a workflow step from the wrong status, a record
                # others depend on, or a duplicate stored meanwhile.
                codes.append("409")
            for code in codes:
                responses.setdefault(code, _error(code))
            for code, response in responses.items():
                # Declared by the view without a body (a 503): the one shape too.
                if code in WHY and "content" not in response:
                    responses[code] = {**_error(code), **response}
            if method == "get" and path not in WITHOUT_VALIDATORS:
                # Records, list pages and search pages carry an ETag.
                responses.setdefault("304", {"description": "Not modified."})
    return result


COMPONENTS = "#/components/schemas/"


def _refs(schema) -> set[str]:
    """The component names `schema` refers to, at any depth."""
    found = set()
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(COMPONENTS):
            found.add(ref[len(COMPONENTS) :])
        for value in schema.values():
            found |= _refs(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _refs(value)
    return found


def _reachable(start: set[str], components: dict) -> set[str]:
    """`start` and every component they refer to, followed recursively."""
    seen, todo = set(), list(start)
    while todo:
        name = todo.pop()
        if name in seen or name not in components:
            continue
        seen.add(name)
        todo.extend(_refs(components[name]) - seen)
    return seen


def _non_empty_lists() -> dict[str, list[str]]:
    """Input serializer name -> its list fields that may not be empty (DRF's
    `allow_empty=False`, which drf-spectacular does not show as `minItems`)."""
    from rest_framework import serializers

    from casebase.api.serializers import inputs, law_inputs

    found = {}
    for module in (inputs, law_inputs):
        for name, cls in vars(module).items():
            if not (
                isinstance(cls, type)
                and issubclass(cls, serializers.Serializer)
                and cls.__module__ == module.__name__
            ):
                continue
            fields = [
                field_name
                for field_name, field in cls().fields.items()
                if getattr(field, "allow_empty", True) is False
            ]
            if fields:
                found[name] = fields
    return found


def close_request_bodies(result, generator, request, public):
    """The server refuses a key no input field takes (400 naming it), so every
    request body's object schema, nested ones included, says
    `additionalProperties: false`; and a list that may not be empty says
    `minItems: 1`. Response schemas are left open."""
    components = result.get("components", {}).get("schemas", {})
    bodies = set()
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                bodies |= _refs(operation["requestBody"])
    for name in _reachable(bodies, components):
        schema = components[name]
        if schema.get("type") == "object" or "properties" in schema:
            schema["additionalProperties"] = False
    for serializer, fields in _non_empty_lists().items():
        for name in (f"{serializer}Request", f"Patched{serializer}Request"):
            properties = components.get(name, {}).get("properties", {})
            for field in fields:
                if field in properties:
                    properties[field]["minItems"] = 1
    return result
