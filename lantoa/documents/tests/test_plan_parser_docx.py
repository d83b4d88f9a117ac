"""A plan kept in Word: the header in a table, lists numbered by Word, a number in a text box."""

import io

from django.test import SimpleTestCase
from docx import Document
from docx.oxml import parse_xml

from lantoa.documents.docx_text import docx_lines
from lantoa.documents.plan_parser import plan_json, read_plan

from .bentre import KINDS, PROVINCE, UNITS

TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
    "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
)


def two_columns(document, left, right):
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    return table


def civil_servants_plan(*, number_in_text_box=False):
    """The civil servants' union's plan as its office types it in Word."""
    document = Document()
    left = ["LĐLĐ TỈNH BẾN TRE", "CÔNG ĐOÀN VIÊN CHỨC TỈNH", "______"]
    if not number_in_text_box:
        left.append("Số: 08/KH-CĐVC")
    header = two_columns(
        document,
        left,
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "",
            "Bến Tre, ngày 10 tháng 4 năm 2019",
        ],
    )
    if number_in_text_box:
        paragraph = header.rows[0].cells[0].add_paragraph()
        paragraph._p.append(parse_xml(TEXT_BOX.format("Số: 08/KH-CĐVC")))
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Tuyên truyền khởi nghiệp trong cán bộ, công chức, viên chức năm 2019")
    document.add_paragraph(
        "Căn cứ Kế hoạch số 10/KH-LĐLĐ ngày 02/3/2018 của Ban Thường vụ LĐLĐ tỉnh;"
    )
    document.add_paragraph("Ban Thường vụ Công đoàn Viên chức tỉnh xây dựng kế hoạch như sau:")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Nâng cao nhận thức của cán bộ, công chức, viên chức về khởi nghiệp.")
    document.add_paragraph("II. NỘI DUNG HOẠT ĐỘNG")
    for text in [
        "Phổ biến tài liệu khởi nghiệp tại hội nghị cán bộ, công chức, viên chức.",
        "Tổ chức tọa đàm “Công chức trẻ với khởi nghiệp”.",
        "Phát động phong trào thi đua, nhân rộng mô hình hay.",
    ]:
        document.add_paragraph(text, style="List Bullet")
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    for text in [
        "Ban Tuyên giáo Công đoàn Viên chức tỉnh hướng dẫn, theo dõi việc thực hiện.",
        "Các CĐCS trực thuộc báo cáo kết quả về Công đoàn Viên chức tỉnh trước ngày 30/11/2019./.",
    ]:
        document.add_paragraph(text, style="List Number")
    two_columns(
        document,
        ["Nơi nhận:", "- LĐLĐ tỉnh (b/c);", "- CĐCS trực thuộc;", "- Lưu: VT."],
        ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "", "", "Trương Minh Đức"],
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class DocxPlanTestCase(SimpleTestCase):
    maxDiff = None

    def test_it_reads_the_header_table_cell_by_cell_in_document_order(self):
        lines = docx_lines(io.BytesIO(civil_servants_plan()))
        self.assertEqual(
            lines[:9],
            [
                "LĐLĐ TỈNH BẾN TRE",
                "CÔNG ĐOÀN VIÊN CHỨC TỈNH",
                "______",
                "Số: 08/KH-CĐVC",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "",
                "Bến Tre, ngày 10 tháng 4 năm 2019",
                "KẾ HOẠCH",
            ],
        )

    def test_it_writes_out_the_numbers_and_bullets_that_word_draws(self):
        lines = docx_lines(io.BytesIO(civil_servants_plan()))
        self.assertIn("- Tổ chức tọa đàm “Công chức trẻ với khởi nghiệp”.", lines)
        self.assertIn(
            "2. Các CĐCS trực thuộc báo cáo kết quả về Công đoàn Viên chức tỉnh trước ngày "
            "30/11/2019./.",
            lines,
        )

    def test_it_reads_a_plan_whose_header_is_a_table(self):
        plan = plan_json(read_plan(civil_servants_plan(), "ke-hoach.docx"), UNITS, KINDS)
        self.assertEqual(
            plan,
            {
                "number": "08",
                "symbol": "KH-CĐVC",
                "place": "Bến Tre",
                "date": "2019-04-10",
                "doc_type": "KẾ HOẠCH",
                "subject": "Tuyên truyền khởi nghiệp trong cán bộ, công chức, viên chức năm 2019",
                "issuer": "CÔNG ĐOÀN VIÊN CHỨC TỈNH",
                "superior": "LĐLĐ TỈNH BẾN TRE",
                "bases": [
                    "Căn cứ Kế hoạch số 10/KH-LĐLĐ ngày 02/3/2018 của Ban Thường vụ LĐLĐ tỉnh;"
                ],
                "activity_lines": [
                    {
                        "kind": "dissemination",
                        "text": "Phổ biến tài liệu khởi nghiệp tại hội nghị cán bộ, công chức, "
                        "viên chức.",
                    },
                    {"kind": "talk", "text": "Tổ chức tọa đàm “Công chức trẻ với khởi nghiệp”."},
                    {
                        "kind": "emulation",
                        "text": "Phát động phong trào thi đua, nhân rộng mô hình hay.",
                    },
                ],
                "tasks": [
                    {
                        "text": "Ban Tuyên giáo Công đoàn Viên chức tỉnh hướng dẫn, theo dõi việc "
                        "thực hiện.",
                        "units": ["Ban Tuyên giáo Công đoàn Viên chức tỉnh"],
                    },
                    {
                        "text": "Các CĐCS trực thuộc báo cáo kết quả về Công đoàn Viên chức tỉnh "
                        "trước ngày 30/11/2019.",
                        "units": ["CĐCS", "Công đoàn Viên chức tỉnh"],
                    },
                ],
                "recipients": [
                    {
                        "name": "LĐLĐ tỉnh (b/c)",
                        "unit": PROVINCE.id,
                        "units": [PROVINCE.id],
                        "kinds": [],
                    },
                    {
                        "name": "CĐCS trực thuộc",
                        "unit": None,
                        "units": [],
                        "kinds": ["grassroots_union"],
                    },
                ],
                "archive": "VT",
                "signer": {
                    "on_behalf": "TM. BAN THƯỜNG VỤ",
                    "title": "CHỦ TỊCH",
                    "name": "Trương Minh Đức",
                },
                "missing": [],
            },
        )

    def test_it_reads_the_number_from_a_text_box(self):
        plan = read_plan(civil_servants_plan(number_in_text_box=True), "ke-hoach.docx")
        self.assertEqual((plan.number.value, plan.symbol.value), ("08", "KH-CĐVC"))
