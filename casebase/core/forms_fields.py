"""Form fields shared by the editors' forms."""

from django import forms
from django.core.exceptions import ValidationError


class LinesField(forms.Field):
    """A JSON list of short strings, edited as a textarea with one element per line.

    Blank lines and surrounding spaces are dropped; the value is always a list (empty
    when nothing is entered), so it can go straight into a `JSONField(default=list)`.
    """

    widget = forms.Textarea
    default_error_messages = {
        "too_long": "“%(start)s…” is longer than %(limit)s characters.",
        "duplicate": "“%(value)s” is entered more than once.",
        "not_text": "Enter text, one item per line.",
    }

    def __init__(self, *, max_item_length: int = 500, rows: int = 3, **kwargs):
        self.max_item_length = max_item_length
        kwargs.setdefault("widget", self.widget(attrs={"rows": rows, "cols": 60}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # A stored list becomes lines; text typed into a bound form comes back as is.
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        if isinstance(value, list | tuple):
            return [str(item).strip() for item in value if str(item).strip()]
        if not isinstance(value, str):
            raise ValidationError(self.error_messages["not_text"], code="not_text")
        return [line.strip() for line in value.splitlines() if line.strip()]

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        seen = set()
        for item in value:
            if len(item) > self.max_item_length:
                raise ValidationError(
                    self.error_messages["too_long"],
                    code="too_long",
                    params={"start": item[:40], "limit": self.max_item_length},
                )
            if item in seen:
                raise ValidationError(
                    self.error_messages["duplicate"],
                    code="duplicate",
                    params={"value": item},
                )
            seen.add(item)

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True
