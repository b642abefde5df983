"""The shared contract (test_contract.py) again on PostgreSQL, with a bitmap for
every word (SEARCH_PG_DENSE_MIN_DOCS=1): counted from bitmaps, the searches find
what they must."""

import pytest
from django.db import connection

from tests.search.test_contract import *  # noqa: F403 (the contract's tests)

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL backend only"
)


@pytest.fixture(autouse=True)
def every_word_dense(request, settings):
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or callspec.params.get("engine") != "postgres":
        pytest.skip("PostgreSQL with bitmaps: the contract itself runs on Whoosh")
    settings.SEARCH_PG_DENSE_MIN_DOCS = 1
