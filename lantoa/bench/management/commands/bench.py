"""Benchmark the database DATABASE_URL names (filled by generate_data): see lantoa/bench."""

import json
import statistics

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from lantoa.activities.models import Activity
from lantoa.bench import measure


class Command(BaseCommand):
    help = (
        "Time the consolidated report and the dashboard (p50, p95) against the bare SQL floor "
        "for the root, a district federation and a grassroots union, for a quarter and a year; "
        "XLSX import throughput; a burst of concurrent writers. Run it on generate_data's data; "
        "it leaves the data as it found it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["province", "national", "tiny"], default="province")
        parser.add_argument(
            "--json", dest="json_path", default=None, help="Write the results here."
        )
        parser.add_argument(
            "--runs", type=int, default=20, help="Timed runs per page (after 3 warm-up runs)."
        )
        parser.add_argument("--import-rows", type=int, default=20_000)
        parser.add_argument(
            "--import-runs", type=int, default=3, help="Imports timed; the JSON gives the median."
        )
        parser.add_argument("--clients", type=int, default=4, help="Writers of the burst.")
        parser.add_argument("--seconds", type=int, default=10, help="Length of the burst.")

    def handle(
        self, *args, scale, json_path, runs, import_rows, import_runs, clients, seconds, **options
    ):
        counters = measure.cpu_counters()
        rows = Activity.objects.count()
        if not rows:
            raise CommandError("No activities here: run generate_data first.")
        engine = measure.engine()
        say = self.stdout.write
        say(f"{engine}, {scale} scale, {rows:,} activities, {runs} runs per page")
        results, found, notes = measure.measure_pages(scale, runs=runs, say=say)
        units = {subject.role: f"{subject.unit.code} {subject.unit}" for subject in found}
        import_rates = measure.measure_import(rows=import_rows, runs=import_runs, say=say)
        burst = measure.measure_burst(clients=clients, seconds=seconds, say=say)
        report = {
            "machine": measure.machine(since=counters),
            "engine": engine,
            "scale": scale,
            "rows": rows,
            "units": units,
            "periods": {name: str(period) for name, period in measure.periods().items()},
            "runs": runs,
            "results": results,
            "import_rows_per_s": round(statistics.median(import_rates)),
            "import_runs_rows_per_s": import_rates,
            "burst": burst,
            "notes": notes,
        }
        for note in notes:
            say(f"note: {note}")
        if json_path:
            with open(json_path, "w") as handle:
                json.dump(report, handle, indent=2, ensure_ascii=False)
                handle.write("\n")
            say(f"written to {json_path}")
        connection.close()
