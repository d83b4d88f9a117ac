"""In a real browser, desktop and phone: an administrator imports the seed plan, corrects a line
the seed's typist got wrong, and saves the draft."""

import pytest
from playwright.sync_api import expect

from lantoa.conftest import ARTIFACTS, log_in
from lantoa.plans.models import Plan
from lantoa.plans.tests.test_browser_plans import no_horizontal_scroll
from lantoa.plans.tests.test_import import SEED, SLIP

pytestmark = pytest.mark.browser


def test_it_imports_the_seed_corrects_a_line_and_saves_a_draft(page, scenario):
    log_in(page, "admin")
    page.goto("/plans/")
    page.get_by_role("link", name="Nhập từ văn bản").click()
    page.set_input_files("#id_file", str(SEED))
    page.get_by_role("button", name="Đọc văn bản").click()

    expect(page.locator("h1")).to_contain_text("Kiểm tra kế hoạch đọc từ văn bản")
    expect(page.locator(".alert-warning")).to_contain_text("Cơ quan cấp trên")
    expect(page.locator("[data-field=superior]")).to_contain_text("Văn bản thiếu mục này")
    expect(page.locator("#id_symbol")).to_have_value("KH-LĐLĐ")
    line = page.locator("#id_lines-5-text")
    line.fill(line.input_value().replace(SLIP, "khởi nghiệp có"))
    assert no_horizontal_scroll(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"import-review-{page.viewport_name}.png"), full_page=True)
    assert Plan.objects.count() == 0

    page.get_by_role("button", name="Lưu thành dự thảo kế hoạch").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo dự thảo kế hoạch")
    plan = Plan.objects.get()
    expect(page.locator("h1")).to_contain_text(plan.number_symbol)
    assert plan.is_draft and plan.issuer == scenario.province
    assert "khởi nghiệp có biện pháp" in plan.activity_lines.get(order=6).text
    assert no_horizontal_scroll(page)
