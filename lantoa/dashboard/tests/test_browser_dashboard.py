"""In a real browser, desktop and phone: the dashboard draws its charts under the Content Security
Policy with no console error, fits the screen, and drills down to a grassroots union and back."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from lantoa.activities.tests.factories import make_activity
from lantoa.conftest import ARTIFACTS, log_in
from lantoa.outreach import OutreachKind
from lantoa.plans.tests.factories import cascade

pytestmark = pytest.mark.browser

# Every chart drawn: Chart.js loaded and an instance on each canvas.
DRAWN = (
    "window.Chart && document.querySelectorAll('canvas').length > 0 && "
    "Array.from(document.querySelectorAll('canvas')).every(c => !!Chart.getChart(c))"
)


def wait_until_drawn(page):
    # Polled from Python: `wait_for_function` evaluates its string in the page, which the
    # policy's script-src 'self' forbids in newer Chromium.
    for _ in range(100):
        if page.evaluate(DRAWN):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the charts were not drawn")


def console_errors(page):
    """Errors the page logs."""
    errors = []

    def record(message):
        if message.type == "error":
            errors.append(message.text)

    page.on("console", record)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def fits(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_it_draws_the_charts_and_drills_down(page, scenario):
    cascade(scenario)
    for day, kind in [
        (datetime.date(2018, 3, 10), OutreachKind.TALK),
        (
            datetime.date(2018, 8, 2),
            OutreachKind.VISUAL,
        ),
    ]:
        make_activity(scenario.grassroots_a, kind=kind, date=day)
    errors = console_errors(page)

    log_in(page, "officer_a")
    if page.viewport_name == "phone":
        page.click(".navbar-toggler")
    page.get_by_role("link", name="Bảng điều khiển").click()
    expect(page.locator("h1")).to_contain_text("LĐLĐ huyện Châu Thành, Năm 2018")
    canvases = page.locator("#dashboard canvas")
    expect(canvases).to_have_count(5)
    wait_until_drawn(page)
    expect(page.locator("#trend table")).to_contain_text("Quý III/2018")
    assert fits(page)
    page.screenshot(
        path=str(ARTIFACTS / f"dashboard-district[{page.viewport_name}].png"), full_page=True
    )

    page.locator("#units").get_by_role("link", name="CĐCS May Tân Thạch").click()
    expect(page.locator("h1")).to_contain_text("CĐCS May Tân Thạch")
    expect(page).to_have_url(
        re.compile(rf"/dashboard/\?unit={scenario.grassroots_a.pk}&period=2018$")
    )
    wait_until_drawn(page)
    expect(page.locator("#units")).to_have_count(0)
    page.get_by_role("link", name="Quý I/2018").click()
    expect(page.locator("[data-figure='activities.count']")).to_contain_text("1")
    page.go_back()
    expect(page.locator("h1")).to_contain_text("Năm 2018")
    wait_until_drawn(page)
    assert errors == []
