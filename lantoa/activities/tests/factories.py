"""Helpers to make activities and evidence files in tests."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lantoa.activities import rollup, services
from lantoa.activities.models import Activity, ActivityRollup, MediaOutlet, Subtype
from lantoa.activities.outlets import ensure_standard_outlets
from lantoa.outreach import OutreachKind
from lantoa.units.models import PlaceKind

D2018 = datetime.date(2018, 3, 20)


def outlet(code="provincial_newspaper"):
    ensure_standard_outlets(MediaOutlet)
    return MediaOutlet.objects.get(code=code)


def kind_defaults(kind):
    if kind == OutreachKind.DISSEMINATION:
        return {
            "subtype": Subtype.DISSEMINATION,
            "place_kind": PlaceKind.ENTERPRISE,
            "participants": 30,
            "women": 12,
            "industrial_workers": 25,
            "materials": "Tài liệu khởi nghiệp",
        }
    if kind == OutreachKind.VISUAL:
        return {"place_kind": PlaceKind.INDUSTRIAL_PARK, "banners": 2, "posters": 5}
    if kind == OutreachKind.TALK:
        return {
            "subtype": Subtype.SEMINAR,
            "place_kind": PlaceKind.ENTERPRISE,
            "participants": 40,
            "women": 20,
            "industrial_workers": 30,
            "speakers": "Ông Huỳnh Văn Tân",
        }
    return {"subtype": Subtype.NEWS, "outlet": outlet(), "title": "Công đoàn với khởi nghiệp"}


def make_activity(unit, *, kind=OutreachKind.TALK, date=D2018, user=None, **fields):
    activity = Activity(unit=unit, kind=kind, date=date, **{**kind_defaults(kind), **fields})
    return services.activity_create(activity=activity, user=user)


def image_bytes(image_format="JPEG", size=(1200, 900)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, image_format)
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_rollup():
    """The rollup table as {key: values}, to compare with `rollup.grouped()`."""
    return {
        tuple(row[name] for name in rollup.KEY_COLUMNS): tuple(
            row[name] for name in rollup.VALUE_COLUMNS
        )
        for row in ActivityRollup.objects.values()
    }
