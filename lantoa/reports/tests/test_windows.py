"""Which records count in a period: Decree 09's windows by default (14 March in the first quarter,
15 March in the second), calendar months when the plan says so."""

import datetime

from lantoa.outreach import OutreachKind
from lantoa.periods.period import Period, WindowRule
from lantoa.reports import services
from lantoa.reports.content import build
from lantoa.reports.selectors import consolidate

from .factories import ReportsTestCase

Q1, Q2 = Period.parse("2018Q1"), Period.parse("2018Q2")


class WindowTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.activity(cls.grassroots_a, day=datetime.date(2018, 3, 14), kind=OutreachKind.TALK)
        cls.activity(cls.grassroots_a, day=datetime.date(2018, 3, 15), kind=OutreachKind.MEDIA)

    def counts(self, period, rule):
        values = consolidate(self.district_a, period, rule=rule).total.values
        return values["talk.count"], values["media.count"]

    def test_it_counts_14_march_in_the_first_quarter_and_15_march_in_the_second(self):
        self.assertEqual(self.counts(Q1, WindowRule.DECREE_09), (1, 0))
        self.assertEqual(self.counts(Q2, WindowRule.DECREE_09), (0, 1))

    def test_it_counts_both_in_the_first_quarter_under_the_calendar_rule(self):
        self.assertEqual(self.counts(Q1, WindowRule.CALENDAR), (1, 1))
        self.assertEqual(self.counts(Q2, WindowRule.CALENDAR), (0, 0))

    def test_it_takes_a_reports_window_from_its_plans_rule(self):
        plan = self.province_plan
        plan.window_rule = WindowRule.CALENDAR
        plan.save()
        report = services.report_start(
            plan=plan, unit=self.district_a, period=Q1, user=self.officer_a
        )
        content = build(report)
        self.assertEqual(content["window"], ["2018-01-01", "2018-03-31"])
        self.assertEqual(content["computed"]["activities.count"], 2)
