"""The seed plan, written into Lan Tỏa and exported, reads like the seed document."""

import io
import re
from pathlib import Path

from django.urls import reverse
from docx import Document

from lantoa.documents.tests.docx_text import docx_lines
from lantoa.plans import services
from lantoa.plans.demo import SEED
from lantoa.test import ScenarioTestCase
from lantoa.units.models import UnitKind

SEED_FILE = Path(__file__).with_name("seed_plan.txt")
# Where each section of the plan starts, in the seed and in the export alike.
SECTION_STARTS = [
    ("title", "KẾ HOẠCH"),
    ("purposes", "I. MỤC ĐÍCH, YÊU CẦU:"),
    ("content", "II. NỘI DUNG THỰC HIỆN CÔNG TÁC TRUYỀN THÔNG:"),
    ("organisation", "III. TỔ CHỨC THỰC HIỆN:"),
    ("recipients", "Nơi nhận:"),
    ("signer", "TM. BAN THƯỜNG VỤ"),
]


def normalise(line):
    """One line as both texts can agree on: no emphasis marks, no list dash, single spaces."""
    line = line.replace("*", "")
    line = re.sub(r"^- ", "", line.strip())
    line = re.sub(r"\s+", " ", line)
    line = re.sub(r"\s+([;/])", r"\1", line)  # "Số: 10 /KH", "PTDN ;"
    return line.strip()


def seed_lines():
    text = SEED_FILE.read_text(encoding="utf-8")
    # Two slips of the seed's typist, which the demo plan writes correctly.
    text = text.replace("Noi nhận:", "Nơi nhận:").replace("khởi nghiệpcó", "khởi nghiệp có")
    return [normalise(line) for line in text.splitlines() if line.strip()]


def sections(lines):
    """{section: its lines}; the lines before the title are the header."""
    result, current = {"header": []}, "header"
    starts = {start: name for name, start in SECTION_STARTS}
    for line in lines:
        current = starts.get(line, current)
        result.setdefault(current, []).append(line)
    return result


class SeedExportTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        fields = {key: value for key, value in SEED.items() if key != "number"}
        plan = services.plan_create_draft(issuer=cls.province, user=cls.admin, **fields)
        cls.plan = services.plan_issue(
            plan=plan, user=cls.admin, number=SEED["number"], date=SEED["date"]
        )

    def export(self):
        self.login(self.admin)
        response = self.client.get(reverse("plan_docx", args=[self.plan.pk]))
        self.assertEqual(response.status_code, 200)
        return response.content

    def test_it_prints_every_section_of_the_seed_as_the_seed_reads(self):
        exported = sections([normalise(line) for line in docx_lines(self.export())])
        seed = sections(seed_lines())
        for name, _start in SECTION_STARTS:
            with self.subTest(section=name):
                self.assertEqual(exported[name], seed[name])

    def test_it_prints_the_seeds_header_lines_in_the_two_column_header(self):
        exported = sections([normalise(line) for line in docx_lines(self.export())])["header"]
        self.assertEqual(
            exported,
            [
                "TỔNG LĐLĐ VIỆT NAM",
                "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                *sections(seed_lines())["header"],  # Số: 10/KH-LĐLĐ, Bến Tre, ngày 02 …
            ],
        )

    def test_it_exports_on_a4_with_the_official_margins(self):
        section = Document(io.BytesIO(self.export())).sections[0]
        # Word stores lengths in twentieths of a point: compare to a tenth of a millimetre.
        self.assertEqual(
            (round(section.page_width.mm, 1), round(section.page_height.mm, 1)), (210, 297)
        )
        self.assertTrue(20 <= round(section.top_margin.mm, 1) <= 25)
        self.assertTrue(20 <= round(section.bottom_margin.mm, 1) <= 25)
        self.assertTrue(30 <= round(section.left_margin.mm, 1) <= 35)
        self.assertTrue(15 <= round(section.right_margin.mm, 1) <= 20)

    def test_it_writes_the_date_line_in_italics_and_the_type_and_subject_in_bold(self):
        document = Document(io.BytesIO(self.export()))
        date_cell = document.tables[0].rows[1].cells[1].paragraphs[0]
        self.assertEqual(date_cell.text, "Bến Tre, ngày 02 tháng 3 năm 2018")
        self.assertTrue(all(run.italic for run in date_cell.runs))
        title = [p for p in document.paragraphs if p.text in ("KẾ HOẠCH", SEED["subject"])]
        self.assertEqual(len(title), 2)
        self.assertTrue(all(run.bold for paragraph in title for run in paragraph.runs))

    def test_it_deploys_the_seed_to_the_districts_and_the_sector_unions_of_its_recipients(self):
        kinds = set(self.plan.deployments.values_list("unit__kind__code", flat=True))
        self.assertEqual(kinds, {UnitKind.DISTRICT_FEDERATION})
        self.assertEqual(self.plan.deployments.count(), 2)  # the scenario has no sector union
