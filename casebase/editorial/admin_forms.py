"""The fields every editorial admin form gains: a revision comment and the lock.

`expected_version` carries the version the editor was shown. When it no longer
matches the stored record, the form is refused with what changed meanwhile; the
editor's input stays in the form, and the hidden version moves on to the stored one,
so saving again (having read the changes) is a deliberate choice.
"""

from django import forms
from django.utils.html import format_html, format_html_join

from casebase.core.locking import VersionedModel
from casebase.editorial.locking import describe_conflict


class RevisionFormMixin(forms.ModelForm):
    change_comment = forms.CharField(
        required=False,
        max_length=1000,
        label="Comment for the history",
        help_text="What you changed and why; kept with this revision.",
        widget=forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
    )
    expected_version = forms.IntegerField(
        required=False, min_value=1, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if isinstance(self.instance, VersionedModel) and self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if not (isinstance(instance, VersionedModel) and instance.pk):
            return cleaned
        expected = cleaned.get("expected_version")
        if expected is None:
            self.add_error(
                None,
                "This form does not say which version of the record it was made "
                "from; reload the page and make your changes again.",
            )
        elif expected != instance.version:
            self._refuse_stale(expected)
        return cleaned

    def _refuse_stale(self, expected: int) -> None:
        self.conflict = describe_conflict(
            type(self.instance), self.instance.pk, expected
        )
        lines = self.conflict.lines()
        # Fields where the editor's input and the stored record now differ (their
        # own edits, or the other editor's): useful when the exact change is unknown.
        differing = [
            str(self.fields[name].label or name)
            for name in self.changed_data
            if name not in ("change_comment", "expected_version")
        ]
        message = format_html(
            "{}{}{}<br>Your input is kept below. Saving again will replace the stored "
            "values with yours.",
            self.conflict.summary(),
            format_html(
                "<br>Changed meanwhile:<ul>{}</ul>",
                format_html_join("", "<li>{}</li>", ((line,) for line in lines)),
            )
            if lines
            else "",
            format_html(
                "Your input differs from the stored record in: {}.",
                ", ".join(differing),
            )
            if differing
            else "",
        )
        self.add_error(None, message)
        # The next save is made knowingly over the stored version.
        data = self.data.copy()
        data[self.add_prefix("expected_version")] = str(self.conflict.current or "")
        self.data = data
