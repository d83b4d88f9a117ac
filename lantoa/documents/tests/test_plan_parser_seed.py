"""The seed plan, No. 10/KH-LĐLĐ of the Bến Tre federation, read field by field."""

import datetime
from pathlib import Path

from django.test import SimpleTestCase

from lantoa.documents.plan_parser import parse_plan, plan_json

from .bentre import KINDS, PROVINCE, UNITS

SEED = Path(__file__).parent / "fixtures" / "seed_plan.txt"

SUBJECT = "Thực hiện công tác truyền thông khởi nghiệp năm 2018"
BASE = (
    "Thực hiện Nghị quyết Đại hội X Đảng bộ tỉnh nhiệm kỳ 2015-2020 và Chương trình số "
    "10-CTr/TU ngày 28/4/2016 của Ban Thường vụ Tỉnh ủy về “Đồng Khởi khởi nghiệp và phát "
    "triển doanh nghiệp tỉnh Bến Tre”. Liên đoàn Lao động (LĐLĐ) tỉnh xây dựng Kế hoạch thực "
    "hiện công tác truyền thông khởi nghiệp trong tổ chức Công đoàn và cán bộ, đoàn viên, công "
    "nhân, viên chức, lao động (CNVCLĐ) trong năm 2018 với những nội dung cụ thể như sau:"
)
ACTIVITIES = [
    (
        "dissemination",
        "Sử dụng tài liệu khởi nghiệp đã được Hội đồng tư vấn khởi nghiệp và phát triển doanh "
        "nghiệp tỉnh biên soạn, tuyên truyền, phổ biến, tập huấn cho đoàn viên, CNVCLĐ đang làm "
        "việc tại các cơ quan, đơn vị, doanh nghiệp, khu công nghiệp, khu nhà trọ công nhân nhằm "
        "định hướng và đưa ra những ý tưởng hay cho con đường khởi nghiệp.",
    ),
    (
        "visual",
        "Xây dựng hình ảnh trực quan để tuyên truyền, cổ động về khởi nghiệp trên các băng rôn, "
        "pano, áp phích, tranh cổ động... tại các cơ sở sản xuất kinh doanh, khu công nghiệp, khu "
        "nhà trọ tạo sự tác động trực tiếp đến tâm lý, suy nghĩ của người lao động đối với hoạt "
        "động khởi nghiệp.",
    ),
    (
        "talk",
        "Tùy từng điều kiện của cơ quan, đơn vị, doanh nghiệp, phối hợp tổ chức các buổi tọa "
        "đàm, nói chuyện chuyên đề, giao lưu khởi nghiệp với công nhân và người lao động để khơi "
        "gợi tính khám phá, tư duy, sáng tạo, biến ý tưởng thành hiện thực, nâng cao niềm tin của "
        "người lao động tham gia khởi nghiệp, khắc phục tư tưởng ngại mạo hiểm, an phận, sợ thất "
        "bại, rủi ro; kích thích tính năng động, cạnh tranh lành mạnh trong nền kinh tế thị "
        "trường.",
    ),
    (
        "media",
        "Tiếp tục đưa nội dung khởi nghiệp vào các chuyên trang, chuyên mục của Công đoàn trên "
        "báo Đồng Khởi, đài PTTH tỉnh, các đài truyền thanh địa phương, phương tiện truyền thanh "
        "nội bộ trong các doanh nghiệp... mở rộng và nâng cao hiệu quả tuyên truyền trên các "
        "phương tiện thông tin đại chúng, đến với đông đảo đoàn viên công đoàn và người lao động.",
    ),
    (
        "emulation",
        "Thường xuyên phát động các phong trào thi đua tham gia thực hiện Chương trình “Đồng Khởi "
        "khởi nghiệp và phát triển doanh nghiệp” trong tổ chức Công đoàn và cán bộ, đoàn viên, "
        "CNVCLĐ. Từng bước phát hiện và nhân rộng các mô hình điển hình, tiêu biểu của phong trào "
        "để tạo đà cho sự khởi nghiệp thành công.",
    ),
    (
        "difficulty",
        "Quan tâm, nắm bắt những khó khăn, vướng mắc của các doanh nghiệp để kịp thời tham mưu, "
        "đề xuất với Tỉnh ủy, Ủy ban nhân dân tỉnh, Hội đồng tư vấn khởi nghiệpcó biện pháp giúp "
        "đỡ để tháo gỡ những khó khăn vướng mắc.",
    ),
]
TASKS = [
    (
        "Ban Tuyên giáo LĐLĐ tỉnh tham mưu xây dựng kế hoạch và triển khai đến các cấp công đoàn "
        "trong tỉnh, kịp thời liên hệ Hội đồng tư vấn khởi nghiệp và phát triển doanh nghiệp nhận "
        "và cấp phát tài liệu tuyên truyền đến các cấp công đoàn và CNVCLĐ.",
        ["Ban Tuyên giáo LĐLĐ tỉnh", "các cấp công đoàn"],
    ),
    (
        "Các cấp Công đoàn căn cứ vào tình hình thực tế của địa phương, ngành, đơn vị xây dựng "
        "Kế hoạch tổ chức các hoạt động truyền thông khởi nghiệp đến tận cán bộ, đoàn viên, "
        "CNVCLĐ.",
        ["Các cấp Công đoàn"],
    ),
    (
        "Gửi văn bản triển khai và định kỳ hàng quý, 6 tháng, năm báo cáo kết quả thực hiện công "
        "tác truyền thông về LĐLĐ tỉnh (qua Ban Tuyên giáo) để tổng hợp báo cáo về Hội đồng tư "
        "vấn khởi nghiệp và phát triển doanh nghiệp.",
        ["LĐLĐ tỉnh", "Ban Tuyên giáo"],
    ),
]


class SeedPlanTestCase(SimpleTestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = parse_plan(SEED.read_text(encoding="utf-8"))
        cls.json = plan_json(cls.plan, UNITS, KINDS)

    def test_it_reads_the_number_as_written_and_the_symbol_despite_the_stray_space(self):
        self.assertEqual((self.json["number"], self.json["symbol"]), ("10", "KH-LĐLĐ"))
        self.assertEqual(self.plan.number.line, 3)

    def test_it_reads_the_place_and_the_date(self):
        self.assertEqual((self.json["place"], self.json["date"]), ("Bến Tre", "2018-03-02"))
        self.assertEqual(self.plan.date.value, datetime.date(2018, 3, 2))
        self.assertEqual(self.plan.source(self.plan.date), "Bến Tre, ngày 02 tháng 3 năm 2018")

    def test_it_reads_the_document_type_and_the_subject(self):
        self.assertEqual(self.json["doc_type"], "KẾ HOẠCH")
        self.assertEqual(self.json["subject"], SUBJECT)
        self.assertEqual((self.plan.doc_type.line, self.plan.subject.line), (7, 8))

    def test_it_lists_the_missing_issuer_and_superior_instead_of_guessing_them(self):
        self.assertIsNone(self.json["issuer"])
        self.assertIsNone(self.json["superior"])
        self.assertEqual(self.json["missing"], ["issuer", "superior"])

    def test_it_reads_the_legal_basis_paragraph(self):
        self.assertEqual(self.json["bases"], [BASE])
        self.assertEqual(self.plan.bases[0].line, 10)

    def test_it_reads_the_outline_of_three_roman_sections(self):
        sections = [(item.marker, item.text) for item in self.plan.sections]
        self.assertEqual(
            sections,
            [
                ("I.", "MỤC ĐÍCH, YÊU CẦU:"),
                ("II.", "NỘI DUNG THỰC HIỆN CÔNG TÁC TRUYỀN THÔNG:"),
                ("III.", "TỔ CHỨC THỰC HIỆN:"),
            ],
        )
        audience = self.plan.sections[1].children[0]
        self.assertEqual([child.marker for child in audience.children], ["1.1.", "1.2."])
        self.assertEqual(
            audience.children[0].text,
            "Đối tượng truyền thông: Tất cả cán bộ, đoàn viên, CNVCLĐ trên địa bàn tỉnh.",
        )

    def test_it_reads_the_three_purposes(self):
        self.assertEqual(len(self.plan.purposes), 3)
        self.assertTrue(self.plan.purposes[2].value.endswith("lan tỏa rộng ra cộng đồng."))

    def test_it_classifies_the_six_activity_lines_and_leaves_out_the_audience(self):
        lines = [(line["kind"], line["text"]) for line in self.json["activity_lines"]]
        self.assertEqual(lines, ACTIVITIES)
        self.assertEqual([line.line for line in self.plan.activity_lines], [27, 29, 31, 33, 35, 37])

    def test_it_reads_the_tasks_and_the_units_they_name(self):
        tasks = [(task["text"], task["units"]) for task in self.json["tasks"]]
        self.assertEqual(tasks, TASKS)

    def test_it_reads_the_recipients_and_matches_them_to_the_tree(self):
        self.assertEqual(
            self.json["recipients"],
            [
                {"name": "Hội đồng TVKN và PTDN", "unit": None, "units": [], "kinds": []},
                {"name": "Ban Tuyên giáo Tỉnh ủy", "unit": None, "units": [], "kinds": []},
                {"name": "Ban Dân vận Tỉnh ủy", "unit": None, "units": [], "kinds": []},
                {"name": "Ủy ban Mặt trận tổ quốc tỉnh", "unit": None, "units": [], "kinds": []},
                {
                    "name": "Thường trực LĐLĐ tỉnh",
                    "unit": PROVINCE.id,
                    "units": [PROVINCE.id],
                    "kinds": [],
                },
                {
                    "name": "LĐLĐ các huyện, thành phố",
                    "unit": None,
                    "units": [],
                    "kinds": ["district_federation"],
                },
                {
                    "name": "CĐN, CĐVC, CĐ CKCN",
                    "unit": None,
                    "units": [],
                    "kinds": ["sector_union", "civil_servants_union", "industrial_parks_union"],
                },
            ],
        )

    def test_it_keeps_the_archive_line_out_of_the_recipients(self):
        self.assertEqual(self.json["archive"], "VP, TG")
        self.assertEqual(self.plan.archive.line, 56)

    def test_it_reads_the_signer_block(self):
        self.assertEqual(
            self.json["signer"],
            {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "PHÓ CHỦ TỊCH", "name": "Huỳnh Văn Tân"},
        )

    def test_it_points_every_field_at_its_source_line(self):
        self.assertEqual(self.plan.source(self.plan.number), "Số: 10 /KH-LĐLĐ")
        self.assertEqual(self.plan.source(self.plan.recipients[5]), "- LĐLĐ các huyện, thành phố;")
        self.assertEqual(self.plan.source(self.plan.signer.name), "Huỳnh Văn Tân")
        self.assertEqual(
            self.plan.source(self.plan.tasks[2]),
            self.plan.source_lines[self.plan.tasks[2].line - 1],
        )
