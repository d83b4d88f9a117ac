"""The spreadsheet layout of activities: the columns of exports, import templates and imports.

An export (XLSX or CSV) and an import use the same columns with the same headers, so a file
exported from one list imports back into identical records. Headers are matched in every
language of the site, without diacritics, in any order; unknown columns are ignored.
"""

import csv
import datetime
import io
import tempfile
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lantoa.outreach import OutreachKind
from lantoa.text import fold, short_date
from lantoa.units.models import PlaceKind

from .models import ACTIVITY_KINDS, KIND_CHOICES, KIND_FIELDS, KIND_SUBTYPES, Subtype, fields_of
from .plan_lines import export_labels

DATE_FORMAT = "DD/MM/YYYY"
TEMPLATE_ROWS = 5000


@dataclass(frozen=True)
class Column:
    key: str
    header: Promise
    hint: Promise | str = ""
    importable: bool = True
    width: int = 16
    kinds: tuple = field(default=())

    def applies_to(self, kind):
        return not self.kinds or kind in self.kinds


def _kinds_with(name):
    return tuple(kind for kind in ACTIVITY_KINDS if name in KIND_FIELDS[kind])


COLUMNS = [
    Column("kind", gettext_lazy("Kind of activity"), width=30),
    Column(
        "unit",
        gettext_lazy("Unit code"),
        gettext_lazy("The code of the unit that held the activity (sheet “Lists”)."),
        width=14,
    ),
    Column("unit_name", gettext_lazy("Unit name"), importable=False, width=32),
    Column(
        "date",
        gettext_lazy("Date"),
        gettext_lazy(
            "The day it took place; for visual propaganda the first day on display, for a media "
            "item the day it was published. E.g. 02/3/2018."
        ),
        width=12,
    ),
    Column("end_date", gettext_lazy("Displayed until"), width=12, kinds=_kinds_with("end_date")),
    Column("subtype", gettext_lazy("Form"), width=22, kinds=_kinds_with("subtype")),
    Column("title", gettext_lazy("Subject or title"), width=40),
    Column("place_kind", gettext_lazy("Kind of place"), width=22, kinds=_kinds_with("place_kind")),
    Column(
        "place",
        gettext_lazy("Place"),
        gettext_lazy("A place from sheet “Lists”, or leave empty and write the place details."),
        width=30,
        kinds=_kinds_with("place"),
    ),
    Column("location", gettext_lazy("Place details"), width=30, kinds=_kinds_with("location")),
    Column("participants", gettext_lazy("Participants"), kinds=_kinds_with("participants")),
    Column("women", gettext_lazy("Of which women"), kinds=_kinds_with("women")),
    Column(
        "industrial_workers",
        gettext_lazy("Of which industrial workers"),
        kinds=_kinds_with("industrial_workers"),
    ),
    Column("banners", gettext_lazy("Banners"), width=10, kinds=_kinds_with("banners")),
    Column("panels", gettext_lazy("Panels"), width=10, kinds=_kinds_with("panels")),
    Column("posters", gettext_lazy("Posters"), width=10, kinds=_kinds_with("posters")),
    Column("paintings", gettext_lazy("Propaganda paintings"), kinds=_kinds_with("paintings")),
    Column("items", gettext_lazy("Items"), importable=False, width=10),
    Column("materials", gettext_lazy("Materials used"), width=30, kinds=_kinds_with("materials")),
    Column("speakers", gettext_lazy("Speakers"), width=30, kinds=_kinds_with("speakers")),
    Column("outlet", gettext_lazy("Media outlet"), width=30, kinds=_kinds_with("outlet")),
    Column("link", gettext_lazy("Link"), width=30, kinds=_kinds_with("link")),
    Column(
        "plan_line",
        gettext_lazy("Plan line"),
        gettext_lazy(
            "The plan's number and symbol and the line's number in it, e.g. 10/KH-LĐLĐ – 3 "
            "(sheet “Lists”). Leave it empty for an activity under no plan line."
        ),
        width=22,
    ),
    Column("notes", gettext_lazy("Notes"), width=30),
]
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}
NUMBER_COLUMNS = {
    "participants",
    "women",
    "industrial_workers",
    "banners",
    "panels",
    "posters",
    "paintings",
    "items",
}
DATE_COLUMNS = {"date", "end_date"}


def template_columns(kind):
    fields = set(fields_of(kind))
    return [column for column in COLUMNS if column.key in fields]


def in_every_language(label):
    """The folded forms of a label in each language of the site, for matching what users type."""
    from django.conf import settings

    forms = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            forms.add(fold(str(label)))
    return forms


# --- export ---------------------------------------------------------------------------------


# Where each column's value comes from: a path for values_list(), and the labels of its codes.
_SOURCES = {
    "unit": "unit__code",
    "unit_name": "unit__short_name",
    "place": "place__name",
    "outlet": "outlet__name",
}


def _labels(choices):
    return {value: str(label) for value, label in choices}


def export_rows(queryset, *, for_csv=False):
    """Header, then one tuple per activity, in the layout's column order.

    Reads plain values (no model instances) and blanks the columns that do not apply to a row's
    kind, so that the row imports back as it was.
    """
    yield tuple(str(column.header) for column in COLUMNS)
    labels = {
        "kind": _labels(KIND_CHOICES),
        "subtype": _labels(Subtype.choices),
        "place_kind": _labels(PlaceKind.choices),
        "plan_line": export_labels(queryset.values("plan_line_id")),
    }
    paths = [_SOURCES.get(column.key, column.key) for column in COLUMNS]
    applies = {kind: [column.applies_to(kind) for column in COLUMNS] for kind in ACTIVITY_KINDS}
    kind_index = paths.index("kind")
    dates = {index for index, column in enumerate(COLUMNS) if column.key in DATE_COLUMNS}
    coded = {
        index: labels[column.key] for index, column in enumerate(COLUMNS) if column.key in labels
    }
    rows = queryset.order_by("date", "id").values_list(*paths)
    for values in rows.iterator(chunk_size=5000):
        mask = applies[values[kind_index]]
        row = []
        for index, value in enumerate(values):
            if not mask[index] or value is None or value == "":
                row.append(None)
            elif index in coded:
                row.append(coded[index].get(value, value))
            elif index in dates and for_csv:
                row.append(short_date(value))
            else:
                row.append(value)
        yield tuple(row)


class _Echo:
    def write(self, value):
        return value


def csv_lines(queryset):
    """CSV text, line by line; a byte-order mark first so that Excel reads it as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in export_rows(queryset, for_csv=True):
        yield writer.writerow(["" if value is None else value for value in row])


def _header_cells(sheet, headers):
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def export_xlsx(queryset):
    """A temporary file holding the XLSX export (write-only: memory stays flat)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Activities")[:31])
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    rows = export_rows(queryset)
    sheet.append(_header_cells(sheet, next(rows)))
    date_indexes = [i for i, column in enumerate(COLUMNS) if column.key in DATE_COLUMNS]
    for row in rows:
        values = list(row)
        for index in date_indexes:
            if isinstance(values[index], datetime.date):
                cell = WriteOnlyCell(sheet, value=values[index])
                cell.number_format = DATE_FORMAT
                values[index] = cell
        sheet.append(values)
    # Closed (and so deleted) by the FileResponse that sends it.
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook.save(handle.name)
    handle.seek(0)
    return handle


# --- import template ------------------------------------------------------------------------

PREAMBLE_ROWS = 2  # row 1: the kind of activity; row 2: what to do; row 3: the headers


def template_xlsx(kind, *, units, places, outlets, plan_lines):
    """The import template of one kind: headers, hints, drop-down lists, and the lists sheet.

    `plan_lines`: (label, plan, line text) of the lines of the kind the user may log under.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Activities")[:31]
    lists = workbook.create_sheet(_("Lists")[:31])
    columns = template_columns(kind)
    header_row = PREAMBLE_ROWS + 1
    kind_label = str(OutreachKind(kind).label)

    sheet.cell(row=1, column=1, value=str(COLUMNS_BY_KEY["kind"].header)).font = Font(bold=True)
    sheet.cell(row=1, column=2, value=kind_label).font = Font(bold=True, color="0B5ED7")
    sheet.cell(
        row=2,
        column=1,
        value=_(
            "One activity per row, from row %(row)s on. Hover over a column header for help; "
            "the lists of units, places and outlets are on sheet “%(lists)s”."
        )
        % {"row": header_row + 1, "lists": lists.title},
    ).font = Font(italic=True)

    fill = PatternFill("solid", fgColor="DCE8F7")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=index, value=str(column.header))
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.hint:
            cell.comment = Comment(str(column.hint), "Lan Tỏa", width=300, height=120)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)

    list_values = {
        "kind": [str(label) for label in (k.label for k in ACTIVITY_KINDS)],
        "unit": [unit.code for unit in units],
        "subtype": [str(Subtype(value).label) for value in KIND_SUBTYPES[kind]],
        "place_kind": [str(label) for _value, label in PlaceKind.choices],
        "place": [place.name for place in places],
        "outlet": [outlet.name for outlet in outlets],
        "plan_line": [label for label, _plan, _text in plan_lines],
    }
    lists_header = {
        "kind": [_("Kind of activity")],
        "unit": [_("Unit code"), _("Unit name")],
        "subtype": [_("Form")],
        "place_kind": [_("Kind of place")],
        "place": [_("Place"), _("Unit code")],
        "outlet": [_("Media outlet")],
        "plan_line": [_("Plan line"), _("Plan"), _("Line")],
    }
    list_column = 1
    sources = {}
    for key, values in list_values.items():
        if key != "kind" and key not in {column.key for column in columns}:
            continue
        for offset, header in enumerate(lists_header[key]):
            lists.cell(row=1, column=list_column + offset, value=str(header)).font = Font(bold=True)
            lists.column_dimensions[get_column_letter(list_column + offset)].width = 30
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=list_column, value=value)
        if key == "unit":
            for row, unit in enumerate(units, start=2):
                lists.cell(row=row, column=list_column + 1, value=unit.short_name)
        if key == "place":
            for row, place in enumerate(places, start=2):
                lists.cell(row=row, column=list_column + 1, value=place.unit.code)
        if key == "plan_line":
            for row, (_label, plan, text) in enumerate(plan_lines, start=2):
                lists.cell(row=row, column=list_column + 1, value=plan)
                lists.cell(row=row, column=list_column + 2, value=text)
        letter = get_column_letter(list_column)
        sources[key] = f"'{lists.title}'!${letter}$2:${letter}${max(2, len(values) + 1)}"
        list_column += len(lists_header[key]) + 1

    first, last = header_row + 1, header_row + TEMPLATE_ROWS
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}{first}:{letter}{last}"
        if column.key in sources:
            validation = DataValidation(type="list", formula1=sources[column.key])
            validation.error = _("Choose a value from the list.")
        elif column.key in NUMBER_COLUMNS:
            validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
            validation.error = _("A whole number, 0 or more.")
        elif column.key in DATE_COLUMNS:
            validation = DataValidation(type="date", operator="greaterThan", formula1="36526")
            validation.error = _("A date such as 02/3/2018.")
            for row in range(first, last + 1):
                sheet.cell(row=row, column=index).number_format = DATE_FORMAT
        else:
            continue
        validation.showErrorMessage = True
        validation.errorTitle = str(column.header)
        sheet.add_data_validation(validation)
        validation.add(cells)

    kind_validation = DataValidation(type="list", formula1=sources["kind"], allow_blank=False)
    sheet.add_data_validation(kind_validation)
    kind_validation.add("B1")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
