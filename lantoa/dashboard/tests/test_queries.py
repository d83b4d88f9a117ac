"""The dashboard reads each group of figures with one set-based query: a province of six
district federations costs as many queries as one of two."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantoa.activities.tests.factories import make_activity
from lantoa.dashboard.figures import dashboard_url
from lantoa.outreach import OutreachKind
from lantoa.periods.period import Period
from lantoa.plans.tests.factories import issued
from lantoa.test import ScenarioTestCase, make_unit
from lantoa.units.models import Headcount, UnitKind

YEAR = Period.parse("2018")


class DashboardQueriesTestCase(ScenarioTestCase):
    @classmethod
    def province_of(cls, code, districts):
        """A province with `districts` district federations, each with a grassroots union that
        logged activities of every kind, and a plan sent to the districts."""
        province = make_unit(code, UnitKind.PROVINCIAL_FEDERATION, f"LĐLĐ tỉnh {code}")
        for index in range(districts):
            district = make_unit(
                f"{code}-{index}", UnitKind.DISTRICT_FEDERATION, f"LĐLĐ huyện {index}", province
            )
            grassroots = make_unit(
                f"{code}-{index}-1",
                UnitKind.GRASSROOTS_UNION,
                f"CĐCS {code} {index}",
                district,
                abbreviation="CĐCS",
            )
            Headcount.objects.create(
                unit=grassroots, year=2018, members=100, workers=120, industrial_workers=80
            )
            for kind in (OutreachKind.TALK, OutreachKind.VISUAL, OutreachKind.MEDIA):
                make_activity(grassroots, kind=kind, date=datetime.date(2018, 5, 10))
        issued(
            province,
            cls.admin,
            recipients=[{"name": "LĐLĐ các huyện", "unit_kinds": [UnitKind.DISTRICT_FEDERATION]}],
        )
        return province

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.small = cls.province_of("S", 2)
        cls.large = cls.province_of("L", 6)

    def queries(self, unit, name="dashboard"):
        url = dashboard_url(unit.pk, YEAR, name=name)
        self.client.get(url)  # sessions, content types and the like are read once
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(captured.captured_queries), response

    def test_it_reads_as_many_queries_for_six_child_units_as_for_two(self):
        self.login(self.admin)
        small, response = self.queries(self.small)
        self.assertEqual(len(response.context["dash"].consolidation.children), 2)
        large, response = self.queries(self.large)
        self.assertEqual(len(response.context["dash"].consolidation.children), 6)
        # A yearly report from each district and from the province itself.
        self.assertEqual(response.context["dash"].board.total.expected, 6 + 1)
        self.assertEqual(small, large)

    def test_it_writes_the_workbook_in_as_many_queries_whatever_the_tree(self):
        self.login(self.admin)
        small, _response = self.queries(self.small, "dashboard_xlsx")
        large, _response = self.queries(self.large, "dashboard_xlsx")
        self.assertEqual(small, large)
