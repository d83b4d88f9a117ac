"""Workbook (XLSX, XLS, ODS) and CSV import: templates, all or nothing, every row's error in
Vietnamese, round trips."""

import csv
import datetime
import io
import tempfile
import zipfile
from pathlib import Path
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from lantoa.activities import layout, rollup, services
from lantoa.activities.models import Activity, ActivityRollup, ImportJob
from lantoa.activities.sheets import WorkbookReader
from lantoa.outreach import OutreachKind
from lantoa.plans.tests.factories import issued
from lantoa.test import ScenarioTestCase
from lantoa.units.models import PlaceKind

from .factories import make_activity, outlet, stored_rollup

HEADERS = ["Loại hoạt động", "Mã đơn vị", "Ngày", "Hình thức", "Loại địa điểm", "Số người tham dự"]
TALK = "Tọa đàm, nói chuyện chuyên đề, giao lưu"
# talk.xls and talk.ods: `xlsx_bytes([talk_row()])` saved by LibreOffice Calc in those formats.
FILES = Path(__file__).parent / "files"


def xlsx_bytes(rows, headers=HEADERS, preamble=()):
    workbook = Workbook()
    sheet = workbook.active
    for row in [*preamble, headers, *rows]:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def talk_row(code="A-1", day=datetime.date(2018, 3, 20), participants=30, form="Tọa đàm"):
    return [TALK, code, day, form, "Doanh nghiệp", participants]


class ImportTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        issued(cls.province, cls.admin)  # imports take the dates of plan years only

    def setUp(self):
        self.login(self.officer_a)

    def log_talk_row(self):
        """The activity `talk_row()` describes, logged by hand before the import."""
        return make_activity(
            self.grassroots_a,
            place_kind=PlaceKind.ENTERPRISE,
            participants=30,
            women=0,
            industrial_workers=0,
            speakers="",
        )

    def upload(self, content, name="hoat-dong.xlsx"):
        response = self.client.post(
            reverse("activity_import"), {"file": SimpleUploadedFile(name, content)}, follow=True
        )
        return response, ImportJob.objects.latest("created_at")

    def test_it_imports_every_row_of_a_valid_file(self):
        response, job = self.upload(xlsx_bytes([talk_row(), talk_row(participants=45)]))
        self.assertEqual((job.status, job.created_count), (ImportJob.Status.DONE, 2))
        self.assertContains(response, "Đã nhập 2 hoạt động")
        activity = Activity.objects.get(participants=45)
        self.assertEqual((activity.import_job, activity.created_by), (job, self.officer_a))
        self.assertEqual(
            activity.levels[:3], (self.province.pk, self.district_a.pk, self.grassroots_a.pk)
        )

    def test_it_adds_the_imported_rows_into_the_rollup(self):
        make_activity(
            self.grassroots_a,
            date=datetime.date(2018, 3, 16),
            participants=5,
            women=0,
            industrial_workers=0,
        )
        _response, job = self.upload(xlsx_bytes([talk_row(), talk_row(participants=45)]))
        self.assertEqual(job.status, ImportJob.Status.DONE)
        self.assertEqual(stored_rollup(), rollup.grouped())
        self.assertEqual(ActivityRollup.objects.get(depth=0).participants, 5 + 30 + 45)

    def test_it_imports_nothing_when_one_row_is_wrong(self):
        _response, job = self.upload(xlsx_bytes([talk_row(), talk_row(participants="ba mươi")]))
        self.assertEqual(job.status, ImportJob.Status.FAILED)
        self.assertFalse(Activity.objects.exists())

    def test_it_lists_every_rows_errors_in_vietnamese(self):
        future = timezone.localdate() + datetime.timedelta(days=3)
        response, job = self.upload(
            xlsx_bytes(
                [
                    talk_row(participants="ba mươi"),
                    talk_row(code="ZZ-9"),
                    talk_row(code="B-1"),
                    talk_row(day=future),
                    talk_row(form="Phóng sự"),
                    talk_row(day="32/13/2018"),
                ]
            )
        )
        self.assertEqual(
            [tuple(error) for error in job.errors],
            [
                (2, "Số người tham dự", "“ba mươi” không phải là số nguyên."),
                (3, "Mã đơn vị", "Không có đơn vị nào mang mã “ZZ-9”."),
                (
                    4,
                    "Mã đơn vị",
                    "Đơn vị “B-1” không thuộc phạm vi của bạn: bạn chỉ nhập được cho đơn vị "
                    "mình và các đơn vị trực thuộc.",
                ),
                (5, "Ngày", "Ngày này chưa tới: chỉ ghi nhận hoạt động đã diễn ra."),
                (
                    6,
                    "Hình thức",
                    f"“Phóng sự” không phải là hình thức của {TALK}.",
                ),
                (7, "Ngày", "“32/13/2018” không phải là ngày: hãy ghi dạng 02/3/2018."),
            ],
        )
        self.assertContains(response, "Không có đơn vị nào mang mã “ZZ-9”.")

    def test_it_refuses_a_duplicate_of_an_activity_already_logged(self):
        self.log_talk_row()
        _response, job = self.upload(xlsx_bytes([talk_row()]))
        self.assertEqual(
            job.errors,
            [
                [
                    2,
                    "",
                    "Hoạt động này đã được ghi nhận "
                    "(trùng đơn vị, loại, ngày, địa điểm, nội dung và số liệu).",
                ]
            ],
        )
        self.assertEqual(Activity.objects.count(), 1)

    def test_it_imports_again_an_activity_that_was_deleted(self):
        deleted = self.log_talk_row()
        services.activity_delete(activity=deleted, user=self.officer_a)
        _response, job = self.upload(xlsx_bytes([talk_row()]))
        self.assertEqual((job.status, job.errors), (ImportJob.Status.DONE, []))
        self.assertEqual(Activity.objects.get().fingerprint, deleted.fingerprint)

    def test_it_reads_the_units_each_window_of_rows_names_whatever_their_case(self):
        codes = ["A-1", "A-1", "a", "a-1", " A "]
        rows = [talk_row(code=code, participants=number) for number, code in enumerate(codes, 1)]
        with mock.patch.object(services, "WINDOW_ROWS", 2):
            _response, job = self.upload(xlsx_bytes(rows))
        self.assertEqual(
            (job.status, job.created_count, job.errors),
            (ImportJob.Status.DONE, 5, []),
        )
        grassroots = (self.province.pk, self.district_a.pk, self.grassroots_a.pk)
        district = (self.province.pk, self.district_a.pk, None)
        self.assertEqual(
            {activity.participants: activity.levels[:3] for activity in Activity.objects.all()},
            {1: grassroots, 2: grassroots, 3: district, 4: grassroots, 5: district},
        )

    def test_it_finds_an_unknown_code_in_a_later_window(self):
        rows = [talk_row(participants=1), talk_row(participants=2), talk_row(code="ZZ-9")]
        with mock.patch.object(services, "WINDOW_ROWS", 2):
            _response, job = self.upload(xlsx_bytes(rows))
        self.assertEqual(job.errors, [[4, "Mã đơn vị", "Không có đơn vị nào mang mã “ZZ-9”."]])

    def test_it_refuses_two_rows_of_the_file_that_are_the_same_activity(self):
        _response, job = self.upload(
            xlsx_bytes([talk_row(), talk_row(participants=31), talk_row()])
        )
        self.assertEqual(job.errors, [[4, "", "Trùng với hoạt động ở dòng 2 của tệp."]])

    def test_it_refuses_emulation_rows(self):
        _response, job = self.upload(
            xlsx_bytes(
                [["Phong trào thi đua, mô hình điển hình", "A-1", datetime.date(2018, 3, 2)]]
            )
        )
        self.assertIn("không ghi nhận ở đây", job.errors[0][2])

    def test_it_names_a_column_that_does_not_apply_to_the_kind(self):
        headers = [*HEADERS, "Băng rôn"]
        _response, job = self.upload(xlsx_bytes([[*talk_row(), 3]], headers=headers))
        self.assertEqual(
            job.errors,
            [
                [
                    2,
                    "Băng rôn",
                    "Không áp dụng cho Tọa đàm, nói chuyện chuyên đề, giao lưu: để trống.",
                ]
            ],
        )

    def test_it_refuses_a_file_without_a_header_row(self):
        _response, job = self.upload(xlsx_bytes([talk_row()], headers=["a", "b"]))
        self.assertIn("Không tìm thấy dòng tiêu đề", job.errors[0][2])

    def test_it_refuses_a_file_that_is_not_a_spreadsheet(self):
        _response, job = self.upload(b"\xd0\xcf\x11\xe0" + b"\x00" * 100, name="cu.xls")
        self.assertEqual(job.status, ImportJob.Status.FAILED)
        self.assertIn("bảng tính Excel nhưng không đọc được", job.errors[0][2])

    def test_it_imports_an_old_excel_file(self):
        _response, job = self.upload((FILES / "talk.xls").read_bytes(), name="hoat-dong.xls")
        self.assertEqual(job.created_count, 1)
        activity = Activity.objects.get()
        self.assertEqual((activity.date, activity.participants), (datetime.date(2018, 3, 20), 30))

    def test_it_imports_an_opendocument_sheet(self):
        _response, job = self.upload((FILES / "talk.ods").read_bytes(), name="hoat-dong.ods")
        self.assertEqual(job.created_count, 1)
        activity = Activity.objects.get()
        self.assertEqual((activity.date, activity.participants), (datetime.date(2018, 3, 20), 30))

    def test_it_refuses_a_workbook_whose_sheet_breaks_off(self):
        whole = xlsx_bytes([talk_row(), talk_row(day=datetime.date(2018, 3, 21))])
        broken = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(whole)) as source, zipfile.ZipFile(broken, "w") as copy:
            for item in source.infolist():
                data = source.read(item)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = data[: len(data) * 2 // 3]
                copy.writestr(item, data)
        _response, job = self.upload(broken.getvalue())
        self.assertEqual(job.status, ImportJob.Status.FAILED)
        self.assertIn("không đọc được", job.errors[0][2])
        self.assertFalse(Activity.objects.exists())

    def test_it_takes_the_kind_from_the_templates_first_line(self):
        headers = HEADERS[1:]
        content = xlsx_bytes(
            [talk_row()[1:]], headers=headers, preamble=[["Loại hoạt động", TALK], ["hướng dẫn"]]
        )
        _response, job = self.upload(content)
        self.assertEqual(job.created_count, 1)
        self.assertEqual(Activity.objects.get().kind, OutreachKind.TALK)

    def test_it_reads_vietnamese_numbers_and_dates_written_as_text(self):
        self.upload(xlsx_bytes([talk_row(day="02/3/2018", participants="1.200")]))
        activity = Activity.objects.get()
        self.assertEqual((activity.date, activity.participants), (datetime.date(2018, 3, 2), 1200))

    def test_it_forbids_viewers_to_import(self):
        self.login(self.viewer_a)
        self.assertEqual(self.client.get(reverse("activity_import")).status_code, 403)

    @override_settings(ACTIVITY_IMPORT_BACKGROUND_BYTES=0)
    def test_it_runs_large_files_as_a_job_whose_progress_the_page_polls(self):
        started = []
        original = services.start_import_thread
        services.start_import_thread = started.append
        try:
            response, job = self.upload(xlsx_bytes([talk_row()]))
        finally:
            services.start_import_thread = original
        self.assertEqual(started, [job])
        self.assertContains(response, 'hx-trigger="every 1s"')
        services.run_import_job(job.pk)
        response = self.client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
        self.assertNotContains(response, "hx-trigger")
        self.assertContains(response, "Đã nhập 1 hoạt động")

    def test_it_saves_its_progress_as_it_goes_without_spoiling_the_import(self):
        original, services.PROGRESS_EVERY = services.PROGRESS_EVERY, 1
        try:
            _response, job = self.upload(xlsx_bytes([talk_row(), talk_row(participants=31)]))
        finally:
            services.PROGRESS_EVERY = original
        self.assertEqual((job.status, job.processed_rows, Activity.objects.count()), ("done", 2, 2))

    def test_it_shows_one_officers_import_to_nobody_else(self):
        _response, job = self.upload(xlsx_bytes([talk_row()]))
        self.login(self.officer_b)
        self.assertEqual(self.client.get(job.get_absolute_url()).status_code, 404)


class TemplateTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        issued(cls.province, cls.admin)

    def template(self, kind):
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_import_template"), {"kind": kind})
        return load_workbook(io.BytesIO(response.content))

    def test_it_offers_a_template_per_kind_with_vietnamese_headers(self):
        sheet = self.template(OutreachKind.VISUAL).worksheets[0]
        self.assertEqual(sheet["B1"].value, "Tuyên truyền trực quan")
        headers = [cell.value for cell in sheet[3] if cell.value]
        self.assertEqual(headers[:3], ["Mã đơn vị", "Ngày", "Trưng bày đến ngày"])
        self.assertIn("Băng rôn", headers)
        self.assertNotIn("Số người tham dự", headers)

    def test_it_puts_drop_down_lists_of_the_officers_own_units(self):
        workbook = self.template(OutreachKind.TALK)
        lists = workbook["Danh mục"]
        column = next(cell.column_letter for cell in lists[1] if cell.value == "Mã đơn vị")
        self.assertEqual({cell.value for cell in lists[column][1:]} - {None}, {"A", "A-1"})
        validations = workbook.worksheets[0].data_validations.dataValidation
        self.assertTrue(any("Danh mục" in validation.formula1 for validation in validations))

    def test_it_imports_its_own_template_once_filled(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_import_template"), {"kind": OutreachKind.TALK})
        workbook = load_workbook(io.BytesIO(response.content))
        sheet = workbook.worksheets[0]
        headers = [cell.value for cell in sheet[3]]
        values = {
            "Mã đơn vị": "A-1",
            "Ngày": datetime.date(2018, 3, 8),
            "Hình thức": "Giao lưu khởi nghiệp",
            "Nội dung, tiêu đề": "Giao lưu với doanh nhân trẻ",
            "Loại địa điểm": "Doanh nghiệp",
            "Số người tham dự": 60,
            "Báo cáo viên": "Doanh nhân Nguyễn Văn A",
        }
        for column, header in enumerate(headers, start=1):
            if header in values:
                sheet.cell(row=4, column=column, value=values[header])
        buffer = io.BytesIO()
        workbook.save(buffer)
        self.client.post(
            reverse("activity_import"), {"file": SimpleUploadedFile("mau.xlsx", buffer.getvalue())}
        )
        activity = Activity.objects.get()
        self.assertEqual(
            (activity.subtype, activity.speakers), ("exchange", "Doanh nhân Nguyễn Văn A")
        )


class RoundTripTestCase(ScenarioTestCase):
    """An export imports back into identical records."""

    COMPARED = [
        "unit_id",
        "kind",
        "subtype",
        "date",
        "end_date",
        "title",
        "place_kind",
        "place_id",
        "location",
        "participants",
        "women",
        "industrial_workers",
        "banners",
        "panels",
        "posters",
        "paintings",
        "items",
        "materials",
        "speakers",
        "outlet_id",
        "link",
        "notes",
        "plan_line_id",
        "level_0",
        "level_1",
        "level_2",
        "fingerprint",
        "search_text",
    ]

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        plan = issued(cls.province, cls.admin)
        make_activity(
            cls.grassroots_a,
            kind=OutreachKind.DISSEMINATION,
            title="Tập huấn, “khởi nghiệp”; dòng 1\ndòng 2",
            place=cls.place_a,
            location="Hội trường",
            notes="Có 3 người, khách mời",
        )
        make_activity(
            cls.district_a,
            kind=OutreachKind.VISUAL,
            panels=4,
            paintings=1,
            end_date=datetime.date(2018, 6, 30),
            location="Khu nhà trọ ấp Phước Thạnh",
        )
        make_activity(
            cls.grassroots_a,
            title="Nói chuyện chuyên đề",
            subtype="thematic_talk",
            plan_line=plan.activity_lines.get(kind=OutreachKind.TALK),
        )
        make_activity(
            cls.district_a,
            kind=OutreachKind.MEDIA,
            outlet=outlet("local_radio"),
            subtype="broadcast",
            link="https://example.vn/tin?id=1&x=2",
        )

    def snapshot(self):
        return sorted(Activity.objects.values_list(*self.COMPARED), key=repr)

    def round_trip(self, fmt):
        self.login(self.officer_a)
        before = self.snapshot()
        response = self.client.get(reverse("activity_export"), {"format": fmt})
        content = b"".join(response.streaming_content)
        Activity.objects.all().delete()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"export.{fmt}"
            path.write_bytes(content)
            job = services.activities_import(path=str(path), user=self.officer_a)
        self.assertEqual((job.status, job.errors), (ImportJob.Status.DONE, []))
        self.assertEqual(self.snapshot(), before)

    def test_it_imports_an_xlsx_export_back_into_identical_records(self):
        self.round_trip("xlsx")

    def test_it_imports_a_csv_export_back_into_identical_records(self):
        self.round_trip("csv")

    def test_it_exports_the_filtered_list_in_the_import_layout(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("activity_export"), {"format": "csv", "kind": "visual"})
        rows = list(
            csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
        )
        self.assertEqual(rows[0], [str(column.header) for column in layout.COLUMNS])
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][0], "Tuyên truyền trực quan")


class WorkbookReaderTestCase(ScenarioTestCase):
    def test_it_reads_text_numbers_dates_and_sparse_cells(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet["A1"] = "Khởi nghiệp"
        sheet["C1"] = 12
        sheet["B2"] = datetime.date(2018, 3, 2)
        sheet["D2"] = 1.5
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            workbook.save(handle.name)
            rows = list(WorkbookReader(handle.name).rows())
        self.assertEqual(
            rows,
            [(1, ("Khởi nghiệp", "", 12, "")), (2, ("", datetime.date(2018, 3, 2), "", 1.5))],
        )

    def test_it_numbers_rows_as_excel_shows_them_and_skips_empty_ones(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet["B3"] = "Tọa đàm"
        sheet["C6"] = 7
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            workbook.save(handle.name)
            reader = WorkbookReader(handle.name)
            rows = list(reader.rows())
        self.assertEqual(rows, [(3, ("Tọa đàm", "")), (6, ("", 7))])
        self.assertEqual(reader.estimated_rows, 6)

    def test_it_reads_prefixed_xml_rich_text_and_formulas_as_excel_means_them(self):
        sheet = """<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <x:sheetData>
    <x:row r="1">
      <x:c r="A1" t="inlineStr">
        <x:is><x:r><x:t xml:space="preserve">Khởi </x:t></x:r><x:r><x:t>nghiệp</x:t></x:r></x:is>
      </x:c>
      <x:c r="B1"><x:f>1+1</x:f><x:v>2</x:v></x:c>
      <x:c r="C1"><x:f>A1&amp;B1</x:f></x:c>
      <x:c r="D1" t="e"><x:v>#N/A</x:v></x:c>
      <x:c r="E1" t="s">
        <x:v>0</x:v>
      </x:c>
    </x:row>
  </x:sheetData>
</x:worksheet>"""
        relationships = "http://schemas.openxmlformats.org/package/2006/relationships"
        kinds = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            with zipfile.ZipFile(handle.name, "w") as archive:
                archive.writestr(
                    "_rels/.rels",
                    f'<Relationships xmlns="{relationships}"><Relationship Id="rId1" '
                    f'Type="{kinds}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
                )
                archive.writestr(
                    "xl/_rels/workbook.xml.rels",
                    f'<Relationships xmlns="{relationships}"><Relationship Id="rId1" '
                    f'Type="{kinds}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
                )
                archive.writestr(
                    "xl/workbook.xml",
                    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    f'<sheets><sheet name="A" sheetId="1" r:id="rId1" xmlns:r="{kinds}"/>'
                    "</sheets></workbook>",
                )
                archive.writestr("xl/worksheets/sheet1.xml", sheet)
                archive.writestr(
                    "xl/sharedStrings.xml",
                    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    "<si><t>Tọa đàm</t></si></sst>",
                )
            rows = list(WorkbookReader(handle.name).rows())
        self.assertEqual(rows, [(1, ("Khởi nghiệp", 2, "", "", "Tọa đàm"))])
