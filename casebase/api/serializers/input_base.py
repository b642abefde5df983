"""The building blocks of the input serializers: strict JSON types, references by
slug or id that never reach the database unchecked, and the workflow step's body."""

import unicodedata

from rest_framework import serializers

from casebase.core.models import Source
from casebase.core.visibility import visible

# Every record's own fields; and with the list of sources its facts were read in.
RECORD = ["verified", "unverified_elements"]
SOURCED = ["sources", *RECORD]

MAX_ID = 2**63 - 1
SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


class BySlug(serializers.SlugRelatedField):
    """A related record by slug; a value that cannot be a slug fails before any query."""

    def __init__(self, model, **kwargs):
        super().__init__(slug_field="slug", queryset=model.objects.all(), **kwargs)

    def run_validation(self, data=serializers.empty):
        # DRF turns "" into null for relations; a reference is a slug or null.
        if data == "":
            self.fail("does_not_exist", slug_name=self.slug_field, value="")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data or not set(data) <= SLUG_CHARS:
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:80])
        return super().to_internal_value(data)


class ById(serializers.PrimaryKeyRelatedField):
    """A related record by id; an id out of range fails before any query."""

    def run_validation(self, data=serializers.empty):
        if data == "":
            self.fail("incorrect_type", data_type="empty string")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not str(data).isdigit() or not 1 <= int(data) <= MAX_ID:
            self.fail("does_not_exist", pk_value=str(data)[:40])
        return super().to_internal_value(int(data))


class VisibleById(ById):
    """A related record by id among those the user may see (the visibility rule): a
    record they may not see is refused as one that does not exist."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(queryset=model._default_manager.all(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return visible(self.model, getattr(request, "user", None))


def source_ids() -> serializers.ManyRelatedField:
    """The sources a record rests on, by id (`/api/v1/sources`)."""
    return VisibleById(
        Source,
        many=True,
        required=False,
        help_text="Where it was read or checked: source ids (`/api/v1/sources`). "
        "Given, it replaces the record's list; left out, the list is kept.",
    )


def _bad_text(value: str) -> str:
    if "\x00" in value:
        return "Text may not contain NUL characters."
    if any(unicodedata.category(c) == "Cs" for c in value):
        return "Text may not contain unpaired surrogate characters."
    return ""


def _type_error(field, value) -> str:
    """Why `value` is not of the JSON type the schema gives `field` ("" if it is).
    DRF would quietly coerce `5` to "5" or "true" to True; the contract says no."""
    if value is None:
        return ""
    if isinstance(field, serializers.ListField | serializers.ManyRelatedField):
        if not isinstance(value, list):
            return "Expected a list."
        child = getattr(field, "child", None) or getattr(field, "child_relation", None)
        return next((m for m in (_type_error(child, v) for v in value) if m), "")
    if isinstance(field, serializers.BooleanField):
        return "" if isinstance(value, bool) else "Expected true or false."
    if isinstance(field, serializers.IntegerField):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return "" if ok else "Expected a whole number."
    if isinstance(
        field,
        serializers.CharField
        | serializers.ChoiceField
        | serializers.DateField
        | serializers.SlugRelatedField,
    ):
        if not isinstance(value, str):
            return "Expected a string."
        return _bad_text(value) or _too_long(field, value)
    return ""


def _too_long(field, value: str) -> str:
    """The schema's `maxLength` counts the text as sent; DRF trims surrounding
    whitespace first and counts what is left."""
    limit = getattr(field, "max_length", None)
    if limit is not None and len(value) > limit:
        return f"Ensure this field has no more than {limit} characters."
    return ""


UNKNOWN_FIELD = "Unknown field: this {what} takes no field by that name."
STATUS_FIELD = (
    "The publication status is not written with the record: take the workflow "
    "steps (POST .../submit, .../publish, .../withdraw, .../return-to-draft)."
)


def _unknown_fields(serializer, data: dict) -> dict:
    """A key of the body that names none of the serializer's writable fields (DRF
    would drop it silently, and the client would believe it stored)."""
    writable = {
        name for name, field in serializer.fields.items() if not field.read_only
    }
    what = getattr(serializer, "unknown_what", "record")
    return {
        str(key)[:100]: [
            STATUS_FIELD
            if key == "publication_status"
            else UNKNOWN_FIELD.format(what=what)
        ]
        for key in data
        if key not in writable
    }


class StrictTypes:
    """Values of the wrong JSON type, and text no database can store, are refused up
    front naming the field (the uniqueness checks that follow query with the value
    as given); so is a key that names no field the input takes."""

    unknown_what = "record"

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = _unknown_fields(self, data)
            for name, field in self.fields.items():
                if field.read_only or name not in data:
                    continue
                message = _type_error(field, data[name])
                if message:
                    errors[name] = [message]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class InputSerializer(StrictTypes, serializers.ModelSerializer):
    """A record's input: strict JSON types (see `StrictTypes`)."""


class StrictSerializer(StrictTypes, serializers.Serializer):
    """A nested input (one link of a record): strict JSON types too."""


def lines(**kwargs) -> serializers.ListField:
    """A list of short phrases (citations, names as pleaded, unverified facts)."""
    return serializers.ListField(
        child=serializers.CharField(max_length=500),
        max_length=100,
        required=False,
        **kwargs,
    )


class WorkflowIn(StrictSerializer):
    """A workflow step's optional note and the version the editor read, as strictly
    typed as a record's input (`5` is not a comment, nor `"1"` a version)."""

    unknown_what = "step"

    comment = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, help_text="Shown in the log."
    )
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="The version you read (disputes, precedents, provisions): a stale "
        "one is refused with 409.",
    )
