"""The indexes of the activity table, in one place: the benchmark tunes them here.

Reports read "the records of unit U's subtree in a date window, per child unit and kind" from the
ancestor columns (PERFORMANCE.md). For each level k there is one index that answers it alone:
`level_k = U AND date BETWEEN …` is a range scan, and the columns a report groups and sums
(kind, the next level, participants, items) sit in the index so neither engine reads the table.
They are key columns rather than `INCLUDE` columns because SQLite has no `INCLUDE` and would then
fall back to the table for every row; PostgreSQL does index-only scans on either form.

The indexes are partial: soft-deleted rows never count, and most rows have no unit at the deepest
levels, so leaving NULLs out keeps inserts cheap. A query must say `deleted_at IS NULL` for the
index to apply, which the default manager `Activity.objects` always does; `level_k = U` implies
`level_k IS NOT NULL` on both engines. `deleted_at` (always NULL inside) ends the key only because
SQLite counts an index as covering when it holds every column the query names, the partial
index's own condition included.
"""

from django.db import models
from django.db.models import Q

from lantoa.units.models import LEVELS, level_field


def _report_index(depth):
    below = [level_field(depth + 1)] if depth + 1 < LEVELS else []
    return models.Index(
        fields=[level_field(depth), "date", "kind", *below, "participants", "items", "deleted_at"],
        condition=Q(**{f"{level_field(depth)}__isnull": False, "deleted_at__isnull": True}),
        name=f"activity_level{depth}_report",
    )


ACTIVITY_INDEXES = [
    *(_report_index(depth) for depth in range(LEVELS)),
    # A unit's own records by date, and duplicate checks (the fingerprint makes it covering):
    # one index rather than two, because every index costs imports about 8%.
    models.Index(
        fields=["unit", "date", "fingerprint"],
        condition=Q(deleted_at__isnull=True),
        name="activity_unit_date",
    ),
    # The activities of a plan line: the plan filter, the counts per line, and the check that a
    # line about to be removed has none. Partial: activities logged under no line cost nothing.
    models.Index(
        fields=["plan_line"],
        condition=Q(plan_line__isnull=False),
        name="activity_plan_line",
    ),
    # No index on the date alone: the list's newest-first page of everything needs one, but the
    # same page sums the whole list anyway, and each index costs imports about 8%.
]
