"""A dashboard shows a unit only to those who see it: the officer of district A opens neither
district B's dashboard nor its workbook, nor the province's."""

from django.urls import reverse
from django.utils.html import escape

from lantoa.dashboard.figures import dashboard_url
from lantoa.periods.period import Period
from lantoa.test import MARKER_B, ScenarioTestCase

YEAR = Period.parse("2018")


class DashboardScopeTestCase(ScenarioTestCase):
    def test_it_answers_not_found_for_a_sibling_or_a_parent(self):
        self.login(self.officer_a)
        for unit in (self.district_b, self.grassroots_b, self.province):
            for name in ("dashboard", "dashboard_xlsx"):
                with self.subTest(unit=unit.code, page=name):
                    response = self.client.get(dashboard_url(unit.pk, YEAR, name=name))
                    self.assertEqual(response.status_code, 404)

    def test_it_opens_the_users_own_subtree(self):
        self.login(self.viewer_a)
        for unit in (self.district_a, self.grassroots_a):
            for name in ("dashboard", "dashboard_xlsx"):
                with self.subTest(unit=unit.code, page=name):
                    response = self.client.get(dashboard_url(unit.pk, YEAR, name=name))
                    self.assertEqual(response.status_code, 200)

    def test_it_shows_no_sibling_and_no_way_up_above_the_users_unit(self):
        self.login(self.officer_a)
        response = self.client.get(dashboard_url(self.district_a.pk, YEAR))
        self.assertNotContains(response, MARKER_B)
        self.assertNotContains(response, f'href="{escape(dashboard_url(self.province.pk, YEAR))}"')

    def test_it_answers_not_found_for_a_unit_that_is_not_a_number(self):
        self.login(self.admin)
        response = self.client.get(reverse("dashboard") + "?unit=abc&period=2018")
        self.assertEqual(response.status_code, 404)
