import datetime

from django.test import SimpleTestCase

from lantoa.periods.period import Period, PeriodKind, WindowRule

d = datetime.date


class PeriodWindowTestCase(SimpleTestCase):
    def test_it_opens_the_first_quarter_on_15_december_under_decree_09(self):
        self.assertEqual(Period.parse("2018Q1").window(), (d(2017, 12, 15), d(2018, 3, 14)))

    def test_it_counts_14_march_in_the_first_quarter_and_15_march_in_the_second(self):
        self.assertEqual(
            Period.containing(d(2018, 3, 14), PeriodKind.QUARTER), Period.parse("2018Q1")
        )
        self.assertEqual(
            Period.containing(d(2018, 3, 15), PeriodKind.QUARTER), Period.parse("2018Q2")
        )

    def test_it_counts_15_march_in_the_first_quarter_under_the_calendar_rule(self):
        period = Period.containing(d(2018, 3, 15), PeriodKind.QUARTER, WindowRule.CALENDAR)
        self.assertEqual(period, Period.parse("2018Q1"))
        self.assertEqual(period.window(WindowRule.CALENDAR), (d(2018, 1, 1), d(2018, 3, 31)))

    def test_it_puts_late_december_into_next_years_first_quarter(self):
        self.assertEqual(str(Period.containing(d(2018, 12, 20), PeriodKind.QUARTER)), "2019Q1")
        self.assertEqual(str(Period.containing(d(2018, 12, 20), PeriodKind.YEAR)), "2019")

    def test_it_gives_the_half_year_and_year_windows_of_decree_09(self):
        self.assertEqual(Period.parse("2018S1").window(), (d(2017, 12, 15), d(2018, 6, 14)))
        self.assertEqual(Period.parse("2018S2").window(), (d(2018, 6, 15), d(2018, 12, 14)))
        self.assertEqual(Period.parse("2018").window(), (d(2017, 12, 15), d(2018, 12, 14)))

    def test_it_ends_a_calendar_february_quarter_on_the_last_day(self):
        self.assertEqual(Period.parse("2020S1").window(WindowRule.CALENDAR)[1], d(2020, 6, 30))

    def test_it_reads_and_writes_dhis2_identifiers(self):
        for text in ["2018Q1", "2018Q4", "2018S1", "2018S2", "2018"]:
            self.assertEqual(str(Period.parse(text)), text)
        self.assertEqual(str(Period.parse(" 2018q2 ")), "2018Q2")

    def test_it_refuses_a_period_that_does_not_exist(self):
        for text in ["2018Q5", "2018S3", "Q1", "", "2018-01"]:
            with self.subTest(text=text), self.assertRaises(ValueError):
                Period.parse(text)

    def test_it_lists_the_seven_periods_of_a_year(self):
        self.assertEqual(
            [str(p) for p in Period.all_of_year(2018)],
            ["2018Q1", "2018Q2", "2018Q3", "2018Q4", "2018S1", "2018S2", "2018"],
        )

    def test_it_names_periods_for_people(self):
        self.assertEqual(Period.parse("2018Q3").label, "Quý III/2018")
        self.assertEqual(Period.parse("2018S1").label, "6 tháng đầu năm 2018")

    def test_it_splits_a_year_into_quarters_for_trends(self):
        self.assertEqual(
            [str(p) for p in Period.parse("2018S2").subperiods()], ["2018Q3", "2018Q4"]
        )
