"""The shared test scenario every app's tests build on.

A province with two sibling district federations (A: Châu Thành, B: Giồng Trôm), one grassroots
union under each, an officer and a viewer in each district, and the province's administrator.
Records that belong to B carry the marker text `SIBLING-B` so that a page of A can be searched for
leaks of B's data.
"""

import datetime

from django.test import TestCase

from lantoa.accounts.models import Role, User
from lantoa.units.kinds import ensure_standard_kinds
from lantoa.units.models import Headcount, Place, PlaceKind, Unit, UnitKind, UnitLink

TREE_SINCE = datetime.date(2010, 1, 1)
MARKER_A = "SIBLING-A"
MARKER_B = "SIBLING-B"


def make_unit(code, kind_code, name, parent=None, *, since=TREE_SINCE, **fields):
    unit = Unit.objects.create(
        code=code,
        kind=UnitKind.objects.get(code=kind_code),
        name=name,
        short_name=fields.pop("short_name", name),
        abbreviation=fields.pop("abbreviation", "LĐLĐ"),
        opened_on=fields.pop("opened_on", since),
        **fields,
    )
    if parent is not None:
        UnitLink.objects.create(unit=unit, parent=parent, valid_from=since)
    return unit


def make_user(username, unit, role):
    return User.objects.create(username=username, unit=unit, role=role, email=f"{username}@x.vn")


class Scenario:
    """Build the scenario onto any object (a TestCase class, a pytest namespace)."""

    @staticmethod
    def build(target):
        # Live-server tests flush the database, data migrations included.
        ensure_standard_kinds(UnitKind)
        target.province = make_unit(
            "P",
            UnitKind.PROVINCIAL_FEDERATION,
            "Liên đoàn Lao động tỉnh Bến Tre",
            short_name="LĐLĐ tỉnh Bến Tre",
        )
        target.district_a = make_unit(
            "A",
            UnitKind.DISTRICT_FEDERATION,
            "Liên đoàn Lao động huyện Châu Thành",
            target.province,
            short_name="LĐLĐ huyện Châu Thành",
        )
        target.district_b = make_unit(
            "B",
            UnitKind.DISTRICT_FEDERATION,
            "Liên đoàn Lao động huyện Giồng Trôm",
            target.province,
            short_name="LĐLĐ huyện Giồng Trôm",
        )
        target.grassroots_a = make_unit(
            "A-1",
            UnitKind.GRASSROOTS_UNION,
            f"Công đoàn cơ sở Công ty May Tân Thạch {MARKER_A}",
            target.district_a,
            short_name=f"CĐCS May Tân Thạch {MARKER_A}",
            abbreviation="CĐCS",
        )
        target.grassroots_b = make_unit(
            "B-1",
            UnitKind.GRASSROOTS_UNION,
            f"Công đoàn cơ sở Công ty Dừa Lương Quới {MARKER_B}",
            target.district_b,
            short_name=f"CĐCS Dừa Lương Quới {MARKER_B}",
            abbreviation="CĐCS",
        )
        target.place_a = Place.objects.create(
            unit=target.grassroots_a, kind=PlaceKind.ENTERPRISE, name=f"Xưởng may {MARKER_A}"
        )
        target.place_b = Place.objects.create(
            unit=target.grassroots_b, kind=PlaceKind.ENTERPRISE, name=f"Xưởng dừa {MARKER_B}"
        )
        for unit, members in [(target.grassroots_a, 400), (target.grassroots_b, 300)]:
            Headcount.objects.create(
                unit=unit,
                year=2018,
                members=members,
                workers=members + 50,
                industrial_workers=members,
            )
        target.admin = make_user("admin", target.province, Role.ADMIN)
        target.officer_a = make_user("officer_a", target.district_a, Role.OFFICER)
        target.viewer_a = make_user("viewer_a", target.district_a, Role.VIEWER)
        target.officer_b = make_user("officer_b", target.district_b, Role.OFFICER)
        target.viewer_b = make_user("viewer_b", target.district_b, Role.VIEWER)


class ScenarioTestCase(TestCase):
    """Base class of app tests: the scenario is built once per class, rolled back after."""

    @classmethod
    def setUpTestData(cls):
        Scenario.build(cls)

    def login(self, user):
        self.client.force_login(user)
