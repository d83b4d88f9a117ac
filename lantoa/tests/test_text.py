import datetime
import re
import unicodedata

from django.template import Context, Template
from django.test import SimpleTestCase
from hypothesis import given
from hypothesis import strategies as st

from lantoa.text import fold, long_date, short_date


def reference_fold(text):
    """fold() as first written: per-character, obviously right, slow."""
    if not text:
        return ""
    text = str(text).translate(str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}))
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped.casefold()).strip()


class TextTestCase(SimpleTestCase):
    def test_it_folds_vietnamese_to_plain_lower_case(self):
        self.assertEqual(fold("LĐLĐ huyện  Giồng Trôm"), "ldld huyen giong trom")
        self.assertEqual(fold("Khởi nghiệp"), "khoi nghiep")

    def test_it_writes_the_official_date_line(self):
        self.assertEqual(long_date(datetime.date(2018, 3, 2)), "ngày 02 tháng 3 năm 2018")
        self.assertEqual(long_date(datetime.date(2019, 1, 15)), "ngày 15 tháng 01 năm 2019")
        self.assertEqual(long_date(datetime.date(2019, 12, 5)), "ngày 05 tháng 12 năm 2019")

    def test_it_writes_short_dates_the_vietnamese_way(self):
        self.assertEqual(short_date(datetime.date(2018, 3, 2)), "02/3/2018")
        self.assertEqual(short_date(datetime.date(2018, 2, 20)), "20/02/2018")

    def test_it_groups_thousands_with_dots(self):
        rendered = Template("{{ n|num }}").render(Context({"n": 1234567}))
        self.assertEqual(rendered, "1.234.567")

    @given(st.text())
    def test_it_folds_exactly_as_the_per_character_definition(self, text):
        self.assertEqual(fold(text), reference_fold(text))

    def test_it_folds_marks_outside_vietnamese_and_the_grapheme_joiner_alike(self):
        for text in ["Ñandú\u034f", "İstanbul", "a\u0951b", "Đồng  Khởi\u00a0ĐỒNG"]:
            self.assertEqual(fold(text), reference_fold(text))

    @given(st.text())
    def test_it_folds_any_text_to_its_own_fixed_point(self, text):
        self.assertEqual(fold(fold(text)), fold(text))

    @given(st.lists(st.text()))
    def test_it_folds_joined_text_as_the_folded_parts_joined(self, parts):
        # derive() builds the search text from folded parts that imports fold once.
        folded = " ".join([part for part in map(fold, parts) if part])
        self.assertEqual(fold(" ".join(parts)), folded)
