"""The parser reads whatever it is given: it never crashes, and what it reports points at real
lines of the document."""

import json

from django.test import SimpleTestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantoa.documents.document_text import DocumentError
from lantoa.documents.plan_parser import ParsedPlan, parse_plan, plan_json, read_plan
from lantoa.documents.unit_names import KnownKind, KnownUnit
from lantoa.units.kinds import STANDARD_KINDS

KINDS = [
    KnownKind(code, name, plural, abbreviation)
    for code, name, plural, abbreviation, _ in STANDARD_KINDS
]
UNITS = [
    KnownUnit(
        1, "Liên đoàn Lao động tỉnh Bến Tre", "LĐLĐ tỉnh Bến Tre", "LĐLĐ", "provincial_federation"
    ),
    KnownUnit(
        2,
        "Liên đoàn Lao động huyện Châu Thành",
        "LĐLĐ huyện Châu Thành",
        "LĐLĐ",
        "district_federation",
    ),
]

# Fragments of plan documents, as they come out of Word, OCR and text conversions.
FRAGMENTS = [
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE",
    "CÔNG ĐOÀN NGÀNH GIÁO DỤC",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "________",
    "Số: 10 /KH-LĐLĐ",
    "So: 07/KH-LDLD",
    "Số 25/KH-CĐN          Bến Tre, ngày 15 tháng 01 năm 2019",
    "Bến Tre, ngày 02 tháng 3 năm 2018",
    "ngày 5/4/2019",
    "ngay 31 thang 2 nam 2018",
    "KẾ HOẠCH",
    "K E HOACH",
    "BÁO CÁO",
    "Thực hiện công tác truyền thông khởi nghiệp năm 2018",
    "Căn cứ Kế hoạch số 10/KH-LĐLĐ ngày 02/3/2018;",
    "I. MỤC ĐÍCH, YÊU CẦU:",
    "II. NỘI DUNG HOẠT ĐỘNG",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Đối tượng:",
    "- 1.1. *Đối tượng truyền thông:* Tất cả cán bộ",
    "2.3. Tổng hợp khó khăn, vướng mắc",
    "a) Tuyên truyền trực quan bằng pano",
    "đ) Phát động phong trào thi đua",
    "- Treo băng rôn tại cổng công ty;",
    "+ Đưa tin trên báo Đồng Khởi, đài PTTH tỉnh",
    "* Tổ chức tọa đàm",
    "**1. Ban Tuyên giáo Tổng Liên đoàn:**",
    "Ban Tuyên giáo LĐLĐ tỉnh tham mưu, báo cáo về LĐLĐ tỉnh (*qua Ban Tuyên giáo*)./.",
    "Nơi nhận:",
    "Noi nhận:                     TM. BAN THƯỜNG VỤ",
    "- LĐLĐ các huyện, thành phố;",
    "- CĐN, CĐVC, CĐ CKCN;",
    "- Lưu: VP, TG",
    "TM. BAN CHẤP HÀNH",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "(Đã ký)",
    "Huỳnh Văn Tân",
    "| Số: 1520/KH-TLĐ | *Hà Nội, ngày 06 tháng 02 năm 2020* |",
    "|---|---|",
    "# KẾ HOẠCH",
    "- 2 -",
    "",
    "   ",
    "\t",
    "*",
    "**",
    "|",
    ":",
    "./.",
    "Số:",
    "ngày",
    "TM.",
    "- ",
    "1.",
    "a)",
    "VI",
    "\u200b\ufeff\u00a0",
    "\x0c",
]


def check(test, plan):
    test.assertIsInstance(plan, ParsedPlan)
    count = len(plan.source_lines)
    located = [
        plan.number,
        plan.symbol,
        plan.place,
        plan.date,
        plan.doc_type,
        plan.subject,
        plan.issuer,
        plan.superior,
        plan.archive,
        plan.signer.on_behalf,
        plan.signer.title,
        plan.signer.name,
        *plan.bases,
        *plan.activity_lines,
        *plan.tasks,
        *plan.recipients,
    ]
    for value in located:
        if value is not None:
            test.assertTrue(1 <= value.line <= getattr(value, "last_line", value.line) <= count)
    json.dumps(plan_json(plan, UNITS, KINDS), ensure_ascii=False)


class ParserRobustnessTestCase(SimpleTestCase):
    @settings(max_examples=300, deadline=None)
    @given(st.text())
    def test_it_never_crashes_on_arbitrary_text(self, text):
        check(self, parse_plan(text))

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(
            st.one_of(
                st.sampled_from(FRAGMENTS),
                st.text(
                    alphabet="ĐđƯưƠơÂâĂăÊêÔôáàảãạ -./:;()*+|#_\t0123456789IVXabKH", max_size=12
                ),
            ),
            max_size=40,
        ),
        st.sampled_from(["\n", "\n\n", "\r\n", "   "]),
    )
    def test_it_never_crashes_on_line_soups_of_plan_fragments(self, lines, separator):
        check(self, parse_plan(separator.join(lines)))

    @settings(max_examples=200, deadline=None)
    @given(st.binary(max_size=300))
    def test_it_reads_arbitrary_bytes_or_reports_a_document_error(self, data):
        try:
            plan = read_plan(data)
        except DocumentError as error:
            self.assertTrue(str(error))
            self.assertNotIn("\n", str(error))
        else:
            check(self, plan)
