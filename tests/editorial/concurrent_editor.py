"""One editor in its own process: read a dispute, wait for the signal, save it.

Run by test_locking as `python -m tests.editorial.concurrent_editor PK TITLE GO`:
prints `saved` or `stale`. The signal is the file GO appearing, so both processes
have read the same version before either saves.
"""

import sys
import time
from pathlib import Path

import django


def main(pk: int, title: str, go: Path) -> str:
    django.setup()
    from casebase.cases.models import Dispute
    from casebase.core.locking import StaleVersionError

    dispute = Dispute.objects.get(pk=pk)
    Path(f"{go}.{title}.ready").touch()
    for _ in range(3000):  # at most 30 s
        if go.exists():
            break
        time.sleep(0.01)
    dispute.title = title
    try:
        dispute.save()
    except StaleVersionError:
        return "stale"
    return "saved"


if __name__ == "__main__":
    print(main(int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])))
