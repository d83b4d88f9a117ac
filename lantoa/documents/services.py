"""Writes of the documents app: document numbers and the DOCX templates."""

import io

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from docx import Document

from . import docx_template, rendering
from .models import DocumentTemplate, OutgoingNumber
from .official import sample_document

# Concurrent issuers can take the same next number; the loser of the race tries the one after.
NUMBER_ATTEMPTS = 10


def next_number(*, unit, year):
    """The number the unit's next document of `year` would get (not reserved)."""
    last = OutgoingNumber.objects.filter(unit=unit, year=year).aggregate(last=Max("number"))
    return (last["last"] or 0) + 1


@transaction.atomic
def number_take(*, unit, year, symbol, subject="", number=None):
    """Enter a document in the unit's register of `year`: with `number` (refused when it is
    taken) or with the next free number. Returns the number."""
    if number is not None:
        existing = OutgoingNumber.objects.filter(unit=unit, year=year, number=number).first()
        if existing is None:
            try:
                with transaction.atomic():
                    OutgoingNumber.objects.create(
                        unit=unit, year=year, number=number, symbol=symbol, subject=subject
                    )
                return number
            except IntegrityError:
                existing = OutgoingNumber.objects.filter(
                    unit=unit, year=year, number=number
                ).first()
        raise ValidationError(
            _("Number %(number)s of %(year)s is already taken by document %(document)s.")
            % {"number": number, "year": year, "document": existing or number}
        )
    for _attempt in range(NUMBER_ATTEMPTS):
        candidate = next_number(unit=unit, year=year)
        try:
            with transaction.atomic():
                OutgoingNumber.objects.create(
                    unit=unit, year=year, number=candidate, symbol=symbol, subject=subject
                )
            return candidate
        except IntegrityError:
            continue
    raise ValidationError(_("No free document number could be taken; please try again."))


def template_check(content):
    """Refuse a DOCX template that lacks the styles of the body or cannot render a document."""
    try:
        styles = {style.name for style in Document(io.BytesIO(content)).styles}
    except Exception as error:
        raise ValidationError(_("This file is not a Word document (DOCX).")) from error
    missing = [
        name
        for name in [*docx_template.PARAGRAPH_STYLES, docx_template.STYLE_TABLE]
        if name not in styles
    ]
    if missing:
        raise ValidationError(
            _(
                "The template lacks these styles: %(styles)s. "
                "Keep the styles of the built-in template."
            )
            % {"styles": ", ".join(missing)}
        )
    try:
        rendered = rendering.render_docx(sample_document(), template=content)
    except Exception as error:
        raise ValidationError(
            _("The template cannot be filled in: %(error)s") % {"error": error}
        ) from error
    if "Văn bản mẫu để kiểm tra khuôn mẫu" not in _all_text(rendered):
        raise ValidationError(_("The template does not print the subject line ({{ subject }})."))


def _all_text(content):
    document = Document(io.BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            texts.extend(paragraph.text for paragraph in cell.paragraphs)
    return "\n".join(texts)


@transaction.atomic
def template_upload(*, upload, user, note=""):
    """Check an uploaded template and put it in use; earlier uploads stay in the list."""
    content = upload.read()
    template_check(content)
    upload.seek(0)
    DocumentTemplate.objects.filter(is_active=True).update(is_active=False)
    return DocumentTemplate.objects.create(file=upload, note=note, uploaded_by=user, is_active=True)


@transaction.atomic
def template_activate(*, template):
    DocumentTemplate.objects.filter(is_active=True).update(is_active=False)
    template.is_active = True
    template.save(update_fields=["is_active"])


def template_use_default():
    """Go back to the built-in template; uploads are kept."""
    DocumentTemplate.objects.filter(is_active=True).update(is_active=False)
