"""A report as an official document (DOCX/PDF through the documents app) and as a workbook (one
sheet per table, numbers as numbers). Both print a report's content (content.build), frozen or
live, and always in Vietnamese: that is what units sign and send."""

import datetime
import io

from django.conf import settings
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from lantoa.documents.official import (
    Heading,
    OfficialDocument,
    Paragraph,
    Percent,
    Signer,
    Table,
)
from lantoa.plans.models import number_symbol
from lantoa.text import short_date

from .content import ContentView
from .models import TYPE_TITLE
from .services import period_words

ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _figure(value, ratio):
    """A figure as a table cell: a share prints as a percentage, a missing share as a dash."""
    if ratio:
        return Percent(value) if value is not None else "—"
    return value or 0


def official_document(content):
    """The OfficialDocument a report's content prints as."""
    with translation.override(settings.LANGUAGE_CODE):
        return _document(ContentView(content))


def _document(view):
    header = view.content["document"]
    number = (
        number_symbol(header["number"], header["symbol"])
        if header["number"]
        else f"     /{header['symbol']}"
    )
    signer = header["signer"]
    date = datetime.date.fromisoformat(header["date"]) if header["date"] else None
    return OfficialDocument(
        superior=header["superior"].upper(),
        issuer=header["issuer"].upper(),
        number=number,
        place=header["place"],
        date=date,
        year=view.period.year,
        doc_type=TYPE_TITLE,
        subject=header["subject"],
        body=_body(view),
        recipients=header["recipients"],
        archive=header["archive"],
        signer=Signer(signer["on_behalf"].upper(), signer["title"].upper(), signer["name"]),
    )


def _body(view):
    plan = view.content["plan"]
    unit = view.content["unit"]["short_name"]
    start, end = view.window
    words = period_words(view.period)
    plan_date = (
        f" ngày {short_date(datetime.date.fromisoformat(plan['date']))}" if plan["date"] else ""
    )
    body = [
        Paragraph(
            f"Thực hiện Kế hoạch số {plan['number_symbol']}{plan_date} của {plan['issuer']} "
            f"về {_first_lower(plan['subject'])}, {unit} báo cáo kết quả thực hiện {words} "
            f"(số liệu từ ngày {short_date(start)} đến ngày {short_date(end)}) như sau:"
        )
    ]
    sections = iter(ROMAN)
    narrative = {section["name"]: section for section in view.sections}
    body.append(Heading(f"{next(sections)}. {narrative['results']['title']}:"))
    part = 0
    if narrative["results"]["text"]:
        part += 1
        body.append(Heading(f"{part}. Tình hình thực hiện:", level=2))
        body.extend(Paragraph(line) for line in _lines(narrative["results"]["text"]))
    part += 1
    body.append(Heading(f"{part}. Số liệu tổng hợp:", level=2))
    body.append(_summary_table(view))
    if any(row["adjusted"] for row in view.summary):
        body.append(
            Paragraph(
                "*Số liệu điều chỉnh được ghi rõ lý do; số liệu tính từ sổ hoạt động "
                "được giữ nguyên bên cạnh.*"
            )
        )
    if view.child_lines:
        part += 1
        body.append(Heading(f"{part}. Kết quả theo đơn vị:", level=2))
        for table in view.tables:
            body.append(Paragraph(f"*{table['group']['label']}:*"))
            body.append(_breakdown_table(table))
    body.append(
        Paragraph(
            "*Ghi chú: số người tham dự tính theo lượt người (một người dự hai lần được tính hai "
            "lượt); tỷ lệ bao phủ = số lượt người tham dự ÷ số người.*"
        )
    )
    for name in ("shortcomings", "difficulties", "next_tasks"):
        section = narrative[name]
        if section["text"]:
            body.append(Heading(f"{next(sections)}. {section['title']}:"))
            body.extend(Paragraph(line) for line in _lines(section["text"]))
    body.append(Paragraph(f"Trên đây là báo cáo kết quả thực hiện {words} của {unit}./."))
    return body


def _first_lower(text):
    return text[:1].lower() + text[1:] if text else text


def _summary_table(view):
    with_targets = view.has_targets
    header = ["TT", "Nội dung", "Đơn vị tính", "Kết quả"]
    if with_targets:
        header.append("Chỉ tiêu")
    header.append("Ghi chú")
    rows = []
    for number, row in enumerate(view.summary, start=1):
        indicator = row["indicator"]
        cells = [
            str(number),
            indicator["label"],
            indicator["measure"],
            _figure(row["final"], indicator["ratio"]),
        ]
        if with_targets:
            cells.append(row["target"] if row["target"] is not None else "")
        note = ""
        if row["adjusted"]:
            note = f"Điều chỉnh từ {row['computed_text']}: {row['reason']}"
        cells.append(note)
        rows.append(cells)
    widths = [1.3, 7, 2.5, 2.5, *([2] if with_targets else []), 4.5]
    return Table(header=header, rows=rows, widths=widths)


def _breakdown_table(table):
    header = ["Đơn vị", *(column["label"] for column in table["columns"])]
    rows = []
    for line in table["lines"]:
        rows.append(
            [_line_name(line), *(_figure(cell["value"], cell["ratio"]) for cell in line["cells"])]
        )
    return Table(header=header, rows=rows, widths=[3.5] + [2] * len(table["columns"]))


def _line_name(line):
    if line["role"] == "total":
        return "Tổng cộng"
    if line["role"] == "own":
        return f"{line['short_name']} (trực tiếp tổ chức)"
    return line["short_name"]


# --- XLSX ---------------------------------------------------------------------------------

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_PERCENT = "0.0%"
_NUMBER = "#,##0"


def workbook(content, *, title):
    """XLSX bytes: a summary sheet, then one sheet per table of figures by unit."""
    with translation.override(settings.LANGUAGE_CODE):
        view = ContentView(content)
        book = Workbook()
        sheet = book.active
        sheet.title = "Tổng hợp"
        _summary_sheet(sheet, view, title)
        if view.child_lines:
            for table in view.tables:
                _table_sheet(book.create_sheet(_sheet_name(table["group"]["label"])), view, table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(label):
    for char in "[]:*?/\\":
        label = label.replace(char, " ")
    return label[:31]


def _heading(sheet, view, title):
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    start, end = view.window
    unit = view.content["unit"]["name"]
    sheet.append([f"{unit} · {view.period.label} · {short_date(start)} – {short_date(end)}"])
    sheet.append([])


def _summary_sheet(sheet, view, title):
    _heading(sheet, view, title)
    header = [
        "Nội dung",
        "Đơn vị tính",
        "Tính từ sổ hoạt động",
        "Điều chỉnh",
        "Lý do điều chỉnh",
        "Kết quả",
        "Chỉ tiêu",
    ]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
        cell.alignment = _WRAP
    for row in view.summary:
        indicator = row["indicator"]
        sheet.append(
            [
                indicator["label"],
                indicator["measure"],
                row["computed"],
                row["final"] if row["adjusted"] else None,
                row["reason"] or None,
                row["final"],
                row["target"],
            ]
        )
        fmt = _PERCENT if indicator["ratio"] else _NUMBER
        for column in (3, 4, 6, 7):
            sheet.cell(row=sheet.max_row, column=column).number_format = fmt
    for column, width in zip("ABCDEFG", (48, 14, 14, 12, 36, 12, 10), strict=True):
        sheet.column_dimensions[column].width = width


def _table_sheet(sheet, view, table):
    _heading(sheet, view, table["group"]["label"])
    sheet.append(["Đơn vị", *(column["label"] for column in table["columns"])])
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
        cell.alignment = _WRAP
    for line in table["lines"]:
        sheet.append([_line_name(line), *(cell["value"] for cell in line["cells"])])
        for index, cell in enumerate(line["cells"], start=2):
            target = sheet.cell(row=sheet.max_row, column=index)
            target.number_format = _PERCENT if cell["ratio"] else _NUMBER
        if line["role"] == "total":
            for cell in sheet[sheet.max_row]:
                cell.font = _BOLD
    sheet.column_dimensions["A"].width = 44
    for index in range(2, len(table["columns"]) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 16
