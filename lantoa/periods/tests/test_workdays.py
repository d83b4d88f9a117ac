import datetime

from django.test import SimpleTestCase, TestCase

from lantoa.periods.models import Holiday
from lantoa.periods.period import Period, WindowRule
from lantoa.periods.workdays import add_workdays, is_workday, report_deadline, workday_after

d = datetime.date


class WorkdayTestCase(SimpleTestCase):
    def test_it_counts_from_friday_to_monday(self):
        self.assertEqual(add_workdays(d(2018, 3, 16), 1), d(2018, 3, 19))

    def test_it_skips_the_fixed_public_holidays(self):
        # Friday 27 April 2018, then the weekend, 30 April and 1 May.
        self.assertEqual(add_workdays(d(2018, 4, 27), 1), d(2018, 5, 2))
        self.assertFalse(is_workday(d(2018, 9, 2)))

    def test_it_skips_the_days_off_it_is_given(self):
        tet = {d(2018, 2, 14) + datetime.timedelta(days=n) for n in range(7)}
        self.assertEqual(add_workdays(d(2018, 2, 13), 1, tet), d(2018, 2, 21))


class ReportDeadlineTestCase(TestCase):
    def test_it_skips_the_recorded_days_off(self):
        Holiday.objects.create(day=d(2018, 3, 15), name="Nghỉ bù")
        self.assertEqual(workday_after(d(2018, 3, 14), 1), d(2018, 3, 16))

    def test_it_puts_the_deadline_a_working_day_after_the_data_window_closes(self):
        # Q1 2018 closes on Wednesday 14 March; Q3 on Friday 14 September.
        self.assertEqual(report_deadline(Period.parse("2018Q1"), workdays=1), d(2018, 3, 15))
        self.assertEqual(report_deadline(Period.parse("2018Q3"), workdays=1), d(2018, 9, 17))

    def test_it_follows_the_calendar_window_when_the_plan_says_so(self):
        # The year closes on 31 December (a Monday in 2018); 1 January is a holiday.
        deadline = report_deadline(Period.parse("2018"), rule=WindowRule.CALENDAR, workdays=1)
        self.assertEqual(deadline, d(2019, 1, 2))
