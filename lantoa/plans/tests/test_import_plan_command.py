"""`manage.py import_plan PATH`: a draft plan, or with --dry-run one JSON object; a one-line error
for what cannot be imported."""

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

from lantoa.accounts.models import Role, User
from lantoa.documents.plan_parser import parse_plan, plan_json
from lantoa.plans.models import Plan
from lantoa.units import demo
from lantoa.units.models import Unit

FIXTURES = Path(__file__).parents[2] / "documents" / "tests" / "fixtures"
SEED = FIXTURES / "seed_plan.txt"
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
        plan = FIXTURES / "grassroots_short_date.txt"
        recipients = json.loads(self.dry_run(plan))["recipients"]
        self.assertEqual(recipients[0]["unit"], Unit.objects.get(code="BT-CT").pk)

    def test_it_refuses_an_empty_file_with_a_message(self):
        empty = Path(self.enterContext(tempfile.TemporaryDirectory())) / "empty.txt"
        empty.write_bytes(b"")
        with self.assertRaisesMessage(CommandError, "empty.txt"):
            call_command("import_plan", str(empty), "--dry-run", stdout=io.StringIO())


class ImportPlanSaveTestCase(TestCase):
    """Without --dry-run the document becomes a draft plan."""

    @classmethod
    def setUpTestData(cls):
        demo.load(stdout=io.StringIO())
        cls.admin = User.objects.create(username="quantri", role=Role.ADMIN)
        cls.officer = User.objects.create(
            username="canbo", role=Role.OFFICER, unit=Unit.objects.get(code="BT-CT")
        )

    def run_import(self, path, *args):
        out = io.StringIO()
        call_command("import_plan", str(path), *args, stdout=out)
        return out.getvalue()

    def test_it_saves_the_seed_as_a_draft_of_the_unit_given(self):
        out = self.run_import(SEED, "--issuer", "BT", "--user", "quantri")
        plan = Plan.objects.get()
        self.assertEqual(
            (plan.status, plan.number_symbol, plan.issuer.code, plan.created_by),
            ("draft", "10/KH-LĐLĐ", "BT", self.admin),
        )
        self.assertEqual(plan.activity_lines.count(), 6)
        self.assertEqual(plan.recipients.count(), 7)
        self.assertEqual(plan.archive, "VP, TG")
        self.assertIn(f"/plans/{plan.pk}/", out)

    def test_it_takes_the_issuer_the_documents_header_names(self):
        self.run_import(FIXTURES / "sector_union_education.txt", "--user", "quantri")
        plan = Plan.objects.get()
        self.assertEqual((plan.issuer.code, plan.number_symbol), ("BT-GD", "25/KH-CĐN"))

    def test_it_asks_for_the_issuer_when_the_header_names_none(self):
        with self.assertRaisesMessage(CommandError, "--issuer"):
            self.run_import(SEED, "--user", "quantri")
        self.assertFalse(Plan.objects.exists())

    def test_it_asks_who_imports_the_plan(self):
        with self.assertRaisesMessage(CommandError, "--user"):
            self.run_import(SEED, "--issuer", "BT")
        with self.assertRaisesMessage(CommandError, "canbo"):
            self.run_import(SEED, "--issuer", "BT", "--user", "canbo")
        self.assertFalse(Plan.objects.exists())

    def test_it_refuses_an_unknown_unit_code(self):
        with self.assertRaisesMessage(CommandError, "XX"):
            self.run_import(SEED, "--issuer", "XX", "--user", "quantri")

    def test_it_sends_lines_of_unclear_kind_to_the_review_screen(self):
        path = FIXTURES / "provincial_tabs_sub_bullets.txt"
        with self.assertRaisesMessage(CommandError, "số 6"):
            self.run_import(path, "--issuer", "BT", "--user", "quantri")
        self.assertFalse(Plan.objects.exists())


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

    def test_it_exits_with_one_line_when_nobody_is_named_as_importer(self):
        finished = run_command(str(SEED))
        self.assertNotEqual(finished.returncode, 0)
        self.assertEqual(len(finished.stderr.strip().splitlines()), 1, finished.stderr)
        self.assertIn("--user", finished.stderr)
