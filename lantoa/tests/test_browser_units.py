"""In a real browser, on a desktop and on a phone: log in, search the tree, open a unit."""

import re

import pytest
from playwright.sync_api import expect

from lantoa.conftest import log_in

pytestmark = pytest.mark.browser


def test_it_logs_in_and_greets_the_officer_with_their_unit(page, scenario):
    log_in(page, "officer_a")
    expect(page.locator("main")).to_contain_text("Liên đoàn Lao động huyện Châu Thành")
    expect(page.locator("main")).to_contain_text("Xin chào")


def test_it_refuses_a_wrong_password_in_vietnamese(page, scenario):
    page.goto("/accounts/login/")
    page.fill("#id_username", "officer_a")
    page.fill("#id_password", "wrong")
    page.click("button[type=submit]")
    expect(page.locator(".alert-danger")).to_contain_text("Sai tên đăng nhập hoặc mật khẩu")


def test_it_searches_the_tree_without_diacritics_and_opens_a_unit(page, scenario):
    log_in(page, "admin")
    if page.viewport_name == "phone":
        page.click(".navbar-toggler")
    page.click("text=Đơn vị")
    page.fill("#unit-search", "giong trom")
    results = page.locator("#results")
    expect(results).to_contain_text("LĐLĐ huyện Giồng Trôm")
    expect(results).not_to_contain_text("Liên đoàn Lao động huyện Châu Thành")
    results.get_by_text("LĐLĐ huyện Giồng Trôm").click()
    expect(page).to_have_url(re.compile(rf"/units/{scenario.district_b.pk}/$"))
    expect(page.locator("h1")).to_have_text("Liên đoàn Lao động huyện Giồng Trôm")
    no_horizontal_scroll = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert no_horizontal_scroll
