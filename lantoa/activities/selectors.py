"""Reads of the activity log for pages, exports and reports.

Reports read the log only through the aggregates at the end of this module: set-based sums over
a unit's subtree in a date window, grouped by the unit's child (the next ancestor column), whatever
the size of the tree. Their signatures are what the reports app relies on; how they run (indexes,
a summary table) is free to change behind them.
"""

from django.db.models import BigIntegerField, Count, F, Sum, Value

from lantoa.accounts.scope import restrict
from lantoa.outreach import OutreachKind
from lantoa.periods.period import WindowRule
from lantoa.plans.models import Plan

from .indexes import LEVELS, level_field
from .models import Activity, MediaOutlet


def activities_for(user, *, deleted=False):
    """The activities a user may see: live ones, or the deleted ones when asked."""
    if deleted:
        queryset = Activity.all_objects.filter(deleted_at__isnull=False)
    else:
        queryset = Activity.objects.all()
    return restrict(queryset, user)


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

# What every report sums over activities, besides their number.
SUMMED_COLUMNS = (
    "participants",
    "women",
    "industrial_workers",
    "items",
    "banners",
    "panels",
    "posters",
    "paintings",
)


def _depths(unit, depth):
    # A unit moved to another depth by a reorganisation sits at two levels in the records.
    return [depth] if depth is not None else Activity.objects.levels_of(unit)


def _child_column(depth):
    """The ancestor column one level below `depth`: the unit's child a record rolls up through
    (NULL for the unit's own records). The deepest level has no children."""
    if depth + 1 >= LEVELS:
        return Value(None, output_field=BigIntegerField())
    return F(level_field(depth + 1))


def activity_totals(unit, start, end, *, depth):
    """Sums over the live activities of `unit`'s subtree dated from `start` to `end` (both
    included), on the tree as it stood on each activity's date.

    `depth` is the unit's level in the tree (0 for a root), e.g. `len(unit.ancestors(on=end)) - 1`;
    None looks the levels up (one more query per level where the unit occurs, for a unit that a
    reorganisation moved to another depth inside the window).

    Returns a list of dicts, one per (child, kind, place_kind) that has activities, from ONE
    grouped query per depth:
    `child` (the id of the unit's child the activities roll up through; None for the unit's own),
    `kind` (OutreachKind value), `place_kind` (PlaceKind value or ""), `count`, and the sums of
    SUMMED_COLUMNS: `participants`, `women`, `industrial_workers`, `items` (visual items put up,
    1 per media item), `banners`, `panels`, `posters`, `paintings`.
    """
    rows = []
    sums = {f"sum_{name}": Sum(name) for name in SUMMED_COLUMNS}
    for level in _depths(unit, depth):
        grouped = (
            Activity.objects.within(unit, start, end, level)
            .order_by()
            .values("kind", "place_kind", child=_child_column(level))
            .annotate(count=Count("id"), **sums)
        )
        rows.extend(
            {
                "child": row["child"],
                "kind": row["kind"],
                "place_kind": row["place_kind"],
                "count": row["count"],
                **{name: row[f"sum_{name}"] or 0 for name in SUMMED_COLUMNS},
            }
            for row in grouped
        )
    return rows


def media_totals(unit, start, end, *, depth):
    """Media items of `unit`'s subtree dated from `start` to `end`, per child and outlet: a list
    of dicts `child` (as in `activity_totals`), `outlet_id` (a MediaOutlet id), `count`. One
    grouped query per depth; `depth` as in `activity_totals`."""
    rows = []
    for level in _depths(unit, depth):
        grouped = (
            Activity.objects.within(unit, start, end, level)
            .filter(kind=OutreachKind.MEDIA)
            .order_by()
            .values("outlet_id", child=_child_column(level))
            .annotate(count=Count("id"))
        )
        rows.extend(grouped)
    return rows


def media_outlets():
    """[(id, name)] of every media outlet, in the federation's order: the columns of a report's
    media table (outlets no longer in use still count for past periods)."""
    return list(MediaOutlet.objects.order_by("rank", "name").values_list("pk", "name"))
