"""The dashboard as an XLSX workbook: one sheet per table of figures, in Vietnamese whatever the
reader's language (the workbook is filed and sent on, as the reports' are)."""

import io

from django.conf import settings
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from lantoa.text import short_date

from . import figures

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_PERCENT = "0.0%"
_NUMBER = "#,##0"


def workbook(dash):
    """XLSX bytes of every table of a `selectors.Dashboard`."""
    with translation.override(settings.LANGUAGE_CODE):
        tables = figures.tables(dash)
        start, end = dash.window
        subtitle = (
            f"{dash.unit.name} · {dash.period.label} · {short_date(start)} – {short_date(end)}"
        )
        book = Workbook()
        book.remove(book.active)
        for table in tables:
            _sheet(book.create_sheet(_sheet_name(table.title)), table, subtitle)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title):
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31]


def _sheet(sheet, table, subtitle):
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([subtitle])
    sheet.append([])
    sheet.append([table.head, *(column.label for column in table.columns)])
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
        cell.alignment = _WRAP
    for row in table.rows:
        sheet.append([row.label, *row.values])
        for index, column in enumerate(table.columns, start=2):
            cell = sheet.cell(row=sheet.max_row, column=index)
            cell.number_format = _PERCENT if column.ratio else _NUMBER
        if row.role == "total":
            for cell in sheet[sheet.max_row]:
                cell.font = _BOLD
    if table.note:
        sheet.append([])
        sheet.append([table.note])
    sheet.column_dimensions["A"].width = 48
    for index in range(2, len(table.columns) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 16
