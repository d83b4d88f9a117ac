"""The consolidated report prints as an official DOCX (BÁO CÁO, number and date, the text,
tables by unit) and as an XLSX with one sheet per table and numbers as numbers."""

import datetime
import io

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from lantoa.outreach import OutreachKind
from lantoa.reports import services

from .factories import ReportsTestCase, moment


class ExportTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.activity(cls.grassroots_a, kind=OutreachKind.DISSEMINATION, participants=1234)
        cls.activity(cls.grassroots_b, kind=OutreachKind.TALK, participants=56)
        cls.activity(cls.province, kind=OutreachKind.MEDIA)
        report = cls.start(cls.province, cls.admin)
        services.report_save(
            report=report,
            user=cls.admin,
            expected_version=report.version,
            results="Các cấp công đoàn đã triển khai Kế hoạch đến đoàn viên.",
            difficulties="Đề nghị Hội đồng tư vấn cung cấp thêm tài liệu.",
            signer_title="Phó Chủ tịch",
            signer_name="Huỳnh Văn Tân",
        )
        services.report_submit(
            report=report, user=cls.admin, now=moment(datetime.date(2018, 3, 21))
        )
        report.refresh_from_db()
        cls.report = report

    def download(self, name, *args):
        self.login(self.admin)
        return self.client.get(reverse(name, args=args or [self.report.pk]))

    def test_it_prints_an_official_report_with_its_number_date_text_and_figures(self):
        document = Document(io.BytesIO(self.download("report_docx").content))
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        for table in document.tables:
            for row in table.rows:
                text += "\n" + " | ".join(cell.text for cell in row.cells)
        self.assertIn("BÁO CÁO", text)
        self.assertIn(f"Số: {self.report.number:02d}/BC-LĐLĐ", text)
        self.assertIn("ngày 21 tháng 3 năm 2018", text)
        self.assertIn("Các cấp công đoàn đã triển khai Kế hoạch", text)
        self.assertIn("KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT", text)
        self.assertIn("LĐLĐ huyện Châu Thành | 1 |", text)
        self.assertIn("1.234", text)
        self.assertIn("Tổng cộng", text)

    def test_it_exports_a_sheet_per_table_with_numbers_as_numbers(self):
        workbook = load_workbook(io.BytesIO(self.download("report_xlsx").content))
        self.assertEqual(workbook.sheetnames[0], "Tổng hợp")
        self.assertIn("Hoạt động theo loại", workbook.sheetnames)
        self.assertIn("Độ bao phủ", workbook.sheetnames)
        sheet = workbook["Người tham dự (lượt người)"]
        rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
        self.assertEqual(rows["LĐLĐ huyện Châu Thành"][0], 1234)
        self.assertEqual(rows["Tổng cộng"][0], 1290)
        summary = {row[0]: row for row in workbook["Tổng hợp"].iter_rows(values_only=True) if row}
        self.assertEqual(summary["Tổng số hoạt động"][5], 3)

    def test_it_prints_the_submitted_version_after_the_records_change(self):
        self.activity(self.grassroots_a, kind=OutreachKind.DISSEMINATION, participants=1000)
        workbook = load_workbook(io.BytesIO(self.download("report_xlsx").content))
        rows = {
            row[0]: row[1:]
            for row in workbook["Người tham dự (lượt người)"].iter_rows(values_only=True)
            if row
        }
        self.assertEqual(rows["Tổng cộng"][0], 1290)

    def test_it_exports_the_live_consolidated_figures_of_any_unit(self):
        response = self.download("report_consolidated_xlsx", self.district_a.pk, "2018Q1")
        workbook = load_workbook(io.BytesIO(response.content))
        summary = {row[0]: row for row in workbook["Tổng hợp"].iter_rows(values_only=True) if row}
        self.assertEqual(summary["Lượt người tham dự tuyên truyền, tập huấn"][5], 1234)
