"""Activity lines are classified by their wording, the most specific kind winning."""

from django.test import SimpleTestCase

from lantoa.documents.outreach_words import KINDS, classify_activity
from lantoa.outreach import OutreachKind


class ActivityKindTestCase(SimpleTestCase):
    def test_it_uses_the_codes_of_the_outreach_kinds(self):
        self.assertEqual(list(KINDS), list(OutreachKind.values))

    def test_it_chooses_the_specific_kind_over_the_umbrella_word(self):
        self.assertEqual(classify_activity("Tuyên truyền trực quan bằng pano"), "visual")
        self.assertEqual(
            classify_activity("Tuyên truyền trên báo Đồng Khởi, đài PTTH tỉnh"), "media"
        )

    def test_it_classifies_each_kind_by_its_words(self):
        cases = {
            "Tập huấn, phổ biến tài liệu cho cán bộ công đoàn": "dissemination",
            "Treo băng rôn, áp phích, tranh cổ động tại cổng công ty": "visual",
            "Tổ chức tọa đàm, nói chuyện chuyên đề, giao lưu với doanh nhân": "talk",
            "Mở chuyên mục trên trang thông tin điện tử và bản tin công đoàn": "media",
            "Phát động phong trào thi đua, nhân rộng mô hình điển hình": "emulation",
            "Tổng hợp khó khăn, vướng mắc, kiến nghị của công nhân": "difficulty",
        }
        self.assertEqual({text: classify_activity(text) for text in cases}, cases)

    def test_it_classifies_text_without_diacritics(self):
        self.assertEqual(classify_activity("Treo bang ron, pano tai khu nha tro"), "visual")
        self.assertEqual(classify_activity("Phoi hop Dai truyen thanh huyen dua tin"), "media")
        self.assertEqual(classify_activity("Nam bat kho khan, vuong mac"), "difficulty")

    def test_it_reads_both_placements_of_the_tone_mark(self):
        self.assertEqual(classify_activity("Toạ đàm với công nhân"), "talk")

    def test_it_does_not_take_a_report_or_a_congress_for_the_media(self):
        self.assertIsNone(classify_activity("Báo cáo kết quả về Ban Tuyên giáo"))
        self.assertIsNone(classify_activity("Chuẩn bị Đại hội Công đoàn các cấp"))
        self.assertIsNone(classify_activity("Dam bao an toan lao dong lau dai"))

    def test_it_names_no_kind_when_the_wording_names_none(self):
        self.assertIsNone(classify_activity("Chủ trương của Tỉnh ủy về khởi nghiệp"))
