"""Read an exported DOCX back as lines of text, in reading order, for the tests of documents."""

import io

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def docx_lines(content):
    """Every paragraph's text, tables read row by row and cell by cell, empty lines dropped."""
    document = Document(io.BytesIO(content))
    lines = []
    for element in document.element.body:
        if element.tag == qn("w:p"):
            lines.append(Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            for row in Table(element, document).rows:
                for cell in row.cells:
                    lines.extend(paragraph.text for paragraph in cell.paragraphs)
    return [line.strip() for line in lines if line.strip()]
