"""Every figure a report gives, declared once.

The report page, the consolidated view, the frozen snapshot of a submission, the DOCX and the
XLSX all iterate `indicator_list()`; nothing else names an indicator. A figure is computed from
the rows of one or more SOURCES (the aggregate selectors of the apps that own records, each row
tagged with the `child` of the reporting unit it rolls up through), or derived from other
figures (a share). To report a new kind of record (materials handed out, exemplary models,
difficulties): add its selector to SOURCES and its indicators to INDICATORS, here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

from lantoa.activities import selectors as activity_selectors
from lantoa.outreach import OutreachKind
from lantoa.units.models import PlaceKind
from lantoa.units.selectors import headcounts_by_branch


@dataclass(frozen=True)
class Source:
    """A set-based read of a record-owning app: `fetch(unit, start, end, *, depth)` returns rows
    (dicts) for the unit's subtree in the window, each with the `child` it rolls up through
    (None: the unit's own), the `keys` it is grouped by besides, and sums."""

    name: str
    fetch: Callable
    keys: tuple = ()


def _headcount_rows(unit, start, end, *, depth):
    # People are counted per year; the subtree as it stands at the end of the window.
    people = headcounts_by_branch(unit, on=end, year=end.year)
    return [{"child": branch, **counts} for branch, counts in people.items()]


SOURCES = [
    Source("activities", activity_selectors.activity_totals, keys=("kind", "place_kind")),
    Source("media", activity_selectors.media_totals, keys=("outlet_id",)),
    Source("headcount", _headcount_rows),
]
_KEYS = {source.name: source.keys for source in SOURCES}


@dataclass(frozen=True)
class Total:
    """A figure that adds up `column` over the rows of `source` whose keys equal `match`
    (pairs of key name and value; none: every row)."""

    source: str
    column: str
    match: tuple = ()

    def counts(self, row):
        return all(row[name] == value for name, value in self.match)


def _child(row):
    return row["child"]


def tabulate(rows, indicators, *, line=_child):
    """{line: {code: value}} of the summed indicators, from `rows` ({source name: its rows}):
    `line(row)` names the line a row counts in (by default the child it rolls up through).

    One pass over the rows, column-wise: the figures a row counts in depend only on its keys,
    so they are looked up once per distinct key, and a row costs a few additions whatever the
    number of lines (a district's year is some 4,000 rows for 400 lines)."""
    summed = [ind for ind in indicators if ind.value is not None]
    codes = [ind.code for ind in summed]
    lines = {}
    for source, source_rows in rows.items():
        keys = _KEYS[source]
        wanted = [(ind.code, ind.value) for ind in summed if ind.value.source == source]
        counted_in = {}
        for row in source_rows:
            key = tuple(row[name] for name in keys)
            targets = counted_in.get(key)
            if targets is None:
                targets = counted_in[key] = [
                    (code, total.column) for code, total in wanted if total.counts(row)
                ]
            name = line(row)
            values = lines.get(name)
            if values is None:
                values = lines[name] = dict.fromkeys(codes, 0)
            for code, column in targets:
                values[code] += row[column] or 0
    return lines


def blank(indicators):
    """The summed figures of a line without records: all 0."""
    return {ind.code: 0 for ind in indicators if ind.value is not None}


def added(lines, indicators):
    """The summed figures of several lines added up (the summed indicators are sums of rows, so
    the total of a table is the sum of its lines)."""
    total = blank(indicators)
    for values in lines:
        for code in total:
            total[code] += values[code]
    return total


@dataclass(frozen=True)
class Group:
    """A table of indicators: one table of the report, one sheet of the XLSX."""

    code: str
    label: str


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    measure: str
    group: str
    # A figure: a sum of source rows.
    value: Total | None = None
    # A share: (numerator code, denominator code), from the other figures (adjusted ones
    # included); None when the denominator is 0.
    ratio: tuple | None = None
    # Plan targets of activity lines of this outreach kind are compared with this figure.
    target_kind: str | None = None
    # People can correct it by hand (with a reason); headcounts and shares they cannot.
    adjustable: bool = True


SESSIONS = pgettext_lazy("unit of measure", "sessions")
TALKS = pgettext_lazy("unit of measure", "talks")
DISPLAYS = pgettext_lazy("unit of measure", "displays")
ITEMS = pgettext_lazy("unit of measure", "news items, articles")
ACTIVITIES = pgettext_lazy("unit of measure", "activities")
ATTENDANCES = pgettext_lazy("unit of measure", "attendances")
PIECES = pgettext_lazy("unit of measure", "pieces")
SHEETS = pgettext_lazy("unit of measure", "sheets")
PAINTINGS = pgettext_lazy("unit of measure", "paintings")
PRODUCTS = pgettext_lazy("unit of measure", "products")
PEOPLE = pgettext_lazy("unit of measure", "people")
PERCENT = "%"

GROUPS = [
    Group("activities", pgettext_lazy("report indicator", "Activities by kind")),
    Group("participants", pgettext_lazy("report indicator", "Participants (attendances)")),
    Group("places", pgettext_lazy("report indicator", "Activities by place")),
    Group("visual", pgettext_lazy("report indicator", "Visual propaganda items")),
    Group("media", pgettext_lazy("report indicator", "Media items by outlet")),
    Group("coverage", pgettext_lazy("report indicator", "Coverage")),
]


def _count(kind=None, **match):
    if kind is not None:
        match["kind"] = kind
    return Total("activities", "count", tuple(match.items()))


def _total(column, kind=None):
    return Total("activities", column, (("kind", kind),) if kind else ())


def _visual(column):
    return _total(column, OutreachKind.VISUAL)


def _people(column):
    return Total("headcount", column)


# Places where outreach takes place (media items have none).
_PLACE_LABELS = {
    PlaceKind.AGENCY: pgettext_lazy("report indicator", "At agencies and public units"),
    PlaceKind.ENTERPRISE: pgettext_lazy("report indicator", "At enterprises"),
    PlaceKind.INDUSTRIAL_PARK: pgettext_lazy("report indicator", "In industrial parks"),
    PlaceKind.BOARDING_AREA: pgettext_lazy("report indicator", "In workers' boarding-house areas"),
    PlaceKind.OTHER: pgettext_lazy("report indicator", "Elsewhere"),
}

INDICATORS = [
    Indicator(
        "dissemination.count",
        pgettext_lazy("report indicator", "Dissemination and training sessions"),
        SESSIONS,
        "activities",
        value=_count(OutreachKind.DISSEMINATION),
        target_kind=OutreachKind.DISSEMINATION,
    ),
    Indicator(
        "talk.count",
        pgettext_lazy("report indicator", "Seminars, thematic talks and exchanges"),
        TALKS,
        "activities",
        value=_count(OutreachKind.TALK),
        target_kind=OutreachKind.TALK,
    ),
    Indicator(
        "visual.count",
        pgettext_lazy("report indicator", "Visual propaganda displays"),
        DISPLAYS,
        "activities",
        value=_count(OutreachKind.VISUAL),
        target_kind=OutreachKind.VISUAL,
    ),
    Indicator(
        "media.count",
        pgettext_lazy("report indicator", "Media items"),
        ITEMS,
        "activities",
        value=_count(OutreachKind.MEDIA),
        target_kind=OutreachKind.MEDIA,
    ),
    Indicator(
        "activities.count",
        pgettext_lazy("report indicator", "All activities"),
        ACTIVITIES,
        "activities",
        value=_count(),
    ),
    Indicator(
        "participants",
        pgettext_lazy("report indicator", "Attendances"),
        ATTENDANCES,
        "participants",
        value=_total("participants"),
    ),
    Indicator(
        "participants.women",
        pgettext_lazy("report indicator", "of which women"),
        ATTENDANCES,
        "participants",
        value=_total("women"),
    ),
    Indicator(
        "participants.industrial_workers",
        pgettext_lazy("report indicator", "of which industrial workers (primary target)"),
        ATTENDANCES,
        "participants",
        value=_total("industrial_workers"),
    ),
    Indicator(
        "dissemination.participants",
        pgettext_lazy("report indicator", "Attendances at dissemination and training"),
        ATTENDANCES,
        "participants",
        value=_total("participants", OutreachKind.DISSEMINATION),
    ),
    Indicator(
        "talk.participants",
        pgettext_lazy("report indicator", "Attendances at seminars, talks and exchanges"),
        ATTENDANCES,
        "participants",
        value=_total("participants", OutreachKind.TALK),
    ),
    *(
        Indicator(
            f"place.{kind.value}",
            label,
            ACTIVITIES,
            "places",
            value=_count(place_kind=kind.value),
        )
        for kind, label in _PLACE_LABELS.items()
    ),
    Indicator(
        "visual.banners",
        pgettext_lazy("report indicator", "Banners"),
        PIECES,
        "visual",
        value=_visual("banners"),
    ),
    Indicator(
        "visual.panels",
        pgettext_lazy("report indicator", "Panels"),
        PIECES,
        "visual",
        value=_visual("panels"),
    ),
    Indicator(
        "visual.posters",
        pgettext_lazy("report indicator", "Posters"),
        SHEETS,
        "visual",
        value=_visual("posters"),
    ),
    Indicator(
        "visual.paintings",
        pgettext_lazy("report indicator", "Propaganda paintings"),
        PAINTINGS,
        "visual",
        value=_visual("paintings"),
    ),
    Indicator(
        "visual.items",
        pgettext_lazy("report indicator", "All visual items"),
        PRODUCTS,
        "visual",
        value=_total("items", OutreachKind.VISUAL),
    ),
    # The media table's columns are the outlets: see `outlet_indicators`.
    Indicator(
        "headcount.members",
        pgettext_lazy("report indicator", "Union members"),
        PEOPLE,
        "coverage",
        value=_people("members"),
        adjustable=False,
    ),
    Indicator(
        "coverage.members",
        pgettext_lazy("report indicator", "Attendances per union member"),
        PERCENT,
        "coverage",
        ratio=("participants", "headcount.members"),
        adjustable=False,
    ),
    Indicator(
        "headcount.industrial_workers",
        pgettext_lazy("report indicator", "Industrial workers"),
        PEOPLE,
        "coverage",
        value=_people("industrial_workers"),
        adjustable=False,
    ),
    Indicator(
        "coverage.industrial_workers",
        pgettext_lazy("report indicator", "Industrial workers' attendances per industrial worker"),
        PERCENT,
        "coverage",
        ratio=("participants.industrial_workers", "headcount.industrial_workers"),
        adjustable=False,
    ),
]

OUTLET_PREFIX = "media.outlet."


def outlet_indicators(outlets):
    """One indicator per media outlet (`(id, name)` pairs): outlets are the federation's data."""
    return [
        Indicator(
            f"{OUTLET_PREFIX}{outlet_id}",
            name,
            ITEMS,
            "media",
            value=Total("media", "count", (("outlet_id", outlet_id),)),
        )
        for outlet_id, name in outlets
    ]


def indicator_list():
    """Every indicator, in print order (one query, for the media outlets)."""
    outlets = outlet_indicators(activity_selectors.media_outlets())
    media_at = next(i for i, ind in enumerate(INDICATORS) if ind.group == "coverage")
    return [*INDICATORS[:media_at], *outlets, *INDICATORS[media_at:]]


def by_code(indicators):
    return {indicator.code: indicator for indicator in indicators}


def derive(values, indicators):
    """Fill in the shares from the other figures (4 decimals, as stored in snapshots)."""
    for ind in indicators:
        if ind.ratio is not None:
            numerator, denominator = (values.get(code) for code in ind.ratio)
            values[ind.code] = round(numerator / denominator, 4) if denominator else None
    return values


def adjusted(values, adjustments, indicators):
    """The figures with the unit's adjustments ({code: value}) in place of the computed ones,
    and the shares derived again from them."""
    result = dict(values)
    known = by_code(indicators)
    for code, value in adjustments.items():
        if code in known and known[code].adjustable:
            result[code] = value
    return derive(result, indicators)


def targets(plan_targets, indicators):
    """{indicator code: target} from `plan.targets_for(unit, period)` ({activity line: quantity}):
    a target of a line of some kind applies to the indicator of that kind."""
    by_kind = {}
    for line, quantity in plan_targets.items():
        by_kind[line.kind] = by_kind.get(line.kind, 0) + quantity
    return {
        ind.code: by_kind[ind.target_kind]
        for ind in indicators
        if ind.target_kind is not None and ind.target_kind in by_kind
    }
