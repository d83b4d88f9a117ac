"""The reporting scenario: the shared scenario's cascade of plans (the province's to both
districts, each district's own to its grassroots union), an officer in each grassroots union,
and helpers to start, submit and review reports at chosen moments of 2018."""

import datetime
import zoneinfo

from django.conf import settings

from lantoa.accounts.models import Role
from lantoa.activities.tests.factories import make_activity
from lantoa.periods.period import Period
from lantoa.plans.tests.factories import cascade
from lantoa.reports import services
from lantoa.test import ScenarioTestCase, make_user

ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
Q1 = Period.parse("2018Q1")
# Quarter 1 under Decree 09: data from 15/12/2017 to 14/3/2018; grassroots unions report by
# 15/3, the districts by 19/3, the province by 21/3.
IN_Q1 = datetime.date(2018, 3, 10)


def moment(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZONE)


class ReportsTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cascade(cls)
        cls.officer_a1 = make_user("officer_a1", cls.grassroots_a, Role.OFFICER)
        cls.officer_b1 = make_user("officer_b1", cls.grassroots_b, Role.OFFICER)

    @classmethod
    def plan_of(cls, unit):
        if unit in (cls.district_a, cls.district_b, cls.province):
            return cls.province_plan
        return cls.subplan["a" if unit == cls.grassroots_a else "b"]

    @classmethod
    def start(cls, unit, user, period=Q1):
        return services.report_start(plan=cls.plan_of(unit), unit=unit, period=period, user=user)

    @classmethod
    def submitted(cls, unit, user, *, period=Q1, day=datetime.date(2018, 3, 15)):
        report = cls.start(unit, user, period)
        services.report_submit(report=report, user=user, now=moment(day))
        report.refresh_from_db()
        return report

    @classmethod
    def accepted(cls, unit, user, reviewer, *, period=Q1):
        report = cls.submitted(unit, user, period=period)
        services.report_accept(report=report, user=reviewer, now=moment(datetime.date(2018, 3, 20)))
        report.refresh_from_db()
        return report

    @classmethod
    def activity(cls, unit, *, day=IN_Q1, **fields):
        return make_activity(unit, date=day, **fields)
