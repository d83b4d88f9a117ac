"""What to tell a user whose document cannot be read as a plan, in their language."""

from django.utils.translation import gettext as _

from .document_text import EmptyDocument, UnreadableDocument
from .plan_parser import NotAPlan


def error_message(error):
    """The translated message for a `DocumentError` of `plan_parser.read_plan`."""
    if isinstance(error, EmptyDocument):
        return _("The file is empty.")
    if isinstance(error, UnreadableDocument):
        return {
            "doc": _("Old Word (.doc) files cannot be read: save the file as .docx."),
            "pdf": _("PDF files cannot be read: convert the file to text or DOCX first."),
            "docx": _("The DOCX file is damaged or is not a Word document."),
            "encoding": _("The text is not in UTF-8 or UTF-16."),
        }.get(error.reason, _("The file is neither text nor DOCX."))
    if isinstance(error, NotAPlan) and error.doc_type:
        return _("This document is a %(type)s, not a plan (KẾ HOẠCH).") % {"type": error.doc_type}
    return _("No plan found in this file: no document type, number, date or sections.")
