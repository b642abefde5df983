"""Evidence attachments: checked from their content, stored safely, served by rule."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casebase.cases.models import Confidentiality, Evidence
from casebase.core.models import PublicationStatus as S
from tests import factories as f
from tests.admin_helpers import changeform_data
from tests.editorial.users import user_with_role

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path):
    settings.EVIDENCE_FILES_ROOT = tmp_path / "evidence-files"
    return settings.EVIDENCE_FILES_ROOT


def _upload(client, evidence, name: str, content: bytes):
    url = reverse("admin:cases_evidence_change", args=[evidence.pk])
    data = changeform_data(client.get(url))
    data["attachment"] = SimpleUploadedFile(name, content)
    return client.post(url, data)


def _draft_evidence():
    """An exhibit an editor may change directly (a published one goes to review)."""
    return f.EvidenceFactory(publication_status=S.DRAFT)


def _attachment_errors(response) -> list[str]:
    return response.context["adminform"].form.errors.get("attachment", [])


def test_a_pdf_is_stored_under_a_generated_name(client, evidence_root):
    """A real PDF is accepted; the stored name is random, the type from content."""
    evidence = _draft_evidence()
    client.force_login(user_with_role("editor"))
    response = _upload(client, evidence, "../../etc/Expert report.pdf", PDF)
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.attachment_type == "application/pdf"
    assert evidence.attachment_name == "Expert report.pdf"
    assert evidence.attachment.name.startswith("evidence/")
    assert "report" not in evidence.attachment.name
    assert evidence.attachment.name.endswith(".pdf")
    assert (evidence_root / evidence.attachment.name).read_bytes() == PDF


def test_a_script_renamed_pdf_is_refused(client):
    """A shell script named `.pdf` is refused with a message naming the field."""
    evidence = _draft_evidence()
    client.force_login(user_with_role("editor"))
    response = _upload(client, evidence, "exhibit.pdf", b"#!/bin/sh\nrm -rf /\n")
    assert response.status_code == 200
    assert "cannot be attached" in _attachment_errors(response)[0]
    evidence.refresh_from_db()
    assert not evidence.attachment


def test_text_named_as_a_pdf_is_refused(client):
    """Plain text named `.pdf` is refused: the name must match the content."""
    evidence = _draft_evidence()
    client.force_login(user_with_role("editor"))
    response = _upload(client, evidence, "exhibit.pdf", b"Just some notes.\n")
    assert "its content is plain text" in _attachment_errors(response)[0]


def test_an_executable_is_refused(client):
    """A Windows executable, whatever its name, is refused."""
    evidence = _draft_evidence()
    client.force_login(user_with_role("editor"))
    response = _upload(client, evidence, "photo.png", b"MZ\x90\x00" + b"\x00" * 200)
    assert "cannot be attached" in _attachment_errors(response)[0]


def test_an_oversized_file_is_refused(client, settings):
    """A body larger than the limit is refused with the limit, nothing is stored,
    and the editor's other input stays in the form."""
    settings.EVIDENCE_MAX_UPLOAD_MB = 1
    evidence = _draft_evidence()
    client.force_login(user_with_role("editor"))
    url = reverse("admin:cases_evidence_change", args=[evidence.pk])
    data = changeform_data(client.get(url))
    data["title"] = "Renamed while uploading"
    data["attachment"] = SimpleUploadedFile("big.pdf", PDF + b"0" * (3 * 1024 * 1024))
    response = client.post(url, data)
    assert response.status_code == 200
    assert "larger than 1 MB" in _attachment_errors(response)[0]
    assert response.context["adminform"].form["title"].value() == (
        "Renamed while uploading"
    )
    evidence.refresh_from_db()
    assert not evidence.attachment
    assert not any(evidence_root_files(settings))


def test_public_evidence_file_is_served_to_anyone(client):
    """The public gets the file of public evidence in a published dispute."""
    evidence = f.EvidenceFactory()
    evidence.attachment = SimpleUploadedFile("e.png", PNG)
    evidence.full_clean()
    evidence.save()
    response = client.get(reverse("cases:evidence-file", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


@pytest.mark.parametrize(
    "confidentiality", [Confidentiality.REDACTED, Confidentiality.SEALED]
)
def test_confidential_evidence_file_is_for_editors_only(client, confidentiality):
    """Redacted and sealed files: 404 to the public, served to an editor."""
    evidence = f.EvidenceFactory(confidentiality=confidentiality)
    evidence.attachment = SimpleUploadedFile("e.pdf", PDF)
    evidence.full_clean()
    evidence.save()
    url = reverse("cases:evidence-file", args=[evidence.pk])
    assert client.get(url).status_code == 404
    client.force_login(user_with_role(None))
    assert client.get(url).status_code == 404
    client.force_login(user_with_role("editor"))
    assert client.get(url).status_code == 200


def test_file_of_a_withdrawn_dispute_is_not_served(client):
    """Withdrawing the dispute takes its exhibits' files off the public site."""
    evidence = f.EvidenceFactory(
        dispute=f.DisputeFactory(publication_status=S.WITHDRAWN)
    )
    evidence.attachment = SimpleUploadedFile("e.pdf", PDF)
    evidence.full_clean()
    evidence.save()
    url = reverse("cases:evidence-file", args=[evidence.pk])
    assert client.get(url).status_code == 404


def test_public_page_links_the_file_of_public_evidence_only(client):
    """The dispute page links a public exhibit's file, not a redacted one's."""
    dispute = f.DisputeFactory()
    shown = f.EvidenceFactory(dispute=dispute)
    hidden = f.EvidenceFactory(
        dispute=dispute, confidentiality=Confidentiality.REDACTED
    )
    for evidence in (shown, hidden):
        evidence.attachment = SimpleUploadedFile("e.pdf", PDF)
        evidence.full_clean()
        evidence.save()
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert reverse("cases:evidence-file", args=[shown.pk]) in page
    assert reverse("cases:evidence-file", args=[hidden.pk]) not in page
    assert Evidence.objects.count() == 2


def evidence_root_files(settings) -> list:
    root = settings.EVIDENCE_FILES_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _proposed_upload(client, evidence_root, django_capture_on_commit_callbacks):
    """An editor attaches a file to published evidence: it waits for review."""
    from casebase.editorial.models import ChangeStatus, ProposedChange

    evidence = f.EvidenceFactory(publication_status=S.PUBLISHED)
    client.force_login(user_with_role("editor", "erin"))
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, evidence, "Expert report.pdf", PDF)
    assert response.status_code == 302
    change = ProposedChange.objects.get(status=ChangeStatus.PENDING)
    stored = list((evidence_root / "evidence").rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == PDF
    evidence.refresh_from_db()
    assert not evidence.attachment  # not live until approved
    return change, stored[0]


@pytest.mark.parametrize("decision", ["reject", "cancel"])
def test_a_file_proposed_and_then_refused_is_deleted(
    client, evidence_root, django_capture_on_commit_callbacks, decision
):
    """GIVEN an editor's upload waiting for review WHEN the reviewer rejects it, or
    the editor withdraws it, THEN the uploaded file is deleted from disk."""
    from casebase.editorial import proposals

    change, stored = _proposed_upload(
        client, evidence_root, django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        if decision == "reject":
            proposals.reject(
                change=change,
                user=user_with_role("reviewer", "rita"),
                comment="Wrong file.",
            )
        else:
            proposals.cancel(change=change, user=change.proposed_by)
    assert not stored.exists()


def test_a_file_proposed_and_approved_is_kept(
    client, evidence_root, django_capture_on_commit_callbacks
):
    """GIVEN an editor's upload waiting for review WHEN the reviewer approves it
    THEN the evidence carries the file, still on disk."""
    from casebase.editorial import proposals

    change, stored = _proposed_upload(
        client, evidence_root, django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        proposals.approve(change=change, user=user_with_role("reviewer", "rita"))
    evidence = Evidence.objects.get(pk=change.object_id)
    assert evidence.attachment.name == str(stored.relative_to(evidence_root))
    assert stored.read_bytes() == PDF


def test_a_proposed_file_carried_into_a_new_proposal_is_kept(
    client, evidence_root, django_capture_on_commit_callbacks
):
    """GIVEN an editor's upload waiting for review WHEN the editor reopens the
    evidence and saves another change on top of it THEN the new proposal still
    holds the file, which stays on disk."""
    from casebase.editorial.models import ChangeStatus, ProposedChange

    change, stored = _proposed_upload(
        client, evidence_root, django_capture_on_commit_callbacks
    )
    url = reverse("admin:cases_evidence_change", args=[change.object_id])
    data = changeform_data(client.get(url))
    data["description"] = "Described again by the editor."
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeStatus.SUPERSEDED
    newer = ProposedChange.objects.get(status=ChangeStatus.PENDING)
    names = {r["fields"].get("attachment") for r in newer.proposed}
    assert str(stored.relative_to(evidence_root)) in names
    assert stored.exists()


def test_evidence_with_a_file_reopens_with_a_link_to_it(client):
    """GIVEN evidence with a stored attachment WHEN an editor reopens it in the
    admin THEN the page shows the uploaded name, linked to the evidence-file view
    (the storage has no URL of its own), and the file can be kept or cleared."""
    evidence = _draft_evidence()
    client.force_login(user_with_role("editor"))
    assert _upload(client, evidence, "Expert report.pdf", PDF).status_code == 302
    response = client.get(reverse("admin:cases_evidence_change", args=[evidence.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    link = reverse("cases:evidence-file", args=[evidence.pk])
    assert f'href="{link}">Expert report.pdf</a>' in page
    assert 'name="attachment-clear"' in page
    assert b"".join(client.get(link).streaming_content) == PDF
