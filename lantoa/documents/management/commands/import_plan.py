"""Read a plan document (DOCX, text or markdown) and print what the parser found, as JSON."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lantoa.documents.document_text import EmptyDocument, UnreadableDocument
from lantoa.documents.plan_parser import NotAPlan, plan_json, read_plan
from lantoa.documents.unit_names import KnownKind, KnownUnit
from lantoa.units.models import Unit, UnitKind

HELP = """Read a plan document (.docx, .txt, .md) and print one JSON object with the fields found:
number (as written, e.g. "07"), symbol, place, date (YYYY-MM-DD), doc_type, subject, issuer,
superior, bases, activity_lines [{kind, text}], tasks [{text, units}] (units: the union units and
organs the task names, as written), recipients, archive, signer {on_behalf, title, name} and
missing (what could not be found, null or [] in the object: e.g. "issuer", "signer.title",
"activity_lines[2].kind" for a line whose wording names no kind). Each recipient is
{name, unit, units, kinds}, matched against the units existing on the plan's date: "unit" is the
id of the unit the line names when it names exactly one, else null; "units" lists the ids of
every unit it names one by one; "kinds" lists the unit kinds a group recipient stands for, e.g.
"LĐLĐ các huyện, thành phố" -> unit null, kinds ["district_federation"]. A recipient with no
unit and no kind is an external body. Only --dry-run exists until plans can be saved."""


def known_units(on):
    units = Unit.objects.existing_on(on).select_related("kind")
    return [
        KnownUnit(unit.pk, unit.name, unit.short_name, unit.abbreviation, unit.kind.code)
        for unit in units
    ]


def known_kinds():
    return [
        KnownKind(kind.code, kind.name, kind.plural_name, kind.abbreviation)
        for kind in UnitKind.objects.all()
    ]


def read_error_message(error, path):
    if isinstance(error, FileNotFoundError):
        return _("File not found: %(path)s") % {"path": path}
    if isinstance(error, IsADirectoryError):
        return _("%(path)s is a folder, not a file.") % {"path": path}
    if isinstance(error, PermissionError):
        return _("No permission to read %(path)s.") % {"path": path}
    return _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}


def error_message(error):
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


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("path", help="The plan document: .docx, .txt or .md.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            required=True,
            help="Print the fields found as JSON and save nothing (required for now).",
        )

    def handle(self, *args, path, **options):
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(read_error_message(error, path)) from error
        try:
            plan = read_plan(data, filename=path)
        except (EmptyDocument, UnreadableDocument, NotAPlan) as error:
            raise CommandError(f"{path}: {error_message(error)}") from error
        day = plan.date.value if plan.date else datetime.date.today()
        result = plan_json(plan, known_units(day), known_kinds())
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
