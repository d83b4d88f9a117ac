"""draft → submitted (frozen, on time or late) → returned with comments → resubmitted → accepted,
and who may do each step."""

import datetime

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lantoa.accounts.models import Notification
from lantoa.outreach import OutreachKind
from lantoa.periods.period import Period
from lantoa.reports import services
from lantoa.reports.models import EventAction, ReportStatus

from .factories import Q1, ReportsTestCase, moment


def summary_row(response, code):
    """The HTML of an indicator's row in the page's table of figures."""
    html = response.content.decode()
    start = html.index(f'data-indicator="{code}"')
    return html[start : html.index("</tr>", start)]


class StartTestCase(ReportsTestCase):
    def test_it_starts_a_draft_due_on_the_plans_deadline_for_the_units_level(self):
        district = self.start(self.district_a, self.officer_a)
        grassroots = self.start(self.grassroots_a, self.officer_a1)
        self.assertEqual(district.status, ReportStatus.DRAFT)
        self.assertEqual(district.deadline, datetime.date(2018, 3, 19))
        self.assertEqual(grassroots.deadline, datetime.date(2018, 3, 15))

    def test_it_sends_a_report_to_the_level_above_and_the_tops_report_outside(self):
        self.assertEqual(self.start(self.district_a, self.officer_a).reviewer, self.province)
        self.assertEqual(self.start(self.grassroots_a, self.officer_a1).reviewer, self.district_a)
        self.assertIsNone(self.start(self.province, self.admin).reviewer)

    def test_it_returns_the_same_report_when_started_twice(self):
        first = self.start(self.district_a, self.officer_a)
        self.assertEqual(self.start(self.district_a, self.officer_a), first)

    def test_it_refuses_a_report_the_unit_does_not_owe(self):
        with self.assertRaisesMessage(ValidationError, "không phải gửi báo cáo"):
            services.report_start(
                plan=self.subplan["a"], unit=self.district_a, period=Q1, user=self.officer_a
            )

    def test_it_lets_only_the_units_own_officers_start_its_report(self):
        for user in (self.viewer_a, self.officer_a1):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                self.start(self.district_a, user)


class SubmitTestCase(ReportsTestCase):
    def test_it_freezes_every_figure_and_text_as_submitted(self):
        self.activity(self.grassroots_a, kind=OutreachKind.DISSEMINATION, participants=30)
        report = self.start(self.district_a, self.officer_a)
        services.report_save(
            report=report,
            user=self.officer_a,
            expected_version=report.version,
            results="Đã tuyên truyền tại Công ty May Tân Thạch.",
        )
        services.report_submit(
            report=report, user=self.officer_a, now=moment(datetime.date(2018, 3, 19))
        )
        self.activity(self.grassroots_a, kind=OutreachKind.DISSEMINATION, participants=70)
        content = report.submissions.get().content
        self.assertEqual(content["computed"]["dissemination.participants"], 30)
        self.assertEqual(
            content["narrative"]["results"], "Đã tuyên truyền tại Công ty May Tân Thạch."
        )
        self.assertEqual(content["frozen_at"][:10], "2018-03-19")

    def test_it_shows_the_upper_level_the_submitted_version_after_the_records_change(self):
        self.activity(self.grassroots_a, kind=OutreachKind.DISSEMINATION, participants=30)
        report = self.submitted(self.district_a, self.officer_a)
        self.activity(self.grassroots_a, kind=OutreachKind.DISSEMINATION, participants=70)
        self.login(self.admin)
        response = self.client.get(report.get_absolute_url())
        row = summary_row(response, "dissemination.participants")
        self.assertIn(">30<", row)
        self.assertContains(response, "Lần gửi 1")
        self.assertContains(response, "sổ hoạt động đã thay đổi")

    def test_it_marks_a_report_sent_on_its_deadline_on_time_and_one_sent_after_late(self):
        on_time = self.submitted(self.grassroots_a, self.officer_a1, day=datetime.date(2018, 3, 15))
        late = self.submitted(self.grassroots_b, self.officer_b1, day=datetime.date(2018, 3, 16))
        self.assertIs(on_time.late, False)
        self.assertIs(late.late, True)
        self.assertTrue(late.submissions.get().late)

    def test_it_numbers_the_report_in_the_units_register(self):
        report = self.submitted(self.district_a, self.officer_a)
        self.assertEqual(report.symbol, "BC-LĐLĐ")
        self.assertIsNotNone(report.number)
        self.assertEqual(report.submissions.get().content["document"]["number"], report.number)

    def test_it_tells_the_level_above(self):
        self.submitted(self.grassroots_a, self.officer_a1)
        message = Notification.objects.filter(user=self.officer_a).latest("pk").message
        self.assertIn("CĐCS May Tân Thạch", message)
        self.assertIn("Quý I/2018", message)

    def test_it_refuses_to_change_a_submitted_report(self):
        report = self.submitted(self.district_a, self.officer_a)
        with self.assertRaisesMessage(ValidationError, "đã được gửi"):
            services.report_save(
                report=report, user=self.officer_a, expected_version=report.version, results="x"
            )

    def test_it_refuses_an_edit_made_on_an_outdated_copy(self):
        report = self.start(self.district_a, self.officer_a)
        services.report_save(report=report, user=self.officer_a, expected_version=1, results="A")
        with self.assertRaisesMessage(ValidationError, "đã lưu báo cáo này sau khi bạn mở"):
            services.report_save(
                report=report, user=self.officer_a, expected_version=1, results="B"
            )

    def test_it_lets_neither_a_viewer_nor_the_level_above_submit(self):
        report = self.start(self.grassroots_a, self.officer_a1)
        for user in (self.viewer_a, self.officer_a):
            self.login(user)
            with self.subTest(user=user.username):
                response = self.client.post(reverse("report_submit", args=[report.pk]))
                self.assertEqual(response.status_code, 403)
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.DRAFT)


class AdjustmentTestCase(ReportsTestCase):
    def test_it_shows_an_adjusted_figure_beside_the_computed_one_with_its_reason(self):
        self.activity(self.grassroots_a, kind=OutreachKind.MEDIA)
        report = self.start(self.district_a, self.officer_a)
        self.login(self.officer_a)
        self.client.post(
            reverse("report_adjust", args=[report.pk]),
            {"indicator": "media.count", "value": "4", "reason": "3 tin chưa nhập vào sổ"},
        )
        response = self.client.get(report.get_absolute_url())
        row = summary_row(response, "media.count")
        self.assertIn(">4<", row)
        self.assertIn("tính từ sổ hoạt động: 1", row)
        self.assertIn("3 tin chưa nhập vào sổ", row)

    def test_it_freezes_the_adjustment_and_keeps_the_computed_figure(self):
        self.activity(self.grassroots_a, kind=OutreachKind.MEDIA)
        report = self.start(self.district_a, self.officer_a)
        services.adjustment_set(
            report=report, indicator="media.count", value=4, reason="Bổ sung", user=self.officer_a
        )
        services.report_submit(report=report, user=self.officer_a)
        content = report.submissions.get().content
        self.assertEqual(content["computed"]["media.count"], 1)
        self.assertEqual(content["final"]["media.count"], 4)
        self.assertEqual(content["adjustments"]["media.count"]["reason"], "Bổ sung")

    def test_it_derives_the_coverage_from_adjusted_attendances(self):
        report = self.start(self.district_a, self.officer_a)
        services.adjustment_set(
            report=report, indicator="participants", value=200, reason="Sổ ký", user=self.officer_a
        )
        services.report_submit(report=report, user=self.officer_a)
        content = report.submissions.get().content
        # Châu Thành's subtree has 400 members (its grassroots union's).
        self.assertEqual(content["final"]["coverage.members"], 0.5)
        self.assertEqual(content["computed"]["coverage.members"], 0.0)

    def test_it_refuses_an_adjustment_without_a_reason_or_of_a_share(self):
        report = self.start(self.district_a, self.officer_a)
        with self.assertRaisesMessage(ValidationError, "lý do"):
            services.adjustment_set(
                report=report, indicator="talk.count", value=2, reason=" ", user=self.officer_a
            )
        with self.assertRaisesMessage(ValidationError, "không điều chỉnh được"):
            services.adjustment_set(
                report=report,
                indicator="coverage.members",
                value=2,
                reason="x",
                user=self.officer_a,
            )


class ReviewTestCase(ReportsTestCase):
    def test_it_returns_a_report_with_comments_that_its_unit_corrects_and_submits_again(self):
        report = self.submitted(self.district_a, self.officer_a)
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("report_return", args=[report.pk]), {"comment": "Bổ sung số liệu KCN"}
            )
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.RETURNED)
        self.assertIn("Bổ sung số liệu KCN", mail.outbox[-1].body)
        self.assertEqual(mail.outbox[-1].to, [self.officer_a.email])

        self.login(self.officer_a)
        response = self.client.get(report.get_absolute_url())
        self.assertContains(response, "Bổ sung số liệu KCN")
        services.report_submit(report=report, user=self.officer_a)
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.SUBMITTED)
        self.assertEqual(
            list(report.submissions.values_list("number", "late")), [(2, True), (1, False)]
        )
        self.assertIs(report.late, False)
        actions = list(report.events.values_list("action", flat=True))
        self.assertEqual(
            actions, [EventAction.SUBMITTED, EventAction.RETURNED, EventAction.SUBMITTED]
        )

    def test_it_wants_a_comment_to_return_a_report(self):
        report = self.submitted(self.district_a, self.officer_a)
        with self.assertRaisesMessage(ValidationError, "cần sửa"):
            services.report_return(report=report, user=self.admin, comment="")

    def test_it_accepts_a_submitted_report_and_closes_the_units_period(self):
        report = self.submitted(self.grassroots_a, self.officer_a1)
        self.login(self.officer_a)
        self.client.post(reverse("report_accept", args=[report.pk]), {"comment": ""})
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.ACCEPTED)
        self.assertEqual(report.accepted_by, self.officer_a)
        lock = report.lock
        self.assertEqual((lock.unit, lock.period), (self.grassroots_a, "2018Q1"))
        self.assertEqual((lock.start, lock.end), Q1.window())
        self.assertEqual(lock.reference, f"report:{report.pk}")

    def test_it_lets_only_the_level_above_review(self):
        report = self.submitted(self.grassroots_a, self.officer_a1)
        for user, status in [(self.officer_a1, 403), (self.viewer_a, 403), (self.officer_b, 404)]:
            self.login(user)
            for step in ("report_accept", "report_return"):
                with self.subTest(user=user.username, step=step):
                    response = self.client.post(reverse(step, args=[report.pk]), {"comment": "x"})
                    self.assertEqual(response.status_code, status)
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.SUBMITTED)

    def test_it_lets_the_administrator_review_any_report_but_their_own_units(self):
        district = self.submitted(self.district_a, self.officer_a)
        province = self.submitted(self.province, self.admin, day=datetime.date(2018, 3, 21))
        self.login(self.admin)
        response = self.client.post(reverse("report_accept", args=[district.pk]))
        self.assertEqual(response.status_code, 302)
        response = self.client.post(reverse("report_accept", args=[province.pk]))
        self.assertEqual(response.status_code, 403)

    def test_it_refuses_to_accept_a_draft(self):
        report = self.start(self.district_a, self.officer_a)
        with self.assertRaisesMessage(ValidationError, "Chỉ báo cáo đã gửi"):
            services.report_accept(report=report, user=self.admin)

    def test_it_lists_reports_waiting_for_review_for_the_level_above(self):
        self.submitted(self.grassroots_a, self.officer_a1)
        self.login(self.officer_a)
        response = self.client.get(reverse("report_list"))
        self.assertContains(response, "Chờ bạn duyệt")
        self.assertContains(response, "CĐCS May Tân Thạch")
        self.login(self.officer_b)
        self.assertNotContains(self.client.get(reverse("report_list")), "Chờ bạn duyệt")


class PeriodsTestCase(ReportsTestCase):
    def test_it_expects_every_period_of_the_plans_schedule(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("report_list"))
        for period in Period.all_of_year(2018):
            self.assertContains(response, period.label)
