"""Checks of uploaded evidence: what a file is comes from its content, never from its name.

Photos (JPEG, PNG, WebP) are opened and verified by Pillow; scans must be PDF files, which start
with `%PDF-`. A name whose extension says something else is refused as well: a file that lies
about itself is not evidence.
"""

import io
import os
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

PDF = "application/pdf"
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {
    "image/jpeg": {".jpg", ".jpeg", ".jfif"},
    "image/png": {".png"},
    "image/webp": {".webp"},
    PDF: {".pdf"},
}
TYPE_NAMES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WebP", PDF: "PDF"}
THUMBNAIL_SIZE = (480, 480)


@dataclass
class CheckedUpload:
    file: object
    name: str
    size: int
    content_type: str

    @property
    def is_image(self):
        return self.content_type != PDF


def max_bytes():
    return settings.EVIDENCE_MAX_MB * 1024 * 1024


def _claimed_type(extension):
    for content_type, extensions in EXTENSIONS.items():
        if extension in extensions:
            return content_type
    return None


def check_upload(upload):
    """A CheckedUpload for a photo or PDF scan; ValidationError in Vietnamese otherwise."""
    name = os.path.basename(upload.name or "")
    if upload.size > max_bytes():
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; files of at most %(max)s MB are accepted.")
            % {
                "name": name,
                "size": round(upload.size / 1024 / 1024, 1),
                "max": settings.EVIDENCE_MAX_MB,
            }
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        content_type = PDF
    else:
        content_type = _image_type(upload)
        upload.seek(0)
    if content_type is None:
        raise ValidationError(
            _("“%(name)s” is neither a photo (JPEG, PNG, WebP) nor a PDF scan.") % {"name": name}
        )
    extension = os.path.splitext(name)[1].lower()
    if extension and extension not in EXTENSIONS[content_type]:
        claimed = _claimed_type(extension)
        raise ValidationError(
            _("“%(name)s” is named as a %(claimed)s file but contains a %(actual)s file.")
            % {
                "name": name,
                "claimed": TYPE_NAMES.get(claimed, extension.lstrip(".").upper()),
                "actual": TYPE_NAMES[content_type],
            }
        )
    return CheckedUpload(file=upload, name=name, size=upload.size, content_type=content_type)


def _image_type(upload):
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return IMAGE_TYPES.get(image_format)


def thumbnail(upload):
    """A small JPEG of a photo, upright as the phone held it."""
    upload.seek(0)
    with Image.open(upload) as image:
        small = ImageOps.exif_transpose(image)
        small.thumbnail(THUMBNAIL_SIZE)
        if small.mode not in ("RGB", "L"):
            small = small.convert("RGB")
        buffer = io.BytesIO()
        small.save(buffer, "JPEG", quality=80)
    upload.seek(0)
    return ContentFile(buffer.getvalue())
