import io
import os
import re
import stat
from unittest import mock

import pytest
from django.test import SimpleTestCase, override_settings
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from lantoa.documents import rendering
from lantoa.documents.docx_template import build_default_template
from lantoa.documents.official import (
    Bullet,
    Heading,
    OfficialDocument,
    Paragraph,
    Percent,
    Signer,
    Table,
)
from lantoa.documents.tests.docx_text import docx_lines

TEMPLATE = build_default_template()


def report(**fields):
    """A report, to show the renderer knows no plan: a type, headings, a table of figures."""
    values = {
        "superior": "LĐLĐ TỈNH BẾN TRE",
        "issuer": "LIÊN ĐOÀN LAO ĐỘNG HUYỆN CHÂU THÀNH",
        "number": "07/BC-LĐLĐ",
        "place": "Châu Thành",
        "date": None,
        "year": 2018,
        "doc_type": "BÁO CÁO",
        "subject": "Kết quả công tác truyền thông quý I & dự kiến <quý II>",
        "body": [
            Heading("I. KẾT QUẢ:"),
            Paragraph("Đã tổ chức *nhiều* hoạt động."),
            Bullet("Tọa đàm khởi nghiệp."),
            Table(header=["Nội dung", "Số người"], rows=[["Tọa đàm", 1234567], ["Pano", 12.5]]),
        ],
        "recipients": ["LĐLĐ tỉnh (b/c)"],
        "archive": "VP",
        "signer": Signer("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Lê Thị Hoa"),
    }
    values.update(fields)
    return OfficialDocument(**values)


def rendered(document=None):
    return rendering.render_docx(document or report(), template=TEMPLATE)


class DocxRenderingTestCase(SimpleTestCase):
    def test_it_prints_a_report_with_its_type_subject_and_blank_date_of_a_draft(self):
        lines = docx_lines(rendered())
        self.assertIn("BÁO CÁO", lines)
        self.assertIn("Kết quả công tác truyền thông quý I & dự kiến <quý II>", lines)
        self.assertIn("Số: 07/BC-LĐLĐ", lines)
        self.assertTrue(any(re.fullmatch(r"Châu Thành, ngày\s+tháng\s+năm 2018", x) for x in lines))

    def test_it_prints_headings_paragraphs_dashed_items_and_the_closing_blocks_in_order(self):
        lines = docx_lines(rendered())
        start = lines.index("I. KẾT QUẢ:")
        self.assertEqual(
            lines[start : start + 3],
            ["I. KẾT QUẢ:", "Đã tổ chức nhiều hoạt động.", "- Tọa đàm khởi nghiệp."],
        )
        closing = ["Nơi nhận:", "- LĐLĐ tỉnh (b/c);", "- Lưu: VP"]
        signer = ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Lê Thị Hoa"]
        self.assertEqual(lines[-6:], closing + signer)

    def test_it_sets_emphasis_as_italic_runs(self):
        paragraph = next(
            p for p in Document(io.BytesIO(rendered())).paragraphs if p.text.startswith("Đã tổ")
        )
        self.assertEqual([(r.text, bool(r.italic)) for r in paragraph.runs][1], ("nhiều", True))

    def test_it_writes_table_figures_the_vietnamese_way_and_aligns_them_right(self):
        table = Document(io.BytesIO(rendered())).tables[1]
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        self.assertEqual(
            cells, [["Nội dung", "Số người"], ["Tọa đàm", "1.234.567"], ["Pano", "12,5"]]
        )
        self.assertEqual(table.rows[1].cells[1].paragraphs[0].alignment, WD_ALIGN_PARAGRAPH.RIGHT)

    def test_it_prints_a_share_as_a_right_aligned_percentage(self):
        block = Table(header=["Nội dung", "Tỷ lệ"], rows=[["Bao phủ", Percent(0.125)]])
        table = Document(io.BytesIO(rendered(report(body=[block])))).tables[1]
        self.assertEqual(table.rows[1].cells[1].text, "12,5%")
        self.assertEqual(table.rows[1].cells[1].paragraphs[0].alignment, WD_ALIGN_PARAGRAPH.RIGHT)

    def test_it_sizes_columns_by_their_relative_widths(self):
        block = Table(header=["TT", "Nội dung"], rows=[[1, "Tọa đàm"]], widths=[1, 4])
        table = Document(io.BytesIO(rendered(report(body=[block])))).tables[1]
        narrow, wide = (cell.width for cell in table.rows[0].cells)
        self.assertEqual(round(wide / narrow), 4)

    def test_it_uses_times_new_roman(self):
        normal = Document(io.BytesIO(rendered())).styles["Normal"]
        self.assertEqual(normal.font.name, "Times New Roman")

    def test_it_numbers_pages_in_the_top_margin_from_the_second_page(self):
        section = Document(io.BytesIO(rendered())).sections[0]
        self.assertTrue(section.different_first_page_header_footer)
        self.assertEqual(section.first_page_header.paragraphs[0].text, "")
        header = section.header.paragraphs[0]
        self.assertEqual(header.alignment, WD_ALIGN_PARAGRAPH.CENTER)
        fields = header._p.xpath(".//w:instrText")
        self.assertEqual([field.text.strip() for field in fields], ["PAGE"])


def fake_soffice(tmp_path, script):
    program = tmp_path / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return str(program)


@pytest.mark.skipif(not rendering.pdf_available(), reason="LibreOffice is not installed")
def test_it_converts_a_document_to_a_pdf_of_at_least_one_page(tmp_path):
    with override_settings(VAR_DIR=tmp_path):
        pdf = rendering.docx_to_pdf(rendered())
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1


def test_it_says_there_is_no_converter_when_soffice_is_missing():
    with mock.patch.object(rendering, "soffice", return_value=None):
        assert rendering.pdf_available() is False
        with pytest.raises(rendering.ConversionError):
            rendering.docx_to_pdf(rendered())


def test_it_gives_up_on_a_converter_that_hangs(tmp_path):
    program = fake_soffice(tmp_path, "sleep 30")
    with (
        override_settings(VAR_DIR=tmp_path),
        mock.patch.dict(os.environ, {"LANTOA_SOFFICE": program}),
        pytest.raises(rendering.ConversionError, match="more than 1 s"),
    ):
        rendering.docx_to_pdf(rendered(), timeout=1)


def test_it_converts_the_same_content_once(tmp_path):
    # The fake converter counts its runs and writes a tiny "PDF" where LibreOffice would.
    counter = tmp_path / "runs"
    program = fake_soffice(
        tmp_path,
        f'echo x >> {counter}\nfor last; do :; done\nprintf "%%PDF-fake" > "${{last%.docx}}.pdf"',
    )
    with (
        override_settings(VAR_DIR=tmp_path),
        mock.patch.dict(os.environ, {"LANTOA_SOFFICE": program}),
    ):
        first = rendering.docx_to_pdf(rendered())
        second = rendering.docx_to_pdf(rendered())
        rendering.docx_to_pdf(rendered(report(subject="Khác")))
    assert first == second == b"%PDF-fake"
    assert counter.read_text().count("x") == 2
