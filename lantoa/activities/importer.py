"""Reading and checking rows of an activity file (XLSX or CSV) with no query per row.

Everything a row may refer to — units, places, outlets, the tree — is loaded once, and each row
becomes an unsaved Activity or a list of errors. `services.activities_import` drives it.
"""

import csv
import datetime
import functools
import io
import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantoa.accounts.scope import visible_units
from lantoa.outreach import OutreachKind
from lantoa.periods.locks import LockIndex, locked_message
from lantoa.sql import batched
from lantoa.text import fold
from lantoa.units.models import Place, PlaceKind, Unit
from lantoa.units.selectors import TreeHistory

from . import layout
from .models import (
    ACTIVITY_KINDS,
    DUPLICATE_MESSAGE,
    Activity,
    ActivityDraft,
    MediaOutlet,
    Subtype,
    derive,
    fingerprint,
    rule_errors,
    stamp_levels,
)
from .plan_lines import PlanLineIndex, label_example, parse_label
from .sheets import WorkbookError, WorkbookReader

HEADER_SEARCH_ROWS = 10
_MISSING = {
    "kind": gettext_lazy("Say which kind of activity it is."),
    "unit": gettext_lazy("Give the unit code."),
    "date": gettext_lazy("Give the date."),
}
_LOOKUPS = {"kind", "unit", "subtype", "place_kind", "place", "outlet", "plan_line"}
# Cells whose reading depends on their value alone and whose values repeat down a file: each
# distinct value is read once.
_CACHED = _LOOKUPS | layout.DATE_COLUMNS | layout.NUMBER_COLUMNS
_GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+$")
_DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"]
# What a row's unit needs of the unit: `_unit` builds it from these.
_UNIT_FIELDS = ("pk", "code", "short_name", "opened_on", "closed_on")
_TEXT_LIMITS = {
    name: Activity._meta.get_field(name).max_length
    for name in ["title", "location", "speakers", "link"]
}


class FileError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


class CsvRows:
    def __init__(self, data):
        try:
            self.text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise FileError(
                _("The file is neither an XLSX workbook nor a UTF-8 CSV file.")
            ) from error
        # Excel writes CSV with the separator of the computer's region: a comma, or a semicolon
        # where the comma is the decimal mark. The header line tells which.
        header = self.text.split("\n", 1)[0]
        self.delimiter = max([",", ";", "\t"], key=header.count)
        self.estimated_rows = self.text.count("\n")

    def rows(self):
        lines = csv.reader(io.StringIO(self.text), delimiter=self.delimiter)
        for number, row in enumerate(lines, start=1):
            if any(cell.strip() for cell in row):
                yield number, tuple(row)

    serial_to_date = None


def open_rows(path):
    """A reader with `rows()` → (row number, values) and `estimated_rows`, for a workbook
    (XLSX, XLS, ODS) or a CSV file."""
    with open(path, "rb") as handle:
        head = handle.read(8)
    # Zip (XLSX, ODS) or OLE (XLS) signatures; anything else is taken for CSV text.
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        try:
            return WorkbookReader(path)
        except WorkbookError as error:
            raise FileError(_UNREADABLE_WORKBOOK) from error
    with open(path, "rb") as handle:
        return CsvRows(handle.read())


_UNREADABLE_WORKBOOK = gettext_lazy("The file looks like an Excel workbook but cannot be read.")


def _label_map(pairs):
    """{folded label in any language or code: value} for choices."""
    found = {}
    for value, label in pairs:
        found[fold(value)] = value
        for form in layout.in_every_language(label):
            found[form] = value
    return found


class _Unknown(Exception):
    pass


class RowImporter:
    """Turns rows into unsaved activities; collects every row's errors."""

    def __init__(self, user, *, today):
        self.user = user
        self.today = today
        self.kinds = _label_map([(kind.value, kind.label) for kind in ACTIVITY_KINDS])
        self.all_kinds = _label_map(OutreachKind.choices)
        self.subtypes = _label_map(Subtype.choices)
        self.place_kinds = _label_map(PlaceKind.choices)
        self.headers = {}
        for column in layout.COLUMNS:
            for form in layout.in_every_language(column.header):
                self.headers[form] = column
        self.visible = (
            None
            if user.is_federation_admin
            else set(visible_units(user).values_list("pk", flat=True))
        )
        # What rows name is read a window of rows at a time (`prepare`): a file names a few
        # hundred of the nation's 130,000 units, and reading them all took longer than
        # checking 10,000 rows.
        self.unit_rows = {}  # code in upper case → unit's row, or None: no unit has it
        self.every_unit_row = None  # read at the first code not written as stored
        self.unit_index = None
        self.units = {}
        self.places = {}  # read once the header shows a place column: most files have none
        self.outlets = {}
        for outlet in MediaOutlet.objects.all():
            self.outlets[fold(outlet.name)] = outlet
            self.outlets.setdefault(fold(outlet.code), outlet)
        self.tree = TreeHistory(unit_ids=self.visible or ())
        self.plan_lines = PlanLineIndex.for_user(user, tree=self.tree, visible=self.visible)
        self.locks = LockIndex()
        # Places, locations and outlets repeat down a file, and each row's title is folded for
        # its fingerprint and again for its search text: each text is folded once per import.
        self.fold = functools.cache(fold)
        self.header_text = {column.key: str(column.header) for column in layout.COLUMNS}
        # [(index, key, {value: (True, read value) or (False, problem)} or None)].
        self.columns = None
        self.default_kind = None
        self.serial_to_date = None
        self.activities = []
        self.seen = {}
        self.errors = []
        self.error_count = 0

    def _read_places(self):
        """{folded name: [(pk, name, kind, unit id)]}: Place objects are made only for the few
        names a file uses (`_look_up`), not for the thousands of places of a province."""
        places = Place.objects.all()
        if self.visible is not None:
            own = self.user.unit
            ancestors = [unit.pk for unit in own.ancestors(on=self.today)] if own else []
            places = places.filter(Q(unit_id__in=self.visible) | Q(unit_id__in=ancestors))
        found = {}
        for row in places.values_list("pk", "name", "kind", "unit_id"):
            found.setdefault(fold(row[1]), []).append(row)
        return found

    # --- the header -----------------------------------------------------------------------

    def take_header(self, values):
        """True if `values` is the header row (then columns are mapped); reads the preamble."""
        mapped = {}
        for index, value in enumerate(values):
            column = self.headers.get(fold(value)) if isinstance(value, str) else None
            if column is not None and column.key not in {c.key for c in mapped.values()}:
                mapped[index] = column
        keys = {column.key for column in mapped.values()}
        if {"unit", "date"} <= keys:
            self.columns = [
                (index, column.key, {} if column.key in _CACHED else None)
                for index, column in mapped.items()
                if column.importable
            ]
            self.unit_index = next(index for index, key, _cache in self.columns if key == "unit")
            if "place" in keys:
                self.places = self._read_places()
            if "kind" not in keys and self.default_kind is None:
                raise FileError(
                    _(
                        "The file says neither which kind of activity it holds "
                        "nor has a column “%(column)s”."
                    )
                    % {"column": layout.COLUMNS_BY_KEY["kind"].header}
                )
            return True
        cells = [value for value in values if value not in (None, "")]
        if (
            len(cells) >= 2
            and self.headers.get(fold(str(cells[0]))) is layout.COLUMNS_BY_KEY["kind"]
        ):
            self.default_kind = self.kinds.get(fold(str(cells[1])))
        return False

    def missing_header_error(self):
        return FileError(
            _(
                "No header row found: the first rows must name the columns, "
                "at least “%(unit)s” and “%(date)s”."
            )
            % {
                "unit": layout.COLUMNS_BY_KEY["unit"].header,
                "date": layout.COLUMNS_BY_KEY["date"].header,
            }
        )

    # --- what a window of rows names -------------------------------------------------------

    def prepare(self, rows):
        """Read what `rows` (number, values) name and was not read yet: their units, where the
        units sat in the tree over time and which plans they received. A few queries per window
        of rows, none per row; `add_row` then checks them with no query."""
        texts = {}
        for _number, values in rows:
            value = values[self.unit_index] if self.unit_index < len(values) else None
            text = _as_text(value) if value is not None else ""
            if text and text.upper() not in self.unit_rows:
                texts[text.upper()] = text
        if not texts:
            return
        found = {}
        for batch in batched(sorted({*texts, *texts.values()})):
            for row in Unit.objects.filter(code__in=batch).values_list(*_UNIT_FIELDS):
                found[row[1].upper()] = row
        if len(found) < len(texts):
            # Codes are matched whatever their case; a code typed otherwise than stored is
            # looked for among every unit's, read once.
            if self.every_unit_row is None:
                every = Unit.objects.values_list(*_UNIT_FIELDS)
                self.every_unit_row = {row[1].upper(): row for row in every}
            found.update(
                (code, self.every_unit_row[code])
                for code in texts
                if code not in found and code in self.every_unit_row
            )
        for code in texts:
            self.unit_rows[code] = found.get(code)
        unit_ids = [row[0] for row in found.values()]
        self.tree.load(unit_ids)
        self.plan_lines.read_reach({*unit_ids, *self.tree.ever_above(unit_ids)})

    # --- one row --------------------------------------------------------------------------

    def add_row(self, number, values):
        errors = []
        fields = {}
        width = len(values)
        for index, key, cache in self.columns:
            value = values[index] if index < width else None
            if value is None or value == "":
                continue
            kind_of_value = value.__class__
            if kind_of_value is str:
                value = value.strip()
                if not value:
                    continue
            # Booleans are not cached: True == 1 == 1.0 as dictionary keys. A number reads the
            # same whether the workbook stored it as 1 or 1.0.
            if cache is None or kind_of_value is bool:
                try:
                    fields[key] = self._parse(key, value)
                except _Unknown as problem:
                    errors.append((number, self.header_text[key], str(problem)))
                continue
            outcome = cache.get(value)
            if outcome is None:
                try:
                    outcome = (True, self._parse(key, value))
                except _Unknown as problem:
                    outcome = (False, str(problem))
                cache[value] = outcome
            if outcome[0]:
                fields[key] = outcome[1]
            else:
                errors.append((number, self.header_text[key], outcome[1]))
        kind = fields.pop("kind", None) or self.default_kind
        unit = fields.pop("unit", None)
        date = fields.get("date")
        if kind is None or unit is None or date is None:
            for key, value in [("kind", kind), ("unit", unit), ("date", date)]:
                header = self.header_text[key]
                if value is None and all(error[1] != header for error in errors):
                    errors.append((number, header, str(_MISSING[key])))
        if errors:
            self._fail(errors)
            return
        place, outlet = fields.pop("place", None), fields.pop("outlet", None)
        plan_line = fields.pop("plan_line", None)
        activity = ActivityDraft(kind=kind, unit=unit, unit_id=unit.pk, **fields)
        if place is not None:
            place = self._choose_place(place, unit, number, errors)
            if place is not None:
                activity.place, activity.place_id = place, place.pk
        if outlet is not None:
            activity.outlet, activity.outlet_id = outlet, outlet.pk
        if not errors:
            for field, message in rule_errors(activity, today=self.today).items():
                errors.append((number, self._header_of(field), str(message)))
        path = self.tree.path(unit.pk, date)
        if not errors:
            for field, message in self.plan_lines.check(activity, path, plan_line):
                errors.append((number, self._header_of(field), str(message)))
        if not errors:
            try:
                stamp_levels(activity, path)
            except ValidationError as error:
                errors.append((number, self.header_text["unit"], error.messages[0]))
        if not errors and self.locks:
            lock = self.locks.covering(path, date)
            if lock is not None:
                errors.append((number, self.header_text["date"], locked_message(lock, date)))
        if errors:
            self._fail(errors)
            return
        key = fingerprint(activity, fold=self.fold)
        first = self.seen.get(key)
        if first is not None:
            self._fail(
                [(number, "", _("Same activity as row %(row)s of this file.") % {"row": first})]
            )
            return
        self.seen[key] = number
        activity.fingerprint = key
        # Complete, as the insert takes it: derived fields now, while the folds are at hand.
        derive(activity, keep_fingerprint=True, fold=self.fold)
        self.activities.append(activity)

    def _fail(self, errors):
        self.error_count += 1
        room = 2000 - len(self.errors)
        if room > 0:
            self.errors.extend(errors[:room])

    def _header_of(self, field):
        return self.header_text.get(field, field)

    def _parse(self, key, value):
        if key in _LOOKUPS:
            return self._look_up(key, value)
        if key in layout.DATE_COLUMNS:
            return self._date(value)
        if key in layout.NUMBER_COLUMNS:
            return self._number(value)
        text = _as_text(value)
        if key == "link" and not _is_web_address(text):
            raise _Unknown(
                _("“%(value)s” is not a web address starting with http:// or https://.")
                % {"value": text}
            )
        limit = _TEXT_LIMITS.get(key)
        if limit and len(text) > limit:
            raise _Unknown(_("Too long: at most %(max)s characters.") % {"max": limit})
        return text

    def _look_up(self, key, value):
        if key == "kind":
            found = self.kinds.get(fold(str(value)))
            if found is None:
                if fold(str(value)) in self.all_kinds:
                    raise _Unknown(
                        _("Emulation movements and difficulties are not logged as activities.")
                    )
                raise _Unknown(
                    _("“%(value)s” is not a kind of activity: choose one from the list.")
                    % {"value": value}
                )
            return found
        if key == "unit":
            return self._unit(value)
        if key == "subtype":
            found = self.subtypes.get(fold(str(value)))
            if found is None:
                raise _Unknown(
                    _("“%(value)s” is not a form of activity: choose one from the list.")
                    % {"value": value}
                )
            return found
        if key == "place_kind":
            found = self.place_kinds.get(fold(str(value)))
            if found is None:
                raise _Unknown(
                    _("“%(value)s” is not a kind of place: choose one from the list.")
                    % {"value": value}
                )
            return found
        if key == "plan_line":
            found = parse_label(value)
            if found is None:
                raise _Unknown(
                    _(
                        "“%(value)s” is not a plan line: write the plan's number and symbol and "
                        "the line's number in it, e.g. %(example)s."
                    )
                    % {"value": value, "example": label_example()}
                )
            return found
        if key == "place":
            rows = self.places.get(fold(str(value)))
            if not rows:
                raise _Unknown(
                    _(
                        "“%(value)s” is not in your list of places: "
                        "leave it empty and write it under “%(column)s”."
                    )
                    % {"value": value, "column": layout.COLUMNS_BY_KEY["location"].header}
                )
            return [
                Place(pk=pk, name=name, kind=kind, unit_id=unit_id)
                for pk, name, kind, unit_id in rows
            ]
        found = self.outlets.get(fold(str(value)))
        if found is None:
            raise _Unknown(_("“%(value)s” is not in the list of media outlets.") % {"value": value})
        return found

    def _unit(self, value):
        code = _as_text(value).upper()
        row = self.unit_rows[code]  # `prepare` has read it
        if row is None:
            raise _Unknown(_("No unit has the code “%(code)s”.") % {"code": _as_text(value)})
        pk = row[0]
        if self.visible is not None and pk not in self.visible:
            raise _Unknown(
                _(
                    "The unit “%(code)s” is not yours: you can import only for your unit "
                    "and the units below it."
                )
                % {"code": row[1]}
            )
        unit = self.units.get(pk)
        if unit is None:
            unit = self.units[pk] = Unit(
                pk=pk, code=row[1], short_name=row[2], opened_on=row[3], closed_on=row[4]
            )
        return unit

    def _date(self, value):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and self.serial_to_date:
            try:
                return self.serial_to_date(value)
            except (OverflowError, ValueError):
                pass
        text = _as_text(value)
        for pattern in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise _Unknown(_("“%(value)s” is not a date: write it as 02/3/2018.") % {"value": text})

    def _number(self, value):
        if isinstance(value, bool):
            raise _Unknown(_("“%(value)s” is not a whole number.") % {"value": value})
        if isinstance(value, float):
            if not value.is_integer():
                raise _Unknown(_("“%(value)s” is not a whole number.") % {"value": value})
            value = int(value)
        if isinstance(value, str):
            text = value.replace("\u00a0", " ").strip()
            if _GROUPED_NUMBER.match(text):
                text = re.sub(r"[.,\s]", "", text)
            if not text.lstrip("-").isdigit():
                raise _Unknown(_("“%(value)s” is not a whole number.") % {"value": value})
            value = int(text)
        if value < 0:
            raise _Unknown(_("A number of people or items cannot be negative."))
        if value > 2_000_000_000:
            raise _Unknown(_("“%(value)s” is too large.") % {"value": value})
        return value

    def _choose_place(self, candidates, unit, number, errors):
        if len(candidates) > 1:
            own = [place for place in candidates if place.unit_id == unit.pk]
            candidates = own or candidates
        if len(candidates) > 1:
            errors.append(
                (
                    number,
                    self._header_of("place"),
                    _("Several places are called “%(name)s”: write it under “%(column)s” instead.")
                    % {
                        "name": candidates[0].name,
                        "column": layout.COLUMNS_BY_KEY["location"].header,
                    },
                )
            )
            return None
        return candidates[0]

    # --- the whole file -------------------------------------------------------------------

    def mark_inserted_duplicates(self, *, job, after_id):
        """Row errors for the rows `job` has inserted (ids above `after_id`) that were already
        logged: one probe of the (unit, date, fingerprint) index per inserted row, whose pages
        the insert has just read. The rows of a file are distinct from one another (`seen`)."""
        table = connection.ops.quote_name(Activity._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT new.fingerprint FROM {table} new "
                "WHERE new.id > %s AND new.import_job_id = %s AND EXISTS ("
                f"SELECT 1 FROM {table} old WHERE old.deleted_at IS NULL "
                "AND old.unit_id = new.unit_id AND old.date = new.date "
                "AND old.fingerprint = new.fingerprint AND old.id <> new.id)",
                [after_id, job.pk],
            )
            return self._mark_duplicates({key for (key,) in cursor.fetchall()})

    def _mark_duplicates(self, found):
        for key in sorted(found, key=self.seen.get):
            self._fail([(self.seen[key], "", str(DUPLICATE_MESSAGE))])
        return bool(found)


def _is_web_address(text):
    # Django's URLValidator costs 20 µs a link; this is the part of it that catches typing errors.
    parts = urlsplit(text)
    return (
        parts.scheme in ("http", "https")
        and "." in parts.netloc
        and not any(char.isspace() for char in text)
    )


def _as_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
