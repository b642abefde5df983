"""Only what the public may see is ever indexed, on every backend."""

from casebase.cases.models import Confidentiality
from casebase.core.models import PublicationStatus
from casebase.search.backends.base import get_backend
from tests import factories as f
from tests.search.conftest import index_all, search
from tests.search.corpus import build_corpus


def test_drafts_are_never_indexed(engine):
    """A draft dispute is not in the index at all."""
    records = build_corpus()
    index_all()
    assert search("zebraword").total == 0
    assert f"dispute:{records['draft'].pk}" not in get_backend().digests()


def test_sealed_evidence_is_never_indexed(engine):
    """Sealed evidence cannot be found by its description."""
    build_corpus()
    index_all()
    assert search("sealedword").total == 0


def test_redacted_evidence_is_found_by_its_public_description_only(engine):
    """Redacted evidence is indexed with the public description, not the full one."""
    build_corpus()
    index_all()
    assert search("confidentialword").total == 0
    assert search("publicsummaryword").total == 1


def test_evidence_of_a_draft_dispute_is_not_indexed(engine):
    """Published evidence hanging off a draft dispute stays out of the index."""
    build_corpus()
    index_all()
    assert search("draftevidenceword").total == 0


def test_draft_parties_are_left_out_of_a_published_dispute(engine):
    """A draft party's name does not make a published dispute findable."""
    dispute = f.DisputeFactory()
    party = f.PartyFactory(
        name="Quietname Ltd", publication_status=PublicationStatus.DRAFT
    )
    f.DisputePartyFactory(dispute=dispute, party=party)
    index_all()
    assert search("quietname").total == 0


def test_withdrawing_removes_from_the_index(engine, django_capture_on_commit_callbacks):
    """A published dispute that is withdrawn leaves the index after the commit."""
    with django_capture_on_commit_callbacks(execute=True):
        dispute = f.DisputeFactory(summary="Withdrawnword dispute.")
    assert search("withdrawnword").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        dispute.publication_status = PublicationStatus.WITHDRAWN
        dispute.save()
    assert search("withdrawnword").total == 0


def test_sealing_evidence_removes_it(engine, django_capture_on_commit_callbacks):
    """Evidence that becomes sealed leaves the index."""
    with django_capture_on_commit_callbacks(execute=True):
        evidence = f.EvidenceFactory(description="Laterseal exhibit")
    assert search("laterseal").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        evidence.confidentiality = Confidentiality.SEALED
        evidence.save()
    assert search("laterseal").total == 0
