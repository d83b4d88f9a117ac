"""Headcounts carry their unit's ancestors on the census day, and are counted where their unit
stood on the day a report asks about."""

import datetime
from unittest import mock

from lantoa.test import ScenarioTestCase, make_unit
from lantoa.units import selectors
from lantoa.units.models import Headcount, UnitKind, UnitLink
from lantoa.units.selectors import headcounts_by_branch
from lantoa.units.services import unit_move

MID_YEAR = datetime.date(2018, 7, 1)
END_OF_MARCH = datetime.date(2018, 3, 31)
END_OF_YEAR = datetime.date(2018, 12, 31)


class HeadcountLevelsTestCase(ScenarioTestCase):
    def levels(self, unit):
        headcount = Headcount.objects.get(unit=unit, year=2018)
        return (headcount.level_0, headcount.level_1, headcount.level_2, headcount.level_3)

    def test_it_stamps_a_headcount_with_its_units_ancestors(self):
        self.assertEqual(
            self.levels(self.grassroots_a),
            (self.province.pk, self.district_a.pk, self.grassroots_a.pk, None),
        )

    def test_it_restamps_the_headcounts_of_a_moved_union(self):
        unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MID_YEAR)
        self.assertEqual(
            self.levels(self.grassroots_a),
            (self.province.pk, self.district_b.pk, self.grassroots_a.pk, None),
        )

    def test_it_restamps_a_subtree_whose_link_is_edited_outside_the_services(self):
        link = self.district_a.parent_links.get()
        link.parent = self.district_b
        link.save()
        self.assertEqual(
            self.levels(self.grassroots_a),
            (self.province.pk, self.district_b.pk, self.district_a.pk, self.grassroots_a.pk),
        )

    def test_it_counts_people_under_the_federation_their_union_sat_in_on_the_day(self):
        unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MID_YEAR)
        march = headcounts_by_branch(self.province, on=END_OF_MARCH, year=2018)
        december = headcounts_by_branch(self.province, on=END_OF_YEAR, year=2018)
        self.assertEqual(
            (march[self.district_a.pk]["members"], march[self.district_b.pk]["members"]),
            (400, 300),
        )
        self.assertEqual(december[self.district_b.pk]["members"], 700)
        self.assertNotIn(self.district_a.pk, december)

    def test_it_counts_a_union_closed_later_in_the_year_until_it_closed(self):
        link = self.grassroots_a.parent_links.get()
        link.valid_to = datetime.date(2018, 10, 1)
        link.save()
        march = headcounts_by_branch(self.district_a, on=END_OF_MARCH, year=2018)
        december = headcounts_by_branch(self.district_a, on=END_OF_YEAR, year=2018)
        self.assertEqual(march[self.grassroots_a.pk]["members"], 400)
        self.assertEqual(december, {})

    def test_it_counts_people_below_a_unit_whose_federation_joined_another_later_in_the_year(self):
        nation = make_unit("VN", UnitKind.PROVINCIAL_FEDERATION, "Tổng Liên đoàn Lao động")
        UnitLink.objects.create(unit=self.province, parent=nation, valid_from=MID_YEAR)
        march = headcounts_by_branch(self.district_a, on=END_OF_MARCH, year=2018)
        self.assertEqual(
            march,
            {self.grassroots_a.pk: {"members": 400, "workers": 450, "industrial_workers": 400}},
        )

    def test_it_walks_the_tree_when_too_many_unions_moved_to_recount_them(self):
        unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MID_YEAR)
        walk = mock.patch.object(selectors, "_walked_people", wraps=selectors._walked_people)
        with mock.patch.object(selectors, "RECOUNT_LIMIT", 0), walk as walked:
            march = headcounts_by_branch(self.province, on=END_OF_MARCH, year=2018)
        walked.assert_called_once()
        self.assertEqual(march[self.district_a.pk]["members"], 400)
