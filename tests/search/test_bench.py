"""`bench_search` runs end to end (figures are for `make bench`, not asserted)."""

import io
import json

from django.core.management import call_command


def test_bench_search_prints_a_table_and_json(search_index, db, settings, tmp_path):
    """A tiny run prints the table and a JSON report with every backend measured."""
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("bench_search", records=40, queries=14, baseline_queries=4, stdout=out)
    text = out.getvalue()
    assert "icontains" in text
    report = json.loads(text.strip().splitlines()[-1])
    assert report["backends"]["whoosh"]["documents"] >= 40
    assert report["baseline"]["queries"] == 4
