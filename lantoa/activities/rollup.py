"""The activity rollup: what every report sums, pre-added per upper unit and half-month.

A report of the province for a year reads every activity of the year through the root's ancestor
column: 125,000 rows at province scale, millions nationally, and SQLite has no hash aggregate
(PERFORMANCE.md). The rollup holds, for the units at the top levels of the tree, the same sums
per child unit, half-month, kind, place kind and media outlet, so that such a report reads a few
thousand rows instead.

- Only the levels in ROLLUP_DEPTHS are kept: deeper units (a district's grassroots unions, a
  grassroots union itself) have few enough rows that the activity table's covering indexes answer
  them directly, while a rollup of theirs would be nearly as large as the activity table and
  would double the cost of every write.
- Half-months (1st–14th, 15th–end) because both kinds of reporting window start on a 1st or a
  15th: Decree 09's (15/12–14/3) and calendar periods. The parts of a window that do not cover a
  whole half-month are read from the activity rows (see `split`).
- It is kept in step with the activity rows in the same transaction as every write: `Activity.save`
  and `delete`, `ActivityQuerySet.delete`, bulk inserts and imports, and re-stamping after a
  change of the tree. A write that bypasses these (raw SQL, `QuerySet.update` of a summed
  column) must be followed by `rollup_rebuild()` (`manage.py rebuild_rollup`).
- Key columns hold 0 rather than NULL for "no child" (the unit's own records) and "no outlet":
  NULLs are never equal in a unique constraint, and the upsert needs one row per key.
"""

import datetime
import operator

from django.db import connection, transaction

from lantoa.units.models import LEVEL_FIELDS, LEVELS, level_field

ROLLUP_DEPTHS = (0, 1)

# The sums kept besides the number of activities; the same as selectors.SUMMED_COLUMNS.
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
KEY_COLUMNS = ("depth", "unit_id", "half_month", "kind", "place_kind", "child", "outlet")
VALUE_COLUMNS = ("count", *SUMMED_COLUMNS)
# What a stored activity contributes with: read before a change to take it back out.
SOURCE_FIELDS = ("date", "kind", "place_kind", "outlet_id", "deleted_at", *SUMMED_COLUMNS)


def half_month(day):
    """The first day of the half-month `day` falls in: the 1st or the 15th."""
    return day.replace(day=1 if day.day < 15 else 15)


def _next_half_month(start):
    if start.day == 1:
        return start.replace(day=15)
    return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def split(start, end):
    """Cut the window [start, end] into whole half-months and the edges around them.

    Returns `(inner, edges)`: `inner` is (first, last) half-month starts, or None when the window
    covers no whole half-month; `edges` the (start, end) pieces left over, to read from the rows.
    """
    first = start if start == half_month(start) else _next_half_month(half_month(start))
    after_end = end + datetime.timedelta(days=1)
    # The half-months that end on or before `end`: those starting before the one holding the
    # day after the window.
    stop = half_month(after_end)
    if first >= stop:
        return None, [(start, end)]
    last = half_month(stop - datetime.timedelta(days=1))
    edges = []
    if start < first:
        edges.append((start, first - datetime.timedelta(days=1)))
    if stop <= end:
        edges.append((stop, end))
    return (first, last), edges


def contributions(activity):
    """{key: values} that one activity (a model instance, a draft or a dict of SOURCE_FIELDS
    plus the level columns) adds to the rollup; empty for a deleted one."""
    get = activity.get if isinstance(activity, dict) else activity.__dict__.get
    if get("deleted_at") is not None:
        return {}
    stamped = [depth for depth in ROLLUP_DEPTHS if get(LEVEL_FIELDS[depth]) is not None]
    if not stamped:
        return {}
    day, kind = half_month(get("date")), get("kind")
    place_kind, outlet = get("place_kind") or "", get("outlet_id") or 0
    values = (1, *[get(name) or 0 for name in SUMMED_COLUMNS])
    found = {}
    for depth in stamped:
        child = get(LEVEL_FIELDS[depth + 1]) if depth + 1 < LEVELS else None
        found[(depth, get(LEVEL_FIELDS[depth]), day, kind, place_kind, child or 0, outlet)] = values
    return found


def add(deltas, found, sign=1):
    """Add {key: values} into the running {key: [values]} `deltas`."""
    for key, values in found.items():
        if sign != 1:
            values = [sign * value for value in values]
        total = deltas.get(key)
        if total is None:
            deltas[key] = list(values)
        else:
            total[:] = map(operator.add, total, values)
    return deltas


def deltas_of(activities):
    """The rollup deltas of many new activities (models or drafts), added up per key."""
    deltas = {}
    for activity in activities:
        add(deltas, contributions(activity))
    return deltas


def _tables():
    from .models import Activity, ActivityRollup

    quote = connection.ops.quote_name
    return quote(Activity._meta.db_table), quote(ActivityRollup._meta.db_table)


def _bucket_sql():
    if connection.vendor == "postgresql":
        return (
            "(CASE WHEN EXTRACT(DAY FROM date) < 15 THEN date_trunc('month', date)::date "
            "ELSE date_trunc('month', date)::date + 14 END)"
        )
    # SQLite stores dates as YYYY-MM-DD text; substr rather than strftime('%d'), whose `%`
    # breaks the logging of queries that have parameters.
    return (
        "(CASE WHEN CAST(substr(date, 9, 2) AS INTEGER) < 15 "
        "THEN date(date, 'start of month') ELSE date(date, 'start of month', '+14 days') END)"
    )


def _grouped_sql(depth, where):
    """SELECT of the rollup rows of one depth, computed from the live activity rows."""
    quote = connection.ops.quote_name
    activity_table, _ = _tables()
    level = quote(level_field(depth))
    child = f"COALESCE({quote(level_field(depth + 1))}, 0)" if depth + 1 < LEVELS else "0"
    sums = ", ".join(f"SUM({quote(name)})" for name in SUMMED_COLUMNS)
    condition = f" AND ({where})" if where else ""
    return (
        f"SELECT {depth}, {level}, {_bucket_sql()}, kind, place_kind, {child}, "
        f"COALESCE(outlet_id, 0), COUNT(*), {sums} FROM {activity_table} "
        f"WHERE deleted_at IS NULL AND {level} IS NOT NULL{condition} "
        "GROUP BY 2, 3, 4, 5, 6, 7"
    )


def grouped(where="", params=()):
    """{key: values} of the live activity rows matching the SQL condition `where`."""
    found = {}
    with connection.cursor() as cursor:
        for depth in ROLLUP_DEPTHS:
            cursor.execute(_grouped_sql(depth, where), list(params))
            for row in cursor.fetchall():
                day = row[2]
                if isinstance(day, str):
                    day = datetime.date.fromisoformat(day)
                key = (row[0], row[1], day, row[3], row[4], row[5], row[6])
                found[key] = tuple(int(value or 0) for value in row[7:])
    return found


# The SQL types of KEY_COLUMNS and VALUE_COLUMNS, for PostgreSQL's binary COPY.
_PG_TYPES = ("int2", "int8", "date", "text", "text", "int8", "int8")
_PG_TYPES += ("int8",) * len(VALUE_COLUMNS)


# From this many keys on, PostgreSQL gets them by COPY (the temporary table costs 4 statements).
_COPY_FROM = 1000


def apply(deltas):
    """Add the deltas into the rollup, in key order so that concurrent writers lock rows in the
    same order; rows that fall to no activity are removed."""
    changes = sorted(
        (key, values) for key, values in deltas.items() if any(value != 0 for value in values)
    )
    if not changes:
        return
    adapt = connection.ops.adapt_datefield_value
    rows = [(*key[:2], adapt(key[2]), *key[3:], *values) for key, values in changes]
    emptied = [
        row[: len(KEY_COLUMNS)]
        for row, (_, values) in zip(rows, changes, strict=True)
        if values[0] < 0
    ]
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) >= _COPY_FROM:
            _apply_by_copy(cursor, rows, emptied)
        else:
            _apply_row_by_row(cursor, rows, emptied)


def add_rows(where, params=()):
    """Add the live activity rows matching the SQL condition `where` into the rollup, summed by
    the database: for many rows already inserted (an import), cheaper than adding them up in
    Python and sending the sums. In key order, as `apply`."""
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        for depth in ROLLUP_DEPTHS:
            cursor.execute(
                _upsert_sql(f"{_grouped_sql(depth, where)} ORDER BY 2, 3, 4, 5, 6, 7"),
                list(params),
            )


def _upsert_sql(source):
    _, rollup_table = _tables()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in (*KEY_COLUMNS, *VALUE_COLUMNS))
    keys = ", ".join(quote(name) for name in KEY_COLUMNS)
    updates = ", ".join(
        f"{quote(name)} = {rollup_table}.{quote(name)} + excluded.{quote(name)}"
        for name in VALUE_COLUMNS
    )
    return (
        f"INSERT INTO {rollup_table} ({columns}) {source} "
        f"ON CONFLICT ({keys}) DO UPDATE SET {updates}"
    )


def _apply_row_by_row(cursor, rows, emptied):
    """One upsert per key: on SQLite statements cost no round trip, and PostgreSQL gets a
    few keys in one pipeline."""
    _, rollup_table = _tables()
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * (len(KEY_COLUMNS) + len(VALUE_COLUMNS)))
    cursor.executemany(_upsert_sql(f"VALUES ({placeholders})"), rows)
    if emptied:
        match = " AND ".join(f"{quote(name)} = %s" for name in KEY_COLUMNS)
        cursor.executemany(
            f"DELETE FROM {rollup_table} WHERE {match} AND {quote('count')} = 0", emptied
        )


def _apply_by_copy(cursor, rows, emptied):
    """PostgreSQL: the deltas go by binary COPY into a temporary table, then into the rollup in
    one statement (an import of 20,000 activities touches some 20,000 keys: one upsert each
    cost two seconds of round trips, and arrays of them half a second of formatting)."""
    _, rollup_table = _tables()
    quote = connection.ops.quote_name
    names = (*KEY_COLUMNS, *VALUE_COLUMNS)
    columns = ", ".join(quote(name) for name in names)
    definitions = ", ".join(
        f"{quote(name)} {kind}" for name, kind in zip(names, _PG_TYPES, strict=True)
    )
    cursor.execute(f"CREATE TEMPORARY TABLE rollup_deltas ({definitions})")
    with cursor.cursor.copy(f"COPY rollup_deltas ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(list(_PG_TYPES))
        for row in rows:
            copy.write_row(row)
    keys = ", ".join(quote(name) for name in KEY_COLUMNS)
    # In key order, as the other writers lock rows.
    cursor.execute(_upsert_sql(f"SELECT {columns} FROM rollup_deltas ORDER BY {keys}"))
    if emptied:
        match = " AND ".join(f"r.{quote(name)} = d.{quote(name)}" for name in KEY_COLUMNS)
        cursor.execute(
            f"DELETE FROM {rollup_table} AS r USING rollup_deltas AS d "
            f"WHERE {match} AND d.{quote('count')} < 0 AND r.{quote('count')} = 0"
        )
    cursor.execute("DROP TABLE rollup_deltas")


def rollup_rebuild():
    """Recompute the whole rollup from the activity rows (after a bulk load or a raw SQL fix).

    The rows are written in key order, so that each unit's lie together: PostgreSQL read a
    district's year (14,000 rows) from 14,000 pages when they came in the grouping's order.
    Rebuilding at a quiet time also puts back together the rows that live writes added."""
    _, rollup_table = _tables()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in (*KEY_COLUMNS, *VALUE_COLUMNS))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {rollup_table}")
        for depth in ROLLUP_DEPTHS:
            cursor.execute(
                f"INSERT INTO {rollup_table} ({columns}) {_grouped_sql(depth, '')} "
                "ORDER BY 2, 3, 4, 5, 6, 7"
            )


def difference(before, after):
    """The deltas that turn the rollup of `before` into that of `after` ({key: values} each)."""
    deltas = add({}, after)
    return add(deltas, before, sign=-1)
