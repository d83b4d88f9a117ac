"""The dashboard's figures as tables: each group of figures is one `Table`, which the page prints
as a table beside its chart, the chart script draws from (`chart_data`), and the XLSX writes as a
sheet. A figure is therefore shown, drawn and downloaded from the same numbers."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lantoa.outreach import OutreachKind
from lantoa.plans.models import ReportingLevel
from lantoa.reports.selectors import Tally
from lantoa.templatetags.lantoa import grouped, num, percent, thousand_separator

# The kinds of activity the reports count, with the indicators of their number and attendances.
KINDS = [
    (OutreachKind.DISSEMINATION, "dissemination.count", "dissemination.participants"),
    (OutreachKind.TALK, "talk.count", "talk.participants"),
    (OutreachKind.VISUAL, "visual.count", None),
    (OutreachKind.MEDIA, "media.count", None),
]
HEADLINE = [
    "activities.count",
    "participants",
    "participants.industrial_workers",
    "headcount.members",
    "coverage.members",
    "headcount.industrial_workers",
    "coverage.industrial_workers",
    "visual.items",
    "media.count",
]
# A chart of units shows the most active ones; the table beside it lists them all.
CHART_UNITS = 25
ON_TIME, LATE, MISSING = "#198754", "#e0a800", "#dc3545"


@dataclass
class Column:
    label: str
    ratio: bool = False  # a share, shown as a percentage

    def __post_init__(self):
        self.label = str(self.label)


@dataclass
class Row:
    label: str
    values: list
    url: str = ""  # the same dashboard for this unit (drill-down)
    role: str = ""  # "own" (the unit's own records), "total", or "" for a plain line

    def __post_init__(self):
        self.label = str(self.label)  # labels may be lazy translations

    @property
    def charted(self):
        return not self.role


@dataclass
class Table:
    code: str
    title: str
    head: str  # the first column's label
    columns: list
    rows: list
    # How the chart draws the table: type "bar" or "doughnut", the columns it draws (series),
    # horizontal, stacked, colours of the series, at most `limit` rows (the largest first).
    chart: dict | None = None
    note: str = ""
    cells: list = field(init=False)

    def __post_init__(self):
        self.cells = [
            [
                {"value": value, "ratio": column.ratio}
                for value, column in zip(row.values, self.columns, strict=True)
            ]
            for row in self.rows
        ]

    @property
    def wide(self):
        """Tables of many columns go below their chart, the narrow ones beside it."""
        return len(self.columns) > 3

    @property
    def lines_html(self):
        """The table's lines as HTML: a district's table has hundreds of units, which template
        tags render several times slower. Every text is escaped."""
        separator = escape(thousand_separator())
        return [
            _line_html(row, cells, separator)
            for row, cells in zip(self.rows, self.cells, strict=True)
        ]


def _line_html(row, cells, separator):
    label = escape(row.label)
    if row.url:
        url = escape(row.url)
        label = f'<a href="{url}" hx-get="{url}">{label}</a>'
    if row.role == "total":
        opening, weight = '<tr class="fw-semibold">', "fw-semibold"
    else:
        opening, weight = "<tr>", "fw-normal"
    figures = "".join(f'<td class="num">{_cell_html(cell, separator)}</td>' for cell in cells)
    return mark_safe(f'{opening}<th scope="row" class="{weight}">{label}</th>{figures}</tr>')


def _cell_html(cell, separator):
    """A figure as HTML. A count is digits and the escaped `separator`, which need no escaping:
    a district's tables hold thousands of counts."""
    value = cell["value"]
    if value is None:
        return "—"
    if cell["ratio"]:
        return escape(percent(value))
    if type(value) is int:
        return grouped(value, separator)
    return escape(num(value))


def dashboard_url(unit_id, period, *, name="dashboard"):
    return dashboard_links(period, name=name)(unit_id)


def dashboard_links(period, *, name="dashboard"):
    """unit id → the URL of the unit's page for `period`. The path is reversed once: a
    district's table links hundreds of units, and reversing costs 20 µs."""
    path, query = reverse(name), urlencode({"period": str(period)})
    return lambda unit_id: f"{path}?unit={int(unit_id)}&{query}"


def tables(dash, *, linked=frozenset()):
    """Every table of a `selectors.Dashboard`, in page order; `linked`: the ids of the child
    units the reader may drill down to."""
    found = [
        _headline(dash),
        _completeness(dash),
        _targets(dash),
        _trend(dash),
        _units(dash, linked),
        _kinds(dash),
        _places(dash),
    ]
    return [table for table in found if table is not None]


def cards(dash):
    """The headline figures at the top of the page: label, value, whether it is a share, and a
    line saying what it is made of."""
    values = dash.values
    known = _labels(dash)
    tally = dash.board.total

    def card(code, hint=""):
        indicator = known[code]
        return {
            "code": code,
            "label": str(indicator.label),
            "value": values.get(code),
            "ratio": indicator.ratio is not None,
            "hint": hint,
        }

    return [
        card("activities.count"),
        card(
            "participants",
            _("of which industrial workers: %(count)s")
            % {"count": number(values.get("participants.industrial_workers"))},
        ),
        card(
            "coverage.members",
            _("attendances ÷ %(count)s union members")
            % {"count": number(values.get("headcount.members"))},
        ),
        card(
            "coverage.industrial_workers",
            _("industrial workers' attendances ÷ %(count)s industrial workers")
            % {"count": number(values.get("headcount.industrial_workers"))},
        ),
        card("visual.items"),
        card("media.count"),
        {
            "code": "reports",
            "label": _("Reports submitted"),
            "value": tally.submitted,
            "text": f"{number(tally.submitted)}/{number(tally.expected)}",
            "ratio": False,
            "hint": _("on time %(on_time)s · late %(late)s · missing %(missing)s")
            % {
                "on_time": number(tally.on_time),
                "late": number(tally.late),
                "missing": number(tally.missing),
            },
        },
    ]


def number(value):
    return formats.number_format(value or 0, use_l10n=True, force_grouping=True)


def _labels(dash):
    return {indicator.code: indicator for indicator in dash.consolidation.indicators}


def _headline(dash):
    known = _labels(dash)
    return Table(
        "headline",
        _("Headline figures"),
        _("Figure"),
        [Column(_("Result"))],
        [
            Row(f"{known[code].label} ({known[code].measure})", [dash.values.get(code)])
            for code in HEADLINE
        ],
        note=_(
            "Participants are counted in attendances (lượt người): one person who attends twice "
            "counts twice, so coverage (attendances ÷ headcount) can pass 100%."
        ),
    )


def _tally_values(tally):
    return [tally.expected, tally.submitted, tally.on_time, tally.late, tally.missing, tally.rate]


def _completeness(dash):
    reports = dash.board
    rows = [Row(_("All reports expected"), _tally_values(reports.total), role="total")]
    rows += [
        Row(ReportingLevel(level).label, _tally_values(tally)) for level, tally in reports.levels
    ]
    return Table(
        "completeness",
        _("Reports: completeness and timeliness"),
        _("Reports"),
        [
            Column(_("Expected")),
            Column(_("Submitted")),
            Column(_("On time")),
            Column(_("Late")),
            Column(_("Missing")),
            Column(_("Submitted share"), ratio=True),
        ],
        rows,
        chart={
            "type": "bar",
            "series": [2, 3, 4],
            "horizontal": True,
            "stacked": True,
            "colors": [ON_TIME, LATE, MISSING],
            "all_rows": True,
        },
        note=_("Reports expected from the unit and every unit below it for the period."),
    )


def _targets(dash):
    known = _labels(dash)
    rows = []
    for code, target in dash.targets.items():
        result = dash.values.get(code)
        reached = result / target if target and result is not None else None
        rows.append(Row(str(known[code].label), [target, result, reached]))
    if dash.plan is None:
        note = _("The unit reports on no plan this year: there are no targets to compare.")
    elif not rows:
        note = _("The plan %(plan)s sets the unit no target for this period.") % {
            "plan": dash.plan.number_symbol
        }
    else:
        note = _("Targets of the plan %(plan)s for the unit and the period.") % {
            "plan": dash.plan.number_symbol
        }
    return Table(
        "targets",
        _("Targets and results"),
        _("Indicator"),
        [Column(_("Target")), Column(_("Result")), Column(_("Reached"), ratio=True)],
        rows,
        chart={"type": "bar", "series": [0, 1], "horizontal": True} if rows else None,
        note=note,
    )


def _trend(dash):
    known = _labels(dash)
    codes = [code for _kind, code, _people in KINDS] + ["activities.count", "participants"]
    return Table(
        "trend",
        _("Trend by quarter of %(year)s") % {"year": dash.period.year},
        _("Quarter"),
        [Column(str(known[code].label)) for code in codes],
        [
            Row(quarter.label, [values.get(code) for code in codes])
            for quarter, values in dash.trend
        ],
        chart={"type": "bar", "series": [0, 1, 2, 3], "stacked": True},
        note=_("Activities of each quarter of the year by kind; attendances in the table."),
    )


def _units(dash, linked):
    consolidation = dash.consolidation
    if not consolidation.children:
        return None
    tallies = dash.board.branches
    codes = ["activities.count", "participants", "coverage.members", "visual.items", "media.count"]
    known = _labels(dash)
    columns = [
        Column(str(known[code].label), ratio=known[code].ratio is not None) for code in codes
    ]
    columns += [Column(_("Reports submitted")), Column(_("Reports expected"))]

    def values(line, tally):
        return [line.values.get(code) for code in codes] + (
            [tally.submitted, tally.expected] if tally is not None else [None, None]
        )

    link = dashboard_links(dash.period)
    rows = [
        Row(
            line.unit.short_name,
            values(line, tallies.get(line.unit.pk) or Tally()),
            url=link(line.unit.pk) if line.unit.pk in linked else "",
        )
        for line in consolidation.children
    ]
    rows.append(
        Row(
            _("%(unit)s itself") % {"unit": dash.unit.short_name},
            values(consolidation.own, tallies.get(None) or Tally()),
            role="own",
        )
    )
    total = dash.board.total
    rows.append(Row(_("Total"), values(consolidation.total, total), role="total"))
    return Table(
        "units",
        _("By unit"),
        _("Unit"),
        columns,
        rows,
        chart={"type": "bar", "series": [0], "horizontal": True, "limit": CHART_UNITS},
        note=_(
            "Open a unit to see its own dashboard. The chart shows the %(count)s most active "
            "units; the table lists them all."
        )
        % {"count": CHART_UNITS}
        if len(consolidation.children) > CHART_UNITS
        else _("Open a unit to see its own dashboard."),
    )


def _kinds(dash):
    values = dash.values
    return Table(
        "kinds",
        _("By kind of activity"),
        _("Kind of activity"),
        [Column(_("Activities")), Column(_("Attendances"))],
        [
            Row(str(kind.label), [values.get(count), values.get(people) if people else None])
            for kind, count, people in KINDS
        ]
        + [
            Row(
                _("Total"),
                [values.get("activities.count"), values.get("participants")],
                role="total",
            )
        ],
        chart={"type": "doughnut", "series": [0]},
    )


def _places(dash):
    places = [
        indicator for indicator in dash.consolidation.indicators if indicator.group == "places"
    ]
    return Table(
        "places",
        _("By place"),
        _("Place"),
        [Column(_("Activities"))],
        [Row(str(indicator.label), [dash.values.get(indicator.code)]) for indicator in places],
        chart={"type": "bar", "series": [0], "horizontal": True},
        note=_("Media items have no place and are not counted here."),
    )


def chart_data(table):
    """What the chart script draws for a table (JSON-ready), or None when it has no chart."""
    chart = table.chart
    if chart is None:
        return None
    rows = [row for row in table.rows if chart.get("all_rows") or row.charted]
    limit = chart.get("limit")
    if limit and len(rows) > limit:
        first = chart["series"][0]
        rows = sorted(rows, key=lambda row: row.values[first] or 0, reverse=True)[:limit]
    return {
        "type": chart["type"],
        "horizontal": chart.get("horizontal", False),
        "stacked": chart.get("stacked", False),
        "labels": [row.label for row in rows],
        "links": [row.url for row in rows],
        "datasets": [
            {
                "label": table.columns[index].label,
                "data": [row.values[index] or 0 for row in rows],
                **({"color": chart["colors"][n]} if chart.get("colors") else {}),
            }
            for n, index in enumerate(chart["series"])
        ],
    }
