"""A consolidated report equals independent sums over the raw records, on random trees (with a
reorganisation inside the year) and random activities: the whole, each child unit, and the unit's
own records; and the whole is always the children plus the unit's own."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from lantoa.activities.models import ActivityDraft, MediaOutlet
from lantoa.activities.outlets import ensure_standard_outlets
from lantoa.activities.services import activities_bulk_create
from lantoa.outreach import OutreachKind
from lantoa.periods.period import Period, WindowRule
from lantoa.reports.indicators import indicator_list
from lantoa.reports.selectors import consolidate
from lantoa.test import make_unit
from lantoa.units import services as unit_services
from lantoa.units.models import Headcount, PlaceKind, UnitKind

FIRST_DAY = datetime.date(2017, 12, 1)
NOW = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
DAYS = 396  # to 31/12/2018
PLACE_KINDS = [kind.value for kind in PlaceKind]
MAX_DEPTH = 4  # below the root: the activity table has five ancestor columns


@st.composite
def trees(draw):
    """Parents of nodes 1…n (node 0 is the root), each at most MAX_DEPTH deep, and perhaps one
    move of a node (with its subtree) below another on some day of 2018."""
    size = draw(st.integers(min_value=1, max_value=9))
    parents, depths = [None], [0]
    for _node in range(size):
        parent = draw(st.sampled_from([i for i, d in enumerate(depths) if d < MAX_DEPTH]))
        parents.append(parent)
        depths.append(depths[parent] + 1)
    move = None
    if size >= 2 and draw(st.booleans()):
        node = draw(st.integers(min_value=1, max_value=size))
        below = _subtree(parents, node)
        height = max(_depth(parents, n) for n in below) - depths[node]
        targets = [
            i
            for i in range(size + 1)
            if i not in below and depths[i] + 1 + height <= MAX_DEPTH and i != parents[node]
        ]
        if targets:
            day = datetime.date(2018, 1, 2) + datetime.timedelta(
                days=draw(st.integers(min_value=0, max_value=360))
            )
            move = (node, draw(st.sampled_from(targets)), day)
    return parents, move


def _subtree(parents, node):
    found = {node}
    changed = True
    while changed:
        changed = False
        for child, parent in enumerate(parents):
            if parent in found and child not in found:
                found.add(child)
                changed = True
    return found


def _depth(parents, node):
    depth = 0
    while parents[node] is not None:
        node, depth = parents[node], depth + 1
    return depth


activities = st.lists(
    st.fixed_dictionaries(
        {
            "node": st.integers(min_value=0, max_value=9),
            "day": st.integers(min_value=0, max_value=DAYS - 1),
            "kind": st.sampled_from([kind.value for kind in OutreachKind][:4]),
            "place_kind": st.sampled_from(PLACE_KINDS),
            "participants": st.integers(min_value=1, max_value=500),
            "women": st.integers(min_value=0, max_value=500),
            "industrial_workers": st.integers(min_value=0, max_value=500),
            "visual": st.tuples(*[st.integers(min_value=0, max_value=20)] * 4),
            "outlet": st.integers(min_value=0, max_value=4),
        }
    ),
    max_size=40,
)


class ConsolidationPropertiesTestCase(TestCase):
    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        tree=trees(),
        records=activities,
        headcounts=st.lists(st.integers(min_value=0, max_value=300), min_size=10, max_size=10),
        target=st.integers(min_value=0, max_value=9),
        period=st.sampled_from(Period.all_of_year(2018)),
        rule=st.sampled_from(list(WindowRule)),
    )
    def test_it_equals_independent_sums_over_the_raw_records(
        self, tree, records, headcounts, target, period, rule
    ):
        parents, move = tree
        units = self.build_tree(parents, move)
        ensure_standard_outlets(MediaOutlet)
        outlets = list(MediaOutlet.objects.order_by("pk"))
        for node, unit in enumerate(units):
            Headcount.objects.create(
                unit=unit,
                year=2018,
                members=headcounts[node],
                workers=headcounts[node],
                industrial_workers=headcounts[node] // 2,
            )
        rows = []
        for record in records:
            node = record["node"] % len(units)
            rows.append(self.draft(units[node], record, outlets))
        activities_bulk_create(rows)
        if move is not None:
            node, new_parent, day = move
            unit_services.unit_move(unit=units[node], new_parent=units[new_parent], on=day)

        unit = units[target % len(units)]
        result = consolidate(unit, period, rule=rule)
        start, end = period.window(rule)

        def parent_of(node, day):
            if move is not None and move[0] == node and day >= move[2]:
                return move[1]
            return parents[node]

        def path(node, day):
            chain = [node]
            while parent_of(chain[-1], day) is not None:
                chain.append(parent_of(chain[-1], day))
            return list(reversed(chain))

        target_node = units.index(unit)
        expected = {}  # child node (None: own) -> list of the records rolling up through it
        for row in rows:
            node = units.index(row.unit)
            if not start <= row.date <= end:
                continue
            chain = path(node, row.date)
            if target_node not in chain:
                continue
            at = chain.index(target_node)
            child = chain[at + 1] if at + 1 < len(chain) else None
            expected.setdefault(child, []).append(row)
        people = {}
        for node in range(len(units)):
            chain = path(node, end)
            if target_node in chain:
                at = chain.index(target_node)
                child = chain[at + 1] if at + 1 < len(chain) else None
                people.setdefault(child, []).append(headcounts[node])

        by_child = {line.unit.pk: line.values for line in result.children}
        everything = [row for rows_ in expected.values() for row in rows_]
        all_people = [count for counts in people.values() for count in counts]
        self.assert_sums(result.total.values, everything, all_people, outlets)
        self.assert_sums(result.own.values, expected.get(None, []), people.get(None, []), outlets)
        for child, child_rows in expected.items():
            if child is not None:
                self.assert_sums(
                    by_child[units[child].pk], child_rows, people.get(child, []), outlets
                )
        for child_unit, values in by_child.items():
            child = next(i for i, u in enumerate(units) if u.pk == child_unit)
            if child not in expected:
                self.assertEqual(values["activities.count"], 0)
        for indicator in indicator_list():
            if indicator.ratio is None:
                parts = sum(values[indicator.code] for values in by_child.values())
                self.assertEqual(
                    result.total.values[indicator.code],
                    parts + result.own.values[indicator.code],
                    indicator.code,
                )

    def build_tree(self, parents, move):
        since = datetime.date(2010, 1, 1)
        units = []
        for node, parent in enumerate(parents):
            kind = UnitKind.PROVINCIAL_FEDERATION if parent is None else UnitKind.GRASSROOTS_UNION
            units.append(
                make_unit(
                    f"N{node}",
                    kind,
                    f"Đơn vị {node}",
                    units[parent] if parent is not None else None,
                    since=since,
                )
            )
        return units

    def draft(self, unit, record, outlets):
        kind = record["kind"]
        row = ActivityDraft(
            unit=unit,
            unit_id=unit.pk,
            kind=kind,
            date=FIRST_DAY + datetime.timedelta(days=record["day"]),
            created_at=NOW,
            updated_at=NOW,
        )
        if kind == OutreachKind.MEDIA:
            outlet = outlets[record["outlet"] % len(outlets)]
            row.outlet, row.outlet_id, row.title = outlet, outlet.pk, "Tin"
            return row
        row.place_kind = record["place_kind"]
        if kind == OutreachKind.VISUAL:
            row.banners, row.panels, row.posters, row.paintings = record["visual"]
            return row
        row.participants = record["participants"]
        row.women = min(record["women"], row.participants)
        row.industrial_workers = min(record["industrial_workers"], row.participants)
        return row

    def assert_sums(self, values, rows, people, outlets):
        def count(**match):
            return sum(1 for row in rows if all(getattr(row, k) == v for k, v in match.items()))

        def total(field, **match):
            return sum(
                getattr(row, field)
                for row in rows
                if all(getattr(row, k) == v for k, v in match.items())
            )

        expected = {
            "activities.count": len(rows),
            "participants": total("participants"),
            "participants.women": total("women"),
            "participants.industrial_workers": total("industrial_workers"),
            "visual.items": total("banners", kind="visual")
            + total("panels", kind="visual")
            + total("posters", kind="visual")
            + total("paintings", kind="visual"),
            "visual.posters": total("posters", kind="visual"),
            "headcount.members": sum(people),
        }
        for kind in ("dissemination", "talk", "visual", "media"):
            expected[f"{kind}.count"] = count(kind=kind)
        for kind in ("dissemination", "talk"):
            expected[f"{kind}.participants"] = total("participants", kind=kind)
        for place_kind in PLACE_KINDS:
            expected[f"place.{place_kind}"] = count(place_kind=place_kind)
        for outlet in outlets:
            expected[f"media.outlet.{outlet.pk}"] = count(kind="media", outlet_id=outlet.pk)
        members = sum(people)
        expected["coverage.members"] = (
            round(expected["participants"] / members, 4) if members else None
        )
        self.assertEqual({code: values[code] for code in expected}, expected)
