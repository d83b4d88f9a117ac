"""`manage.py import_plan PATH --dry-run`: one JSON object, or a one-line error."""

import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase

from lantoa.documents.plan_parser import parse_plan, plan_json
from lantoa.units import demo
from lantoa.units.models import Unit

SEED = Path(__file__).parent / "fixtures" / "seed_plan.txt"
KEYS = [
    "number",
    "symbol",
    "place",
    "date",
    "doc_type",
    "subject",
    "issuer",
    "superior",
    "bases",
    "activity_lines",
    "tasks",
    "recipients",
    "archive",
    "signer",
    "missing",
]


def run_command(*args):
    """The command as an administrator runs it, in a process of its own."""
    environment = {**os.environ, "DEBUG": "1"}
    return subprocess.run(
        [sys.executable, "manage.py", "import_plan", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


class ImportPlanCommandTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo.load(stdout=io.StringIO())

    def dry_run(self, path):
        out = io.StringIO()
        call_command("import_plan", str(path), "--dry-run", stdout=out)
        return out.getvalue()

    def test_it_prints_one_json_object_with_the_fields_of_the_seed(self):
        result = json.loads(self.dry_run(SEED))
        self.assertEqual(list(result), KEYS)
        self.assertEqual(
            {key: result[key] for key in ["number", "symbol", "place", "date", "doc_type"]},
            {
                "number": "10",
                "symbol": "KH-LĐLĐ",
                "place": "Bến Tre",
                "date": "2018-03-02",
                "doc_type": "KẾ HOẠCH",
            },
        )
        self.assertEqual(result["missing"], ["issuer", "superior"])
        self.assertEqual(
            [line["kind"] for line in result["activity_lines"]],
            ["dissemination", "visual", "talk", "media", "emulation", "difficulty"],
        )

    def test_it_prints_every_field_the_parser_reads(self):
        result = json.loads(self.dry_run(SEED))
        parsed = plan_json(parse_plan(SEED.read_text(encoding="utf-8")))
        self.assertEqual(
            {key: value for key, value in result.items() if key != "recipients"},
            {key: value for key, value in parsed.items() if key != "recipients"},
        )

    def test_it_matches_the_recipients_to_the_units_in_the_database(self):
        recipients = json.loads(self.dry_run(SEED))["recipients"]
        province = Unit.objects.get(code="BT")
        self.assertEqual(
            [(r["name"], r["unit"], r["kinds"]) for r in recipients],
            [
                ("Hội đồng TVKN và PTDN", None, []),
                ("Ban Tuyên giáo Tỉnh ủy", None, []),
                ("Ban Dân vận Tỉnh ủy", None, []),
                ("Ủy ban Mặt trận tổ quốc tỉnh", None, []),
                ("Thường trực LĐLĐ tỉnh", province.pk, []),
                ("LĐLĐ các huyện, thành phố", None, ["district_federation"]),
                (
                    "CĐN, CĐVC, CĐ CKCN",
                    None,
                    ["sector_union", "civil_servants_union", "industrial_parks_union"],
                ),
            ],
        )

    def test_it_reads_a_district_plan_and_matches_its_own_federation(self):
        plan = Path(__file__).parent / "fixtures" / "grassroots_short_date.txt"
        recipients = json.loads(self.dry_run(plan))["recipients"]
        self.assertEqual(recipients[0]["unit"], Unit.objects.get(code="BT-CT").pk)

    def test_it_refuses_an_empty_file_with_a_message(self):
        empty = Path(self.enterContext(tempfile.TemporaryDirectory())) / "empty.txt"
        empty.write_bytes(b"")
        with self.assertRaisesMessage(CommandError, "empty.txt"):
            call_command("import_plan", str(empty), "--dry-run", stdout=io.StringIO())

    def test_it_refuses_to_run_without_dry_run_until_plans_can_be_saved(self):
        with self.assertRaisesMessage(CommandError, "--dry-run"):
            call_command("import_plan", str(SEED), stdout=io.StringIO())


class ImportPlanErrorsTestCase(TestCase):
    """Errors reach the administrator as one line on stderr and a failing exit status."""

    def test_it_exits_with_one_line_for_an_empty_or_binary_file(self):
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        (folder / "empty.txt").write_bytes(b"")
        (folder / "image.docx").write_bytes(bytes(range(256)) * 8)
        (folder / "noise.bin").write_bytes(bytes(range(256)) * 8)
        for name in ["empty.txt", "image.docx", "noise.bin", "missing.txt"]:
            finished = run_command(str(folder / name), "--dry-run")
            self.assertNotEqual(finished.returncode, 0, name)
            self.assertEqual(finished.stdout, "", name)
            self.assertEqual(len(finished.stderr.strip().splitlines()), 1, finished.stderr)
            self.assertNotIn("Traceback", finished.stderr)
