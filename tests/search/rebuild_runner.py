"""Run by test_crash_safety in a separate process, against a shared SQLite file and
index directory (DATABASE_URL, SEARCH_INDEX_PATH and CASEBASE_VAR_DIR come from the
environment).

Usage: python -m tests.search.rebuild_runner seed COUNT
       python -m tests.search.rebuild_runner stall FLAG_FILE

`seed` creates COUNT published parties named "Oldname …" and rebuilds the index.
`stall` renames them "Newname …" behind the index's back (no signals), then starts
a rebuild that writes its first batch, creates FLAG_FILE and waits to be killed.
"""

import sys
import time
from pathlib import Path

import django


def seed(count: int) -> None:
    from casebase.cases.models import Party
    from casebase.core.models import PublicationStatus
    from casebase.search import indexing

    Party.objects.bulk_create(
        Party(
            slug=f"crash-{n}",
            name=f"Oldname {n}",
            publication_status=PublicationStatus.PUBLISHED,
        )
        for n in range(count)
    )
    indexing.rebuild()


def stall(flag: Path) -> None:
    from django.db.models import Value
    from django.db.models.functions import Concat

    from casebase.cases.models import Party
    from casebase.search import indexing

    Party.objects.update(name=Concat(Value("Newname "), "slug"))
    real = indexing.iter_documents

    def first_batch_then_wait(batch_size):
        yield next(iter(real(2)))
        flag.write_text("halfway")
        time.sleep(600)

    indexing.iter_documents = first_batch_then_wait
    indexing.rebuild()


if __name__ == "__main__":
    django.setup()
    if sys.argv[1] == "seed":
        seed(int(sys.argv[2]))
    else:
        stall(Path(sys.argv[2]))
