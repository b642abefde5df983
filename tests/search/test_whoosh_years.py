"""Whoosh reads the index's years once per searcher (for `year:` ranges); a new year
written later is seen by the next search."""

import datetime as dt

from casebase.search.indexing import refresh_keys
from tests import factories as f
from tests.search.conftest import index_all, keys, search


def test_year_range_sees_years_added_after_the_first_search(db):
    old = f.DisputeFactory(summary="quokkaword", filed_date=dt.date(2020, 5, 1))
    index_all()
    assert keys(search("quokkaword year:2019..2021")) == [f"dispute:{old.pk}"]
    assert search("quokkaword year:2030..2032").total == 0

    new = f.DisputeFactory(summary="quokkaword", filed_date=dt.date(2031, 5, 1))
    refresh_keys([f"dispute:{new.pk}"])  # an update, as after a commit
    assert keys(search("quokkaword year:2030..2032")) == [f"dispute:{new.pk}"]
    assert search("quokkaword year:2019..2032").total == 2
