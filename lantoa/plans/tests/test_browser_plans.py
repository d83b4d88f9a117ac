"""In a real browser, desktop and phone: the province writes and issues a plan, a district
federation acknowledges it."""

import re

import pytest
from playwright.sync_api import expect

from lantoa.conftest import log_in
from lantoa.plans.models import Deployment, Plan

pytestmark = pytest.mark.browser


def no_horizontal_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_it_writes_and_issues_a_plan_that_a_district_then_acknowledges(page, scenario):
    log_in(page, "admin")
    page.goto("/plans/new/")
    page.fill("#id_subject", "Thực hiện công tác truyền thông khởi nghiệp năm 2018")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Sửa kế hoạch")

    page.fill("#id_place", "Bến Tre")
    page.fill("#id_signer_title", "Phó Chủ tịch")
    page.fill("#id_signer_name", "Huỳnh Văn Tân")
    page.select_option("#id_lines-0-kind", "talk")
    page.fill("#id_lines-0-text", "Tổ chức các buổi tọa đàm, giao lưu khởi nghiệp.")
    page.click("[data-formset-add=lines]")
    page.select_option("#id_lines-1-kind", "visual")
    page.fill("#id_lines-1-text", "Xây dựng hình ảnh trực quan về khởi nghiệp.")
    recipients = page.locator("#recipients-rows")
    recipients.locator("#id_recipients-0-name").fill("LĐLĐ các huyện, thành phố")
    recipients.get_by_label("Liên đoàn Lao động huyện, thành phố").check()
    page.get_by_role("button", name="Lưu dự thảo").click()

    expect(page.locator(".alert-success")).to_contain_text("Đã lưu dự thảo")
    expect(page.locator(".official-doc")).to_contain_text("- Xây dựng hình ảnh trực quan")
    page.get_by_role("link", name="Ban hành").click()
    expect(page.locator("main")).to_contain_text("Gửi đến 2 đơn vị")
    page.get_by_role("button", name="Ban hành và gửi").click()
    expect(page.locator(".alert-success")).to_contain_text("gửi đến 2 đơn vị")
    plan = Plan.objects.get()
    expect(page.locator("h1")).to_contain_text(plan.number_symbol)
    assert no_horizontal_scroll(page)

    page.context.clear_cookies()
    log_in(page, "officer_a")
    page.get_by_text("1 kế hoạch đang chờ đơn vị xác nhận đã nhận").click()
    page.locator("#results").get_by_text(plan.number_symbol).click()
    expect(page).to_have_url(re.compile(rf"/plans/{plan.pk}/$"))
    page.get_by_role("button", name="Xác nhận đã nhận").click()
    expect(page.locator(".alert-success")).to_contain_text("đã xác nhận đã nhận")
    expect(page.locator("main")).to_contain_text("Đã xác nhận lúc")
    deployment = Deployment.objects.get(plan=plan, unit=scenario.district_a)
    assert deployment.acknowledged_by == scenario.officer_a
    assert no_horizontal_scroll(page)
