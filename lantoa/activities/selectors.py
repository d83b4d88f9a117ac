"""Reads of the activity log for pages, exports and reports.

Reports read the log only through the aggregates at the end of this module: set-based sums over
a unit's subtree in a date window, grouped by the unit's child (the next ancestor column), whatever
the size of the tree. Their signatures are what the reports app relies on; how they run (indexes,
a summary table) is free to change behind them.
"""

import itertools

from django.db import connection
from django.db.models import BigIntegerField, Case, Count, F, IntegerField, Sum, Value, When
from django.db.models.functions import Cast

from lantoa.accounts.scope import restrict
from lantoa.outreach import OutreachKind
from lantoa.periods.period import WindowRule
from lantoa.plans.models import Plan

from . import rollup
from .indexes import LEVELS, level_field
from .models import Activity, ActivityRollup, MediaOutlet
from .rollup import SUMMED_COLUMNS


def activities_for(user, *, deleted=False):
    """The activities a user may see: live ones, or the deleted ones when asked."""
    if deleted:
        return restrict(Activity.all_objects.filter(deleted_at__isnull=False), user)
    if user.is_authenticated and user.is_federation_admin:
        # Everything, said as "under one of the roots": the newest-first page then walks the
        # level-0 report index backwards instead of sorting the whole table (1.4 s → 2 ms for
        # a province's million activities, on either engine).
        return Activity.objects.filter(level_0__in=live_roots())
    return restrict(Activity.objects.all(), user)


# The distinct roots of the live activities, a few probes of the level-0 index whatever the
# number of rows (a loose index scan; neither engine skips through an index for DISTINCT).
_LIVE_ROOTS = """
WITH RECURSIVE roots(id) AS (
    SELECT MIN(level_0) FROM {table} WHERE deleted_at IS NULL AND level_0 IS NOT NULL
    UNION ALL
    SELECT (SELECT MIN(level_0) FROM {table} WHERE deleted_at IS NULL AND level_0 > roots.id)
    FROM roots WHERE roots.id IS NOT NULL
)
SELECT id FROM roots WHERE id IS NOT NULL"""


def live_roots():
    """The ids of the units at level 0 of the live activities: usually one, the federation."""
    with connection.cursor() as cursor:
        cursor.execute(_LIVE_ROOTS.format(table=connection.ops.quote_name(Activity._meta.db_table)))
        return [root for (root,) in cursor.fetchall()]


def filter_activities(queryset, filters):
    """Apply the list's filters (cleaned data of ActivityFilterForm; invalid ones left out)."""
    unit = filters.get("unit")
    if unit is not None:
        if filters.get("below") == "0":
            queryset = queryset.filter(unit=unit)
        else:
            queryset = queryset.in_subtree(unit)
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    period = filters.get("period")
    if period is not None:
        start, end = period.window(filters.get("window") or WindowRule.DECREE_09)
        queryset = queryset.filter(date__gte=start, date__lte=end)
    if filters.get("place_kind"):
        queryset = queryset.filter(place_kind=filters["place_kind"])
    if filters.get("plan") is not None:
        queryset = queryset.filter(plan_line__plan__in=Plan.objects.below(filters["plan"]))
    if filters.get("batch"):
        queryset = queryset.filter(import_job_id=filters["batch"])
    if filters.get("q"):
        queryset = queryset.search(filters["q"])
    return queryset


def totals(queryset):
    """Count, participants and items of a filtered list, in one query."""
    result = queryset.order_by().aggregate(
        count=Count("id"), participants=Sum("participants"), items=Sum("items")
    )
    return {key: value or 0 for key, value in result.items()}


def unit_timeline(user, unit, *, limit=10):
    """The latest activities of a unit's subtree that the user may see."""
    records = restrict(Activity.objects.in_subtree(unit), user)
    return list(records.select_related("unit", "place", "outlet").order_by("-date", "-id")[:limit])


# --- aggregates for reports ----------------------------------------------------------------


def _depths(unit, depth):
    # A unit moved to another depth by a reorganisation sits at two levels in the records.
    return [depth] if depth is not None else Activity.objects.levels_of(unit)


def _child_column(depth):
    """The ancestor column one level below `depth`: the unit's child a record rolls up through
    (NULL for the unit's own records). The deepest level has no children."""
    if depth + 1 >= LEVELS:
        return Value(None, output_field=BigIntegerField())
    return F(level_field(depth + 1))


def _pieces(unit, start, end, depths):
    """Where the sums of each depth come from: (rollup rows, None) for the whole half-months of
    the window at the depths the rollup keeps, (None, activity rows) for the rest."""
    unit_id = getattr(unit, "pk", unit)
    for level in depths:
        if level in rollup.ROLLUP_DEPTHS:
            inner, edges = rollup.split(start, end)
            if inner:
                yield (
                    level,
                    ActivityRollup.objects.filter(
                        depth=level, unit_id=unit_id, half_month__range=inner
                    ),
                    None,
                )
        else:
            edges = [(start, end)]
        for first, last in edges:
            yield level, None, Activity.objects.within(unit_id, first, last, level)


def _merged(rows, keys, columns):
    """Add up rows that share their keys (a window read in pieces gives several)."""
    merged = {}
    for row in rows:
        key = tuple(row[name] for name in keys)
        total = merged.get(key)
        if total is None:
            merged[key] = {
                **{name: row[name] for name in keys},
                **{name: row[name] or 0 for name in columns},
            }
        else:
            for name in columns:
                total[name] += row[name] or 0
    return list(merged.values())


def _sum(column):
    # Cast: PostgreSQL sums bigints into numerics, which arrive as Decimals.
    return Cast(Sum(column), BigIntegerField())


def _fetch(queryset):
    """The rows of a values_list() queryset as the database returns them: a district's year is
    thousands of rows of a dozen sums, and Django's converters cost a call per value."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def activity_totals(unit, start, end, *, depth, per_child=True):
    """Sums over the live activities of `unit`'s subtree dated from `start` to `end` (both
    included), on the tree as it stood on each activity's date.

    `depth` is the unit's level in the tree (0 for a root), e.g. `len(unit.ancestors(on=end)) - 1`;
    None looks the levels up (one more query per level where the unit occurs, for a unit that a
    reorganisation moved to another depth inside the window).

    Returns a list of dicts, one per (child, kind, place_kind) that has activities:
    `child` (the id of the unit's child the activities roll up through; None for the unit's own),
    `kind` (OutreachKind value), `place_kind` (PlaceKind value or ""), `count`, and the sums of
    SUMMED_COLUMNS: `participants`, `women`, `industrial_workers`, `items` (visual items put up,
    1 per media item), `banners`, `panels`, `posters`, `paintings`. One grouped query per depth
    (a window that starts or ends inside a half-month adds one per edge at the upper levels).
    With `per_child` False, the subtree's sums in one line each (`child` None).
    """
    columns = ("count", *SUMMED_COLUMNS)
    names = ("child", "kind", "place_kind", *columns)
    pieces = []
    for level, summed, records in _pieces(unit, start, end, _depths(unit, depth)):
        if summed is not None:
            keys = ("child", "kind", "place_kind") if per_child else ("kind", "place_kind")
            grouped = summed.values_list(*keys).annotate(
                **{f"sum_{name}": _sum(name) for name in columns}
            )
        else:
            keys = (
                (_child_column(level), "kind", "place_kind")
                if per_child
                else ("kind", "place_kind")
            )
            grouped = (
                records.order_by()
                .values_list(*keys)
                .annotate(
                    sum_count=Count("id"), **{f"sum_{name}": _sum(name) for name in SUMMED_COLUMNS}
                )
            )
        rows = _fetch(grouped.order_by())
        if not per_child:
            rows = ((None, *row) for row in rows)
        # A district's year is thousands of rows: tuples, zipped into dicts once.
        pieces.append(
            [
                dict(zip(names, (child or None, kind, place, *sums), strict=True))
                for child, kind, place, *sums in rows
            ]
        )
    if len(pieces) == 1:
        return pieces[0]
    return _merged(itertools.chain.from_iterable(pieces), names[:3], columns)


def subtree_totals_by_window(unit, windows, *, depth):
    """`activity_totals(…, per_child=False)` of each of `windows` ((start, end) pairs that do
    not overlap), in one grouped read when the rollup holds them all whole (the quarters of a
    year), else one read per window."""
    if not windows:
        return []
    cut = [rollup.split(start, end) for start, end in windows]
    if depth not in rollup.ROLLUP_DEPTHS or any(inner is None or edges for inner, edges in cut):
        return [
            activity_totals(unit, start, end, depth=depth, per_child=False)
            for start, end in windows
        ]
    columns = ("count", *SUMMED_COLUMNS)
    names = ("child", "kind", "place_kind", *columns)
    which = Case(
        *(When(half_month__range=inner, then=Value(index)) for index, (inner, _) in enumerate(cut)),
        output_field=IntegerField(),
    )
    grouped = (
        ActivityRollup.objects.filter(
            depth=depth,
            unit_id=getattr(unit, "pk", unit),
            half_month__range=(
                min(inner[0] for inner, _ in cut),
                max(inner[1] for inner, _ in cut),
            ),
        )
        .annotate(window=which)
        .values_list("window", "kind", "place_kind")
        .annotate(**{f"sum_{name}": _sum(name) for name in columns})
    )
    found = [[] for _ in windows]
    for index, kind, place, *sums in _fetch(grouped.order_by()):
        if index is not None:  # a half-month between the windows
            found[index].append(dict(zip(names, (None, kind, place, *sums), strict=True)))
    return found


def media_totals(unit, start, end, *, depth):
    """Media items of `unit`'s subtree dated from `start` to `end`, per child and outlet: a list
    of dicts `child` (as in `activity_totals`), `outlet_id` (a MediaOutlet id), `count`. One
    grouped query per depth (and per edge, as in `activity_totals`); `depth` as there."""
    rows = []
    for level, summed, records in _pieces(unit, start, end, _depths(unit, depth)):
        if summed is not None:
            grouped = (
                summed.filter(kind=OutreachKind.MEDIA)
                .values("child", outlet_id=F("outlet"))
                .annotate(sum_count=Sum("count"))
            )
        else:
            grouped = (
                records.filter(kind=OutreachKind.MEDIA)
                .order_by()
                .values("outlet_id", child=_child_column(level))
                .annotate(sum_count=Count("id"))
            )
        rows.extend(
            {
                "child": row["child"] or None,
                "outlet_id": row["outlet_id"] or None,
                "count": row["sum_count"],
            }
            for row in grouped.order_by()
        )
    return _merged(rows, ("child", "outlet_id"), ("count",))


def media_outlets():
    """[(id, name)] of every media outlet, in the federation's order: the columns of a report's
    media table (outlets no longer in use still count for past periods)."""
    return list(MediaOutlet.objects.order_by("rank", "name").values_list("pk", "name"))
