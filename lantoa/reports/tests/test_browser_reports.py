"""In a real browser, desktop and phone: a district federation writes and submits its quarterly
report, the province returns it with a comment, the district submits it again, the province
accepts it and the district's period closes."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from lantoa.activities.tests.factories import make_activity
from lantoa.conftest import ARTIFACTS, log_in
from lantoa.periods.models import PeriodLock
from lantoa.plans.tests.factories import cascade
from lantoa.reports.models import Report, ReportStatus

pytestmark = pytest.mark.browser


def fits(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}[{page.viewport_name}].png"), full_page=True)


def switch_user(page, username):
    page.context.clear_cookies()
    log_in(page, username)


def test_it_submits_returns_and_accepts_a_districts_report(page, scenario):
    cascade(scenario)
    make_activity(
        scenario.grassroots_a,
        date=datetime.date(2018, 3, 10),
        participants=45,
        women=20,
        industrial_workers=40,
    )

    log_in(page, "officer_a")
    page.goto("/reports/")
    page.locator("#due").get_by_role("link", name="Quý I/2018").click()
    expect(page.locator("[data-indicator='talk.participants']")).to_contain_text("45")
    page.get_by_role("button", name="Bắt đầu báo cáo").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo báo cáo")
    page.get_by_role("link", name="Viết nội dung").click()
    page.fill("#id_results", "Đã tổ chức tọa đàm khởi nghiệp tại Công ty May Tân Thạch.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#narrative")).to_contain_text("Công ty May Tân Thạch")
    page.get_by_role("link", name="Gửi báo cáo", exact=True).click()
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".alert-warning").first).to_contain_text("Đã gửi báo cáo")
    expect(page.locator("h1")).to_contain_text("Đã gửi")
    shot(page, "report-submitted")
    assert fits(page)

    switch_user(page, "admin")
    page.get_by_text("1 báo cáo đang chờ bạn duyệt").click()
    page.locator("#to-review").get_by_role("link", name=re.compile("Châu Thành")).click()
    expect(page.locator("[data-indicator='talk.participants']")).to_contain_text("45")
    page.get_by_role("link", name="Trả lại để sửa").click()
    page.fill("#id_comment", "Đề nghị bổ sung kết quả tuyên truyền tại khu nhà trọ công nhân.")
    page.get_by_role("button", name="Trả lại để sửa").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã trả lại báo cáo")

    switch_user(page, "officer_a")
    page.get_by_text("1 báo cáo bị trả lại").click()
    expect(page.locator(".alert-warning")).to_contain_text("khu nhà trọ công nhân")
    page.get_by_role("link", name="Gửi lại").click()
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator("h1")).to_contain_text("Đã gửi")

    switch_user(page, "admin")
    report = Report.objects.get(unit=scenario.district_a)
    page.goto(report.get_absolute_url())
    page.get_by_role("link", name="Duyệt", exact=True).click()
    page.get_by_role("button", name="Duyệt").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã duyệt báo cáo")
    expect(page.locator("h1")).to_contain_text("Đã duyệt")
    expect(page.get_by_role("link", name="Mở lại kỳ báo cáo")).to_be_visible()
    shot(page, "report-accepted")
    assert fits(page)

    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.submissions.count() == 2
    assert PeriodLock.objects.get().unit == scenario.district_a
