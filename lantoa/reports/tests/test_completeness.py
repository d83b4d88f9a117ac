"""Expected, submitted, on time, late and missing reports per child unit and per level; a unit
closed in the middle of the year is expected only for the periods it lived through."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantoa.periods.period import Period
from lantoa.plans.models import Deployment, ReportingLevel
from lantoa.reports.selectors import completeness, completeness_counts, expected_in_subtree
from lantoa.test import make_unit
from lantoa.units.models import UnitKind

from .factories import Q1, ReportsTestCase


class CompletenessTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A grassroots union of Châu Thành that received the district's plan, then was merged
        # away on 1 July 2018.
        cls.closed = make_unit(
            "A-2",
            UnitKind.GRASSROOTS_UNION,
            "Công đoàn cơ sở Trường Tiểu học An Khánh",
            cls.district_a,
            short_name="CĐCS Tiểu học An Khánh",
            phone="0275 3860 123",
            contact_person="Chủ tịch CĐCS",
            closed_on=datetime.date(2018, 7, 1),
        )
        received = cls.subplan["a"].deployments.get()
        Deployment.objects.create(
            plan=cls.subplan["a"],
            unit=cls.closed,
            received_at=received.received_at,
            acknowledge_due_on=received.acknowledge_due_on,
        )

    def expected_units(self, period):
        return {item.unit.code for item in expected_in_subtree(self.province, Period.parse(period))}

    def test_it_expects_a_unit_closed_mid_year_only_for_the_periods_it_lived_through(self):
        for period in ["2018Q1", "2018Q2", "2018S1"]:
            with self.subTest(period=period):
                self.assertIn("A-2", self.expected_units(period))
        for period in ["2018Q3", "2018Q4", "2018S2", "2018"]:
            with self.subTest(period=period):
                self.assertNotIn("A-2", self.expected_units(period))

    def test_it_expects_every_unit_that_received_a_plan_and_the_top_that_issued_one(self):
        self.assertEqual(self.expected_units("2018Q1"), {"P", "A", "B", "A-1", "A-2", "B-1"})

    def test_it_counts_submitted_on_time_late_and_missing_per_child_unit_and_level(self):
        self.submitted(self.grassroots_a, self.officer_a1, day=datetime.date(2018, 3, 15))
        self.submitted(self.grassroots_b, self.officer_b1, day=datetime.date(2018, 3, 16))
        self.submitted(self.district_a, self.officer_a, day=datetime.date(2018, 3, 19))
        board = completeness(self.province, Q1)
        total = board.total
        self.assertEqual(
            (total.expected, total.submitted, total.on_time, total.late, total.missing),
            (6, 3, 2, 1, 3),
        )
        rows = {child.code if child else None: tally for child, tally in board.rows}
        self.assertEqual((rows["A"].expected, rows["A"].submitted, rows["A"].missing), (3, 2, 1))
        self.assertEqual((rows["B"].expected, rows["B"].late, rows["B"].missing), (2, 1, 1))
        self.assertEqual((rows[None].expected, rows[None].missing), (1, 1))
        levels = dict(board.levels)
        self.assertEqual(levels[ReportingLevel.GRASSROOTS].submitted, 2)
        self.assertEqual(levels[ReportingLevel.UPPER].submitted, 1)
        self.assertEqual(levels[ReportingLevel.PROVINCE].missing, 1)

    def test_it_counts_without_listing_exactly_as_the_board_lists(self):
        self.submitted(self.grassroots_a, self.officer_a1, day=datetime.date(2018, 3, 15))
        self.submitted(self.grassroots_b, self.officer_b1, day=datetime.date(2018, 3, 16))

        def figures(tallies):
            def of(tally):
                return (tally.expected, tally.submitted, tally.on_time, tally.late, tally.missing)

            return (
                of(tallies.total),
                {branch: of(tally) for branch, tally in tallies.branches.items()},
                [(level, of(tally)) for level, tally in tallies.levels],
            )

        for unit in [self.province, self.district_a, self.grassroots_b]:
            for period in [Q1, Period.parse("2018Q3"), Period.parse("2018")]:
                with self.subTest(unit=unit.code, period=str(period)):
                    counts = figures(completeness_counts(unit, period))
                    self.assertEqual(counts, figures(completeness(unit, period)))
        self.assertEqual(figures(completeness_counts(self.province, Q1))[0], (6, 2, 1, 1, 4))

    def test_it_never_passes_one_hundred_percent(self):
        period = Period.parse("2018Q3")
        for unit, user in [
            (self.grassroots_a, self.officer_a1),
            (self.grassroots_b, self.officer_b1),
            (self.district_a, self.officer_a),
            (self.district_b, self.officer_b),
            (self.province, self.admin),
        ]:
            self.submitted(unit, user, period=period, day=datetime.date(2018, 9, 15))
        board = completeness(self.province, period)
        self.assertEqual((board.total.expected, board.total.submitted), (5, 5))
        self.assertEqual(board.total.rate, 1)

    def test_it_lists_the_missing_units_with_whom_to_call(self):
        self.login(self.admin)
        response = self.client.get(
            reverse("report_completeness", args=[self.province.pk, "2018Q1"])
        )
        self.assertContains(response, "CĐCS Tiểu học An Khánh")
        self.assertContains(response, "0275 3860 123")
        self.assertContains(response, self.officer_b.email)
        self.assertContains(response, self.officer_a1.display_name)

    def test_it_shows_a_district_only_its_own_subtree(self):
        self.login(self.officer_a)
        response = self.client.get(
            reverse("report_completeness", args=[self.district_a.pk, "2018Q1"])
        )
        self.assertContains(response, "CĐCS Tiểu học An Khánh")
        self.assertNotContains(response, "SIBLING-B")

    def test_it_reads_the_days_off_once_for_all_the_plans(self):
        with CaptureQueriesContext(connection) as queries:
            completeness(self.province, Q1)
        holiday_reads = [query for query in queries if "periods_holiday" in query["sql"]]
        self.assertEqual(len(holiday_reads), 1)
