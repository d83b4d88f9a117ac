"""The list with its filters, the detail page, edits that keep history and never overwrite."""

import datetime

from django.urls import reverse

from lantoa.activities import services
from lantoa.activities.models import Activity
from lantoa.outreach import OutreachKind
from lantoa.test import MARKER_B, ScenarioTestCase, make_unit
from lantoa.units import services as unit_services
from lantoa.units.models import PlaceKind, UnitKind

from .factories import make_activity


class ListTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.talk = make_activity(
            cls.grassroots_a,
            title="Tọa đàm khởi nghiệp cho công nhân",
            date=datetime.date(2018, 3, 10),
            participants=40,
            women=10,
            industrial_workers=30,
        )
        cls.banner = make_activity(
            cls.district_a,
            kind=OutreachKind.VISUAL,
            title="Băng rôn Đồng Khởi",
            date=datetime.date(2018, 5, 2),
            place_kind=PlaceKind.BOARDING_AREA,
            banners=3,
            posters=0,
        )
        cls.other_side = make_activity(cls.grassroots_b, title=f"Tọa đàm {MARKER_B}")

    def titles(self, **query):
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_list"), query)
        return {activity.title for activity in response.context["page"]}

    def test_it_lists_only_the_activities_in_the_officers_scope(self):
        self.assertEqual(self.titles(), {self.talk.title, self.banner.title})

    def test_it_lists_every_activity_under_every_root_to_the_federation_admin(self):
        other_root = make_unit("Q", UnitKind.PROVINCIAL_FEDERATION, "Liên đoàn Lao động tỉnh khác")
        elsewhere = make_activity(other_root, title="Tọa đàm ở tỉnh khác")
        self.login(self.admin)
        response = self.client.get(reverse("activity_list"))
        self.assertEqual(
            [activity.title for activity in response.context["page"]],
            [self.banner.title, elsewhere.title, self.other_side.title, self.talk.title],
        )
        self.assertEqual(response.context["summary"]["count"], 4)

    def test_it_searches_without_diacritics(self):
        self.assertEqual(self.titles(q="toa dam KHOI nghiep"), {self.talk.title})

    def test_it_filters_a_period_by_its_decree_09_window(self):
        # 2018Q1 runs from 15/12/2017 to 14/3/2018.
        self.assertEqual(self.titles(period="2018Q1"), {self.talk.title})
        self.assertEqual(self.titles(period="2018Q2"), {self.banner.title})

    def test_it_filters_a_period_by_calendar_months_when_asked(self):
        self.assertEqual(self.titles(period="2018Q1", window="calendar"), {self.talk.title})

    def test_it_explains_a_period_it_cannot_read(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_list"), {"period": "quý 1"})
        self.assertContains(response, "không phải là kỳ báo cáo")

    def test_it_filters_by_kind_and_kind_of_place(self):
        self.assertEqual(self.titles(kind=OutreachKind.VISUAL), {self.banner.title})
        self.assertEqual(self.titles(place_kind=PlaceKind.ENTERPRISE), {self.talk.title})

    def test_it_filters_a_unit_with_or_without_the_units_below(self):
        self.assertEqual(self.titles(unit=self.district_a.pk), {self.talk.title, self.banner.title})
        self.assertEqual(self.titles(unit=self.district_a.pk, below="0"), {self.banner.title})

    def test_it_shows_the_totals_of_the_filtered_list(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_list"))
        self.assertEqual(response.context["summary"], {"count": 2, "participants": 40, "items": 3})

    def test_it_returns_only_the_results_to_htmx(self):
        self.login(self.officer_a)
        response = self.client.get(
            reverse("activity_list"), {"q": "bang ron"}, headers={"HX-Request": "true"}
        )
        self.assertContains(response, "Băng rôn Đồng Khởi")
        self.assertNotContains(response, "<form")

    def test_it_shows_the_latest_activities_of_the_subtree_on_the_unit_page(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("unit_detail", args=[self.district_a.pk]))
        self.assertContains(response, "Tọa đàm khởi nghiệp cho công nhân")
        self.assertContains(response, "Băng rôn Đồng Khởi")
        self.assertContains(response, f"{reverse('activity_list')}?unit={self.district_a.pk}")

    def test_it_follows_a_moved_unit_to_its_new_parents_page(self):
        unit_services.unit_move(
            unit=self.grassroots_a, new_parent=self.district_b, on=datetime.date(2018, 1, 1)
        )
        self.login(self.officer_b)
        response = self.client.get(reverse("unit_detail", args=[self.district_b.pk]))
        self.assertContains(response, "Tọa đàm khởi nghiệp cho công nhân")
        self.login(self.officer_a)
        response = self.client.get(reverse("unit_detail", args=[self.district_a.pk]))
        self.assertNotContains(response, "Tọa đàm khởi nghiệp cho công nhân")


class EditTestCase(ScenarioTestCase):
    def setUp(self):
        self.activity = make_activity(
            self.grassroots_a, participants=40, women=10, user=self.officer_a
        )

    def edit(self, user, **changes):
        self.login(user)
        data = {
            "kind": OutreachKind.TALK,
            "unit": self.grassroots_a.pk,
            "date": "2018-03-20",
            "subtype": "seminar",
            "place_kind": PlaceKind.ENTERPRISE,
            "participants": 40,
            "women": 10,
            "industrial_workers": 30,
            "speakers": "Ông Huỳnh Văn Tân",
            "version": 1,
            **changes,
        }
        return self.client.post(reverse("activity_edit", args=[self.activity.pk]), data)

    def test_it_saves_an_edit_and_keeps_the_previous_version_in_history(self):
        self.edit(self.officer_a, participants=55)
        self.activity.refresh_from_db()
        self.assertEqual((self.activity.participants, self.activity.version), (55, 2))
        self.assertEqual(
            list(
                self.activity.history.order_by("history_date").values_list(
                    "participants", flat=True
                )
            ),
            [40, 55],
        )

    def test_it_shows_who_changed_what_on_the_detail_page(self):
        self.edit(self.officer_a, participants=55)
        response = self.client.get(self.activity.get_absolute_url())
        self.assertContains(response, "<del>40</del> → 55", html=False)

    def test_it_refuses_to_overwrite_an_edit_saved_in_between(self):
        self.edit(self.officer_a, participants=55)
        response = self.edit(self.admin, participants=60, version=1)
        self.assertContains(response, "đã lưu hoạt động này lúc")
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.participants, 55)

    def test_it_lets_the_second_editor_save_knowingly_after_the_warning(self):
        self.edit(self.officer_a, participants=55)
        response = self.edit(self.admin, participants=60, version=1)
        self.assertContains(response, 'name="version" value="2"')
        self.edit(self.admin, participants=60, version=2)
        self.activity.refresh_from_db()
        self.assertEqual((self.activity.participants, self.activity.version), (60, 3))

    def test_it_forbids_viewers_to_edit(self):
        response = self.edit(self.viewer_a, participants=99)
        self.assertEqual(response.status_code, 403)

    def test_it_deletes_softly_and_restores(self):
        self.login(self.officer_a)
        self.client.post(reverse("activity_delete", args=[self.activity.pk]))
        self.assertFalse(Activity.objects.filter(pk=self.activity.pk).exists())
        deleted = Activity.all_objects.get(pk=self.activity.pk)
        self.assertEqual(deleted.deleted_by, self.officer_a)
        response = self.client.get(reverse("activity_list"), {"deleted": "on"})
        self.assertEqual([a.pk for a in response.context["page"]], [self.activity.pk])
        self.client.post(reverse("activity_restore", args=[self.activity.pk]))
        self.assertTrue(Activity.objects.filter(pk=self.activity.pk).exists())

    def test_it_keeps_an_imported_activitys_first_state_when_it_is_first_edited(self):
        Activity.history.all().delete()  # as after an import, which writes no history rows
        self.edit(self.officer_a, participants=55)
        states = self.activity.history.order_by("history_date")
        self.assertEqual([row.participants for row in states], [40, 55])
        self.assertEqual(states[0].history_user, self.officer_a)

    def test_it_shows_a_deleted_activity_with_a_way_back(self):
        services.activity_delete(activity=self.activity, user=self.officer_a)
        self.login(self.officer_a)
        response = self.client.get(self.activity.get_absolute_url())
        self.assertContains(response, "không được tính vào báo cáo nào")
        self.assertContains(response, reverse("activity_restore", args=[self.activity.pk]))
