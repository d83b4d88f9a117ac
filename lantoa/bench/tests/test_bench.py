import io
import json
import os
import tempfile

from django.core.management import call_command
from django.test import TestCase, TransactionTestCase

from lantoa.activities.models import Activity
from lantoa.bench import measure
from lantoa.reports.models import Report


def generate():
    call_command(
        "generate_data",
        "--scale",
        "tiny",
        "--seed",
        "5",
        "--activities",
        "1500",
        stdout=io.StringIO(),
    )


class FloorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        generate()

    def test_it_gives_the_report_figures_in_the_floor_query(self):
        checked = 0
        for subject in measure.subjects("tiny"):
            for period in measure.periods().values():
                rows = measure.floor_rows(subject.unit, period)
                self.assertTrue(rows, f"{subject.role} {period}")
                self.assertEqual(
                    measure.floor_figures(rows),
                    measure.report_figures(subject.unit, period),
                    f"{subject.role} {period}",
                )
                checked += 1
        self.assertEqual(checked, 6)


class BenchCommandTests(TransactionTestCase):
    serialized_rollback = True

    def setUp(self):
        generate()

    def run_bench(self, path):
        call_command(
            "bench",
            "--scale",
            "tiny",
            "--runs",
            "1",
            "--import-rows",
            "300",
            "--clients",
            "2",
            "--seconds",
            "1",
            "--json",
            path,
            stdout=io.StringIO(),
        )

    def bench_result(self):
        """What the bench wrote to its JSON file."""
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "bench.json")
            self.run_bench(path)
            with open(path) as handle:
                return json.load(handle)

    def test_it_writes_every_figure_to_the_json_file(self):
        result = self.bench_result()
        for key in ["machine", "engine", "scale", "rows", "results", "import_rows_per_s", "burst"]:
            self.assertIn(key, result)
        self.assertEqual(result["rows"], Activity.objects.count())
        names = {row["name"] for row in result["results"]}
        self.assertIn("consolidated/root/year", names)
        self.assertIn("consolidated/grassroots/quarter", names)
        for row in result["results"]:
            self.assertEqual(set(row), {"name", "p50_ms", "p95_ms", "floor_ms", "ratio"})
        self.assertEqual(set(result["burst"]), {"clients", "seconds", "writes", "errors", "lost"})
        self.assertEqual(len(result["import_runs_rows_per_s"]), 3)
        self.assertEqual(result["import_rows_per_s"], sorted(result["import_runs_rows_per_s"])[1])
        self.assertEqual(result["burst"]["lost"], 0)

    def test_it_says_how_fast_the_machine_ran_plain_python(self):
        machine = self.bench_result()["machine"]
        self.assertGreater(machine["python_probe_ms"], 0)
        self.assertGreaterEqual(machine["steal_percent"], 0)

    def test_it_leaves_the_data_as_it_found_it(self):
        activities = Activity.all_objects.count()
        reports = Report.objects.count()
        with tempfile.TemporaryDirectory() as folder:
            self.run_bench(os.path.join(folder, "bench.json"))
        self.assertEqual(Activity.all_objects.count(), activities)
        self.assertEqual(Report.objects.count(), reports)
