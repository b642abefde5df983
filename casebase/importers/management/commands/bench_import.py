"""`make bench`: how long a 250 KB Find Case Law judgment takes to import.

The document is generated from the real sample judgment ([2025] EWCA Civ 673, TNA's
enriched and original forms) by repeating its numbered paragraphs, renumbered, until
it reaches the size asked for. Figures are medians over repeated imports into the
database the command runs on (`make bench` gives it an empty one): a first import
(new draft precedent), a changed file (text replaced) and the same file again.
"""

import copy
import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from lxml import etree

from casebase.importers.judgments.akn import NS
from casebase.importers.judgments.store import import_judgment
from casebase.law.models import Precedent

SAMPLES = Path(__file__).resolve().parents[4] / "tests" / "importers" / "fixtures"
TARGET_SECONDS = 2.0


def grow_judgment(data: bytes, size: int) -> bytes:
    """`data` with its numbered paragraphs repeated (renumbered) up to `size` bytes."""
    root = etree.fromstring(data)
    paragraphs = root.xpath(
        "//a:judgmentBody//a:paragraph[not(ancestor::a:paragraph)]", namespaces=NS
    )
    parent = paragraphs[-1].getparent()
    number = len(paragraphs)
    while len(etree.tostring(root, encoding="utf-8")) < size:
        for _ in range(10):
            paragraph = paragraphs[number % len(paragraphs)]
            number += 1
            clone = copy.deepcopy(paragraph)
            clone.set("eId", f"para_{number}")
            num = clone.find("a:num", namespaces=NS)
            if num is not None:
                num.text = f"{number}."
            parent.append(clone)
    return etree.tostring(root, encoding="utf-8")


class Command(BaseCommand):
    help = "Benchmark importing a 250 KB LegalDocML judgment (target: under 2 s)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5, help="Imports per case.")
        parser.add_argument("--kb", type=int, default=250, help="Document size (KB).")

    def handle(self, *args, repeat: int, kb: int, **options):
        for form in ("enriched", "original"):
            sample = (SAMPLES / f"ewca-civ-2025-673.{form}.akn.xml").read_bytes()
            data = grow_judgment(sample, kb * 1024)
            changed = data.replace(b"The main issue", b"The principal issue", 1)
            first, update, same = [], [], []
            for _ in range(repeat):
                first.append(self._time(data))
                update.append(self._time(changed))
                same.append(self._time(changed))
                self._clear()
            worst = max(statistics.median(first), statistics.median(update))
            verdict = "met" if worst < TARGET_SECONDS else "NOT MET"
            self.stdout.write(
                f"import_judgment, {len(data) // 1024} KB {form} judgment "
                f"({self._paragraphs} paragraphs, {self._references} references): "
                f"first {statistics.median(first):.3f} s, "
                f"changed file {statistics.median(update):.3f} s, "
                f"same file {statistics.median(same):.3f} s "
                f"(median of {repeat}; target < {TARGET_SECONDS:.0f} s: {verdict})"
            )

    def _time(self, data: bytes) -> float:
        started = time.perf_counter()
        result = import_judgment(data)
        elapsed = time.perf_counter() - started
        self._paragraphs, self._references = result.paragraphs, result.references
        return elapsed

    @staticmethod
    def _clear() -> None:
        with transaction.atomic():
            Precedent.objects.filter(neutral_citation="[2025] EWCA Civ 673").delete()
