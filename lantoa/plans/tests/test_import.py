"""Importing a plan document: upload, review each field beside its source line, save a draft."""

import datetime
import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from lantoa.documents.plan_parser import parse_plan
from lantoa.documents.tests.docx_text import docx_lines
from lantoa.outreach import OutreachKind
from lantoa.plans.models import Plan, PlanImport, TaskAssignee
from lantoa.plans.tests.test_seed_export import SECTION_STARTS, normalise, sections, seed_lines
from lantoa.test import ScenarioTestCase
from lantoa.units.models import UnitKind

FIXTURES = Path(__file__).parents[2] / "documents" / "tests" / "fixtures"
SEED = FIXTURES / "seed_plan.txt"
SLIP = "khởi nghiệpcó"  # the seed's typist forgot a space


def page_data(response):
    """The review form as the page shows it, ready to be posted back."""
    data = {}

    def put(name, value):
        if value is None or value is False:
            return
        if value is True:
            value = "on"
        if isinstance(value, datetime.date):
            value = value.isoformat()
        if isinstance(value, list | tuple):
            value = [str(item) for item in value]
        data[name] = value

    form = response.context["form"]
    for field in form:
        put(field.html_name, field.value())
    for block in response.context["blocks"]:
        formset = block.get("formset")
        if formset is None:
            continue
        for field in formset.management_form:
            put(field.html_name, field.value())
        for row in formset:
            for field in row:
                put(field.html_name, field.value())
    return data


def upload(name, content):
    return SimpleUploadedFile(name, content)


class ImportTestCase(ScenarioTestCase):
    def setUp(self):
        self.login(self.admin)

    def upload(self, name="seed_plan.txt", content=None):
        content = SEED.read_bytes() if content is None else content
        return self.client.post(reverse("plan_import"), {"file": upload(name, content)})

    def review(self):
        response = self.upload()
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        return self.client.get(response["Location"]), response["Location"]

    def save(self, **changes):
        page, url = self.review()
        data = page_data(page)
        data.update(changes)
        response = self.client.post(url, data)
        self.assertEqual(
            response.status_code, 302, response.context and response.context["form"].errors
        )
        return Plan.objects.get()


class ReviewScreenTestCase(ImportTestCase):
    def test_it_saves_nothing_before_the_reviewer_confirms(self):
        page, url = self.review()
        self.assertEqual(page.status_code, 200)
        self.assertEqual(Plan.objects.count(), 0)
        self.assertContains(self.client.get(url), "Kiểm tra kế hoạch đọc từ văn bản")
        self.assertEqual(Plan.objects.count(), 0)

    def test_it_shows_each_field_beside_its_source_line(self):
        page, _url = self.review()
        self.assertContains(page, "dòng 3")
        self.assertContains(page, "Số: 10 /KH-LĐLĐ")
        self.assertContains(page, 'value="KH-LĐLĐ"')
        self.assertContains(page, "dòng 63")
        self.assertContains(page, 'value="Huỳnh Văn Tân"')

    def test_it_says_what_each_recipient_was_read_as(self):
        page, _url = self.review()
        self.assertContains(page, "Đọc là cơ quan bên ngoài: chỉ nhận để biết", count=4)
        self.assertContains(page, "Đọc là một đơn vị trong hệ thống", count=1)
        self.assertContains(page, "Đọc là tất cả đơn vị thuộc một loại", count=2)

    def test_it_highlights_the_fields_missing_from_the_document(self):
        page, _url = self.review()
        self.assertContains(
            page, "Không tìm thấy trong văn bản:</span> Cơ quan cấp trên, Tên cơ quan ban hành"
        )
        highlighted = [
            row["field"].name
            for block in page.context["blocks"]
            for row in block.get("rows", [])
            if row["missing"]
        ]
        self.assertEqual(highlighted, ["superior", "issuer_name"])
        self.assertContains(page, 'class="row g-2 import-row import-missing" data-field="superior"')

    def test_it_highlights_an_activity_line_whose_kind_is_unclear(self):
        lines = [
            "- Chăm lo đời sống đoàn viên, người lao động." if line.startswith("- Thường") else line
            for line in SEED.read_text(encoding="utf-8").splitlines()
        ]
        response = self.upload(content="\n".join(lines).encode())
        page = self.client.get(response["Location"])
        lines = next(
            b["formset"]
            for b in page.context["blocks"]
            if b.get("formset") and b["formset"].prefix == "lines"
        )
        self.assertEqual([row.missing for row in lines], [False] * 4 + [True, False])
        self.assertEqual(lines[4]["kind"].value(), None)

    def test_it_imports_the_seed_into_a_draft_with_the_parsed_fields(self):
        plan = self.save()
        parsed = parse_plan(SEED.read_text(encoding="utf-8"))
        self.assertTrue(plan.is_draft)
        self.assertEqual(
            (plan.number, plan.symbol, plan.place, plan.date, plan.subject),
            (10, parsed.symbol.value, parsed.place.value, parsed.date.value, parsed.subject.value),
        )
        self.assertEqual(
            (plan.issuer, plan.year, plan.created_by), (self.province, 2018, self.admin)
        )
        self.assertEqual(
            list(plan.activity_lines.values_list("kind", "text")),
            [(line.kind, line.text) for line in parsed.activity_lines],
        )
        self.assertEqual(
            [task.text.removesuffix("/.") for task in plan.tasks.all()],
            [task.text for task in parsed.tasks],
        )
        self.assertEqual(plan.purposes_list, [purpose.value for purpose in parsed.purposes])
        self.assertEqual(
            [recipient.name for recipient in plan.recipients.all()],
            [recipient.name for recipient in parsed.recipients],
        )
        self.assertEqual(plan.archive, parsed.archive.value)
        self.assertEqual(
            (plan.signer_on_behalf, plan.signer_title, plan.signer_name),
            ("TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "Huỳnh Văn Tân"),
        )
        self.assertEqual(PlanImport.objects.get().plan, plan)

    def test_it_cuts_the_opening_into_bases_and_introduction_and_finds_the_audiences(self):
        plan = self.save()
        self.assertEqual(
            plan.bases_list,
            [
                "Nghị quyết Đại hội X Đảng bộ tỉnh nhiệm kỳ 2015-2020 và Chương trình số "
                "10-CTr/TU ngày 28/4/2016 của Ban Thường vụ Tỉnh ủy về “Đồng Khởi khởi nghiệp và "
                "phát triển doanh nghiệp tỉnh Bến Tre”"
            ],
        )
        self.assertTrue(plan.introduction.startswith("Liên đoàn Lao động (LĐLĐ) tỉnh xây dựng"))
        self.assertEqual(plan.content_heading, "NỘI DUNG THỰC HIỆN CÔNG TÁC TRUYỀN THÔNG")
        self.assertEqual(plan.audience, "Tất cả cán bộ, đoàn viên, CNVCLĐ trên địa bàn tỉnh.")
        self.assertEqual(
            plan.primary_target,
            "Công nhân lao động (CNLĐ) trong các doanh nghiệp, khu công nghiệp.",
        )

    def test_it_matches_recipients_to_a_unit_a_group_or_an_outside_body(self):
        plan = self.save()
        rows = [
            (r.name, r.unit, sorted(k.code for k in r.unit_kinds.all()))
            for r in plan.recipients.all()
        ]
        self.assertEqual(rows[0], ("Hội đồng TVKN và PTDN", None, []))
        self.assertEqual(rows[4], ("Thường trực LĐLĐ tỉnh", self.province, []))
        self.assertEqual(
            rows[5], ("LĐLĐ các huyện, thành phố", None, [UnitKind.DISTRICT_FEDERATION])
        )
        self.assertEqual(
            rows[6][2],
            sorted(
                [
                    UnitKind.SECTOR_UNION,
                    UnitKind.CIVIL_SERVANTS_UNION,
                    UnitKind.INDUSTRIAL_PARKS_UNION,
                ]
            ),
        )

    def test_it_gives_the_departments_task_to_the_department_and_the_rest_to_the_recipients(self):
        plan = self.save()
        self.assertEqual(
            list(plan.tasks.values_list("assignee", flat=True)),
            [TaskAssignee.DEPARTMENT, TaskAssignee.RECIPIENTS, TaskAssignee.RECIPIENTS],
        )

    def test_it_saves_the_fields_edited_before_saving(self):
        plan = self.save(
            **{
                "subject": "Truyền thông khởi nghiệp năm 2018 (bản nhập)",
                "lines-0-kind": OutreachKind.TALK,
                "lines-5-text": "Nắm bắt khó khăn của doanh nghiệp.",
                "recipients-1-DELETE": "on",
                "signer_title": "Chủ tịch",
            }
        )
        self.assertEqual(plan.subject, "Truyền thông khởi nghiệp năm 2018 (bản nhập)")
        lines = list(plan.activity_lines.values_list("kind", "text"))
        self.assertEqual(lines[0][0], OutreachKind.TALK)
        self.assertEqual(lines[5][1], "Nắm bắt khó khăn của doanh nghiệp.")
        self.assertNotIn("Ban Tuyên giáo Tỉnh ủy", plan.recipients.values_list("name", flat=True))
        self.assertEqual(plan.signer_title, "Chủ tịch")

    def test_it_takes_the_issuing_body_and_its_superior_from_the_unit_when_left_empty(self):
        plan = self.save()
        self.assertEqual(
            (plan.issuer_name, plan.superior),
            ("Liên đoàn Lao động tỉnh Bến Tre", "Tổng LĐLĐ Việt Nam"),
        )

    def test_it_proposes_the_unit_the_header_names_as_issuer(self):
        text = "LĐLĐ TỈNH BẾN TRE\nLĐLĐ HUYỆN CHÂU THÀNH\n" + SEED.read_text(encoding="utf-8")
        response = self.upload(content=text.encode())
        page = self.client.get(response["Location"])
        self.assertEqual(page.context["form"]["issuer"].value(), self.district_a.pk)

    def test_it_keeps_the_page_on_errors_and_saves_nothing(self):
        page, url = self.review()
        data = page_data(page)
        data["subject"] = ""
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("subject", response.context["form"].errors)
        self.assertEqual(Plan.objects.count(), 0)

    def test_it_refuses_a_document_type_that_is_no_plan(self):
        page, url = self.review()
        data = page_data(page)
        data["doc_type"] = "BÁO CÁO"
        response = self.client.post(url, data)
        self.assertContains(response, "Văn bản này là “BÁO CÁO”, không phải kế hoạch (KH).")
        self.assertEqual(Plan.objects.count(), 0)

    def test_it_saves_one_draft_even_when_the_form_is_sent_twice(self):
        page, url = self.review()
        data = page_data(page)
        first = self.client.post(url, data)
        second = self.client.post(url, data)
        plan = Plan.objects.get()
        self.assertRedirects(first, plan.get_absolute_url())
        self.assertRedirects(second, plan.get_absolute_url())

    def test_it_reads_a_docx_upload(self):
        document = Document()
        for line in SEED.read_text(encoding="utf-8").splitlines():
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        response = self.upload("ke-hoach.docx", buffer.getvalue())
        page = self.client.get(response["Location"])
        self.assertEqual(page.context["form"]["symbol"].value(), "KH-LĐLĐ")

    def test_it_keeps_each_upload_to_its_uploader(self):
        _page, url = self.review()
        other = type(self.admin).objects.create(
            username="admin2", unit=self.province, role=self.admin.role
        )
        self.login(other)
        self.assertEqual(self.client.get(url).status_code, 404)


class SeedExportTestCase(ImportTestCase):
    def test_it_exports_the_imported_seed_as_the_seed_reads_section_by_section(self):
        page, url = self.review()
        data = page_data(page)
        # The reviewer puts back the space the seed's typist forgot.
        data["lines-5-text"] = data["lines-5-text"].replace(SLIP, "khởi nghiệp có")
        self.client.post(url, data)
        plan = Plan.objects.get()
        response = self.client.get(reverse("plan_docx", args=[plan.pk]))
        exported = sections([normalise(line) for line in docx_lines(response.content)])
        seed = sections(seed_lines())
        for name, _start in SECTION_STARTS:
            with self.subTest(section=name):
                self.assertEqual(exported[name], seed[name])
        self.assertEqual(exported["header"][-2:], seed["header"])


class BasesExportTestCase(ImportTestCase):
    def test_it_prints_bases_that_open_with_can_cu_as_written_each_on_its_own_line(self):
        fixture = SEED.with_name("grassroots_short_date.txt").read_bytes()
        url = self.upload("ke-hoach-cdcs.txt", fixture)["Location"]
        self.client.post(url, page_data(self.client.get(url)))
        plan = Plan.objects.get()
        lines = docx_lines(self.client.get(reverse("plan_docx", args=[plan.pk])).content)
        self.assertIn(
            "Căn cứ Kế hoạch số 12/KH-LĐLĐ ngày 20/3/2019 của Liên đoàn Lao động huyện Châu Thành;",
            lines,
        )
        self.assertIn("Căn cứ tình hình thực tế của Công ty;", lines)
        self.assertFalse([line for line in lines if line.startswith("Thực hiện Căn cứ")])


class UploadErrorsTestCase(ImportTestCase):
    def error(self, name, content):
        response = self.upload(name, content)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(PlanImport.objects.count(), 0)
        return response.context["form"].errors["file"][0]

    def test_it_refuses_an_empty_file(self):
        self.assertEqual(self.error("trong.txt", b""), "Tệp trống, không có nội dung.")
        self.assertEqual(self.error("trong.txt", b"  \n\n"), "Tệp trống, không có nội dung.")

    def test_it_refuses_a_binary_file(self):
        message = self.error("anh.txt", bytes(range(256)) * 8)
        self.assertEqual(message, "Tệp không phải văn bản thuần hay DOCX.")

    def test_it_refuses_a_damaged_docx(self):
        message = self.error("hong.docx", b"PK\x03\x04 not really a zip")
        self.assertEqual(message, "Tệp DOCX bị hỏng hoặc không phải văn bản Word.")

    def test_it_refuses_a_document_that_is_not_a_plan(self):
        report = "\n".join(
            ["LĐLĐ TỈNH BẾN TRE", "Số: 12/BC-LĐLĐ", "Bến Tre, ngày 5 tháng 6 năm 2018", "BÁO CÁO"]
        )
        message = self.error("bao-cao.txt", report.encode())
        self.assertEqual(message, "Văn bản này là BÁO CÁO, không phải kế hoạch (KẾ HOẠCH).")

    def test_it_refuses_text_with_no_plan_in_it(self):
        message = self.error("ghi-chu.txt", "Mua thêm giấy in cho văn phòng.".encode())
        self.assertIn("Không tìm thấy kế hoạch", message)

    def test_it_refuses_other_kinds_of_files(self):
        self.assertIn(".docx", self.error("ke-hoach.doc", b"\xd0\xcf\x11\xe0"))
        self.assertIn("PDF", self.error("ke-hoach.pdf", b"%PDF-1.4"))
        self.assertIn(".docx, .txt", self.error("ke-hoach.odt", b"text"))

    def test_it_refuses_a_file_larger_than_5_mb(self):
        self.assertEqual(self.error("lon.txt", b"a" * (5 * 1024 * 1024 + 1)), "Tệp lớn hơn 5 MB.")


class ImportAccessTestCase(ScenarioTestCase):
    def test_it_lets_only_administrators_import(self):
        plan_import = PlanImport.objects.create(
            filename="x.txt", text="KẾ HOẠCH", uploaded_by=self.admin
        )
        for user in (self.officer_a, self.viewer_a):
            self.login(user)
            for url in (
                reverse("plan_import"),
                reverse("plan_import_review", args=[plan_import.pk]),
            ):
                with self.subTest(user=user.username, url=url):
                    self.assertEqual(self.client.get(url).status_code, 403)
                    self.assertEqual(
                        self.client.post(
                            url, {"file": upload("k.txt", SEED.read_bytes())}
                        ).status_code,
                        403,
                    )
        self.assertEqual(PlanImport.objects.count(), 1)

    def test_it_links_the_import_from_the_plans_list_for_administrators_only(self):
        link = reverse("plan_import")
        self.login(self.admin)
        self.assertContains(self.client.get(reverse("plan_list")), f'href="{link}"')
        self.login(self.officer_a)
        self.assertNotContains(self.client.get(reverse("plan_list")), f'href="{link}"')


class OtherPlansTestCase(ImportTestCase):
    """Plans of other issuers, numbering styles and spellings go through the same screen."""

    def test_it_saves_every_test_plan_once_each_line_has_a_kind(self):
        for path in sorted(FIXTURES.glob("*.*")):
            with self.subTest(plan=path.name):
                response = self.upload(path.name, path.read_bytes())
                page = self.client.get(response["Location"])
                data = page_data(page)
                for index in range(int(data["lines-TOTAL_FORMS"])):
                    data.setdefault(f"lines-{index}-kind", OutreachKind.DISSEMINATION)
                saved = self.client.post(response["Location"], data)
                self.assertEqual(saved.status_code, 302)
                plan = Plan.objects.get(imports__filename=path.name)
                parsed = parse_plan(path.read_text(encoding="utf-8"))
                self.assertEqual(plan.subject, parsed.subject.value)
                self.assertEqual(plan.activity_lines.count(), len(parsed.activity_lines))
                self.assertEqual(plan.recipients.count(), len(parsed.recipients))

    def test_it_asks_for_the_kind_of_a_line_whose_wording_names_none(self):
        path = FIXTURES / "provincial_tabs_sub_bullets.txt"
        response = self.upload(path.name, path.read_bytes())
        page = self.client.get(response["Location"])
        data = page_data(page)
        self.assertNotIn("lines-5-kind", data)
        refused = self.client.post(response["Location"], data)
        self.assertEqual(refused.status_code, 200)
        self.assertFalse(Plan.objects.exists())
        data["lines-5-kind"] = OutreachKind.MEDIA
        self.client.post(response["Location"], data)
        self.assertEqual(Plan.objects.get().activity_lines.get(order=6).kind, OutreachKind.MEDIA)
