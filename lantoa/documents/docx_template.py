"""The built-in DOCX template of official documents (Decree 30/2020, Decision 933/QĐ-TLĐ).

It is a docxtpl template: Jinja tags in the text, the body inserted at `{{p body }}` with the
template's own paragraph styles. An administrator downloads it, adjusts it in Word (fonts,
spacing, the header's wording) and uploads it again; the styles below must stay in it.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
STYLE_BODY = "Lantoa Body"
STYLE_HEADING_1 = "Lantoa Heading 1"
STYLE_HEADING_2 = "Lantoa Heading 2"
STYLE_BULLET = "Lantoa Bullet"
STYLE_TABLE_TEXT = "Lantoa Table Text"
STYLE_TABLE = "Table Grid"
PARAGRAPH_STYLES = [STYLE_BODY, STYLE_HEADING_1, STYLE_HEADING_2, STYLE_BULLET, STYLE_TABLE_TEXT]

# The variables a template may use, for the administrator's page.
VARIABLES = [
    ("superior", "TỔNG LĐLĐ VIỆT NAM"),
    ("issuer", "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE"),
    ("number", "10/KH-LĐLĐ"),
    ("place_date", "Bến Tre, ngày 02 tháng 3 năm 2018"),
    ("doc_type", "KẾ HOẠCH"),
    ("subject", "Thực hiện công tác truyền thông khởi nghiệp năm 2018"),
    ("body", "{{p body }}"),
    ("recipients", "{%p for line in recipients %} … {%p endfor %}"),
    ("archive", "VP, TG"),
    (
        "signer.on_behalf, signer.title, signer.name",
        "TM. BAN THƯỜNG VỤ · PHÓ CHỦ TỊCH · Huỳnh Văn Tân",
    ),
]

# A4 and the margins of Decree 30/2020 (top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm).
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP = MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT, MARGIN_RIGHT = Mm(30), Mm(15)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
HEADER_LEFT = Mm(60)
CLOSING_LEFT = Mm(85)
FIRST_LINE_INDENT = Cm(1)
NO_INDENT = Cm(0)


def build_default_template():
    """The built-in template as DOCX bytes."""
    document = Document()
    _page(document.sections[0])
    _styles(document)
    _header_block(document)
    _title_block(document)
    document.add_paragraph("{{p body }}", style=STYLE_BODY)
    _closing_block(document)
    # python-docx's blank document starts with one empty paragraph; the header table goes first.
    first = document.paragraphs[0]
    if not first.text:
        first._element.getparent().remove(first._element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page(section):
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Page numbers centred in the top margin from page 2: the first page has its own, empty header.
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(header.add_run())
    section.first_page_header.paragraphs[0].text = ""


def _page_number_field(run):
    for kind, text in [("begin", None), (None, "PAGE"), ("separate", None), (None, "2")]:
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _font(font, size=None, bold=None, italic=None):
    """Times New Roman in every script slot, so that no character falls back to another font."""
    font.name = FONT
    fonts = font.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def _styles(document):
    styles = document.styles
    normal = styles["Normal"]
    _font(normal.font, size=14)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    _language(normal)

    def paragraph_style(
        name, *, size=14, bold=False, indent=FIRST_LINE_INDENT, align=WD_ALIGN_PARAGRAPH.JUSTIFY
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _font(style.font, size=size, bold=bold)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = indent
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        fmt.widow_control = True
        return style

    paragraph_style(STYLE_BODY)
    paragraph_style(STYLE_BULLET)
    heading_1 = paragraph_style(STYLE_HEADING_1, bold=True)
    heading_1.paragraph_format.keep_with_next = True
    heading_2 = paragraph_style(STYLE_HEADING_2, bold=True)
    heading_2.paragraph_format.keep_with_next = True
    table_text = paragraph_style(STYLE_TABLE_TEXT, size=12, indent=NO_INDENT, align=None)
    table_text.paragraph_format.space_before = Pt(2)
    table_text.paragraph_format.space_after = Pt(2)
    table_text.paragraph_format.line_spacing = 1.0


def _language(style):
    r_pr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    r_pr.append(lang)


def _borderless_table(document, widths, rows=1):
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # LibreOffice reads the grid, Word the cells: both get the widths.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    return table


def _cell_paragraph(cell, text, *, size=13, bold=False, italic=False, underline=False, first=False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    _font(run.font, size=size, bold=bold, italic=italic)
    run.font.underline = underline
    return paragraph


def _short_rule(paragraph, *, indent):
    """A short horizontal line under a centred line, as Decree 30 draws it under the issuer."""
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "auto"}.items():
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)
    run = paragraph.add_run()
    run.font.size = Pt(2)


def _header_block(document):
    # Two rows, so that the number and the place-and-date line stand on one level.
    table = _borderless_table(document, [HEADER_LEFT, TEXT_WIDTH - HEADER_LEFT], rows=2)
    (left, right), (number, date) = table.rows[0].cells, table.rows[1].cells
    _cell_paragraph(left, "{{ superior }}", first=True)
    _cell_paragraph(left, "{{ issuer }}", bold=True)
    _short_rule(left.add_paragraph(), indent=Mm(18))
    _cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, first=True)
    _cell_paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True)
    line = _cell_paragraph(number, "Số: {{ number }}", first=True)
    line.paragraph_format.space_before = Pt(6)
    line = _cell_paragraph(date, "{{ place_date }}", size=14, italic=True, first=True)
    line.paragraph_format.space_before = Pt(6)


def _title_block(document):
    for text, space_before in [("{{ doc_type }}", Pt(18)), ("{{ subject }}", Pt(0))]:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = space_before
        paragraph.paragraph_format.keep_with_next = True
        _font(paragraph.add_run(text).font, size=14, bold=True)
    rule = document.add_paragraph()
    rule.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _short_rule(rule, indent=Mm(62))
    rule.paragraph_format.space_after = Pt(6)


def _closing_block(document):
    document.add_paragraph()
    table = _borderless_table(document, [CLOSING_LEFT, TEXT_WIDTH - CLOSING_LEFT])
    left, right = table.rows[0].cells

    def left_line(text, *, first=False, size=11, bold=False, italic=False):
        paragraph = left.paragraphs[0] if first else left.add_paragraph()
        _font(paragraph.add_run(text).font, size=size, bold=bold, italic=italic)
        return paragraph

    left_line("Nơi nhận:", first=True, size=12, bold=True, italic=True)
    left_line("{%p for line in recipients %}")
    left_line("- {{ line }};")
    left_line("{%p endfor %}")
    left_line("{%p if archive %}")
    left_line("- Lưu: {{ archive }}")
    left_line("{%p endif %}")

    _cell_paragraph(right, "{{ signer.on_behalf }}", size=14, bold=True, first=True)
    _cell_paragraph(right, "{{ signer.title }}", size=14, bold=True)
    for _ in range(4):
        _cell_paragraph(right, "")
    _cell_paragraph(right, "{{ signer.name }}", size=14, bold=True)
