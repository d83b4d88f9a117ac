"""Reads of the activity log for pages and exports. Reports aggregate with
`Activity.objects.within(unit, start, end, depth)` (see models.ActivityQuerySet)."""

from django.db.models import Count, Sum

from lantoa.accounts.scope import restrict
from lantoa.periods.period import WindowRule
from lantoa.plans.models import Plan

from .models import Activity


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
