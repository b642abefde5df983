"""The import: editors only, a preview that stores nothing, then confirm or discard."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casebase.cases.models import ComparisonOutput, OutputComparison
from casebase.core.models import PublicationStatus
from casebase.workbench.models import ImportBatch, PairMeasure, PromptSet
from tests import factories as f
from tests.editorial.users import user_with_role
from tests.html import content

pytestmark = pytest.mark.django_db

GOOD_AND_BAD = (
    b"prompt,system,output,temperature\n"
    b"Say the canary word.,sys-a,The canary word is quillet.,0\n"
    b"Say the canary word.,sys-b,The canary word is quillet.,0\n"
    b"Say the canary word.,nobody,?,0\n"
    b"Glorp?,sys-a,,0\n"
    b"Glorp?,sys-b,caf\xe9,0\n"
)


@pytest.fixture
def setting():
    evidence = f.EvidenceFactory()
    f.AISystemFactory(slug="sys-a", name="System A")
    f.AISystemFactory(slug="sys-b", name="System B")
    return evidence


def upload(client, evidence, data=GOOD_AND_BAD, name="rows.csv", **extra):
    return client.post(
        reverse("workbench:import"),
        {"evidence": evidence.pk, "file": SimpleUploadedFile(name, data), **extra},
    )


def test_preview_shows_rows_and_errors_and_stores_nothing(client, role_editor, setting):
    """After the upload: a preview with 2 good rows and 3 errors; no output stored."""
    client.force_login(role_editor)
    response = upload(client, setting)
    assert response.status_code == 302
    html = content(client.get(response["Location"]))
    assert "5 rows read: <strong>2</strong> ready to store, <strong>3</strong>" in html
    assert "Unknown system" in html and "Empty output" in html and "Not UTF-8" in html
    assert OutputComparison.objects.count() == 0
    assert ComparisonOutput.objects.count() == 0


def test_confirm_stores_drafts_measures_and_the_prompt_set(
    client, role_editor, setting
):
    """Confirming stores the good rows as draft comparisons, measured and filed."""
    client.force_login(role_editor)
    preview = upload(
        client, setting, prompt_set_name="Canaries", prompt_set_kind="canary"
    )
    response = client.post(preview["Location"], {"action": "confirm"})
    assert response.status_code == 302
    comparison = OutputComparison.objects.get()
    assert comparison.publication_status == PublicationStatus.DRAFT
    assert comparison.outputs.count() == 2
    assert comparison.outputs.first().settings == {"temperature": 0}
    assert PairMeasure.objects.get().exact_match == 1.0
    assert list(PromptSet.objects.get(name="Canaries").comparisons.all()) == [
        comparison
    ]
    assert client.get(preview["Location"]).status_code == 404


def test_discard_stores_nothing(client, role_editor, setting):
    """Discarding leaves the comparisons untouched."""
    client.force_login(role_editor)
    preview = upload(client, setting)
    client.post(preview["Location"], {"action": "discard"})
    assert ComparisonOutput.objects.count() == 0
    assert ImportBatch.objects.get().status == "discarded"


def test_rows_already_stored_are_errors_not_overwrites(client, role_editor, setting):
    """A second import of the same file changes nothing already stored."""
    client.force_login(role_editor)
    client.post(upload(client, setting)["Location"], {"action": "confirm"})
    before = list(ComparisonOutput.objects.values_list("pk", "output"))
    preview = upload(client, setting)
    assert "already has an output" in content(client.get(preview["Location"]))
    assert list(ComparisonOutput.objects.values_list("pk", "output")) == before


def test_another_editors_token_is_not_found(client, role_editor, setting):
    """Only the uploader may see or confirm a held upload."""
    client.force_login(role_editor)
    location = upload(client, setting)["Location"]
    client.force_login(user_with_role("editor", "other-editor"))
    assert client.post(location, {"action": "confirm"}).status_code == 404
    assert ComparisonOutput.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "extra", "field"),
    [("rows.txt", {}, "file_format"), ("rows.csv", {"evidence": "999999"}, "evidence")],
)
def test_bad_form_input_is_400_naming_the_field(
    client, role_editor, setting, name, extra, field
):
    """An unknown format or evidence item is a form error, not a 500."""
    client.force_login(role_editor)
    response = client.post(
        reverse("workbench:import"),
        {"evidence": setting.pk, "file": SimpleUploadedFile(name, b"x"), **extra},
    )
    assert response.status_code == 400
    assert field.replace("_", " ").capitalize() in content(response)


def test_readers_and_the_public_cannot_import(client, setting):
    """Anonymous visitors are sent to sign in; a reader without a role gets 403."""
    anonymous = client.get(reverse("workbench:import"))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    client.force_login(user_with_role(None))
    assert upload(client, setting).status_code == 403
    assert ImportBatch.objects.count() == 0


def test_staff_without_the_editor_role_cannot_import(client, editor, setting):
    """Staff status alone is not enough: the role's permissions are needed."""
    client.force_login(editor)
    assert client.get(reverse("workbench:import")).status_code == 403
