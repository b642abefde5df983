"""The editors' upload page for judgment and legislation XML."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casebase.core.models import PublicationStatus
from casebase.law.models import Precedent, Provision

FIXTURES = Path(__file__).parent / "fixtures"
URL = "importers:upload"


def _file(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data or (FIXTURES / name).read_bytes())


def test_judgment_upload_makes_a_draft_and_opens_it(admin_client):
    """An uploaded judgment becomes a draft precedent; the editor lands on it."""
    response = admin_client.post(
        reverse(URL), {"file": _file("ewca-civ-2025-673.enriched.akn.xml")}
    )
    precedent = Precedent.objects.get(neutral_citation="[2025] EWCA Civ 673")
    assert precedent.publication_status == PublicationStatus.DRAFT
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:law_precedent_change", args=[precedent.pk]
    )


def test_legislation_upload_makes_provisions(admin_client):
    """An uploaded CLML fragment becomes a provision."""
    response = admin_client.post(
        reverse(URL), {"file": _file("ukpga-2025-16-s1.clml-fragment.xml")}
    )
    assert response.status_code == 302
    assert Provision.objects.get().heading == "Great British Energy"


def test_malformed_upload_is_a_field_error_with_position(admin_client):
    """A malformed file is answered 400 with the line and column on the field."""
    response = admin_client.post(
        reverse(URL), {"file": _file("bad.xml", b"<a>\n<b>\x0c</b></a>")}
    )
    assert response.status_code == 400
    assert "line 2, column 4" in str(response.context["form"].errors["file"])
    assert not Precedent.objects.exists()


def test_missing_file_is_a_field_error(admin_client):
    """Posting without a file names the field."""
    response = admin_client.post(reverse(URL), {})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors


def test_staff_without_rights_are_refused(client, editor):
    """A staff user without the right to add precedents gets 403."""
    client.force_login(editor)
    assert client.get(reverse(URL)).status_code == 403


def test_public_is_sent_to_sign_in(client, db):
    """Someone not signed in is sent to the admin sign-in."""
    response = client.get(reverse(URL))
    assert response.status_code == 302 and "login" in response["Location"]


def test_precedent_admin_links_to_the_upload(admin_client):
    """The precedents' admin list offers the import page."""
    html = admin_client.get(reverse("admin:law_precedent_changelist")).content.decode()
    assert reverse(URL) in html
