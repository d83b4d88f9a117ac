"""Draft → issued; an issued plan is frozen and a correction becomes a new version."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

from lantoa.accounts.models import Notification
from lantoa.documents.services import number_take
from lantoa.documents.tests.docx_text import docx_lines
from lantoa.outreach import OutreachKind
from lantoa.plans import services
from lantoa.plans.models import PlanStatus
from lantoa.plans.tests.factories import draft, issued
from lantoa.test import ScenarioTestCase

MARCH_2 = datetime.date(2018, 3, 2)


def formset_data(prefix, rows, *, initial=0):
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": initial}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


class LifeCycleTestCase(ScenarioTestCase):
    def edit_data(self, plan, **changes):
        """The edit page's form as it comes back with its current content, plus `changes`."""
        data = {
            "superior": plan.superior,
            "issuer_name": plan.issuer_name,
            "symbol": plan.symbol,
            "place": plan.place,
            "year": plan.year,
            "subject": plan.subject,
            "bases": plan.bases,
            "introduction": plan.introduction,
            "purposes": plan.purposes,
            "content_heading": plan.content_heading,
            "audience": plan.audience,
            "primary_target": plan.primary_target,
            "archive": plan.archive,
            "signer_on_behalf": plan.signer_on_behalf,
            "signer_title": plan.signer_title,
            "signer_name": plan.signer_name,
            "report_quarterly": "on",
            "report_half_yearly": "on",
            "report_yearly": "on",
            "window_rule": plan.window_rule,
            "grassroots_deadline_days": plan.grassroots_deadline_days,
            "upper_deadline_days": plan.upper_deadline_days,
            "province_deadline_days": plan.province_deadline_days,
            "acknowledge_days": plan.acknowledge_days,
            "subplan_days": plan.subplan_days or "",
        }
        lines = [
            {"id": line.pk, "kind": line.kind, "text": line.text}
            for line in plan.activity_lines.all()
        ]
        tasks = [{"id": t.pk, "text": t.text, "assignee": t.assignee} for t in plan.tasks.all()]
        recipients = [
            {"id": r.pk, "name": r.name, "unit_kinds": [k.pk for k in r.unit_kinds.all()]}
            for r in plan.recipients.all()
        ]
        data.update(formset_data("lines", lines, initial=len(lines)))
        data.update(formset_data("tasks", tasks, initial=len(tasks)))
        data.update(formset_data("recipients", recipients, initial=len(recipients)))
        data.update(changes)
        return data

    def test_it_leaves_a_draft_without_number_and_gives_it_the_next_one_when_issued(self):
        number_take(unit=self.province, year=2018, symbol="CV-LĐLĐ", number=9)
        plan = draft(self.province, self.admin)
        self.assertIsNone(plan.number)
        services.plan_issue(plan=plan, user=self.admin, date=MARCH_2)
        plan.refresh_from_db()
        self.assertEqual((plan.status, plan.number_symbol), (PlanStatus.ISSUED, "10/KH-LĐLĐ"))

    def test_it_freezes_the_issued_content_as_version_1(self):
        plan = issued(self.province, self.admin)
        version = plan.versions.get()
        self.assertEqual(version.number, 1)
        self.assertEqual(version.content["subject"], plan.subject)
        self.assertEqual(len(version.content["activity_lines"]), 2)

    def test_it_refuses_to_issue_a_draft_without_signer_in_vietnamese(self):
        plan = draft(self.province, self.admin, signer={"on_behalf": "", "title": "", "name": ""})
        with self.assertRaisesMessage(ValidationError, "Thiếu chức vụ và họ tên người ký"):
            services.plan_issue(plan=plan, user=self.admin)

    def test_it_refuses_on_the_issue_page_a_number_already_taken(self):
        number_take(unit=self.province, year=2018, symbol="KH-LĐLĐ", number=10)
        plan = draft(self.province, self.admin)
        self.login(self.admin)
        response = self.client.post(
            reverse("plan_issue", args=[plan.pk]), {"number": 10, "date": "2018-03-02"}
        )
        self.assertContains(response, "Số 10 năm 2018 đã được dùng")
        plan.refresh_from_db()
        self.assertTrue(plan.is_draft)

    def test_it_issues_from_the_page_and_says_how_many_units_got_the_plan(self):
        plan = draft(self.province, self.admin)
        self.login(self.admin)
        response = self.client.post(
            reverse("plan_issue", args=[plan.pk]), {"number": 10, "date": "2018-03-02"}, follow=True
        )
        # Both districts and their two grassroots unions: the recipients' kinds below the issuer.
        self.assertContains(response, "Đã ban hành Kế hoạch 10/KH-LĐLĐ và gửi đến 4 đơn vị.")

    def test_it_saves_a_draft_edited_on_its_page_with_its_lines_in_page_order(self):
        plan = draft(self.province, self.admin)
        self.login(self.admin)
        data = self.edit_data(plan, subject="Kế hoạch đã sửa")
        data.update(
            {
                "lines-TOTAL_FORMS": 3,
                "lines-2-kind": OutreachKind.MEDIA,
                "lines-2-text": "Đưa tin trên báo Đồng Khởi.",
                "lines-0-DELETE": "on",
            }
        )
        response = self.client.post(reverse("plan_edit", args=[plan.pk]), data)
        self.assertRedirects(response, reverse("plan_detail", args=[plan.pk]))
        plan.refresh_from_db()
        self.assertEqual(plan.subject, "Kế hoạch đã sửa")
        self.assertEqual(
            list(plan.activity_lines.values_list("order", "kind")),
            [(1, OutreachKind.VISUAL), (2, OutreachKind.MEDIA)],
        )
        self.assertFalse(plan.versions.exists())

    def test_it_names_a_recipient_group_after_its_kind_when_left_unnamed(self):
        plan = draft(self.province, self.admin, recipients=[])
        self.login(self.admin)
        data = self.edit_data(plan)
        kind = self.district_a.kind
        data.update({"recipients-TOTAL_FORMS": 1, "recipients-0-unit_kinds": [kind.pk]})
        self.client.post(reverse("plan_edit", args=[plan.pk]), data)
        self.assertEqual(plan.recipients.get().name, "LĐLĐ các huyện, thành phố")

    def test_it_asks_what_a_correction_of_an_issued_plan_changes(self):
        plan = issued(self.province, self.admin)
        self.login(self.admin)
        response = self.client.post(
            reverse("plan_edit", args=[plan.pk]), self.edit_data(plan, subject="Sửa")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("change_note", response.context["correction"].errors)
        plan.refresh_from_db()
        self.assertNotEqual(plan.subject, "Sửa")

    def test_it_keeps_the_old_version_and_records_what_a_correction_changed(self):
        plan = issued(self.province, self.admin)
        self.login(self.admin)
        data = self.edit_data(
            plan, subject="Truyền thông khởi nghiệp năm 2018 (sửa đổi)", change_note="Sửa trích yếu"
        )
        response = self.client.post(reverse("plan_edit", args=[plan.pk]), data)
        self.assertRedirects(response, reverse("plan_detail", args=[plan.pk]))
        first, second = plan.versions.order_by("number")
        self.assertEqual(first.content["subject"], "Truyền thông khởi nghiệp năm 2018")
        self.assertEqual(second.content["subject"], "Truyền thông khởi nghiệp năm 2018 (sửa đổi)")
        self.assertEqual(
            (second.change_note, second.changed_sections), ("Sửa trích yếu", ["subject"])
        )
        page = self.client.get(reverse("plan_detail", args=[plan.pk]))
        self.assertContains(page, "Phiên bản 2")
        self.assertContains(page, "Sửa trích yếu")

    def test_it_prints_an_earlier_version_as_it_was(self):
        plan = issued(self.province, self.admin)
        plan.subject = "Trích yếu mới"
        services.plan_save(
            plan=plan, user=self.admin, forms=[], formsets=[], change_note="Đổi trích yếu"
        )
        self.login(self.admin)
        old = self.client.get(reverse("plan_docx", args=[plan.pk]) + "?version=1")
        self.assertIn("Truyền thông khởi nghiệp năm 2018", docx_lines(old.content))
        self.assertNotIn("Trích yếu mới", docx_lines(old.content))
        page = self.client.get(reverse("plan_detail", args=[plan.pk]) + "?version=1")
        self.assertContains(page, "Bạn đang đọc phiên bản 1")

    def test_it_makes_no_version_of_a_correction_that_changes_nothing(self):
        plan = issued(self.province, self.admin)
        version = services.plan_save(
            plan=plan, user=self.admin, forms=[], formsets=[], change_note="Không đổi gì"
        )
        self.assertIsNone(version)
        self.assertEqual(plan.versions.count(), 1)

    def test_it_saves_a_target_of_an_issued_plan_as_a_correction(self):
        plan = issued(self.province, self.admin)
        line = plan.activity_lines.get(kind="talk")
        self.login(self.admin)
        response = self.client.post(
            reverse("plan_targets", args=[plan.pk]),
            {
                "targets-TOTAL_FORMS": 1,
                "targets-INITIAL_FORMS": 0,
                "targets-0-line": line.pk,
                "targets-0-quantity": 2,
                "targets-0-per": "Q",
                "targets-0-unit_kind": self.district_a.kind_id,
                "change_note": "Thêm chỉ tiêu tọa đàm",
            },
            follow=True,
        )
        self.assertContains(response, "Đã lưu đính chính thành phiên bản 2.")
        self.assertEqual(plan.versions.get(number=2).changed_sections, ["activity_lines"])

    def test_it_tells_the_receiving_units_about_a_correction(self):
        plan = issued(self.province, self.admin)
        plan.subject = "Trích yếu mới"
        services.plan_save(plan=plan, user=self.admin, forms=[], formsets=[], change_note="Đổi")
        messages = Notification.objects.filter(user=self.officer_a).values_list(
            "message", flat=True
        )
        self.assertTrue(any("phiên bản 2" in message for message in messages))

    def test_it_does_not_issue_a_plan_twice(self):
        plan = issued(self.province, self.admin)
        with self.assertRaisesMessage(ValidationError, "đã được ban hành"):
            services.plan_issue(plan=plan, user=self.admin)
