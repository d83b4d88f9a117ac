"""The reports page, the consolidated view with its drill-down, the home page's attention list."""

import datetime
from unittest import mock

from django.urls import reverse

from lantoa.outreach import OutreachKind
from lantoa.reports import services
from lantoa.reports.models import Report

from .factories import ReportsTestCase


class ReportListTestCase(ReportsTestCase):
    def test_it_lists_what_the_officers_unit_owes_with_links_to_start(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("report_list"))
        start = reverse("report_start", args=[self.province_plan.pk, self.district_a.pk, "2018Q1"])
        self.assertContains(response, f'href="{start}"')
        self.assertContains(response, "19/3/2018")

    def test_it_previews_the_figures_and_starts_the_report_for_an_officer(self):
        self.activity(self.grassroots_a, kind=OutreachKind.TALK)
        url = reverse("report_start", args=[self.province_plan.pk, self.district_a.pk, "2018Q1"])
        self.login(self.viewer_a)
        response = self.client.get(url)
        self.assertContains(response, "tọa đàm, nói chuyện chuyên đề, giao lưu")
        self.assertNotContains(response, "Bắt đầu báo cáo")
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.officer_a)
        response = self.client.post(url)
        report = Report.objects.get(unit=self.district_a)
        self.assertRedirects(response, report.get_absolute_url())
        self.assertRedirects(self.client.get(url), report.get_absolute_url())

    def test_it_answers_not_found_for_a_report_the_unit_does_not_owe(self):
        self.login(self.officer_a)
        url = reverse("report_start", args=[self.subplan["b"].pk, self.district_a.pk, "2018Q1"])
        self.assertEqual(self.client.get(url).status_code, 404)
        url = reverse("report_start", args=[self.province_plan.pk, self.district_a.pk, "2018Q9"])
        self.assertEqual(self.client.get(url).status_code, 404)


class ConsolidatedViewTestCase(ReportsTestCase):
    def test_it_shows_each_child_unit_with_a_link_down_and_the_total(self):
        self.activity(self.grassroots_a, kind=OutreachKind.TALK, participants=40)
        self.activity(
            self.grassroots_b, kind=OutreachKind.TALK, participants=25, industrial_workers=5
        )
        self.activity(
            self.province, kind=OutreachKind.TALK, participants=10, women=5, industrial_workers=5
        )
        self.login(self.admin)
        response = self.client.get(
            reverse("report_consolidated", args=[self.province.pk, "2018Q1"])
        )
        down = reverse("report_consolidated", args=[self.district_a.pk, "2018Q1"])
        self.assertContains(response, f'href="{down}"')
        self.assertContains(response, "LĐLĐ tỉnh Bến Tre trực tiếp")
        self.assertContains(response, ">75<")
        response = self.client.get(down)
        self.assertContains(
            response,
            f'href="{reverse("report_consolidated", args=[self.grassroots_a.pk, "2018Q1"])}"',
        )
        self.assertContains(
            response, f'href="{reverse("report_consolidated", args=[self.province.pk, "2018Q1"])}"'
        )

    def test_it_shows_a_district_neither_its_parent_nor_its_sibling(self):
        self.login(self.officer_a)
        for unit in (self.province, self.district_b):
            url = reverse("report_consolidated", args=[unit.pk, "2018Q1"])
            self.assertEqual(self.client.get(url).status_code, 404)
        response = self.client.get(
            reverse("report_consolidated", args=[self.district_a.pk, "2018"])
        )
        self.assertNotContains(
            response, f'href="{reverse("report_consolidated", args=[self.province.pk, "2018"])}"'
        )


class HomeTestCase(ReportsTestCase):
    def test_it_lists_reports_returned_and_waiting_for_review(self):
        report = self.submitted(self.district_a, self.officer_a)
        self.login(self.admin)
        self.assertContains(self.client.get(reverse("home")), "1 báo cáo đang chờ bạn duyệt")
        services.report_return(report=report, user=self.admin, comment="Bổ sung")
        self.login(self.officer_a)
        self.assertContains(self.client.get(reverse("home")), "1 báo cáo bị trả lại")

    def test_it_lists_reports_due_soon(self):
        self.login(self.officer_a1)
        with mock.patch("lantoa.views.timezone.localdate", return_value=datetime.date(2018, 3, 14)):
            response = self.client.get(reverse("home"))
        self.assertContains(response, "báo cáo của đơn vị đến hạn")
        self.assertContains(response, "15/3/2018")
