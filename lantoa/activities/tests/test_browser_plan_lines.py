"""In a real browser: the plan lines follow the unit and the date chosen in the form."""

import pytest
from playwright.sync_api import expect

from lantoa.activities.models import Activity
from lantoa.conftest import ARTIFACTS, log_in
from lantoa.outreach import OutreachKind
from lantoa.plans.tests.factories import issued, own_plan
from lantoa.units.models import UnitKind

pytestmark = pytest.mark.browser


def test_it_offers_the_lines_of_the_chosen_unit_and_year(page, scenario):
    province_plan = issued(
        scenario.province,
        scenario.admin,
        number=10,
        recipients=[{"name": "LĐLĐ các huyện", "unit_kinds": [UnitKind.DISTRICT_FEDERATION]}],
    )
    own_plan(province_plan.deployments.get(unit=scenario.district_a), scenario.officer_a)
    log_in(page, "officer_a")
    page.goto("/activities/new/?kind=talk")
    options = page.locator("#id_plan_line option")
    chosen = page.locator("#id_plan_line option:checked")

    def change(field, value):
        # Wait for the lines to be reloaded: a choice made before would be replaced.
        if field == "#id_unit":
            page.select_option(field, label=value)
        else:
            page.fill(field, value)
        expect(page.locator(".htmx-request")).to_have_count(0)

    change("#id_date", "2018-03-20")
    # The district's own plan first: it implements the province's.
    expect(options).to_have_count(3)
    expect(chosen).to_contain_text("01/KH-LĐLĐ – 1. Tổ chức tọa đàm")

    change("#id_date", "2019-01-10")
    expect(options).to_have_count(1)
    expect(chosen).to_have_text("Không thuộc kế hoạch nào")

    change("#id_date", "2018-03-20")
    change("#id_unit", scenario.grassroots_a.short_name)
    expect(options).to_have_count(3)
    page.select_option("#id_plan_line", label="10/KH-LĐLĐ – 1. Tổ chức tọa đàm khởi nghiệp.")
    page.select_option("#id_place_kind", label="Doanh nghiệp")
    page.fill("#id_participants", "35")
    page.screenshot(
        path=str(ARTIFACTS / f"activity-form-plan-line[{page.viewport_name}].png"), full_page=True
    )
    page.get_by_role("button", name="Lưu").click()

    expect(page.locator("dd", has_text="10/KH-LĐLĐ – 1")).to_be_visible()
    line = province_plan.activity_lines.get(kind=OutreachKind.TALK)
    assert Activity.objects.get().plan_line == line
