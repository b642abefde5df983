"""The export benchmark runs on a small set and refuses a database in use."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests import factories as f


def test_bench_export_reports_rows_time_and_memory(db):
    """A small run reports, for CSV and JSON, every row exported and a peak memory."""
    out = StringIO()
    call_command("bench_export", records=30, stdout=out)
    report = json.loads(out.getvalue().strip().splitlines()[-1])["bench_export"]
    for fmt in ("csv", "json", "csv_in_memory"):
        assert report[fmt]["rows"] == 30
        assert report[fmt]["peak_mb"] > 0


def test_bench_export_refuses_a_database_with_disputes(db):
    """It never adds 100,000 made-up disputes to a database that holds real ones."""
    f.DisputeFactory()
    with pytest.raises(CommandError, match="throw-away"):
        call_command("bench_export", records=10, stdout=StringIO())
