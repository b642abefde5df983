"""`make bench`: how long loading and the public pages take, and how many queries they run.

Figures are medians and 95th percentiles over repeated requests through Django's test
client (no network, no server), so they measure the application, not a web server.
"""

import io
import statistics
import time

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse


class Command(BaseCommand):
    help = "Benchmark the reference loader and the public pages (run on an empty database)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30, help="Requests per page.")

    def handle(self, *args, repeat: int, **options):
        started = time.perf_counter()
        call_command("load_reference", stdout=io.StringIO())
        self.stdout.write(
            f"load_reference (empty database): {time.perf_counter() - started:.2f} s"
        )
        started = time.perf_counter()
        call_command("load_reference", stdout=io.StringIO())
        self.stdout.write(
            f"load_reference (second run, no changes): "
            f"{time.perf_counter() - started:.2f} s"
        )

        Dispute = apps.get_model("cases", "Dispute")
        Precedent = apps.get_model("law", "Precedent")
        Provision = apps.get_model("law", "Provision")
        busiest = max(
            Dispute.objects.published(),
            key=lambda d: d.claims.count() + d.events.count(),
        )
        pages = {
            "home": reverse("home"),
            "dispute list": reverse("cases:dispute-list"),
            "dispute list, filtered": reverse("cases:dispute-list")
            + "?theory=copyright&stage=pending",
            "dispute detail (busiest)": busiest.get_absolute_url(),
            "precedent list": reverse("law:precedent-list"),
            "precedent detail": Precedent.objects.get(
                neutral_citation="[2023] EWHC 2948 (Ch)"
            ).get_absolute_url(),
            "provision detail": Provision.objects.filter(number="1", unit="section")
            .first()
            .get_absolute_url(),
            "statute list": reverse("law:statute-list"),
        }
        client = Client(HTTP_HOST="127.0.0.1")
        header = (
            f"{'page':28} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        with override_settings(DEBUG=True):
            for name, url in pages.items():
                timings = []
                for _ in range(repeat):
                    reset_queries()
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                queries = len(connection.queries)
                timings.sort()
                p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
                self.stdout.write(
                    f"{name:28} {response.status_code:>6} "
                    f"{statistics.median(timings):>10.1f} {p95:>8.1f} {queries:>8}"
                )
