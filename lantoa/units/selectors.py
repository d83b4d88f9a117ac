"""Reads of the union tree beyond a plain queryset."""

from django.db import connection
from django.db.models import Count, Sum

from lantoa.sql import batched

from .models import MAX_DEPTH, Headcount, Unit, UnitLink, census_day, level_field

_EDGES = """
WITH RECURSIVE subtree(id, parent_id, depth) AS (
    SELECT CAST(%s AS BIGINT), CAST(NULL AS BIGINT), 0
    UNION ALL
    SELECT l.unit_id, l.parent_id, s.depth + 1
    FROM units_unitlink l JOIN subtree s ON l.parent_id = s.id
    WHERE s.depth < %s AND l.valid_from <= %s AND (l.valid_to IS NULL OR l.valid_to > %s)
)
SELECT id, parent_id, depth FROM subtree"""


def tree_nodes(root, *, on, max_depth=MAX_DEPTH):
    """Nested (unit, children) pairs of `root`'s subtree on a date, at most `max_depth` deep.

    Two queries whatever the size: the recursive edges, then the units with their kinds.
    """
    with connection.cursor() as cursor:
        cursor.execute(_EDGES, [root.pk, min(max_depth, MAX_DEPTH), on, on])
        edges = cursor.fetchall()
    units = Unit.objects.select_related("kind").in_bulk([unit_id for unit_id, _, _ in edges])
    children = {}
    for unit_id, parent_id, _depth in edges:
        children.setdefault(parent_id, []).append(unit_id)

    def build(unit_id):
        kids = sorted(
            (units[kid] for kid in children.get(unit_id, [])),
            key=lambda unit: (unit.kind.rank, unit.name),
        )
        return units[unit_id], [build(kid.pk) for kid in kids]

    return build(root.pk)


_BRANCHES = """
WITH RECURSIVE subtree(id, branch, depth) AS (
    SELECT CAST(%s AS BIGINT), CAST(NULL AS BIGINT), 0
    UNION ALL
    SELECT l.unit_id, COALESCE(s.branch, l.unit_id), s.depth + 1
    FROM units_unitlink l JOIN subtree s ON l.parent_id = s.id
    WHERE s.depth < %s AND l.valid_from <= %s AND (l.valid_to IS NULL OR l.valid_to > %s)
)"""


def subtree_branches(unit, *, on):
    """{unit id: (branch, depth)} for `unit`'s subtree on a date, where `branch` is the id of the
    child of `unit` the unit lies under (None for `unit` itself) and `depth` its distance from
    `unit`. One recursive query."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"{_BRANCHES} SELECT id, branch, depth FROM subtree",
            [getattr(unit, "pk", unit), MAX_DEPTH, on, on],
        )
        return {unit_id: (branch, depth) for unit_id, branch, depth in cursor.fetchall()}


# The year's people gathered while the recursion walks down, one index lookup per unit: joined
# afterwards, PostgreSQL cannot tell a grassroots union's subtree (one unit) from the nation's
# (130,000) and read every headcount of the year for either.
_WALKED_PEOPLE = """
WITH RECURSIVE subtree(id, branch, depth, members, workers, industrial_workers) AS (
    SELECT CAST(%(unit)s AS BIGINT), CAST(NULL AS BIGINT), 0, h.members, h.workers,
           h.industrial_workers
    FROM (SELECT 1) AS anchor
    LEFT JOIN {headcount} h ON h.unit_id = %(unit)s AND h.year = %(year)s
    UNION ALL
    SELECT l.unit_id, COALESCE(s.branch, l.unit_id), s.depth + 1, h.members, h.workers,
           h.industrial_workers
    FROM {link} l
    JOIN subtree s ON l.parent_id = s.id
    LEFT JOIN {headcount} h ON h.unit_id = l.unit_id AND h.year = %(year)s
    WHERE s.depth < %(max_depth)s AND l.valid_from <= %(on)s
      AND (l.valid_to IS NULL OR l.valid_to > %(on)s)
)
SELECT branch, COUNT(*), SUM(members), SUM(workers), SUM(industrial_workers) FROM subtree
WHERE members IS NOT NULL GROUP BY branch"""

_STAMPED_PEOPLE = """
SELECT {child}, COUNT(*), SUM(members), SUM(workers), SUM(industrial_workers) FROM {headcount}
WHERE year = %s AND {level} = %s GROUP BY {child}"""

_PEOPLE_FIELDS = ("members", "workers", "industrial_workers")
# The levels whose people are read from the level columns: a nation's 130,000 units take 210 ms
# to walk, its year from the columns 27 ms. Below, a subtree of a few hundred units is walked in
# 2-3 ms, less than finding the tree's changes over a quarter-to-census stretch nationwide
# (about 20 ms, `_recount_moved`).
STAMPED_DEPTHS = (0, 1)
# Past this many units placed otherwise on the census day than on the report's day (a
# reorganisation of a whole level), recounting them costs more than the walk: about 50 µs a unit
# against 210 ms for the nation's walk.
RECOUNT_LIMIT = 3_000


def headcounts_by_branch(unit, *, on, year):
    """The headcounts of `year` summed per child of `unit` over the subtree on a date:
    {child id (None: `unit`'s own people): {members, workers, industrial_workers}}.

    For the units of the top levels (STAMPED_DEPTHS) the sums come from the level columns,
    stamped from the tree on the year's census day, in one range of an index; the units whose
    place differs between `on` and that day (`units_moved_between`) are taken out and counted
    where they stood on `on`. Below those levels, when the unit itself moved, or when too much
    of the tree did, the subtree is walked.
    """
    unit_id = getattr(unit, "pk", unit)
    census = census_day(year)
    tree = TreeHistory(unit_ids=[unit_id])
    path = tree.path(unit_id, on)
    if len(path) - 1 not in STAMPED_DEPTHS:
        return _people(_walked_people(unit_id, on=on, year=year))
    moved = units_moved_between(on, census)
    tree.load(moved)
    # A unit whose own chain differs on the census day has its subtree stamped at another level.
    if tree.path(unit_id, census) != path or len(moved) > RECOUNT_LIMIT:
        return _people(_walked_people(unit_id, on=on, year=year))
    depth = len(path) - 1
    counted = _stamped_people(unit_id, depth=depth, year=year)
    if moved:
        _recount_moved(counted, unit_id, depth=depth, on=on, year=year, moved=moved, tree=tree)
    return _people(counted)


def _people(counted):
    return {
        branch: dict(zip(_PEOPLE_FIELDS, sums, strict=True))
        for branch, (rows, *sums) in counted.items()
        if rows
    }


def _walked_people(unit_id, *, on, year):
    sql = _WALKED_PEOPLE.format(
        headcount=connection.ops.quote_name(Headcount._meta.db_table),
        link=connection.ops.quote_name(UnitLink._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {"unit": unit_id, "year": year, "on": on, "max_depth": MAX_DEPTH})
        return {branch: list(sums) for branch, *sums in cursor.fetchall()}


def _stamped_people(unit_id, *, depth, year):
    """{child: [rows, members, workers, industrial workers]} as the level columns place them."""
    quote = connection.ops.quote_name
    sql = _STAMPED_PEOPLE.format(
        headcount=quote(Headcount._meta.db_table),
        level=quote(level_field(depth)),
        child=quote(level_field(depth + 1)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [year, unit_id])
        return {branch: list(sums) for branch, *sums in cursor.fetchall()}


def _recount_moved(counted, unit_id, *, depth, on, year, moved, tree):
    """Take the headcounts of the moved units' subtrees out of where the level columns placed
    them and add them where the units stood on `on` (`tree`: a TreeHistory holding them)."""
    census = census_day(year)
    # Only the moves inside the unit's subtree, on either day, change its sums; most moved units
    # are grassroots unions opened or closed, with no units below them.
    inside = {m for m in moved if unit_id in tree.path(m, on) or unit_id in tree.path(m, census)}
    parents = set()
    for batch in batched(sorted(inside)):
        parents.update(
            UnitLink.objects.filter(parent_id__in=batch)
            .values_list("parent_id", flat=True)
            .distinct()
        )
    affected = inside | subtrees_on(parents, on=on) | subtrees_on(parents, on=census)
    rows = []
    for batch in batched(sorted(affected)):
        rows += (
            Headcount.objects.filter(year=year, unit_id__in=batch)
            .order_by()
            .values_list("unit_id", level_field(depth), level_field(depth + 1), *_PEOPLE_FIELDS)
        )
    tree.load({row[0] for row in rows})
    for row_unit, stamped_level, stamped_child, *people in rows:
        if stamped_level == unit_id:
            _add(counted, stamped_child, people, sign=-1)
        path = tree.path(row_unit, on)
        if unit_id in path:
            below = path.index(unit_id) + 1
            _add(counted, path[below] if below < len(path) else None, people, sign=1)


def _add(counted, branch, people, *, sign):
    sums = counted.setdefault(branch, [0] * (1 + len(people)))
    sums[0] += sign
    for index, value in enumerate(people, start=1):
        sums[index] += sign * value


def units_moved_between(first, last):
    """The units whose parent may differ between two dates (ids, a set): every unit with a link
    that starts or ends after the earlier date, up to and including the later."""
    first, last = min(first, last), max(first, last)
    if first == last:
        return set()
    starts = UnitLink.objects.filter(valid_from__gt=first, valid_from__lte=last)
    ends = UnitLink.objects.filter(valid_to__gt=first, valid_to__lte=last)
    return {
        *starts.values_list("unit_id", flat=True).order_by(),
        *ends.values_list("unit_id", flat=True).order_by(),
    }


def subtrees_on(unit_ids, *, on):
    """`unit_ids` and every unit below one of them on a date, as a set."""
    units = connection.ops.quote_name(Unit._meta.db_table)
    links = connection.ops.quote_name(UnitLink._meta.db_table)
    found = set()
    for batch in batched(sorted(unit_ids)):
        anchor = ", ".join(["%s"] * len(batch))
        sql = f"""
            WITH RECURSIVE below(id, depth) AS (
                SELECT id, 0 FROM {units} WHERE id IN ({anchor})
                UNION ALL
                SELECT l.unit_id, b.depth + 1 FROM {links} l JOIN below b ON l.parent_id = b.id
                WHERE b.depth < %s AND l.valid_from <= %s
                  AND (l.valid_to IS NULL OR l.valid_to > %s)
            )
            SELECT id FROM below"""
        with connection.cursor() as cursor:
            cursor.execute(sql, [*batch, MAX_DEPTH, on, on])
            found.update(unit_id for (unit_id,) in cursor.fetchall())
    return found


def ever_below(unit_ids):
    """`unit_ids` and every unit that sat below one of them at any time, as a set."""
    unit_ids = list(unit_ids)
    if not unit_ids:
        return set()
    anchor = ", ".join(["%s"] * len(unit_ids))
    units = connection.ops.quote_name(Unit._meta.db_table)
    links = connection.ops.quote_name(UnitLink._meta.db_table)
    # UNION, not UNION ALL: a unit met twice (moved within the subtree) is walked once.
    sql = f"""
        WITH RECURSIVE below(id) AS (
            SELECT id FROM {units} WHERE id IN ({anchor})
            UNION
            SELECT l.unit_id FROM {links} l JOIN below b ON l.parent_id = b.id
        )
        SELECT id FROM below"""
    with connection.cursor() as cursor:
        cursor.execute(sql, unit_ids)
        return {unit_id for (unit_id,) in cursor.fetchall()}


def parent_map(*, on):
    """{unit id: parent id} for the whole tree on a date, for stamping many records at once."""
    return dict(UnitLink.objects.active_on(on).values_list("unit_id", "parent_id"))


def subtree_headcounts(unit, *, on, years):
    """Per year, the summed headcounts of the unit's subtree on `on`: {year: {field: total}}."""
    rows = (
        Headcount.objects.filter(unit__in=Unit.objects.subtree_of(unit, on=on), year__in=years)
        .values("year")
        .annotate(
            members=Sum("members"),
            workers=Sum("workers"),
            industrial_workers=Sum("industrial_workers"),
        )
    )
    return {row["year"]: row for row in rows}


def children_counts(unit_ids, *, on):
    """{unit id: number of its children on a date} for the given units, in one query."""
    rows = (
        UnitLink.objects.active_on(on)
        .filter(parent_id__in=unit_ids)
        .values("parent_id")
        .annotate(n=Count("id"))
    )
    return {row["parent_id"]: row["n"] for row in rows}


class TreeHistory:
    """Parent links in memory, to find the ancestors of many (unit, date) pairs at once.

    For bulk work (imports, generated data, re-stamping after a move) where one recursive query
    per record would be too slow. Lookups are cached per (unit, date).

    `TreeHistory()` reads every link in one query. `TreeHistory(unit_ids=[])` starts empty and
    `load()` reads the links of the units a caller meets, and of the units above them, as it
    meets them: an import of a few hundred unions does not read the nation's 130,000 links.
    """

    def __init__(self, unit_ids=None):
        self._links = {}
        self._paths = {}
        if unit_ids is None:
            for unit_id, parent_id, start, end in self._read_links():
                self._links.setdefault(unit_id, []).append((start, end, parent_id))
            self._complete = True
        else:
            self._complete = False
            self.load(unit_ids)

    @staticmethod
    def _read_links(unit_ids=None):
        # No ordering: the default one joins units and kinds for nothing.
        links = UnitLink.objects.order_by()
        if unit_ids is not None:
            links = links.filter(unit_id__in=unit_ids)
        return links.values_list("unit_id", "parent_id", "valid_from", "valid_to")

    def load(self, unit_ids):
        """Read the links of `unit_ids` and of every unit that ever sat above one of them, unless
        read already: a query per level of the tree and batch of units."""
        if self._complete:
            return
        todo = {unit_id for unit_id in unit_ids if unit_id not in self._links}
        while todo:
            for unit_id in todo:
                self._links[unit_id] = []
            parents = set()
            for batch in batched(sorted(todo)):
                for unit_id, parent_id, begin, end in self._read_links(batch):
                    self._links[unit_id].append((begin, end, parent_id))
                    parents.add(parent_id)
            todo = {parent_id for parent_id in parents if parent_id not in self._links}

    def parent(self, unit_id, on):
        for start, end, parent_id in self._links.get(unit_id, ()):
            if start <= on and (end is None or on < end):
                return parent_id
        return None

    def ever_above(self, unit_ids):
        """The units that sat above any of `unit_ids` at some time, on any date."""
        found, todo = set(), list(unit_ids)
        while todo:
            for _start, _end, parent_id in self._links.get(todo.pop(), ()):
                if parent_id not in found:
                    found.add(parent_id)
                    todo.append(parent_id)
        return found

    def path(self, unit_id, on):
        """Unit ids from the root down to `unit_id` on the date, as a tuple."""
        key = (unit_id, on)
        if key not in self._paths:
            if not self._complete and unit_id not in self._links:
                # A silent one-unit path would stamp wrong levels on the unit's records.
                raise LookupError(f"The links of unit {unit_id} were not loaded.")
            chain = [unit_id]
            while len(chain) <= MAX_DEPTH and (parent_id := self.parent(chain[-1], on)):
                chain.append(parent_id)
            self._paths[key] = tuple(reversed(chain))
        return self._paths[key]
