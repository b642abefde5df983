"""Reference records get their first revision when loaded, not when first opened."""

import pytest
from django.urls import reverse
from reversion.models import Version

from casebase.cases.models import Claim, Dispute
from casebase.editorial.baseline import create_initial_revisions
from casebase.law.models import Precedent, Provision
from tests import factories as f
from tests.editorial.users import user_with_role


@pytest.mark.django_db
def test_loaded_reference_records_have_a_first_revision(reference_db):
    """After load_reference every dispute, precedent and provision has a revision,
    and a second pass stores none (idempotent)."""
    for model in (Dispute, Precedent, Provision):
        have = set(Version.objects.get_for_model(model).values_list("object_id"))
        ids = set(model.objects.values_list("pk", flat=True))
        assert ids and {str(pk) for pk in ids} <= {pk for (pk,) in have}
    assert create_initial_revisions() == 0


@pytest.mark.django_db
def test_a_disputes_first_revision_holds_its_rows():
    """The dispute's first revision holds its claims: they need none of their own."""
    claim = f.ClaimFactory()
    assert create_initial_revisions() >= 1
    revision = Version.objects.get_for_object(claim.dispute).get().revision
    held = {(v.content_type.model, v.object_id) for v in revision.version_set.all()}
    assert ("claim", str(claim.pk)) in held
    assert Version.objects.get_for_model(Claim).filter(object_id=str(claim.pk)).count()


@pytest.mark.django_db
def test_opening_a_change_page_writes_nothing(client):
    """An editor opening a record with no revision stores no revision."""
    dispute = f.DisputeFactory()
    client.force_login(user_with_role("editor"))
    before = Version.objects.count()
    url = reverse("admin:cases_dispute_change", args=[dispute.pk])
    assert client.get(url).status_code == 200
    assert Version.objects.count() == before
    assert not Version.objects.get_for_object(dispute).exists()
