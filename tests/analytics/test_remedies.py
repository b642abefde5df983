"""The Remedy model, its reference data (only what the reference states, in its own
words) and its place on the dispute page."""

import copy
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from casebase.cases.models import Remedy, RemedyKind, RemedyStatus
from casebase.core.models import PublicationStatus
from casebase.importers.errors import ReferenceDataError
from casebase.importers.reference import ReferenceData, load_reference
from tests import factories as f
from tests.analytics.data import RemedyFactory


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"amount": Decimal("10"), "currency": ""}, "currency"),
        ({"currency": "USD"}, "amount"),
        ({"amount": Decimal("10"), "currency": "usd"}, "currency"),
        ({"amount": Decimal("10"), "currency": "DOLLARS"}, "currency"),
        ({"date": "2024-01-01"}, "date_precision"),
    ],
)
def test_bad_remedy_is_refused_naming_the_field(db, fields, error_field):
    """An amount needs an ISO currency code (and the reverse); a date needs its
    precision. Each error names its field."""
    remedy = Remedy(
        dispute=f.DisputeFactory(),
        kind=RemedyKind.DAMAGES,
        status=RemedyStatus.CLAIMED,
        basis="Test words.",
        **fields,
    )
    with pytest.raises(ValidationError) as error:
        remedy.full_clean()
    assert error_field in error.value.message_dict


def test_amount_display_keeps_the_qualifier(db):
    """An amount reads with its qualifier and currency: `about JPY 2,170,000,000`."""
    remedy = RemedyFactory(
        amount=Decimal("2170000000"), currency="JPY", amount_note="about"
    )
    assert remedy.amount_display == "about JPY 2,170,000,000"
    assert "Damages" in str(remedy)


def test_loader_refuses_a_basis_not_in_the_reference(db):
    """A curated remedy whose words are not in the reference stops the load (and,
    being one transaction, nothing is stored)."""
    data = ReferenceData.read()
    curation = copy.deepcopy(data.curation)
    entry = next(e for e in curation["disputes"] if e.get("remedies"))
    entry["remedies"][0]["basis"] = "Damages of GBP 1 million were awarded."
    before = Remedy.objects.count()
    with pytest.raises(ReferenceDataError, match="not in the record"):
        load_reference(ReferenceData(data.facts, curation, data.vocabulary))
    assert Remedy.objects.count() == before


def test_dispute_page_lists_published_remedies_with_their_words(client, db):
    """The dispute page shows a published remedy with its quoted basis; a draft
    remedy stays hidden from the public."""
    dispute = f.DisputeFactory()
    RemedyFactory(dispute=dispute, basis="Test words: an injunction was granted.")
    RemedyFactory(
        dispute=dispute,
        basis="Test words: a secret draft.",
        publication_status=PublicationStatus.DRAFT,
    )
    html = client.get(dispute.get_absolute_url()).content.decode()
    assert "Test words: an injunction was granted." in html
    assert "a secret draft" not in html
