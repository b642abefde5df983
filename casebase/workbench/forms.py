"""The import form: which evidence item, which file, which prompt set."""

from django import forms

from casebase.cases.models import Evidence
from casebase.workbench.models import PromptSetKind

MAX_UPLOAD_MB = 20
EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class EvidenceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Evidence) -> str:
        ref = f"{obj.reference} " if obj.reference else ""
        return f"{obj.dispute}: {ref}{obj} [{obj.get_confidentiality_display()}]"


class ImportForm(forms.Form):
    """An upload of comparison data (CSV or JSON Lines) for one evidence item."""

    evidence = EvidenceChoiceField(
        queryset=Evidence.objects.select_related("dispute").order_by(
            "dispute__title", "position", "pk"
        ),
        help_text="The evidence item the prompts and outputs belong to.",
    )
    file = forms.FileField(
        help_text=f"CSV with a header row, or JSON Lines (one object a line); "
        f"UTF-8; at most {MAX_UPLOAD_MB} MB.",
    )
    file_format = forms.ChoiceField(
        choices=[("", "From the file name"), ("csv", "CSV"), ("jsonl", "JSON Lines")],
        required=False,
        help_text="Needed only when the name does not end in .csv or .jsonl.",
    )
    prompt_set_name = forms.CharField(
        max_length=200,
        required=False,
        help_text="File the prompts in this prompt set (made if it does not exist).",
    )
    prompt_set_kind = forms.ChoiceField(
        choices=PromptSetKind.choices,
        initial=PromptSetKind.WATERMARK,
        required=False,
        help_text="What sort of prompts the set holds.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"The file is larger than {MAX_UPLOAD_MB} MB.")
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and not cleaned.get("file_format"):
            name = upload.name.lower()
            fmt = next((v for k, v in EXTENSIONS.items() if name.endswith(k)), "")
            if not fmt:
                self.add_error(
                    "file_format",
                    "Choose CSV or JSON Lines: the file name does not say which.",
                )
            cleaned["file_format"] = fmt
        return cleaned
