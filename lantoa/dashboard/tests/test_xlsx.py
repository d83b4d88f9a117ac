"""The dashboard's workbook opens with openpyxl and holds the page's figures, one sheet per
group, with Vietnamese headers."""

import io

from openpyxl import load_workbook

from lantoa.dashboard.figures import dashboard_url
from lantoa.outreach import OutreachKind
from lantoa.periods.period import Period
from lantoa.reports.tests.factories import ReportsTestCase

YEAR = Period.parse("2018")


class DashboardWorkbookTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.activity(cls.grassroots_a, kind=OutreachKind.TALK, participants=40)
        cls.activity(
            cls.grassroots_b,
            kind=OutreachKind.DISSEMINATION,
            participants=15,
            women=5,
            industrial_workers=10,
        )
        cls.submitted(cls.grassroots_a, cls.officer_a1)

    def test_it_holds_every_table_of_the_page_with_the_same_figures(self):
        self.login(self.admin)
        page = self.client.get(dashboard_url(self.province.pk, YEAR))
        response = self.client.get(dashboard_url(self.province.pk, YEAR, name="dashboard_xlsx"))
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"-2018-{self.province.code}.xlsx", response["Content-Disposition"])
        book = load_workbook(io.BytesIO(response.content))
        tables = [
            table for table in page.context["tables"] if table.code != "headline"
        ]  # the page prints the headline as cards
        self.assertEqual(len(book.sheetnames), len(tables) + 1)
        for table, sheet in zip(tables, book.worksheets[1:], strict=True):
            with self.subTest(table=table.code):
                rows = list(sheet.iter_rows(min_row=4, values_only=True))
                header = [table.head] + [column.label for column in table.columns]
                self.assertEqual(list(rows[0][: len(header)]), header)
                lines = rows[1 : len(table.rows) + 1]
                for line, values in zip(table.rows, lines, strict=True):
                    self.assertEqual(values[0], line.label)
                    self.assertEqual(list(values[1 : len(line.values) + 1]), line.values)

    def test_it_writes_the_headline_figures_first_in_vietnamese(self):
        self.login(self.admin)
        cookie = {"django_language": "en"}
        self.client.cookies.load(cookie)
        response = self.client.get(dashboard_url(self.province.pk, YEAR, name="dashboard_xlsx"))
        book = load_workbook(io.BytesIO(response.content))
        sheet = book.worksheets[0]
        self.assertEqual(sheet.title, "Số liệu chính")
        figures = {row[0]: row[1] for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]}
        self.assertEqual(figures["Tổng số hoạt động (hoạt động)"], 2)
        self.assertEqual(figures["Tổng lượt người tham dự (lượt người)"], 55)
