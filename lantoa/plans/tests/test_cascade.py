"""Issuing deploys a plan to every receiving unit; they acknowledge it and issue their own."""

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from lantoa.accounts.models import Notification
from lantoa.plans import selectors, services
from lantoa.plans.models import Plan, Target
from lantoa.plans.tests.factories import draft, issued, own_plan
from lantoa.test import ScenarioTestCase, make_unit
from lantoa.units.models import UnitKind


class CascadeTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.sector = make_unit("S", UnitKind.SECTOR_UNION, "Công đoàn ngành Y tế", cls.province)
        cls.plan = issued(
            cls.province,
            cls.admin,
            recipients=[
                {"name": "Ban Tuyên giáo Tỉnh ủy"},
                {"name": "LĐLĐ các huyện, thành phố", "unit_kinds": [UnitKind.DISTRICT_FEDERATION]},
                {"name": "Công đoàn ngành Y tế", "unit": cls.sector.pk},
            ],
        )
        talk = cls.plan.activity_lines.get(kind="talk")
        Target.objects.create(line=talk, quantity=2, per="Q", unit_kind=cls.district_a.kind)
        Target.objects.create(line=talk, quantity=5, per="Y", unit=cls.sector)

    def deployment(self, unit, plan=None):
        return (plan or self.plan).deployments.get(unit=unit)

    def test_it_deploys_to_the_units_of_its_groups_and_named_units_but_not_outside_bodies(self):
        units = set(self.plan.deployments.values_list("unit__code", flat=True))
        self.assertEqual(units, {"A", "B", "S"})

    def test_it_tells_the_users_of_every_receiving_unit(self):
        message = Notification.objects.get(user=self.officer_b).message
        self.assertIn(self.plan.number_symbol, message)
        self.assertIn("LĐLĐ tỉnh Bến Tre", message)

    def test_it_records_who_acknowledged_and_when_once(self):
        deployment = self.deployment(self.district_a)
        self.login(self.officer_a)
        self.client.post(reverse("deployment_acknowledge", args=[deployment.pk]))
        deployment.refresh_from_db()
        first = deployment.acknowledged_at
        self.assertEqual(deployment.acknowledged_by, self.officer_a)
        self.client.post(reverse("deployment_acknowledge", args=[deployment.pk]))
        deployment.refresh_from_db()
        self.assertEqual(deployment.acknowledged_at, first)

    def test_it_forbids_a_viewer_to_acknowledge(self):
        deployment = self.deployment(self.district_a)
        self.login(self.viewer_a)
        response = self.client.post(reverse("deployment_acknowledge", args=[deployment.pk]))
        self.assertEqual(response.status_code, 403)

    def test_it_shows_the_receiving_unit_its_acknowledge_button_on_the_plan(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("plan_detail", args=[self.plan.pk]))
        self.assertContains(
            response, reverse("deployment_acknowledge", args=[self.deployment(self.district_a).pk])
        )
        self.assertNotContains(response, "LĐLĐ huyện Giồng Trôm")  # the board is the issuer's

    def test_it_drafts_a_units_own_plan_from_the_parent_lines_and_kind_targets(self):
        own = services.plan_draft_from_parent(
            deployment=self.deployment(self.district_a), user=self.officer_a
        )
        parent_lines = list(self.plan.activity_lines.all())
        self.assertEqual(
            [(line.kind, line.text, line.parent_line) for line in own.activity_lines.all()],
            [(line.kind, line.text, line) for line in parent_lines],
        )
        self.assertEqual(
            list(Target.objects.filter(line__plan=own).values_list("quantity", "per")), [(2, "Q")]
        )
        self.assertIn(f"Kế hoạch số {self.plan.number_symbol} ngày 02/3/2018", own.bases)
        self.assertEqual(
            [(r.name, [k.code for k in r.unit_kinds.all()]) for r in own.recipients.all()],
            [("LĐLĐ tỉnh Bến Tre (để báo cáo)", []), ("Công đoàn cơ sở", ["grassroots_union"])],
        )
        self.assertEqual(own.tasks.count(), 1)  # the receivers' task, not the department's
        self.assertEqual((own.parent, own.path), (self.plan, f"{self.plan.path}{own.pk}/"))

    def test_it_opens_the_existing_own_plan_instead_of_drafting_a_second(self):
        deployment = self.deployment(self.district_a)
        first = services.plan_draft_from_parent(deployment=deployment, user=self.officer_a)
        self.login(self.officer_a)
        response = self.client.post(reverse("deployment_subplan", args=[deployment.pk]))
        self.assertRedirects(response, reverse("plan_edit", args=[first.pk]))
        self.assertEqual(Plan.objects.filter(parent=self.plan).count(), 1)

    def test_it_shows_the_issued_own_plan_on_the_parents_board(self):
        deployment = self.deployment(self.district_a)
        own = own_plan(deployment, self.officer_a)
        deployment.refresh_from_db()
        self.assertEqual(deployment.subplan, own)
        self.login(self.admin)
        response = self.client.get(reverse("plan_detail", args=[self.plan.pk]))
        self.assertContains(response, f'href="/plans/{own.pk}/"')
        self.assertContains(response, "01/KH-LĐLĐ")

    def test_it_counts_each_level_of_the_cascade(self):
        services.deployment_acknowledge(
            deployment=self.deployment(self.district_a), user=self.officer_a
        )
        own_plan(self.deployment(self.district_a), self.officer_a)
        _rows, levels = selectors.deployment_board(self.plan, today=timezone.localdate())
        self.assertEqual(
            [(lv.level, lv.units, lv.acknowledged, lv.with_plan) for lv in levels],
            [(1, 3, 1, 1), (2, 1, 0, 0)],
        )

    def test_it_marks_overdue_acknowledgements_on_the_board(self):
        # Issued on 2 March 2018: the three working days to acknowledge are long gone.
        self.login(self.admin)
        response = self.client.get(reverse("plan_detail", args=[self.plan.pk]))
        self.assertContains(response, "quá hạn", count=3)

    def test_it_reminds_the_units_that_have_not_acknowledged_in_app_and_by_e_mail(self):
        services.deployment_acknowledge(
            deployment=self.deployment(self.district_a), user=self.officer_a
        )
        self.login(self.admin)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("plan_remind", args=[self.plan.pk]), follow=True)
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), ["officer_b@x.vn", "viewer_b@x.vn"])
        self.assertTrue(
            Notification.objects.filter(user=self.officer_b, message__startswith="Nhắc").exists()
        )
        self.assertContains(response, "Công đoàn ngành Y tế")  # no user there: contact them
        self.assertEqual(self.deployment(self.district_b).reminders, 1)

    def test_it_lists_plans_to_acknowledge_on_the_home_page(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("home"))
        self.assertContains(response, "1 kế hoạch đang chờ đơn vị xác nhận")

    @override_settings(LANGUAGE_CODE="vi")
    def test_it_writes_notifications_in_the_sites_language_whatever_the_senders(self):
        plan = draft(self.province, self.admin, subject="Kế hoạch thứ hai")
        self.client.force_login(self.admin)
        self.client.post(reverse("set_language"), {"language": "en"})
        self.client.post(
            reverse("plan_issue", args=[plan.pk]), {"number": 20, "date": "2018-04-02"}
        )
        message = Notification.objects.filter(user=self.officer_a).latest("pk").message
        self.assertIn("đã gửi Kế hoạch", message)
