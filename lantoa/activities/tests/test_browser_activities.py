"""In a real browser: an officer logs a talk from the factory floor, with a photo."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from lantoa.activities.models import Activity
from lantoa.conftest import ARTIFACTS, log_in

from .factories import image_bytes, make_activity

pytestmark = pytest.mark.browser


def test_it_logs_a_talk_with_a_photo_from_a_phone(page, scenario):
    log_in(page, "officer_a")
    if page.viewport_name == "phone":
        page.click(".navbar-toggler")
    page.get_by_role("link", name="Hoạt động", exact=True).click()
    page.get_by_role("link", name="Ghi nhận hoạt động").click()

    # Switching the kind swaps the fields in place (htmx) and keeps the typed title.
    page.fill("#id_title", "Tọa đàm “Công nhân với khởi nghiệp”")
    page.get_by_role("link", name=re.compile("Tọa đàm, nói chuyện")).click()
    expect(page.locator("#id_speakers")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Tọa đàm “Công nhân với khởi nghiệp”")
    expect(page.locator("#id_participants")).to_have_attribute("inputmode", "numeric")

    page.select_option("#id_unit", label=scenario.grassroots_a.short_name)
    page.select_option("#id_place_kind", label="Doanh nghiệp")
    page.fill("#id_participants", "35")
    page.fill("#id_women", "20")
    page.fill("#id_industrial_workers", "30")
    page.fill("#id_speakers", "Ông Huỳnh Văn Tân")
    page.set_input_files(
        "#id_evidence",
        files=[{"name": "toa-dam.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}],
    )
    page.screenshot(
        path=str(ARTIFACTS / f"activity-form-talk[{page.viewport_name}].png"), full_page=True
    )
    page.get_by_role("button", name="Lưu").click()

    expect(page.locator("h1")).to_contain_text("Công nhân với khởi nghiệp")
    expect(page.locator(".alert-success")).to_contain_text("Đã ghi nhận hoạt động")
    expect(page.locator("img.evidence-thumb")).to_be_visible()
    activity = Activity.objects.get()
    assert (activity.kind, activity.unit, activity.participants) == (
        "talk",
        scenario.grassroots_a,
        35,
    )
    assert activity.evidence.get().content_type == "image/jpeg"
    fits = page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert fits


def test_it_lists_and_searches_activities_without_diacritics(page, scenario):
    make_activity(scenario.grassroots_a, title="Nói chuyện chuyên đề khởi nghiệp")
    make_activity(scenario.grassroots_a, title="Tập huấn cán bộ", date=datetime.date(2018, 5, 2))
    log_in(page, "officer_a")
    page.goto("/activities/")
    page.fill("#id_q", "noi chuyen")
    results = page.locator("#results")
    expect(results).to_contain_text("Nói chuyện chuyên đề khởi nghiệp")
    expect(results).not_to_contain_text("Tập huấn cán bộ")
