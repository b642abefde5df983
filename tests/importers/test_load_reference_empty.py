"""The loader on an empty database: all or nothing."""

import copy

import pytest

from casebase.cases.models import Dispute
from casebase.importers.reference import (
    ReferenceData,
    ReferenceDataError,
    load_reference,
)
from casebase.law.models import Provision

pytestmark = pytest.mark.django_db


def test_bad_data_stores_nothing():
    """GIVEN a curation entry that does not match its reference record THEN nothing is stored."""
    data = ReferenceData.read()
    curation = copy.deepcopy(data.curation)
    curation["disputes"][-1]["caption"] = "Not the caption"
    with pytest.raises(ReferenceDataError):
        load_reference(ReferenceData(data.facts, curation, data.vocabulary))
    assert Provision.objects.count() == 0
    assert Dispute.objects.count() == 0
