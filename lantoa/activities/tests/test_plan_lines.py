"""Activities logged under the lines of plans: the rules, the form, the list, imports, exports."""

import datetime
import io
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.urls import reverse
from openpyxl import load_workbook

from lantoa.activities import services
from lantoa.activities.models import Activity, ImportJob
from lantoa.activities.plan_lines import PlanLineIndex, parse_label
from lantoa.outreach import OutreachKind
from lantoa.plans.models import ActivityLine
from lantoa.plans.tests import test_life_cycle
from lantoa.plans.tests.factories import draft, issued, own_plan
from lantoa.test import MARKER_B, ScenarioTestCase
from lantoa.units.models import UnitKind
from lantoa.units.selectors import TreeHistory

from .factories import D2018, make_activity
from .test_import import HEADERS, talk_row, xlsx_bytes

LINES = [
    {"kind": OutreachKind.TALK, "text": "Tổ chức tọa đàm khởi nghiệp."},
    {"kind": OutreachKind.VISUAL, "text": "Treo băng rôn, pano, áp phích."},
    {"kind": OutreachKind.EMULATION, "text": "Phát động phong trào thi đua."},
]


class PlanLinesTestCase(ScenarioTestCase):
    """The province's plan 10/KH-LĐLĐ of 2018 to both districts; each district's own plan
    (01/KH-LĐLĐ of each: two registers) to its grassroots union."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.province_plan = issued(
            cls.province,
            cls.admin,
            number=10,
            activity_lines=LINES,
            recipients=[{"name": "LĐLĐ các huyện", "unit_kinds": [UnitKind.DISTRICT_FEDERATION]}],
        )
        deployments = {d.unit_id: d for d in cls.province_plan.deployments.all()}
        cls.plan_a = own_plan(deployments[cls.district_a.pk], cls.officer_a)
        cls.plan_b = own_plan(
            deployments[cls.district_b.pk], cls.officer_b, subject=f"Kế hoạch {MARKER_B}"
        )

    @classmethod
    def line(cls, plan, kind=OutreachKind.TALK):
        return plan.activity_lines.get(kind=kind)

    def errors_of(self, unit, line, *, kind=OutreachKind.TALK, date=D2018):
        activity = make_activity(unit, kind=kind, date=date)
        activity.plan_line = line
        try:
            activity.full_clean()
        except ValidationError as error:
            return error.message_dict.get("plan_line")
        return None


class RulesTestCase(PlanLinesTestCase):
    def test_it_links_an_activity_to_a_line_of_its_units_own_plan(self):
        self.assertIsNone(self.errors_of(self.district_a, self.line(self.plan_a)))

    def test_it_links_a_grassroots_activity_to_its_districts_plan(self):
        self.assertIsNone(self.errors_of(self.grassroots_a, self.line(self.plan_a)))

    def test_it_links_a_grassroots_activity_to_the_plan_its_district_received(self):
        self.assertIsNone(self.errors_of(self.grassroots_a, self.line(self.province_plan)))

    def test_it_refuses_a_line_of_another_kind(self):
        line = self.line(self.province_plan, OutreachKind.VISUAL)
        self.assertEqual(
            self.errors_of(self.grassroots_a, line),
            [
                "Nội dung 2 của Kế hoạch 10/KH-LĐLĐ là “Tuyên truyền trực quan”, không phải "
                "“Tọa đàm, nói chuyện chuyên đề, giao lưu”."
            ],
        )

    def test_it_refuses_an_emulation_line(self):
        line = self.line(self.province_plan, OutreachKind.EMULATION)
        self.assertIn("Phong trào thi đua", self.errors_of(self.district_a, line)[0])

    def test_it_refuses_a_line_of_a_draft_plan(self):
        plan = draft(self.district_a, self.officer_a, activity_lines=LINES)
        self.assertEqual(
            self.errors_of(self.district_a, self.line(plan)),
            ["Kế hoạch …/KH-LĐLĐ chưa ban hành: chỉ ghi nhận hoạt động theo kế hoạch đã ban hành."],
        )

    def test_it_refuses_a_plan_of_another_year(self):
        self.assertEqual(
            self.errors_of(
                self.district_a, self.line(self.plan_a), date=datetime.date(2019, 1, 10)
            ),
            [
                "Kế hoạch 01/KH-LĐLĐ là kế hoạch năm 2018, còn hoạt động diễn ra năm 2019: "
                "hãy chọn nội dung của kế hoạch năm 2019."
            ],
        )

    def test_it_refuses_a_line_of_a_siblings_plan(self):
        self.assertEqual(
            self.errors_of(self.grassroots_a, self.line(self.plan_b)),
            [
                f"Kế hoạch này không do {self.grassroots_a.short_name} hay cấp trên ban hành "
                "hoặc nhận được: hãy chọn nội dung của kế hoạch mà đơn vị thực hiện."
            ],
        )

    def test_it_refuses_the_plan_of_a_unit_below(self):
        self.assertIn("không do", self.errors_of(self.province, self.line(self.plan_a))[0])

    def test_it_keeps_a_line_that_activities_are_logged_under_from_being_deleted(self):
        line = self.line(self.plan_a)
        make_activity(self.grassroots_a, plan_line=line)
        with self.assertRaises(ProtectedError):
            line.delete()

    def test_it_refuses_a_correction_that_removes_a_line_with_activities(self):
        line = self.line(self.plan_a)
        make_activity(self.grassroots_a, plan_line=line)
        self.login(self.officer_a)
        data = test_life_cycle.LifeCycleTestCase.edit_data(self, self.plan_a)
        index = list(self.plan_a.activity_lines.all()).index(line)
        data.update({f"lines-{index}-DELETE": "on", "change_note": "Bỏ nội dung tọa đàm"})
        response = self.client.post(reverse("plan_edit", args=[self.plan_a.pk]), data)
        self.assertContains(response, "Không thể xóa nội dung hoạt động")
        self.assertTrue(ActivityLine.objects.filter(pk=line.pk).exists())
        self.assertEqual(self.plan_a.versions.count(), 1)


class FormTestCase(PlanLinesTestCase):
    def form_page(self, **query):
        self.login(self.officer_a)
        return self.client.get(
            reverse("activity_create"), {"kind": "talk", "date": "2018-03-20", **query}
        )

    def choices(self, response):
        field = response.context["form"]["plan_line"]
        return [
            (str(group), [label for _value, label in options])
            for group, options in field.field.choices
            if group
        ]

    def test_it_offers_the_lines_of_the_kind_grouped_by_plan_the_nearest_first(self):
        self.assertEqual(
            self.choices(self.form_page()),
            [
                (
                    "01/KH-LĐLĐ · LĐLĐ huyện Châu Thành · Truyền thông khởi nghiệp năm 2018",
                    ["01/KH-LĐLĐ – 1. Tổ chức tọa đàm khởi nghiệp."],
                ),
                (
                    "10/KH-LĐLĐ · LĐLĐ tỉnh Bến Tre · Truyền thông khởi nghiệp năm 2018",
                    ["10/KH-LĐLĐ – 1. Tổ chức tọa đàm khởi nghiệp."],
                ),
            ],
        )

    def test_it_starts_with_the_line_of_the_units_own_plan(self):
        response = self.form_page()
        self.assertEqual(response.context["form"]["plan_line"].value(), self.line(self.plan_a).pk)

    def test_it_starts_with_no_line_when_the_nearest_plan_has_two_of_the_kind(self):
        issued(
            self.grassroots_a,
            self.officer_a,
            activity_lines=[LINES[0], {"kind": OutreachKind.TALK, "text": "Giao lưu."}],
            recipients=[{"name": "Hội đồng TVKN và PTDN"}],
        )
        response = self.form_page(unit=self.grassroots_a.pk)
        self.assertIsNone(response.context["form"]["plan_line"].value())

    def test_it_offers_no_line_for_a_year_without_plan(self):
        response = self.form_page(date="2019-05-02")
        self.assertEqual(self.choices(response), [])
        self.assertContains(response, "Không thuộc kế hoạch nào")

    def test_it_reloads_the_lines_when_the_unit_or_the_date_changes(self):
        response = self.form_page(unit=self.grassroots_a.pk, date="2019-05-02")
        self.assertContains(response, 'id="plan-line-row"')
        self.assertContains(response, 'hx-select="#plan-line-row"', count=2)
        self.assertEqual(self.choices(response), [])

    def test_it_logs_an_activity_under_the_chosen_line(self):
        self.login(self.officer_a)
        line = self.line(self.province_plan)
        self.client.post(
            f"{reverse('activity_create')}?kind=talk",
            {
                "kind": "talk",
                "unit": self.grassroots_a.pk,
                "date": "2018-03-20",
                "plan_line": line.pk,
                "subtype": "seminar",
                "place_kind": "enterprise",
                "participants": 30,
            },
        )
        self.assertEqual(Activity.objects.get().plan_line, line)

    def test_it_explains_a_line_that_does_not_fit_and_offers_those_of_the_new_year(self):
        self.login(self.officer_a)
        response = self.client.post(
            f"{reverse('activity_create')}?kind=talk",
            {
                "kind": "talk",
                "unit": self.district_a.pk,
                "date": "2019-01-10",
                "plan_line": self.line(self.plan_a).pk,
                "subtype": "seminar",
                "place_kind": "enterprise",
                "participants": 30,
            },
        )
        self.assertContains(response, "là kế hoạch năm 2018, còn hoạt động diễn ra năm 2019")
        self.assertEqual(self.choices(response), [])
        self.assertFalse(Activity.objects.exists())

    def test_it_never_offers_a_siblings_plan(self):
        response = self.form_page(unit=self.grassroots_a.pk)
        self.assertNotContains(response, MARKER_B)

    def test_it_keeps_the_line_of_an_activity_being_edited(self):
        line = self.line(self.province_plan)
        activity = make_activity(self.district_a, plan_line=line)
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_edit", args=[activity.pk]))
        self.assertEqual(response.context["form"]["plan_line"].value(), line.pk)


class ListTestCase(PlanLinesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.under_province = make_activity(
            cls.district_a, title="Theo kế hoạch tỉnh", plan_line=cls.line(cls.province_plan)
        )
        cls.under_a = make_activity(
            cls.grassroots_a, title="Theo kế hoạch huyện", plan_line=cls.line(cls.plan_a)
        )
        cls.unlinked = make_activity(cls.grassroots_a, title="Không theo kế hoạch")

    def titles(self, user, **query):
        self.login(user)
        response = self.client.get(reverse("activity_list"), query)
        return {activity.title for activity in response.context["page"]}

    def test_it_filters_a_plan_with_the_plans_drawn_up_from_it(self):
        self.assertEqual(
            self.titles(self.officer_a, plan=self.province_plan.pk),
            {"Theo kế hoạch tỉnh", "Theo kế hoạch huyện"},
        )

    def test_it_filters_a_plan_drawn_up_from_another_by_itself(self):
        self.assertEqual(self.titles(self.officer_a, plan=self.plan_a.pk), {"Theo kế hoạch huyện"})

    def test_it_lists_nothing_for_a_plan_the_user_may_not_see(self):
        self.assertEqual(self.titles(self.officer_a, plan=self.plan_b.pk), set())

    def test_it_offers_only_the_plans_the_user_may_see(self):
        self.login(self.officer_a)
        plans = set(
            self.client.get(reverse("activity_list")).context["form"].fields["plan"].queryset
        )
        self.assertEqual(plans, {self.province_plan, self.plan_a})

    def test_it_shows_the_plan_line_in_the_list(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_list"))
        self.assertContains(response, "kế hoạch 01/KH-LĐLĐ – 1")

    def test_it_shows_the_plan_line_on_the_detail_page_with_a_link_to_the_plan(self):
        self.login(self.officer_a)
        response = self.client.get(self.under_a.get_absolute_url())
        self.assertContains(response, "Nội dung kế hoạch")
        self.assertContains(
            response, f'<a href="{self.plan_a.get_absolute_url()}">01/KH-LĐLĐ</a> – 1', html=False
        )
        self.assertContains(response, "Tổ chức tọa đàm khởi nghiệp.")

    def test_it_counts_on_the_plan_page_the_activities_under_each_line_and_its_adaptations(self):
        self.login(self.officer_a)
        response = self.client.get(self.province_plan.get_absolute_url())
        self.assertInHTML(
            '<li class="d-flex gap-2 mb-1"><i class="bi bi-people text-primary" aria-hidden="true">'
            '</i><span class="me-auto">1. Tọa đàm, nói chuyện chuyên đề, giao lưu</span>'
            '<span class="fw-semibold">2</span></li>',
            response.content.decode(),
        )
        self.assertContains(response, f"{reverse('activity_list')}?plan={self.province_plan.pk}")

    def test_it_counts_on_the_plan_page_only_the_activities_the_user_may_see(self):
        self.login(self.officer_b)
        response = self.client.get(self.province_plan.get_absolute_url())
        self.assertContains(response, "chưa có hoạt động nào ghi nhận theo các nội dung")


class ImportTestCase(PlanLinesTestCase):
    HEADERS = [*HEADERS, "Nội dung kế hoạch"]

    def upload(self, rows, user=None):
        self.login(user or self.officer_a)
        self.client.post(
            reverse("activity_import"),
            {"file": SimpleUploadedFile("kh.xlsx", xlsx_bytes(rows, headers=self.HEADERS))},
        )
        return ImportJob.objects.latest("created_at")

    def row(self, line, code="A-1", day=datetime.date(2018, 3, 20), **kwargs):
        return [*talk_row(code=code, day=day, **kwargs), line]

    def test_it_links_imported_rows_to_the_lines_they_name(self):
        job = self.upload([self.row("01/KH-LĐLĐ – 1"), self.row("10/KH-LĐLĐ-1", participants=9)])
        self.assertEqual(job.errors, [])
        self.assertEqual(
            dict(Activity.objects.values_list("participants", "plan_line")),
            {30: self.line(self.plan_a).pk, 9: self.line(self.province_plan).pk},
        )

    def test_it_imports_a_row_without_plan_line(self):
        job = self.upload([self.row(None)])
        self.assertEqual((job.status, Activity.objects.get().plan_line), ("done", None))

    def test_it_lists_every_plan_line_error_in_vietnamese(self):
        issued(
            self.grassroots_a,
            self.officer_a,
            activity_lines=LINES,
            recipients=[{"name": "Hội đồng TVKN và PTDN"}],
        )
        job = self.upload(
            [
                self.row("kế hoạch 10"),
                self.row("99/KH-LĐLĐ – 1"),
                self.row("10/KH-LĐLĐ – 9"),
                self.row("10/KH-LĐLĐ – 2"),
                self.row("01/KH-CĐCS – 1", code="A"),
                self.row(None, day=datetime.date(2017, 12, 20)),
            ]
        )
        header = "Nội dung kế hoạch"
        self.assertEqual(
            [tuple(error) for error in job.errors],
            [
                (
                    2,
                    header,
                    "“kế hoạch 10” không phải là nội dung kế hoạch: hãy ghi số, ký hiệu kế hoạch "
                    "và số thứ tự nội dung, ví dụ 10/KH-LĐLĐ – 3.",
                ),
                (
                    3,
                    header,
                    "Không tìm thấy kế hoạch 99/KH-LĐLĐ năm 2018 đã ban hành: hãy kiểm tra lại "
                    "số, ký hiệu (tệp mẫu nhập liệu có danh mục các kế hoạch và nội dung).",
                ),
                (
                    4,
                    header,
                    "Kế hoạch 10/KH-LĐLĐ không có nội dung 9: các nội dung được đánh số từ 1 "
                    "đến 3.",
                ),
                (
                    5,
                    header,
                    "Nội dung 2 của Kế hoạch 10/KH-LĐLĐ là “Tuyên truyền trực quan”, không phải "
                    "“Tọa đàm, nói chuyện chuyên đề, giao lưu”.",
                ),
                (
                    6,
                    header,
                    "Kế hoạch này không do LĐLĐ huyện Châu Thành hay cấp trên ban hành hoặc nhận "
                    "được: hãy chọn nội dung của kế hoạch mà đơn vị thực hiện.",
                ),
                (
                    7,
                    "Ngày",
                    f"{self.grassroots_a.short_name} và cấp trên không ban hành hay nhận được "
                    "kế hoạch nào năm 2017: hãy kiểm tra lại ngày; nếu ngày đúng, kế hoạch năm "
                    "2017 phải được ban hành trên Lan Tỏa trước khi nhập các hoạt động của năm đó.",
                ),
            ],
        )
        self.assertFalse(Activity.objects.exists())

    def test_it_refuses_a_line_of_a_siblings_plan(self):
        job = self.upload([self.row("01/KH-LĐLĐ (B) – 1")])
        self.assertIn("Không tìm thấy kế hoạch 01/KH-LĐLĐ năm 2018", job.errors[0][2])

    def test_it_asks_for_the_issuers_code_when_two_plans_reaching_the_unit_share_a_number(self):
        issued(
            self.district_a,
            self.officer_a,
            number=10,
            activity_lines=LINES,
            recipients=[{"name": "CĐCS", "unit_kinds": [UnitKind.GRASSROOTS_UNION]}],
        )
        job = self.upload(
            [self.row("10/KH-LĐLĐ – 1"), self.row("10/KH-LĐLĐ (a) – 1", participants=31)]
        )
        self.assertEqual(
            job.errors,
            [
                [
                    2,
                    "Nội dung kế hoạch",
                    f"{self.grassroots_a.short_name} nhận được nhiều kế hoạch cùng số "
                    "10/KH-LĐLĐ năm 2018: hãy ghi thêm mã đơn vị ban hành, ví dụ "
                    "10/KH-LĐLĐ (P) – 1.",
                ]
            ],
        )

    def test_it_reads_a_line_with_the_issuers_code(self):
        self.upload([self.row("01/KH-LĐLĐ (A) – 1")])
        self.assertEqual(Activity.objects.get().plan_line, self.line(self.plan_a))

    def test_it_imports_an_export_with_its_plan_lines_back(self):
        make_activity(self.grassroots_a, plan_line=self.line(self.plan_a))
        make_activity(self.district_a, plan_line=self.line(self.province_plan), participants=70)
        make_activity(self.district_a, participants=80)
        before = sorted(Activity.objects.values_list("unit", "participants", "plan_line"))
        self.login(self.officer_a)
        for fmt in ("xlsx", "csv"):
            response = self.client.get(reverse("activity_export"), {"format": fmt})
            content = b"".join(response.streaming_content)
            if fmt == "csv":
                self.assertIn("01/KH-LĐLĐ (A) – 1", content.decode("utf-8-sig"))
            Activity.objects.all().delete()
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"export.{fmt}"
                path.write_bytes(content)
                job = services.activities_import(path=str(path), user=self.officer_a)
            self.assertEqual(job.errors, [])
            after = sorted(Activity.objects.values_list("unit", "participants", "plan_line"))
            self.assertEqual(after, before)

    def test_it_lists_the_lines_of_the_kind_in_the_template(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_import_template"), {"kind": "talk"})
        workbook = load_workbook(io.BytesIO(response.content))
        lists = workbook["Danh mục"]
        column = next(cell.column_letter for cell in lists[1] if cell.value == "Nội dung kế hoạch")
        self.assertEqual(
            [cell.value for cell in lists[column][1:] if cell.value],
            ["10/KH-LĐLĐ – 1", "01/KH-LĐLĐ (A) – 1"],
        )
        sheet = workbook.worksheets[0]
        self.assertIn("Nội dung kế hoạch", [cell.value for cell in sheet[3]])
        self.assertNotIn(MARKER_B, "".join(str(cell.value) for row in lists for cell in row))


class IndexTestCase(PlanLinesTestCase):
    def test_it_reads_labels_with_or_without_spaces_code_and_diacritics(self):
        self.assertEqual(
            [
                (label.number, label.code, label.order)
                for label in map(
                    parse_label, ["10/KH-LĐLĐ – 3", "05 / kh-ldld (bt-ct) - 2", "6/KH-CĐ CKCN—1"]
                )
            ],
            [(10, "", 3), (5, "BT-CT", 2), (6, "", 1)],
        )

    def test_it_checks_rows_with_no_query_once_loaded(self):
        index = PlanLineIndex.for_user(self.officer_a, tree=TreeHistory())
        activity = make_activity(self.grassroots_a)
        path = (self.province.pk, self.district_a.pk, self.grassroots_a.pk)
        index.read_reach(path)
        with self.assertNumQueries(0):
            errors = index.check(activity, path, parse_label("01/KH-LĐLĐ – 1"))
        self.assertEqual((errors, activity.plan_line_id), ([], self.line(self.plan_a).pk))

    def test_it_refuses_to_say_which_plans_reach_a_unit_whose_plans_it_has_not_read(self):
        index = PlanLineIndex.for_user(self.officer_a, tree=TreeHistory())
        index.read_reach([self.province.pk, self.district_a.pk])
        with self.assertRaises(LookupError):
            index.reaching((self.province.pk, self.district_a.pk, self.grassroots_a.pk), 2018)
