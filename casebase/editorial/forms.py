"""Forms of the editorial pages: a step's comment, a comparison, a restore, a
decision on a proposed change."""

from django import forms


class StepForm(forms.Form):
    comment = forms.CharField(
        required=False,
        max_length=2000,
        label="Comment",
        help_text="Why; kept in the audit log.",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )
    expected_version = forms.IntegerField(
        required=False, min_value=1, widget=forms.HiddenInput
    )


class CompareForm(forms.Form):
    """Two revisions by id; `b` may be empty for the record as it is now."""

    a = forms.IntegerField(
        min_value=1,
        label="Older revision",
        error_messages={"required": "Choose a revision to compare."},
    )
    b = forms.IntegerField(min_value=1, required=False, label="Newer revision")

    def __init__(self, *args, version_ids: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.version_ids = version_ids

    def _known(self, name: str) -> int | None:
        value = self.cleaned_data.get(name)
        if value is not None and value not in self.version_ids:
            raise forms.ValidationError("There is no such revision of this record.")
        return value

    def clean_a(self):
        return self._known("a")

    def clean_b(self):
        return self._known("b")


class RestoreForm(StepForm):
    pass


class DecisionForm(forms.Form):
    """A reviewer's approval or rejection of a proposed change, or its author's
    cancellation."""

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject"), ("cancel", "Cancel")]
    )
    comment = forms.CharField(
        required=False,
        max_length=2000,
        label="Comment",
        help_text="Kept in the audit log; a rejection must say why.",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
    )
