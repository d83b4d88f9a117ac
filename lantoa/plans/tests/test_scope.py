"""A unit sees what it issued or received and the plans of its subtree; it changes only its own."""

from django.urls import reverse

from lantoa.accounts.models import Role
from lantoa.plans.selectors import visible_plans
from lantoa.plans.tests.factories import cascade, draft
from lantoa.test import MARKER_B, ScenarioTestCase, make_user


class PlanScopeTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cascade(cls)
        cls.province_draft = draft(cls.province, cls.admin, subject="Dự thảo của tỉnh")

    def test_it_shows_a_unit_what_it_issued_received_and_drafts_of_its_own(self):
        self.assertEqual(
            set(visible_plans(self.officer_a)),
            {self.province_plan, self.subplan["a"], self.draft["a"]},
        )

    def test_it_shows_a_grassroots_units_plans_to_the_district_above_it(self):
        own = draft(self.grassroots_a, self.officer_a, subject="Kế hoạch của công đoàn cơ sở")
        self.assertIn(own, visible_plans(self.officer_a))
        self.assertNotIn(own, visible_plans(self.officer_b))

    def test_it_shows_a_grassroots_union_the_plans_its_upper_levels_work_under(self):
        officer = make_user("officer_a1", self.grassroots_a, Role.OFFICER)
        self.assertEqual(set(visible_plans(officer)), {self.province_plan, self.subplan["a"]})

    def test_it_lists_the_plans_with_their_number_and_symbol(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("plan_list"))
        self.assertContains(response, f'href="/plans/{self.subplan["a"].pk}/"')
        self.assertContains(response, self.subplan["a"].number_symbol)
        self.assertContains(response, self.province_plan.number_symbol)
        self.assertNotContains(response, MARKER_B)
        self.assertNotContains(response, "Dự thảo của tỉnh")

    def test_it_filters_the_list_by_year_issuer_and_status(self):
        self.login(self.admin)
        response = self.client.get(
            reverse("plan_list"), {"issuer": self.district_a.pk, "status": "draft", "year": 2018}
        )
        self.assertEqual(list(response.context["plans"]), [self.draft["a"]])

    def test_it_lists_what_waits_for_the_units_acknowledgement(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("plan_list"), {"status": "waiting"})
        self.assertEqual(list(response.context["plans"]), [self.province_plan])

    def test_it_forbids_a_receiving_unit_to_change_the_plan_it_received(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("plan_edit", args=[self.province_plan.pk]))
        self.assertEqual(response.status_code, 403)

    def test_it_lets_a_viewer_read_but_not_change_its_units_plan(self):
        self.login(self.viewer_a)
        self.assertEqual(
            self.client.get(reverse("plan_detail", args=[self.subplan["a"].pk])).status_code, 200
        )
        self.assertEqual(
            self.client.get(reverse("plan_edit", args=[self.subplan["a"].pk])).status_code, 403
        )

    def test_it_hides_the_issuers_board_from_a_receiving_unit(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("plan_detail", args=[self.province_plan.pk]))
        self.assertIsNone(response.context["board"] or None)
        self.assertNotContains(response, "LĐLĐ huyện Giồng Trôm")
