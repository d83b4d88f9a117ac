"""A period the dashboard cannot read is answered in Vietnamese, with a way back to a valid one."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from lantoa.dashboard.figures import dashboard_url
from lantoa.periods.period import Period
from lantoa.test import ScenarioTestCase


class DashboardPeriodTestCase(ScenarioTestCase):
    def test_it_explains_a_period_it_cannot_read(self):
        # No plan in the scenario: the way back opens this year.
        this_year = Period.whole_year(timezone.localdate().year)
        self.login(self.officer_a)
        for name in ("dashboard", "dashboard_xlsx"):
            with self.subTest(page=name):
                response = self.client.get(reverse(name) + "?period=2018Q5")
                self.assertContains(
                    response,
                    "“2018Q5” không phải là kỳ báo cáo: hãy viết 2018Q1, 2018S1 hoặc 2018.",
                    status_code=400,
                )
                self.assertContains(
                    response,
                    f'href="{escape(dashboard_url(self.district_a.pk, this_year))}"',
                    status_code=400,
                )

    def test_it_refuses_a_year_without_calendar_dates(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("dashboard") + "?period=0001Q1")
        self.assertContains(response, "Năm phải từ 1900 đến 2999.", status_code=400)

    def test_it_reads_periods_written_loosely(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("dashboard") + "?period=2018s1")
        self.assertEqual(response.context["period"], Period.parse("2018S1"))
