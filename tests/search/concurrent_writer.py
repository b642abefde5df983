"""Run by test_concurrency in separate processes: each creates and then renames
parties, one transaction per update, so every update is its own index write.

Usage: python -m tests.search.concurrent_writer WRITER_NUMBER UPDATES
(DATABASE_URL, SEARCH_INDEX_PATH and CASEBASE_VAR_DIR come from the environment.)
"""

import sys

import django


def main(writer: int, updates: int) -> None:
    django.setup()
    from django.db import transaction

    from casebase.cases.models import Party
    from casebase.core.models import PublicationStatus

    for n in range(updates):
        with transaction.atomic():
            party = Party.objects.create(
                slug=f"w{writer}-p{n}",
                name=f"draftname w{writer}x{n}",
                publication_status=PublicationStatus.PUBLISHED,
            )
        with transaction.atomic():
            party.name = f"Writer w{writer}u{n}"
            party.save()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
