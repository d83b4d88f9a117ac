"""The text of an uploaded document: a DOCX, or plain text / markdown. No Django.

Errors are `DocumentError`s with an English message; the pages and commands that show them map
the class to a translated message.
"""

import io
import unicodedata

from .docx_text import docx_lines

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF = b"%PDF-"
_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1c\x1d\x1e\x85")


class DocumentError(Exception):
    """A file that cannot be read as a plan document."""


class EmptyDocument(DocumentError):
    def __init__(self):
        super().__init__("The file is empty.")


class UnreadableDocument(DocumentError):
    def __init__(self, reason):
        self.reason = reason  # "binary", "doc", "pdf", "docx", "encoding"
        super().__init__(
            {
                "binary": "The file is not text or DOCX.",
                "doc": "Old Word (.doc) files cannot be read: save it as .docx.",
                "pdf": "PDF files cannot be read: convert it to text or DOCX first.",
                "docx": "The DOCX file is damaged or not a Word document.",
                "encoding": "The text is not in UTF-8 or UTF-16.",
            }[reason]
        )


def document_text(data, filename=""):
    """The text of a document given as bytes; raises DocumentError."""
    if not data or not data.strip():
        raise EmptyDocument()
    if data.startswith(_ZIP) or filename.lower().endswith(".docx"):
        text = _docx_text(data)
    elif data.startswith(_OLE):
        raise UnreadableDocument("doc")
    elif data.startswith(_PDF):
        raise UnreadableDocument("pdf")
    else:
        text = _plain_text(data)
    if not text.strip():
        raise EmptyDocument()
    return text


def _docx_text(data):
    try:
        lines = docx_lines(io.BytesIO(data))
    except Exception as error:
        # python-docx and lxml raise many kinds of errors on damaged files; all mean the same.
        raise UnreadableDocument("docx") from error
    return "\n".join(lines)


def _plain_text(data):
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if b"\x00" in data:
            raise UnreadableDocument("binary") from error
        raise UnreadableDocument("encoding") from error
    controls = sum(
        1
        for char in text
        if unicodedata.category(char) in ("Cc", "Cn") and char not in _ALLOWED_CONTROLS
    )
    if "\x00" in text or controls > 0.01 * len(text):
        raise UnreadableDocument("binary")
    return text
