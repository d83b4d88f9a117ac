"""Each kind of activity keeps its own fields and rules, through the form people use."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from lantoa.activities.models import Activity, Subtype, rule_errors
from lantoa.outreach import OutreachKind
from lantoa.test import ScenarioTestCase
from lantoa.units.models import PlaceKind

from .factories import make_activity, outlet


class KindFormTestCase(ScenarioTestCase):
    def post(self, kind, **data):
        self.login(self.officer_a)
        fields = {"kind": kind, "unit": self.grassroots_a.pk, "date": "2018-03-20", **data}
        return self.client.post(f"{reverse('activity_create')}?kind={kind}", fields)

    def dissemination(self, **data):
        return self.post(
            OutreachKind.DISSEMINATION,
            **{
                "subtype": Subtype.TRAINING,
                "place_kind": PlaceKind.ENTERPRISE,
                "participants": 45,
                "women": 20,
                "industrial_workers": 40,
                "materials": "Sổ tay khởi nghiệp",
                **data,
            },
        )

    def test_it_logs_a_dissemination_session_with_its_materials(self):
        response = self.dissemination()
        activity = Activity.objects.get()
        self.assertRedirects(response, activity.get_absolute_url())
        self.assertEqual(
            (activity.kind, activity.subtype, activity.participants, activity.materials),
            (OutreachKind.DISSEMINATION, Subtype.TRAINING, 45, "Sổ tay khởi nghiệp"),
        )
        self.assertEqual((activity.created_by, activity.items), (self.officer_a, 0))

    def test_it_requires_participants_for_a_dissemination_session(self):
        response = self.dissemination(participants=0, women=0, industrial_workers=0)
        self.assertContains(response, "Hãy nhập số người tham dự.")
        self.assertFalse(Activity.objects.exists())

    def test_it_refuses_more_women_than_participants(self):
        response = self.dissemination(participants=10, women=11, industrial_workers=5)
        self.assertContains(response, "Số nữ nằm trong số người tham dự")
        self.assertFalse(Activity.objects.exists())

    def test_it_refuses_more_industrial_workers_than_participants(self):
        response = self.dissemination(participants=10, women=5, industrial_workers=12)
        self.assertContains(response, "Số công nhân lao động nằm trong số người tham dự")

    def test_it_requires_the_kind_of_place_when_no_place_is_chosen(self):
        response = self.dissemination(place_kind="")
        self.assertContains(response, "Hãy chọn loại địa điểm.")

    def test_it_takes_the_kind_of_place_from_the_chosen_place(self):
        self.dissemination(place_kind="", place=self.place_a.pk)
        activity = Activity.objects.get()
        self.assertEqual(
            (activity.place, activity.place_kind), (self.place_a, PlaceKind.ENTERPRISE)
        )

    def test_it_refuses_a_place_kind_that_contradicts_the_place(self):
        response = self.dissemination(place_kind=PlaceKind.BOARDING_AREA, place=self.place_a.pk)
        self.assertContains(response, "là địa điểm loại “Doanh nghiệp”")

    def test_it_sums_the_visual_items_into_the_reported_count(self):
        self.post(
            OutreachKind.VISUAL,
            place_kind=PlaceKind.INDUSTRIAL_PARK,
            banners=2,
            panels=1,
            posters=10,
            paintings=3,
            end_date="2018-04-30",
        )
        activity = Activity.objects.get()
        self.assertEqual((activity.items, activity.end_date), (16, datetime.date(2018, 4, 30)))

    def test_it_requires_at_least_one_visual_item(self):
        response = self.post(OutreachKind.VISUAL, place_kind=PlaceKind.INDUSTRIAL_PARK)
        self.assertContains(response, "Hãy nhập ít nhất một băng rôn, pano, áp phích hoặc tranh")

    def test_it_refuses_a_display_that_ends_before_it_starts(self):
        response = self.post(
            OutreachKind.VISUAL, place_kind=PlaceKind.OTHER, banners=1, end_date="2018-03-01"
        )
        self.assertContains(response, "Ngày kết thúc trưng bày không thể trước ngày bắt đầu.")

    def test_it_logs_a_talk_with_its_speakers(self):
        self.post(
            OutreachKind.TALK,
            subtype=Subtype.EXCHANGE,
            place_kind=PlaceKind.ENTERPRISE,
            participants=80,
            women=50,
            industrial_workers=70,
            speakers="Doanh nhân trẻ Bến Tre",
        )
        activity = Activity.objects.get()
        self.assertEqual(
            (activity.subtype, activity.speakers), (Subtype.EXCHANGE, "Doanh nhân trẻ Bến Tre")
        )

    def test_it_refuses_a_form_that_belongs_to_another_kind(self):
        response = self.post(
            OutreachKind.TALK,
            subtype=Subtype.NEWS,
            place_kind=PlaceKind.ENTERPRISE,
            participants=10,
        )
        self.assertContains(response, "Hãy chọn một lựa chọn hợp lệ")
        self.assertFalse(Activity.objects.exists())

    def test_it_requires_an_outlet_and_a_title_for_a_media_item(self):
        response = self.post(OutreachKind.MEDIA, subtype=Subtype.ARTICLE)
        self.assertContains(response, "Hãy nhập tiêu đề tin, bài.")
        self.assertContains(response, "Trường này là bắt buộc.")

    def test_it_counts_one_item_per_media_item(self):
        self.post(
            OutreachKind.MEDIA,
            subtype=Subtype.ARTICLE,
            outlet=outlet().pk,
            title="Công nhân khởi nghiệp",
            link="https://baodongkhoi.vn/bai-1",
        )
        activity = Activity.objects.get()
        self.assertEqual((activity.items, activity.participants, activity.place_kind), (1, 0, ""))

    def test_it_keeps_no_field_of_another_kind_sent_with_the_form(self):
        self.post(
            OutreachKind.TALK,
            subtype=Subtype.SEMINAR,
            place_kind=PlaceKind.ENTERPRISE,
            participants=30,
            banners=5,
            outlet=outlet().pk,
        )
        activity = Activity.objects.get()
        self.assertEqual((activity.banners, activity.outlet, activity.items), (0, None, 0))

    def test_it_refuses_a_date_in_the_future(self):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = self.dissemination(date=tomorrow.isoformat())
        self.assertContains(response, "Ngày này chưa tới")

    def test_it_refuses_a_date_before_the_unit_existed(self):
        response = self.dissemination(date="2009-06-01")
        self.assertContains(response, "chưa thành lập hoặc đã giải thể vào ngày đó")

    def test_it_refuses_an_activity_already_logged(self):
        self.dissemination()
        response = self.dissemination()
        self.assertContains(response, "Hoạt động này đã được ghi nhận")
        self.assertEqual(Activity.objects.count(), 1)

    def test_it_defaults_to_today_and_the_officers_unit(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_create"), {"kind": OutreachKind.TALK})
        form = response.context["form"]
        self.assertEqual(form["date"].value(), timezone.localdate())
        self.assertEqual(form["unit"].value(), self.district_a.pk)
        self.assertContains(response, 'inputmode="numeric"')

    def test_it_shows_the_fields_of_the_chosen_kind_only(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_create"), {"kind": OutreachKind.MEDIA})
        self.assertContains(response, 'name="outlet"')
        self.assertNotContains(response, 'name="participants"')

    def test_it_swaps_the_kind_fields_for_htmx_keeping_what_was_typed(self):
        self.login(self.officer_a)
        response = self.client.get(
            reverse("activity_create"),
            {"kind": OutreachKind.TALK, "participants": "25", "title": "Tọa đàm"},
            headers={"HX-Request": "true"},
        )
        self.assertContains(response, 'name="speakers"')
        self.assertContains(response, 'value="25"')
        self.assertNotContains(response, "<html")

    def test_it_forbids_viewers_to_log_activities(self):
        self.login(self.viewer_a)
        response = self.client.get(reverse("activity_create"))
        self.assertEqual(response.status_code, 403)


class KindRulesTestCase(ScenarioTestCase):
    def test_it_refuses_emulation_and_difficulties_here(self):
        activity = Activity(
            unit=self.grassroots_a, kind=OutreachKind.EMULATION, date=datetime.date(2018, 3, 1)
        )
        self.assertIn("kind", rule_errors(activity, today=datetime.date(2018, 6, 1)))
        with self.assertRaises(IntegrityError), transaction.atomic():
            make_activity(self.grassroots_a, kind=OutreachKind.DIFFICULTY)

    def test_it_refuses_to_save_more_women_than_participants_in_the_database(self):
        activity = make_activity(self.grassroots_a)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Activity.objects.filter(pk=activity.pk).update(women=1000)

    def test_it_reports_every_broken_rule_at_once(self):
        activity = Activity(
            unit=self.grassroots_a,
            kind=OutreachKind.TALK,
            date=datetime.date(2018, 3, 1),
            participants=0,
            banners=3,
        )
        with self.assertRaises(ValidationError) as caught:
            activity.clean()
        self.assertEqual(
            set(caught.exception.message_dict),
            {"subtype", "place_kind", "participants", "banners"},
        )
