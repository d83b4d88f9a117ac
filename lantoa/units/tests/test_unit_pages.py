import datetime

from django.urls import reverse

from lantoa.test import MARKER_A, ScenarioTestCase
from lantoa.units.models import Headcount, Place, PlaceKind, Unit, UnitKind


class UnitPagesTestCase(ScenarioTestCase):
    def test_it_shows_a_unit_with_its_children_headcounts_and_users(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("unit_detail", args=[self.district_a.pk]))
        self.assertContains(response, "Liên đoàn Lao động huyện Châu Thành")
        self.assertContains(response, MARKER_A)  # its grassroots union
        self.assertContains(response, "officer_a")

    def test_it_sums_the_subtree_headcount_in_vietnamese_digits(self):
        Headcount.objects.create(
            unit=self.district_a, year=2018, members=1200, workers=1300, industrial_workers=0
        )
        self.login(self.officer_a)
        response = self.client.get(reverse("unit_detail", args=[self.district_a.pk]))
        self.assertContains(response, "1.600")  # 1.200 of its own + 400 of its grassroots union

    def test_it_lets_an_officer_enter_a_years_headcount(self):
        self.login(self.officer_a)
        response = self.client.post(
            reverse("headcount_edit", args=[self.grassroots_a.pk]),
            {"year": 2019, "members": 410, "workers": 460, "industrial_workers": 420},
        )
        self.assertRedirects(response, reverse("unit_detail", args=[self.grassroots_a.pk]))
        self.assertEqual(Headcount.objects.get(unit=self.grassroots_a, year=2019).members, 410)

    def test_it_updates_an_existing_year_instead_of_duplicating_it(self):
        self.login(self.officer_a)
        self.client.post(
            reverse("headcount_edit", args=[self.grassroots_a.pk]),
            {"year": 2018, "members": 401, "workers": 450, "industrial_workers": 400},
        )
        self.assertEqual(Headcount.objects.get(unit=self.grassroots_a, year=2018).members, 401)

    def test_it_refuses_more_industrial_workers_than_workers(self):
        self.login(self.officer_a)
        response = self.client.post(
            reverse("headcount_edit", args=[self.grassroots_a.pk]),
            {"year": 2019, "members": 10, "workers": 20, "industrial_workers": 30},
        )
        self.assertContains(response, "không thể nhiều hơn")
        self.assertFalse(Headcount.objects.filter(unit=self.grassroots_a, year=2019).exists())

    def test_it_forbids_a_viewer_to_enter_headcounts(self):
        self.login(self.viewer_a)
        response = self.client.post(
            reverse("headcount_edit", args=[self.grassroots_a.pk]),
            {"year": 2019, "members": 1, "workers": 1, "industrial_workers": 0},
        )
        self.assertEqual(response.status_code, 403)

    def test_it_lets_the_administrator_create_a_unit_below_another(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("unit_create"),
            {
                "kind": UnitKind.objects.get(code=UnitKind.GRASSROOTS_UNION).pk,
                "name": "Công đoàn cơ sở Công ty Giày An Hiệp",
                "short_name": "CĐCS Giày An Hiệp",
                "abbreviation": "CĐCS",
                "code": "A-9",
                "opened_on": "2018-01-01",
                "parent": self.district_a.pk,
                "effective_from": "2018-01-01",
            },
        )
        unit = Unit.objects.get(code="A-9")
        self.assertRedirects(response, reverse("unit_detail", args=[unit.pk]))
        self.assertEqual(unit.parent_on(datetime.date(2018, 6, 1)), self.district_a)

    def test_it_moves_a_unit_from_the_chosen_day_when_its_parent_changes(self):
        self.login(self.admin)
        self.client.post(
            reverse("unit_edit", args=[self.grassroots_a.pk]),
            {
                "kind": self.grassroots_a.kind_id,
                "name": self.grassroots_a.name,
                "short_name": self.grassroots_a.short_name,
                "abbreviation": "CĐCS",
                "code": "A-1",
                "opened_on": "2010-01-01",
                "parent": self.district_b.pk,
                "effective_from": "2025-07-01",
            },
        )
        self.assertEqual(self.grassroots_a.parent_on(datetime.date(2018, 1, 1)), self.district_a)
        self.assertEqual(self.grassroots_a.parent_on(datetime.date(2025, 7, 1)), self.district_b)

    def test_it_forbids_officers_to_create_units(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("unit_create"))
        self.assertEqual(response.status_code, 403)

    def test_it_lets_the_administrator_add_a_boarding_house_area(self):
        self.login(self.admin)
        self.client.post(
            reverse("place_create", args=[self.district_a.pk]),
            {
                "kind": PlaceKind.BOARDING_AREA,
                "name": "Khu nhà trọ ấp Phước Thạnh",
                "is_active": "on",
            },
        )
        place = Place.objects.get(name="Khu nhà trọ ấp Phước Thạnh")
        self.assertEqual((place.unit, place.kind), (self.district_a, PlaceKind.BOARDING_AREA))

    def test_it_shows_the_tree_from_the_officers_own_unit(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("unit_list"))
        self.assertContains(response, "LĐLĐ huyện Châu Thành")
        self.assertNotContains(response, "LĐLĐ tỉnh Bến Tre")

    def test_it_sends_anonymous_visitors_to_the_login_page(self):
        response = self.client.get(reverse("unit_list"))
        self.assertRedirects(response, reverse("login") + "?next=/units/")
