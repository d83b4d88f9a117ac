"""Official documents to DOCX, through the active docxtpl template, and DOCX to PDF through
LibreOffice headless (a private profile per conversion, a timeout, a cache of finished PDFs)."""

import contextlib
import hashlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate
from lxml import etree

from . import docx_template as layout

PDF_TIMEOUT = 120
PDF_CACHE_SIZE = 500
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ConversionError(Exception):
    """LibreOffice is missing, failed or took too long."""


def render_docx(document, *, template=None):
    """DOCX bytes of an `OfficialDocument`, through `template` (bytes) or the active template."""
    if template is None:
        from .models import DocumentTemplate

        template = DocumentTemplate.objects.active_bytes()
    tpl = DocxTemplate(io.BytesIO(template))
    context = {
        "superior": document.superior,
        "issuer": document.issuer,
        "number": document.number,
        "place_date": document.place_date,
        "doc_type": document.doc_type,
        "subject": document.subject,
        "body": _body(tpl, document.body),
        "recipients": document.recipients,
        "archive": document.archive,
        "signer": document.signer,
    }
    tpl.render(context, autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


class _Fragment:
    """Paragraphs and tables built with python-docx against the template's own styles, put in at
    `{{p body }}` as raw WordprocessingML (what docxtpl's Subdoc does, without docxcompose)."""

    def __init__(self, tpl):
        tpl.init_docx()
        self.document = Document()
        self.document._part = tpl.docx.part
        self.body = self.document.element.body
        for paragraph in self.body.findall(qn("w:p")):
            self.body.remove(paragraph)

    def add_paragraph(self, style):
        return self.document.add_paragraph(style=style)

    def add_table(self, rows, cols):
        return self.document.add_table(rows=rows, cols=cols)

    def __html__(self):
        return "".join(
            etree.tostring(child, encoding="unicode")
            for child in self.body
            if child.tag != qn("w:sectPr")
        )


def _body(tpl, blocks):
    subdoc = _Fragment(tpl)
    for block in blocks:
        if block.kind == "table":
            _table(subdoc, block)
            continue
        style = {
            "heading": layout.STYLE_HEADING_1
            if getattr(block, "level", 1) == 1
            else layout.STYLE_HEADING_2,
            "paragraph": layout.STYLE_BODY,
            "bullet": layout.STYLE_BULLET,
        }[block.kind]
        _add_runs(subdoc.add_paragraph(style=style), block.runs)
    return subdoc


def _add_runs(paragraph, runs):
    for run in runs:
        added = paragraph.add_run(run.text)
        if run.italic:
            added.italic = True
        if run.bold:
            added.bold = True


def _table(subdoc, block):
    table = subdoc.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = layout.STYLE_TABLE
    shares = block.widths or [1] * len(block.header)
    widths = [int(Mm(165) * share / sum(shares)) for share in shares]
    # LibreOffice lays a table out by its grid, Word by its cells: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for index, title in enumerate(block.header):
        cell = table.rows[0].cells[index]
        cell.width = widths[index]
        paragraph = cell.paragraphs[0]
        paragraph.style = layout.STYLE_TABLE_TEXT
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(str(title)).bold = True
    for row_index, row in enumerate(block.cells, start=1):
        for index, value in enumerate(row):
            cell = table.rows[row_index].cells[index]
            cell.width = widths[index]
            paragraph = cell.paragraphs[0]
            paragraph.style = layout.STYLE_TABLE_TEXT
            if value.is_number:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(value.text)


def soffice():
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which(os.environ.get("LANTOA_SOFFICE", "soffice"))


def pdf_available():
    return soffice() is not None


def docx_to_pdf(docx, *, timeout=PDF_TIMEOUT):
    """PDF bytes of DOCX bytes. The same content converts once: finished PDFs are cached."""
    program = soffice()
    if program is None:
        raise ConversionError("LibreOffice (soffice) is not installed")
    cached = _cache_dir() / f"{_content_key(docx)}.pdf"
    if cached.exists():
        return cached.read_bytes()
    with tempfile.TemporaryDirectory(prefix="lantoa-pdf-") as work:
        work = Path(work)
        source = work / "document.docx"
        source.write_bytes(docx)
        # A private profile per conversion: two conversions at once would otherwise share one
        # profile, and the second would hand its file to the first and exit without a PDF.
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            env={**os.environ, "HOME": str(work)},
        )
        try:
            _, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            _kill(process)
            raise ConversionError(f"LibreOffice took more than {timeout} s") from error
        result = work / "document.pdf"
        if process.returncode != 0 or not result.exists():
            detail = errors.decode(errors="replace").strip()[-300:]
            raise ConversionError(f"LibreOffice failed ({process.returncode}): {detail}")
        pdf = result.read_bytes()
    _store(cached, pdf)
    return pdf


def _kill(process):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _content_key(docx):
    """A digest of the DOCX parts, without the zip's timestamps: equal content, equal key."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in sorted(archive.namelist()):
            digest.update(name.encode())
            digest.update(archive.read(name))
    return digest.hexdigest()


def _cache_dir():
    path = Path(settings.VAR_DIR) / "cache" / "pdf"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _store(path, pdf):
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pdf)
    os.replace(temporary, path)
    files = sorted(path.parent.glob("*.pdf"), key=lambda item: item.stat().st_mtime)
    for old in files[:-PDF_CACHE_SIZE]:
        old.unlink(missing_ok=True)
