"""The rollup: the sums of the upper units per half-month, kept equal to the activity rows."""

import datetime
import io
from unittest import mock

from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from lantoa.activities import rollup, services
from lantoa.activities.models import Activity, ActivityDraft, ActivityRollup
from lantoa.activities.selectors import activity_totals, media_totals, subtree_totals_by_window
from lantoa.outreach import OutreachKind
from lantoa.periods.period import Period, WindowRule
from lantoa.test import Scenario, ScenarioTestCase
from lantoa.units import services as unit_services

from .factories import make_activity, outlet, stored_rollup

KEYS = ("child", "kind", "place_kind")


def raw_totals(unit, start, end, depth):
    """The same sums as `activity_totals`, straight from the rows, without the rollup."""
    child = f"level_{depth + 1}"
    rows = (
        Activity.objects.within(unit, start, end, depth)
        .order_by()
        .values("kind", "place_kind", child)
    )
    found = {}
    for row in rows.annotate(**rollup_sums()):
        key = (row[child], row["kind"], row["place_kind"])
        found[key] = tuple(row[f"sum_{name}"] for name in rollup.VALUE_COLUMNS)
    return found


def rollup_sums():
    return {
        "sum_count": Count("id"),
        **{f"sum_{name}": Sum(name) for name in rollup.SUMMED_COLUMNS},
    }


def whole_subtree(found):
    """`raw_totals` added up over the children."""
    merged = {}
    for (_child, kind, place_kind), sums in found.items():
        before = merged.get((None, kind, place_kind), (0,) * len(sums))
        merged[(None, kind, place_kind)] = tuple(a + b for a, b in zip(before, sums, strict=True))
    return merged


def as_found(rows):
    return {
        tuple(row[name] for name in KEYS): tuple(row[name] for name in rollup.VALUE_COLUMNS)
        for row in rows
    }


class RollupTestCase(ScenarioTestCase):
    def assert_in_step(self):
        self.assertEqual(stored_rollup(), rollup.grouped())

    def test_it_adds_a_new_activity_at_the_root_and_district_levels(self):
        make_activity(self.grassroots_a, date=datetime.date(2018, 3, 20), participants=40)
        rows = ActivityRollup.objects.order_by("depth")
        self.assertEqual(
            [(row.depth, row.unit_id, row.child, row.half_month, row.participants) for row in rows],
            [
                (0, self.province.pk, self.district_a.pk, datetime.date(2018, 3, 15), 40),
                (1, self.district_a.pk, self.grassroots_a.pk, datetime.date(2018, 3, 15), 40),
            ],
        )

    def test_it_moves_an_edited_activity_between_half_months(self):
        activity = make_activity(self.grassroots_a, date=datetime.date(2018, 3, 20))
        activity.date, activity.participants = datetime.date(2018, 3, 2), 12
        activity.women = activity.industrial_workers = 0
        services.activity_update(activity=activity, user=self.officer_a, expected_version=1)
        self.assertEqual(
            set(ActivityRollup.objects.values_list("half_month", "participants")),
            {(datetime.date(2018, 3, 1), 12)},
        )
        self.assert_in_step()

    def test_it_takes_out_a_deleted_activity_and_puts_back_a_restored_one(self):
        activity = make_activity(self.grassroots_a)
        services.activity_delete(activity=activity, user=self.officer_a)
        self.assertFalse(ActivityRollup.objects.exists())
        services.activity_restore(activity=activity, user=self.officer_a)
        self.assertEqual(ActivityRollup.objects.get(depth=0).count, 1)
        self.assert_in_step()

    def test_it_follows_deletion_for_good_of_one_row_and_of_a_queryset(self):
        first = make_activity(self.grassroots_a)
        make_activity(self.grassroots_a)
        make_activity(self.grassroots_b)
        first.delete()
        self.assertEqual(ActivityRollup.objects.get(depth=0, child=self.district_a.pk).count, 1)
        Activity.objects.filter(unit=self.grassroots_b).delete()
        self.assertFalse(ActivityRollup.objects.filter(child=self.district_b.pk).exists())
        self.assert_in_step()

    def test_it_deletes_a_queryset_while_queries_are_logged(self):
        # DEBUG=1 (`make run`) logs each query with its parameters filled in by Python's `%`:
        # the SQL of the rollup must hold no stray `%`.
        make_activity(self.grassroots_b, date=datetime.date(2018, 3, 20))
        with CaptureQueriesContext(connection):
            Activity.objects.filter(unit=self.grassroots_b).delete()
        self.assertFalse(ActivityRollup.objects.exists())

    def test_it_adds_activities_inserted_in_bulk(self):
        drafts = [
            ActivityDraft(
                unit=self.grassroots_b,
                unit_id=self.grassroots_b.pk,
                kind=OutreachKind.MEDIA,
                date=datetime.date(2018, 5, day),
                subtype="news",
                title=f"Tin {day}",
                outlet=outlet(),
                outlet_id=outlet().pk,
                created_at=datetime.datetime(2018, 5, day, tzinfo=datetime.UTC),
                updated_at=datetime.datetime(2018, 5, day, tzinfo=datetime.UTC),
            )
            for day in range(1, 29)
        ]
        services.activities_bulk_create(drafts)
        rows = media_totals(
            self.province, datetime.date(2018, 5, 1), datetime.date(2018, 5, 31), depth=0
        )
        self.assertEqual(
            rows, [{"child": self.district_b.pk, "outlet_id": outlet().pk, "count": 28}]
        )
        self.assert_in_step()

    def test_it_adds_and_takes_out_many_keys_at_once(self):
        # From _COPY_FROM keys on, PostgreSQL gets them through a temporary table.
        drafts = [
            ActivityDraft(
                unit=unit,
                unit_id=unit.pk,
                kind=OutreachKind.VISUAL,
                date=datetime.date(2018, month, day),
                place_kind="other",
                banners=month,
                created_at=datetime.datetime(2018, month, day, tzinfo=datetime.UTC),
                updated_at=datetime.datetime(2018, month, day, tzinfo=datetime.UTC),
            )
            for unit in (self.grassroots_a, self.grassroots_b, self.district_a)
            for month in range(1, 13)
            for day in (3, 20)
        ]
        with mock.patch.object(rollup, "_COPY_FROM", 2):
            services.activities_bulk_create(drafts)
            self.assert_in_step()
            self.assertEqual(ActivityRollup.objects.filter(depth=1).count(), 3 * 12 * 2)
            Activity.objects.filter(unit=self.grassroots_a).delete()
            self.assert_in_step()
        self.assertFalse(ActivityRollup.objects.filter(child=self.grassroots_a.pk).exists())

    def test_it_moves_the_sums_when_the_tree_moves_a_unit(self):
        make_activity(self.grassroots_a, date=datetime.date(2018, 3, 1))
        make_activity(self.grassroots_a, date=datetime.date(2018, 9, 1))
        unit_services.unit_move(
            unit=self.grassroots_a, new_parent=self.district_b, on=datetime.date(2018, 7, 1)
        )
        self.assertEqual(
            set(ActivityRollup.objects.filter(depth=0).values_list("child", "half_month")),
            {
                (self.district_a.pk, datetime.date(2018, 3, 1)),
                (self.district_b.pk, datetime.date(2018, 9, 1)),
            },
        )
        self.assert_in_step()

    def test_it_rebuilds_what_a_raw_write_left_behind(self):
        make_activity(self.grassroots_a, participants=40)
        Activity.objects.update(participants=10, women=0, industrial_workers=0)
        call_command("rebuild_rollup", stdout=io.StringIO())
        self.assertEqual(ActivityRollup.objects.get(depth=0).participants, 10)
        self.assert_in_step()

    def test_it_reads_a_window_cut_inside_half_months_from_both(self):
        for day in (3, 14, 15, 16, 28):
            make_activity(
                self.grassroots_a,
                date=datetime.date(2018, 3, day),
                participants=day,
                women=0,
                industrial_workers=0,
            )
        start, end = datetime.date(2018, 3, 4), datetime.date(2018, 3, 27)
        rows = activity_totals(self.province, start, end, depth=0)
        self.assertEqual([(row["count"], row["participants"]) for row in rows], [(3, 45)])


class WindowsTestCase(ScenarioTestCase):
    def test_it_reads_the_quarters_of_a_year_at_once_as_one_by_one(self):
        days = [(1, 3, 10), (3, 14, 20), (3, 15, 40), (9, 30, 80), (12, 20, 5)]
        for month, day, people in days:
            make_activity(
                self.grassroots_a,
                date=datetime.date(2018, month, day),
                participants=people,
                women=0,
                industrial_workers=0,
            )
        make_activity(
            self.district_b,
            date=datetime.date(2018, 6, 1),
            participants=7,
            women=0,
            industrial_workers=0,
        )
        year = Period.whole_year(2018)
        quarters = [quarter.window(WindowRule.DECREE_09) for quarter in year.subperiods()]
        for unit, depth in ((self.province, 0), (self.district_a, 1), (self.grassroots_a, 2)):
            with self.subTest(unit=unit.code):
                with CaptureQueriesContext(connection) as queries:
                    together = subtree_totals_by_window(unit, quarters, depth=depth)
                one_by_one = [
                    activity_totals(unit, start, end, depth=depth, per_child=False)
                    for start, end in quarters
                ]
                self.assertEqual(list(map(as_found, together)), list(map(as_found, one_by_one)))
                if depth in rollup.ROLLUP_DEPTHS:
                    self.assertEqual(len(queries), 1)
        people = [
            sum(row["participants"] for row in rows)
            for rows in subtree_totals_by_window(self.province, quarters, depth=0)
        ]
        self.assertEqual(people, [30, 47, 0, 80])


class SplitTestCase(ScenarioTestCase):
    def test_it_keeps_whole_half_months_and_returns_the_edges(self):
        inner, edges = rollup.split(datetime.date(2018, 3, 4), datetime.date(2018, 5, 20))
        self.assertEqual(inner, (datetime.date(2018, 3, 15), datetime.date(2018, 5, 1)))
        self.assertEqual(
            edges,
            [
                (datetime.date(2018, 3, 4), datetime.date(2018, 3, 14)),
                (datetime.date(2018, 5, 15), datetime.date(2018, 5, 20)),
            ],
        )

    def test_it_reads_a_decree_09_quarter_from_the_rollup_alone(self):
        inner, edges = rollup.split(datetime.date(2017, 12, 15), datetime.date(2018, 3, 14))
        self.assertEqual(inner, (datetime.date(2017, 12, 15), datetime.date(2018, 3, 1)))
        self.assertEqual(edges, [])


days = st.dates(min_value=datetime.date(2017, 11, 1), max_value=datetime.date(2018, 6, 30))


class SplitPropertyTestCase(HypothesisTestCase):
    @given(days, days)
    def test_it_covers_every_day_of_the_window_exactly_once(self, first, second):
        start, end = min(first, second), max(first, second)
        inner, edges = rollup.split(start, end)
        covered = []
        if inner:
            day = inner[0]
            last_day = rollup._next_half_month(inner[1]) - datetime.timedelta(days=1)
            while day <= last_day:
                covered.append(day)
                day += datetime.timedelta(days=1)
        for edge_start, edge_end in edges:
            day = edge_start
            while day <= edge_end:
                covered.append(day)
                day += datetime.timedelta(days=1)
        expected = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
        self.assertEqual(sorted(covered), expected)


class TotalsPropertyTestCase(HypothesisTestCase):
    """Whatever was written and whatever the window, the rollup gives the rows' figures."""

    @settings(max_examples=25, deadline=None)
    @given(
        st.lists(
            st.tuples(days, st.integers(min_value=0, max_value=3), st.integers(0, 200)),
            min_size=1,
            max_size=12,
        ),
        days,
        days,
    )
    def test_it_sums_like_the_rows_for_any_window(self, records, first, second):
        Scenario.build(self)
        units = [self.grassroots_a, self.grassroots_b, self.district_a, self.province]
        kinds = [OutreachKind.TALK, OutreachKind.VISUAL, OutreachKind.DISSEMINATION]
        for index, (day, unit_index, people) in enumerate(records):
            kind = kinds[index % len(kinds)]
            figures = {"participants": people, "women": 0, "industrial_workers": 0}
            make_activity(
                units[unit_index],
                date=day,
                kind=kind,
                **(figures if kind != OutreachKind.VISUAL else {}),
            )
        start, end = min(first, second), max(first, second)
        for unit, depth in ((self.province, 0), (self.district_a, 1), (self.grassroots_a, 2)):
            raw = raw_totals(unit, start, end, depth)
            self.assertEqual(as_found(activity_totals(unit, start, end, depth=depth)), raw)
            self.assertEqual(
                as_found(activity_totals(unit, start, end, depth=depth, per_child=False)),
                whole_subtree(raw),
            )
