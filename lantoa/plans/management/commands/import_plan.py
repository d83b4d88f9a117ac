"""Read a plan document and save it as a draft plan, or print what was found in it as JSON."""

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from lantoa.accounts.models import User
from lantoa.documents.document_text import DocumentError
from lantoa.documents.errors import error_message
from lantoa.documents.plan_parser import plan_json, read_plan
from lantoa.documents.selectors import known_kinds, known_units
from lantoa.plans import services
from lantoa.plans.imports import imported_plan
from lantoa.units.models import Unit

HELP = """Read a plan document (.docx, .txt, .md) and save it as a draft plan of the unit --issuer
CODE (by default the unit the document's issuing body names), created by the administrator
--user USERNAME; the draft is then checked and issued on its page. Activity lines whose wording
names no kind of activity cannot be saved here: import such a document on the review screen
(Plans > Import from a document), where each line's kind is chosen.

With --dry-run, save nothing and print one JSON object with the fields found:
number (as written, e.g. "07"), symbol, place, date (YYYY-MM-DD), doc_type, subject, issuer,
superior, bases, activity_lines [{kind, text}], tasks [{text, units}] (units: the union units and
organs the task names, as written), recipients, archive, signer {on_behalf, title, name} and
missing (what could not be found, null or [] in the object: e.g. "issuer", "signer.title",
"activity_lines[2].kind" for a line whose wording names no kind). Each recipient is
{name, unit, units, kinds}, matched against the units existing on the plan's date: "unit" is the
id of the unit the line names when it names exactly one, else null; "units" lists the ids of
every unit it names one by one; "kinds" lists the unit kinds a group recipient stands for, e.g.
"LĐLĐ các huyện, thành phố" -> unit null, kinds ["district_federation"]. A recipient with no
unit and no kind is an external body."""


def read_error_message(error, path):
    if isinstance(error, FileNotFoundError):
        return _("File not found: %(path)s") % {"path": path}
    if isinstance(error, IsADirectoryError):
        return _("%(path)s is a folder, not a file.") % {"path": path}
    if isinstance(error, PermissionError):
        return _("No permission to read %(path)s.") % {"path": path}
    return _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("path", help="The plan document: .docx, .txt or .md.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the fields found as JSON and save nothing.",
        )
        parser.add_argument(
            "--issuer",
            metavar="CODE",
            help="Code of the issuing unit; by default the unit the document's header names.",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="The administrator who imports the plan (required unless --dry-run).",
        )

    def handle(self, *args, path, dry_run, issuer, user, **options):
        if not dry_run and not user:
            raise CommandError(_("Say who imports the plan: --user USERNAME (or use --dry-run)."))
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(read_error_message(error, path)) from error
        try:
            parsed = read_plan(data, filename=path)
        except DocumentError as error:
            raise CommandError(f"{path}: {error_message(error)}") from error
        day = parsed.date.value if parsed.date else datetime.date.today()
        units, kinds = known_units(day), known_kinds()
        if dry_run:
            result = plan_json(parsed, units, kinds)
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        importer = self._importer(user)
        imported = imported_plan(parsed, units=units, kinds=kinds, issuer_id=self._issuer(issuer))
        if imported.issuer_id is None:
            raise CommandError(
                _("%(path)s: the document names no issuing unit of the tree; give --issuer CODE.")
                % {"path": path}
            )
        unclear = sorted(imported.missing_items.get("activity_lines", ()))
        if unclear:
            raise CommandError(
                _(
                    "%(path)s: the wording of activity lines %(lines)s names no kind of activity; "
                    "import the document on the review screen to choose their kinds."
                )
                % {"path": path, "lines": ", ".join(str(index + 1) for index in unclear)}
            )
        fields = imported.fields
        # Nothing in the document is nothing in the plan, not the plan's default archive line.
        fields["archive"] = fields["archive"] or ""
        try:
            plan = services.plan_create_draft(
                issuer=Unit.objects.get(pk=imported.issuer_id), user=importer, **fields
            )
        except ValidationError as error:
            raise CommandError(f"{path}: {' '.join(error.messages)}") from error
        self.stdout.write(
            _("Saved draft plan %(number)s of %(issuer)s: %(url)s")
            % {
                "number": plan.number_symbol,
                "issuer": plan.issuer.short_name,
                "url": reverse("plan_detail", args=[plan.pk]),
            }
        )

    def _importer(self, username):
        user = User.objects.filter(username=username).first()
        if user is None or not user.is_federation_admin:
            raise CommandError(
                _("%(user)s is not an active administrator: only administrators import plans.")
                % {"user": username}
            )
        return user

    def _issuer(self, code):
        if not code:
            return None
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise CommandError(_("No unit has the code %(code)s.") % {"code": code})
        return unit.pk
