"""The dashboard's figures are the consolidated report's: the same totals, lines per unit,
completeness and targets, and a trend whose quarters add up to the year."""

import datetime

from django.urls import reverse
from django.utils.html import escape

from lantoa.dashboard.figures import dashboard_url
from lantoa.outreach import OutreachKind
from lantoa.periods.period import Period
from lantoa.plans.models import PeriodKind, Target
from lantoa.reports.selectors import completeness, consolidate
from lantoa.reports.tests.factories import ReportsTestCase

YEAR = Period.parse("2018")
Q1 = Period.parse("2018Q1")


def table(response, code):
    return next(table for table in response.context["tables"] if table.code == code)


def row(table, label):
    return next(row for row in table.rows if row.label == label)


class DashboardFiguresTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Decree 09 windows: Q1 runs 15/12/2017-14/3/2018, Q3 15/6-14/9.
        cls.activity(cls.grassroots_a, kind=OutreachKind.TALK, participants=40, day=_d(3, 10))
        cls.activity(
            cls.grassroots_a, kind=OutreachKind.DISSEMINATION, participants=25, day=_d(7, 2)
        )
        cls.activity(cls.grassroots_b, kind=OutreachKind.VISUAL, day=_d(3, 1))
        cls.activity(cls.district_a, kind=OutreachKind.MEDIA, day=_d(8, 20))
        cls.activity(
            cls.province,
            kind=OutreachKind.TALK,
            participants=10,
            women=5,
            industrial_workers=5,
            day=_d(2, 5),
        )
        # Outside the year's window (after 14/12/2018): counted nowhere in 2018.
        cls.activity(cls.grassroots_a, kind=OutreachKind.TALK, participants=99, day=_d(12, 20))

    def open(self, unit, period, user=None):
        self.login(user or self.admin)
        response = self.client.get(dashboard_url(unit.pk, period))
        self.assertEqual(response.status_code, 200)
        return response

    def test_it_gives_the_consolidated_reports_figures(self):
        response = self.open(self.province, YEAR)
        report = consolidate(self.province, YEAR)
        self.assertEqual(response.context["dash"].values, report.total.values)
        for mine, theirs in zip(
            response.context["dash"].consolidation.lines, report.lines, strict=True
        ):
            self.assertEqual(mine.values, theirs.values)

    def test_it_sums_the_activities_of_the_scenario_by_hand(self):
        response = self.open(self.province, YEAR)
        values = response.context["dash"].values
        self.assertEqual(values["activities.count"], 5)
        self.assertEqual(values["participants"], 40 + 25 + 10)
        self.assertEqual(values["talk.count"], 2)
        self.assertEqual(values["media.count"], 1)
        self.assertEqual(values["visual.items"], 2 + 5)  # the factory's banners and posters
        headline = {card["code"]: card for card in response.context["cards"]}
        self.assertEqual(headline["activities.count"]["value"], 5)
        self.assertContains(response, '<div class="figure-big">75</div>', html=True)

    def test_it_shows_coverage_as_attendances_over_headcount(self):
        response = self.open(self.district_a, YEAR)
        values = response.context["dash"].values
        self.assertEqual(values["headcount.members"], 400)
        self.assertEqual(values["coverage.members"], round(65 / 400, 4))
        self.assertContains(response, "lượt người ÷ 400 đoàn viên")

    def test_it_counts_reports_as_the_completeness_board(self):
        self.submitted(self.grassroots_a, self.officer_a1)
        response = self.open(self.province, Q1)
        board = completeness(self.province, Q1)
        completeness_table = table(response, "completeness")
        total = completeness_table.rows[0].values
        self.assertEqual(
            total[:5],
            [
                board.total.expected,
                board.total.submitted,
                board.total.on_time,
                board.total.late,
                board.total.missing,
            ],
        )
        self.assertEqual(board.total.submitted, 1)
        self.assertContains(response, f"1/{board.total.expected}")

    def test_it_sets_the_plans_targets_beside_the_results(self):
        line = self.subplan["a"].activity_lines.get(kind=OutreachKind.TALK)
        Target.objects.create(line=line, quantity=3, per=PeriodKind.HALF, unit=self.grassroots_a)
        response = self.open(self.grassroots_a, Period.parse("2018S1"))
        targets = table(response, "targets")
        self.assertEqual(len(targets.rows), 1)
        self.assertEqual(targets.rows[0].values, [3, 1, 1 / 3])
        self.assertContains(response, self.subplan["a"].number_symbol)

    def test_it_adds_the_quarters_of_the_trend_up_to_the_year(self):
        response = self.open(self.province, YEAR)
        trend = response.context["dash"].trend
        self.assertEqual([quarter for quarter, _values in trend], YEAR.subperiods())
        for code in ("activities.count", "participants", "media.count"):
            with self.subTest(code=code):
                self.assertEqual(
                    sum(values[code] for _quarter, values in trend),
                    response.context["dash"].values[code],
                )
        self.assertEqual(trend[0][1]["activities.count"], 3)
        self.assertEqual(trend[2][1]["activities.count"], 2)

    def test_it_breaks_down_by_kind_and_by_place(self):
        response = self.open(self.province, YEAR)
        kinds = table(response, "kinds")
        self.assertEqual(row(kinds, "Tọa đàm, nói chuyện chuyên đề, giao lưu").values, [2, 50])
        places = table(response, "places")
        self.assertEqual(row(places, "Tại doanh nghiệp").values, [3])
        self.assertEqual(row(places, "Tại khu công nghiệp").values, [1])

    def test_it_gives_each_child_unit_its_line_and_a_link_down(self):
        response = self.open(self.province, YEAR)
        units = table(response, "units")
        line_a = row(units, self.district_a.short_name)
        self.assertEqual(line_a.values[:2], [3, 65])
        self.assertEqual(line_a.url, dashboard_url(self.district_a.pk, YEAR))
        self.assertContains(response, f'href="{escape(line_a.url)}"')
        response = self.client.get(line_a.url)
        grassroots = dashboard_url(self.grassroots_a.pk, YEAR)
        self.assertContains(response, f'href="{escape(grassroots)}"')
        self.assertContains(response, f'href="{escape(dashboard_url(self.province.pk, YEAR))}"')
        response = self.client.get(grassroots)
        self.assertNotIn("units", [table.code for table in response.context["tables"]])

    def test_it_writes_the_counts_of_units_as_the_readers_language_groups_thousands(self):
        self.activity(self.grassroots_a, kind=OutreachKind.TALK, participants=1234, day=_d(4, 2))
        cell = '<td class="num">%s</td>'
        self.assertContains(self.open(self.province, YEAR), cell % "1.299")
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        self.assertContains(self.client.get(dashboard_url(self.province.pk, YEAR)), cell % "1,299")

    def test_it_escapes_the_names_of_units_in_its_tables(self):
        self.district_a.short_name = "<b>LĐLĐ A</b>"
        self.district_a.save()
        response = self.open(self.province, YEAR)
        self.assertContains(response, "&lt;b&gt;LĐLĐ A&lt;/b&gt;</a></th>")
        self.assertNotContains(response, "<b>LĐLĐ A</b>")

    def test_it_counts_no_report_as_zero_for_a_unit_that_owes_none(self):
        response = self.open(self.province, Period.parse("2017"))
        units = table(response, "units")
        self.assertEqual(row(units, self.district_a.short_name).values[-2:], [0, 0])
        self.assertEqual(units.rows[-1].values[-2:], [0, 0])

    def test_it_opens_a_year_none_of_whose_quarters_has_begun(self):
        response = self.open(self.province, Period.parse("2999"))
        self.assertEqual(response.context["dash"].trend, [])

    def test_it_opens_on_the_users_unit_and_the_year_of_its_latest_plan(self):
        self.login(self.viewer_a)
        response = self.client.get(reverse("dashboard"))
        self.assertEqual(response.context["unit"], self.district_a)
        self.assertEqual(response.context["period"], YEAR)

    def test_it_draws_each_chart_from_its_tables_figures(self):
        response = self.open(self.province, YEAR)
        charts = response.context["charts"]
        units = table(response, "units")
        chart = charts["units"]
        drawn = dict(zip(chart["labels"], chart["datasets"][0]["data"], strict=True))
        for line in units.rows:
            if not line.role:
                self.assertEqual(drawn[line.label], line.values[0] or 0)
        self.assertContains(response, 'id="dashboard-charts"')

    def test_it_swaps_only_the_dashboard_for_htmx(self):
        self.login(self.admin)
        response = self.client.get(
            dashboard_url(self.province.pk, Q1), headers={"HX-Request": "true"}
        )
        self.assertContains(response, 'id="dashboard"')
        self.assertNotContains(response, "<html")
        response = self.client.get(
            dashboard_url(self.province.pk, Q1),
            headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
        )
        self.assertContains(response, "<html")


def _d(month, day):
    return datetime.date(2018, month, day)
