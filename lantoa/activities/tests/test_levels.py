"""Ancestor columns: each activity carries its unit's chain as the tree stood on its date."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lantoa.activities import services
from lantoa.activities.models import Activity, ActivityDraft
from lantoa.outreach import OutreachKind
from lantoa.periods.models import PeriodLock
from lantoa.test import ScenarioTestCase, make_unit
from lantoa.units import services as unit_services
from lantoa.units.models import UnitKind

from .factories import make_activity

MOVE_DAY = datetime.date(2018, 7, 1)


class LevelsTestCase(ScenarioTestCase):
    def test_it_stamps_the_chain_from_the_root_down_to_the_unit(self):
        activity = make_activity(self.grassroots_a)
        self.assertEqual(
            activity.levels,
            (self.province.pk, self.district_a.pk, self.grassroots_a.pk, None, None),
        )

    def test_it_stamps_a_units_own_activity_at_its_own_depth(self):
        activity = make_activity(self.district_b)
        self.assertEqual(activity.levels, (self.province.pk, self.district_b.pk, None, None, None))

    def test_it_restamps_the_activities_of_moved_units_from_the_move_on(self):
        before = make_activity(self.grassroots_a, date=datetime.date(2018, 3, 1))
        after = make_activity(self.grassroots_a, date=datetime.date(2018, 9, 1))
        unit_services.unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MOVE_DAY)
        before.refresh_from_db()
        after.refresh_from_db()
        self.assertEqual(before.level_1, self.district_a.pk)
        self.assertEqual(after.level_1, self.district_b.pk)

    def test_it_restamps_deleted_activities_too(self):
        activity = make_activity(self.grassroots_a, date=datetime.date(2018, 9, 1))
        services.activity_delete(activity=activity, user=self.officer_a)
        unit_services.unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MOVE_DAY)
        self.assertEqual(Activity.all_objects.get(pk=activity.pk).level_1, self.district_b.pk)

    def lock(self, unit, start, end):
        return PeriodLock.objects.create(
            unit=unit,
            period="2018Q3",
            start=start,
            end=end,
            reference="report:1",
            locked_at=timezone.now(),
            locked_by=self.admin,
        )

    def test_it_refuses_a_move_that_would_take_records_out_of_a_closed_period(self):
        make_activity(self.grassroots_a, date=datetime.date(2018, 9, 1))
        self.lock(self.district_a, datetime.date(2018, 6, 15), datetime.date(2018, 9, 14))
        with self.assertRaisesMessage(ValidationError, "01/9/2018"):
            unit_services.unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MOVE_DAY)
        self.assertEqual(Activity.objects.get().level_1, self.district_a.pk)

    def test_it_moves_a_unit_whose_records_lie_outside_closed_periods(self):
        activity = make_activity(self.grassroots_a, date=datetime.date(2018, 9, 20))
        self.lock(self.district_a, datetime.date(2018, 6, 15), datetime.date(2018, 9, 14))
        unit_services.unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MOVE_DAY)
        activity.refresh_from_db()
        self.assertEqual(activity.level_1, self.district_b.pk)

    def test_it_refuses_a_tree_deeper_than_five_levels(self):
        parent = self.grassroots_a
        for depth in range(3):
            parent = make_unit(
                f"D{depth}", UnitKind.GRASSROOTS_UNION, f"Tổ công đoàn {depth}", parent
            )
        with self.assertRaisesMessage(ValidationError, "tối đa 5 cấp"):
            make_activity(parent)

    def test_it_tells_the_officer_when_the_tree_is_too_deep(self):
        parent = self.grassroots_a
        for depth in range(3):
            parent = make_unit(
                f"D{depth}", UnitKind.GRASSROOTS_UNION, f"Tổ công đoàn {depth}", parent
            )
        self.login(self.officer_a)
        response = self.client.post(
            f"{reverse('activity_create')}?kind=visual",
            {
                "kind": "visual",
                "unit": parent.pk,
                "date": "2018-03-20",
                "place_kind": "other",
                "banners": 1,
            },
        )
        self.assertContains(response, "tối đa 5 cấp")
        self.assertFalse(Activity.objects.exists())

    def test_it_stamps_drafts_in_bulk_from_one_tree_history(self):
        drafts = [
            ActivityDraft(
                unit=self.grassroots_b,
                unit_id=self.grassroots_b.pk,
                kind=OutreachKind.VISUAL,
                date=datetime.date(2018, 3, day),
                place_kind="other",
                banners=day,
                created_at=datetime.datetime(2018, 3, day, tzinfo=datetime.UTC),
                updated_at=datetime.datetime(2018, 3, day, tzinfo=datetime.UTC),
            )
            for day in range(1, 31)
        ]
        # The tree's links, one insert (PostgreSQL's COPY is not even counted) and one upsert
        # of the rollup.
        with CaptureQueriesContext(connection) as queries:
            services.activities_bulk_create(drafts)
        statements = [query for query in queries if "SAVEPOINT" not in query["sql"]]
        self.assertLessEqual(len(statements), 3)
        stored = Activity.objects.order_by("date")
        self.assertEqual({a.level_1 for a in stored}, {self.district_b.pk})
        self.assertEqual([a.items for a in stored], list(range(1, 31)))


class SubtreeQueriesTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_activity(cls.grassroots_a, participants=10, women=0, industrial_workers=0)
        make_activity(cls.district_a, participants=5, women=0, industrial_workers=0)
        make_activity(cls.grassroots_b, participants=7, women=0, industrial_workers=0)
        make_activity(cls.grassroots_b, kind=OutreachKind.VISUAL, banners=4, posters=0)

    def test_it_reads_a_subtree_through_the_level_of_the_unit(self):
        totals = Activity.objects.in_subtree(self.district_a, depth=1).aggregate(
            n=Sum("participants")
        )
        self.assertEqual(totals["n"], 15)

    def test_it_finds_the_level_of_a_unit_by_itself(self):
        self.assertEqual(Activity.objects.levels_of(self.district_b), [1])
        self.assertEqual(Activity.objects.in_subtree(self.district_b).count(), 2)

    def test_it_groups_a_window_of_the_subtree_by_child_unit_and_kind(self):
        rows = (
            Activity.objects.within(
                self.province, datetime.date(2018, 1, 1), datetime.date(2018, 12, 31), depth=0
            )
            .values("level_1", "kind")
            .annotate(n=Count("id"), participants=Sum("participants"), items=Sum("items"))
            .order_by("level_1", "kind")
        )
        self.assertEqual(
            [(r["level_1"], r["kind"], r["n"], r["participants"], r["items"]) for r in rows],
            [
                (self.district_a.pk, OutreachKind.TALK, 2, 15, 0),
                (self.district_b.pk, OutreachKind.TALK, 1, 7, 0),
                (self.district_b.pk, OutreachKind.VISUAL, 1, 0, 4),
            ],
        )

    def test_it_leaves_deleted_activities_out_of_every_sum(self):
        activity = Activity.objects.get(unit=self.grassroots_a)
        services.activity_delete(activity=activity, user=self.officer_a)
        self.assertEqual(Activity.objects.in_subtree(self.district_a, depth=1).count(), 1)

    def test_it_keeps_a_past_window_on_the_tree_of_then_after_a_move(self):
        unit_services.unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MOVE_DAY)
        first_half = Activity.objects.within(
            self.district_b, datetime.date(2018, 1, 1), datetime.date(2018, 6, 30), depth=1
        )
        self.assertEqual(first_half.aggregate(n=Sum("participants"))["n"], 7)
