"""Accepting a report closes the unit's period: the records of its subtree dated in the window
refuse every change with a message naming the unit, the period and whom to ask, until the level
above reopens the period, an explicit and logged action."""

import datetime
import tempfile

from django.urls import reverse

from lantoa.activities import services as activity_services
from lantoa.activities.evidence import check_upload
from lantoa.activities.models import Activity, ImportJob
from lantoa.activities.tests.factories import image_bytes, upload
from lantoa.activities.tests.test_import import talk_row, xlsx_bytes
from lantoa.periods.locks import PeriodLocked, check_open
from lantoa.periods.models import PeriodLock
from lantoa.reports import services
from lantoa.reports.models import EventAction, ReportStatus

from .factories import IN_Q1, ReportsTestCase

LOCKED = "đã được chốt"


class LockTestCase(ReportsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.record = cls.activity(cls.grassroots_a, participants=40)
        cls.report = cls.accepted(cls.district_a, cls.officer_a, cls.admin)

    def edit_data(self, activity, **changes):
        data = {
            "unit": activity.unit_id,
            "kind": activity.kind,
            "date": activity.date.isoformat(),
            "subtype": activity.subtype,
            "place_kind": activity.place_kind,
            "participants": activity.participants,
            "women": activity.women,
            "industrial_workers": activity.industrial_workers,
            "speakers": activity.speakers,
            "version": activity.version,
        }
        data.update(changes)
        return data

    def test_it_refuses_an_edit_of_a_record_below_the_unit_with_a_clear_message(self):
        self.login(self.officer_a)
        response = self.client.post(
            reverse("activity_edit", args=[self.record.pk]),
            self.edit_data(self.record, participants=99),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "LĐLĐ huyện Châu Thành")
        self.assertContains(response, "Quý I/2018")
        self.assertContains(response, LOCKED)
        self.assertContains(response, self.admin.display_name)
        self.record.refresh_from_db()
        self.assertEqual(self.record.participants, 40)

    def test_it_refuses_to_log_delete_or_restore_a_record_in_the_closed_window(self):
        with self.assertRaisesMessage(PeriodLocked, LOCKED):
            self.activity(self.grassroots_a, day=datetime.date(2018, 2, 1))
        with self.assertRaises(PeriodLocked):
            activity_services.activity_delete(activity=self.record, user=self.officer_a)
        self.assertFalse(Activity.objects.get(pk=self.record.pk).is_deleted)

    def test_it_refuses_to_move_a_record_out_of_the_closed_window(self):
        self.record.date = datetime.date(2018, 3, 20)
        with self.assertRaises(PeriodLocked):
            activity_services.activity_update(
                activity=self.record, user=self.officer_a, expected_version=self.record.version
            )
        self.assertEqual(Activity.objects.get(pk=self.record.pk).date, IN_Q1)

    def test_it_refuses_to_attach_evidence_to_a_record_in_the_closed_window(self):
        photo = check_upload(upload("anh.jpg", image_bytes("JPEG", (64, 48))))
        with self.assertRaises(PeriodLocked):
            activity_services.evidence_add(activity=self.record, upload=photo, user=self.officer_a)

    def test_it_refuses_a_deletion_from_the_page_with_the_message(self):
        self.login(self.officer_a)
        response = self.client.post(reverse("activity_delete", args=[self.record.pk]), follow=True)
        self.assertContains(response, LOCKED)
        self.assertFalse(Activity.all_objects.get(pk=self.record.pk).is_deleted)

    def test_it_refuses_import_rows_dated_in_the_closed_window(self):
        self.login(self.officer_a)
        content = xlsx_bytes([talk_row(day=datetime.date(2018, 3, 20)), talk_row(day=IN_Q1)])
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            handle.write(content)
            handle.flush()
            job = activity_services.activities_import(path=handle.name, user=self.officer_a)
        self.assertEqual(job.status, ImportJob.Status.FAILED)
        self.assertEqual([row for row, _column, _message in job.errors], [3])
        self.assertIn(LOCKED, job.errors[0][2])
        self.assertEqual(Activity.objects.count(), 1)

    def test_it_leaves_records_outside_the_window_or_the_subtree_open(self):
        self.activity(self.grassroots_a, day=datetime.date(2018, 3, 15))
        self.activity(self.grassroots_b, day=IN_Q1)
        self.assertEqual(Activity.objects.count(), 3)

    def test_it_allows_changes_again_once_the_level_above_reopens_the_period(self):
        self.login(self.admin)
        self.client.post(
            reverse("report_reopen", args=[self.report.pk]),
            {"comment": "Châu Thành cần bổ sung 2 buổi tọa đàm"},
        )
        lock = PeriodLock.objects.get()
        self.assertEqual(lock.reopened_by, self.admin)
        self.assertEqual(lock.reopen_reason, "Châu Thành cần bổ sung 2 buổi tọa đàm")
        self.report.refresh_from_db()
        self.assertEqual(self.report.status, ReportStatus.RETURNED)
        self.assertEqual(self.report.events.last().action, EventAction.REOPENED)

        self.login(self.officer_a)
        self.client.post(
            reverse("activity_edit", args=[self.record.pk]),
            self.edit_data(self.record, participants=99),
        )
        self.record.refresh_from_db()
        self.assertEqual(self.record.participants, 99)

    def test_it_closes_the_period_again_when_the_corrected_report_is_accepted(self):
        services.report_reopen(report=self.report, user=self.admin, reason="Bổ sung")
        services.report_submit(report=self.report, user=self.officer_a)
        services.report_accept(report=self.report, user=self.admin)
        self.assertEqual(PeriodLock.objects.active().count(), 1)
        with self.assertRaises(PeriodLocked):
            check_open(self.record.levels, self.record.date)

    def test_it_wants_a_reason_to_reopen(self):
        self.login(self.admin)
        response = self.client.post(
            reverse("report_reopen", args=[self.report.pk]), {"comment": ""}
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(PeriodLock.objects.get().is_active)

    def test_it_lets_only_the_level_above_reopen(self):
        self.login(self.officer_a)
        response = self.client.post(
            reverse("report_reopen", args=[self.report.pk]), {"comment": "Tự mở"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertTrue(PeriodLock.objects.get().is_active)
