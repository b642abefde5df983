"""The import benchmark: a synthetic upload of fictional comparison data, previewed
and confirmed, timed. Run by `manage.py bench_workbench_import` (part of `make bench`).
Everything it makes is rolled back."""

import random
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from casebase.cases.models import AISystem, Dispute, Evidence, EvidenceKind, Party
from casebase.workbench import imports
from casebase.workbench.models import PairMeasure

WORDS = (
    "the model answer lantern zebra protocol river seventeen teal silver quiet "
    "glorp fendle mizzat quor rhyme canary city velmora aske steps wind wait whistle "
    "wane number colour tuesday edged old goes known phrase mean anything"
).split()


@dataclass
class BenchResult:
    rows: int
    systems: int
    preview_seconds: float
    confirm_seconds: float
    cpu_seconds: float
    pairs: int

    @property
    def total_seconds(self) -> float:
        return self.preview_seconds + self.confirm_seconds


def synthetic_csv(rows: int, systems: list[str], seed: int = 8) -> bytes:
    """`rows` rows: each prompt answered by every system; about half the answers
    copy the first system's, the rest are independent."""
    rng = random.Random(seed)
    lines = ["prompt,system,output,timestamp,temperature,seed"]
    prompts = rows // len(systems)
    for p in range(prompts):
        base = " ".join(rng.choices(WORDS, k=rng.randint(20, 80)))
        for s, system in enumerate(systems):
            copy = s == 0 or rng.random() < 0.5
            text = base if copy else " ".join(rng.choices(WORDS, k=rng.randint(20, 80)))
            lines.append(f"Bench prompt {p},{system},{text},2025-01-01T00:00:00Z,0,{p}")
    return ("\n".join(lines) + "\n").encode()


def _fixtures(system_count: int):
    from django.apps import apps

    from casebase.editorial.roles import EDITOR, apply_roles

    apply_roles(apps)
    user = get_user_model().objects.create_user(
        username="bench-import-editor", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITOR))
    developer = Party.objects.create(slug="bench-developer", name="Bench Developer")
    slugs = []
    for n in range(system_count):
        system = AISystem.objects.create(
            slug=f"bench-system-{n}", name=f"Bench System {n}", developer=developer
        )
        slugs.append(system.slug)
    dispute = Dispute.objects.create(
        slug="bench-dispute", title="Bench dispute (benchmark data)"
    )
    evidence = Evidence.objects.create(
        dispute=dispute, kind=EvidenceKind.WATERMARK_PROMPTS, description="Bench."
    )
    return user, evidence, slugs


class _Rollback(Exception):
    pass


def run(rows: int = 10_000, system_count: int = 4) -> BenchResult:
    """Time the preview and the confirmation of a `rows`-row CSV; roll back."""
    result = None
    try:
        with transaction.atomic():
            user, evidence, slugs = _fixtures(system_count)
            data = synthetic_csv(rows, slugs)
            started, cpu = time.perf_counter(), time.process_time()
            batch = imports.preview_import(
                user=user,
                evidence=evidence,
                data=data,
                file_name="bench.csv",
                file_format="csv",
                prompt_set_name="Bench set",
            )
            previewed = time.perf_counter()
            imports.confirm_import(user=user, token=batch.token)
            confirmed, cpu = time.perf_counter(), time.process_time() - cpu
            assert not batch.errors, batch.errors[:3]
            result = BenchResult(
                rows=len(batch.rows),
                systems=system_count,
                preview_seconds=previewed - started,
                confirm_seconds=confirmed - previewed,
                cpu_seconds=cpu,
                pairs=PairMeasure.objects.filter(comparison__evidence=evidence).count(),
            )
            raise _Rollback
    except _Rollback:
        pass
    return result
