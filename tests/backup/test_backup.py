"""Backup and restore: an archive restores into an empty database exactly, table by
table, with history, audit log, users and uploaded files; a non-empty database or a
damaged archive is refused and nothing changes."""

import tarfile

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from casebase.backup.checksums import backed_up_models, database_checksums
from casebase.backup.restore import SEEDED
from tests import factories as f


def _empty_the_database():
    """What a freshly migrated database holds: the seeded tables only."""
    for model in backed_up_models():
        if model._meta.db_table not in SEEDED:
            model._base_manager.all()._raw_delete("default")


@pytest.fixture
def files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EVIDENCE_FILES_ROOT = tmp_path / "evidence"
    settings.EVIDENCE_FILES_ROOT.mkdir()
    (settings.EVIDENCE_FILES_ROOT / "ab").mkdir()
    (settings.EVIDENCE_FILES_ROOT / "ab" / "exhibit.txt").write_text("test exhibit\n")
    return settings.EVIDENCE_FILES_ROOT


@pytest.fixture
def populated(db, files):
    """A user, a revision with a comment, a published graph and a test file."""
    user = get_user_model().objects.create_user("backup-editor", password="x" * 14)
    with reversion.create_revision():
        dispute = f.DisputeFactory(title="Backup test dispute (test data)")
        f.ClaimFactory(dispute=dispute)
        f.EvidenceFactory(dispute=dispute)
        reversion.set_user(user)
        reversion.set_comment("made by the backup test")
    return dispute


def test_restore_into_an_empty_database_is_exact(
    reference_db, populated, files, tmp_path
):
    """GIVEN the reference data, records, revisions, users and an evidence file WHEN it
    is exported, emptied and imported THEN every table's checksum equals the one
    before, and the file is back with the same bytes."""
    before = database_checksums()
    assert before["reversion_version"][0] > 0 and before["auth_user"][0] > 0
    archive = tmp_path / "backup.tar.gz"
    call_command("export_casebase", str(archive))
    _empty_the_database()
    (files / "ab" / "exhibit.txt").unlink()
    call_command("import_casebase", str(archive))
    after = database_checksums()
    differing = [t for t in before if before[t] != after[t]]
    assert not differing, differing
    assert (files / "ab" / "exhibit.txt").read_text() == "test exhibit\n"


def test_the_archive_has_a_manifest_with_checksums(populated, tmp_path):
    """GIVEN an export WHEN the archive is opened THEN it holds a manifest naming
    every table with its rows and checksum, the tables and the uploaded files."""
    import json

    archive = tmp_path / "backup.tar.gz"
    call_command("export_casebase", str(archive))
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert "tables/reversion_revision.jsonl" in names
    assert "files/evidence/ab/exhibit.txt" in names
    assert manifest["tables"]["cases_dispute"]["rows"] > 0
    assert set(manifest["files"]) == {"files/evidence/ab/exhibit.txt"}


def test_a_non_empty_database_is_refused(populated, tmp_path):
    """GIVEN a database that holds records WHEN an archive is imported THEN the
    import refuses with a clear message and nothing changes."""
    archive = tmp_path / "backup.tar.gz"
    call_command("export_casebase", str(archive))
    before = database_checksums()
    with pytest.raises(CommandError, match="not empty"):
        call_command("import_casebase", str(archive))
    assert database_checksums() == before


def test_a_damaged_archive_is_refused(populated, tmp_path):
    """GIVEN an archive whose table file was altered WHEN it is imported into an
    empty database THEN the import names the damaged table and stores nothing."""
    archive = tmp_path / "backup.tar.gz"
    call_command("export_casebase", str(archive))
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    table = unpacked / "tables" / "cases_dispute.jsonl"
    table.write_text(table.read_text().replace("Backup test", "Tampered"))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(damaged, "w:gz") as tar:
        for child in unpacked.iterdir():
            tar.add(child, arcname=child.name)
    _empty_the_database()
    with pytest.raises(CommandError, match="cases_dispute"):
        call_command("import_casebase", str(damaged))
    assert not get_user_model().objects.exists()
