"""A draft can be thrown away; an issued plan cannot."""

from django.urls import reverse

from lantoa.plans import services
from lantoa.plans.models import Deployment, Plan
from lantoa.plans.tests.factories import draft, issued
from lantoa.test import ScenarioTestCase


class DeleteDraftTestCase(ScenarioTestCase):
    def test_it_deletes_a_draft_after_confirmation(self):
        plan = draft(self.district_a, self.officer_a)
        self.login(self.officer_a)
        page = self.client.get(reverse("plan_delete", args=[plan.pk]))
        self.assertContains(page, "sẽ bị xóa")
        response = self.client.post(reverse("plan_delete", args=[plan.pk]), follow=True)
        self.assertFalse(Plan.objects.filter(pk=plan.pk).exists())
        self.assertContains(response, "Đã xóa dự thảo kế hoạch")

    def test_it_keeps_an_issued_plan(self):
        plan = issued(self.province, self.admin)
        self.login(self.admin)
        response = self.client.post(reverse("plan_delete", args=[plan.pk]), follow=True)
        self.assertTrue(Plan.objects.filter(pk=plan.pk).exists())
        self.assertContains(response, "Kế hoạch đã ban hành không thể xóa")

    def test_it_lets_the_unit_draft_again_after_deleting_its_own_plan(self):
        issued(self.province, self.admin)
        deployment = Deployment.objects.get(unit=self.district_a)
        own = services.plan_draft_from_parent(deployment=deployment, user=self.officer_a)
        services.plan_delete(plan=own, user=self.officer_a)
        again = services.plan_draft_from_parent(deployment=deployment, user=self.officer_a)
        self.assertNotEqual(again.pk, own.pk)
        self.assertEqual(again.parent_id, deployment.plan_id)
