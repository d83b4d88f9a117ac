"""What the reports will read from a plan: periods, deadlines per level, targets per unit."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from lantoa.periods.period import Period
from lantoa.plans import services
from lantoa.plans.models import ReportingLevel, Target
from lantoa.plans.tests.factories import issued
from lantoa.test import ScenarioTestCase

d = datetime.date


class ScheduleTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.plan = issued(cls.province, cls.admin)

    def test_it_lists_the_periods_the_plan_asks_reports_for(self):
        self.plan.report_quarterly = False
        self.assertEqual(
            [str(p) for p in self.plan.reporting_periods()], ["2018S1", "2018S2", "2018"]
        )

    def test_it_sets_later_deadlines_for_each_level_after_the_window(self):
        # Q1 2018 closes on Wednesday 14 March: 1, 3 and 5 working days after.
        deadlines = self.plan.deadlines(Period.parse("2018Q1"))
        self.assertEqual(
            deadlines,
            {
                ReportingLevel.GRASSROOTS: d(2018, 3, 15),
                ReportingLevel.UPPER: d(2018, 3, 19),
                ReportingLevel.PROVINCE: d(2018, 3, 21),
            },
        )
        self.assertEqual(
            self.plan.deadline_for(Period.parse("2018Q1"), self.grassroots_a), d(2018, 3, 15)
        )

    def test_it_shows_the_schedule_on_the_plan_page(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("plan_detail", args=[self.plan.pk]))
        self.assertContains(response, "Quý I/2018")
        self.assertContains(response, "21/3/2018")

    def test_it_refuses_a_level_due_before_the_level_below_it(self):
        self.plan.upper_deadline_days = 1
        with self.assertRaisesMessage(ValidationError, "hạn muộn hơn cấp dưới"):
            self.plan.full_clean()

    def test_it_names_the_units_expected_to_report(self):
        codes = set(self.plan.expected_reporters().values_list("code", flat=True))
        self.assertEqual(codes, {"A", "B", "A-1", "B-1"})

    def test_it_scales_a_quarterly_target_to_longer_periods_only(self):
        line = self.plan.activity_lines.get(kind="talk")
        Target.objects.create(line=line, quantity=2, per="Q", unit_kind=self.grassroots_a.kind)
        Target.objects.create(line=line, quantity=3, per="Y", unit=self.grassroots_a)
        self.assertEqual(
            self.plan.targets_for(self.grassroots_a, Period.parse("2018Q2")), {line: 2}
        )
        self.assertEqual(self.plan.targets_for(self.grassroots_a, Period.parse("2018")), {line: 11})
        self.assertEqual(
            self.plan.targets_for(self.grassroots_b, Period.parse("2018S1")), {line: 4}
        )
        self.assertEqual(self.plan.targets_for(self.district_a, Period.parse("2018")), {})


class DraftFromDocumentTestCase(ScenarioTestCase):
    """The plan-document parser's structure saves as a draft through plan_create_draft."""

    def parsed(self, **changes):
        structure = {
            "number": 10,
            "symbol": "KH-LĐLĐ",
            "place": "Bến Tre",
            "date": d(2018, 3, 2),
            "doc_type": "KẾ HOẠCH",
            "subject": "Thực hiện công tác truyền thông khởi nghiệp năm 2018",
            "issuer_name": "Liên đoàn Lao động tỉnh Bến Tre",
            "superior": "Tổng LĐLĐ Việt Nam",
            "bases": ["Chương trình số 10-CTr/TU ngày 28/4/2016"],
            "activity_lines": [{"kind": "talk", "text": "Tọa đàm khởi nghiệp."}],
            "tasks": [{"text": "LĐLĐ huyện Châu Thành triển khai.", "units": [self.district_a.pk]}],
            "recipients": [
                {"name": "Hội đồng TVKN và PTDN", "unit": None},
                {"name": "LĐLĐ huyện Châu Thành", "unit": self.district_a.pk},
            ],
            "archive": "VP, TG",
            "signer": {
                "on_behalf": "TM. BAN THƯỜNG VỤ",
                "title": "Phó Chủ tịch",
                "name": "Huỳnh Văn Tân",
            },
        }
        structure.update(changes)
        return structure

    def test_it_saves_the_parsed_structure_as_a_draft(self):
        plan = services.plan_create_draft(issuer=self.province, user=self.admin, **self.parsed())
        self.assertTrue(plan.is_draft)
        self.assertEqual((plan.number, plan.year, plan.signer_name), (10, 2018, "Huỳnh Văn Tân"))
        self.assertEqual(list(plan.tasks.get().units.all()), [self.district_a])
        self.assertEqual(plan.tasks.get().assignee, "units")
        self.assertEqual([r.unit for r in plan.recipients.all()], [None, self.district_a])

    def test_it_refuses_a_document_that_is_not_a_plan(self):
        with self.assertRaisesMessage(ValidationError, "không phải kế hoạch"):
            services.plan_create_draft(
                issuer=self.province, user=self.admin, **self.parsed(doc_type="BÁO CÁO")
            )

    def test_it_issues_the_saved_draft_with_the_number_it_was_written_with(self):
        plan = services.plan_create_draft(issuer=self.province, user=self.admin, **self.parsed())
        services.plan_issue(plan=plan, user=self.admin, date=plan.date)
        plan.refresh_from_db()
        self.assertEqual(plan.number_symbol, "10/KH-LĐLĐ")
