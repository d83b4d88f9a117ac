"""The aggregates reports read: one grouped query over a subtree, per child unit."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantoa.activities.selectors import activity_totals, media_totals
from lantoa.outreach import OutreachKind
from lantoa.test import ScenarioTestCase
from lantoa.units.models import PlaceKind

from .factories import make_activity, outlet

START, END = datetime.date(2017, 12, 15), datetime.date(2018, 3, 14)


class ReportSelectorsTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        day = datetime.date(2018, 3, 1)
        make_activity(cls.grassroots_a, date=day, participants=30, women=10, industrial_workers=25)
        make_activity(cls.grassroots_a, date=day, participants=20, women=5, industrial_workers=20)
        make_activity(cls.grassroots_b, date=day, kind=OutreachKind.VISUAL, banners=3, posters=4)
        make_activity(cls.province, date=day, kind=OutreachKind.MEDIA)
        make_activity(cls.grassroots_a, date=datetime.date(2018, 3, 15), participants=99)

    def test_it_sums_per_child_kind_and_place_kind_in_one_query(self):
        with CaptureQueriesContext(connection) as queries:
            rows = activity_totals(self.province, START, END, depth=0)
        self.assertEqual(len(queries), 1)
        found = {(row["child"], row["kind"], row["place_kind"]): row for row in rows}
        talks = found[(self.district_a.pk, OutreachKind.TALK, PlaceKind.ENTERPRISE)]
        self.assertEqual((talks["count"], talks["participants"], talks["women"]), (2, 50, 15))
        visual = found[(self.district_b.pk, OutreachKind.VISUAL, PlaceKind.INDUSTRIAL_PARK)]
        self.assertEqual((visual["items"], visual["banners"], visual["posters"]), (7, 3, 4))
        self.assertEqual(found[(None, OutreachKind.MEDIA, "")]["items"], 1)
        self.assertEqual(len(rows), 3)

    def test_it_finds_the_units_level_when_not_told(self):
        rows = activity_totals(self.district_a, START, END, depth=None)
        self.assertEqual(
            [(row["child"], row["count"]) for row in rows], [(self.grassroots_a.pk, 2)]
        )

    def test_it_counts_media_items_per_child_and_outlet(self):
        rows = media_totals(self.province, START, END, depth=0)
        self.assertEqual(rows, [{"child": None, "outlet_id": outlet().pk, "count": 1}])
