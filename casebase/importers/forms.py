"""The editors' upload form for judgment and legislation XML."""

from django import forms

MAX_UPLOAD_MB = 10


class XMLUploadForm(forms.Form):
    """One LegalDocML judgment / press summary or CLML legislation file."""

    file = forms.FileField(
        label="XML file",
        help_text="A Find Case Law judgment or press summary (LegalDocML), or a "
        "legislation.gov.uk document or fragment (CLML). At most "
        f"{MAX_UPLOAD_MB} MB.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                f"The file is larger than {MAX_UPLOAD_MB} MB; nothing was stored."
            )
        return upload

    def data_bytes(self) -> bytes:
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return upload.read()
