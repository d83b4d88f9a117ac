"""The seed as scans and conversions deliver it: without diacritics, with broken lines, with
OCR spacing, decomposed Unicode, Windows line ends. Every field still comes out."""

import json
import textwrap
import unicodedata
from pathlib import Path

from django.test import SimpleTestCase

from lantoa.documents.plan_parser import parse_plan, plan_json
from lantoa.text import fold

from .bentre import KINDS, UNITS

SEED = (Path(__file__).parent / "fixtures" / "seed_plan.txt").read_text(encoding="utf-8")


def without_diacritics(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def broken_lines(text, width=72):
    return "\n".join(
        "\n".join(textwrap.wrap(line, width)) if line.strip() else "" for line in text.split("\n")
    )


def ocr_spacing(text):
    text = text.replace("Số: 10 /KH-LĐLĐ", "S ố :  10 / KH - LĐLĐ")
    text = text.replace("KẾ HOẠCH", "K Ế  HOẠCH").replace("Noi nhận:", "Noi  nhận :")
    return text.replace(", ", " ,  ").replace("TM. BAN", "TM . BAN")


def folded_json(text):
    return fold(json.dumps(plan_json(parse_plan(text), UNITS, KINDS), ensure_ascii=False))


class SeedVariantsTestCase(SimpleTestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expected = folded_json(SEED)

    def test_it_reads_the_seed_without_diacritics(self):
        self.assertEqual(folded_json(without_diacritics(SEED)), self.expected)

    def test_it_reads_the_seed_with_lines_broken_by_a_text_conversion(self):
        self.assertEqual(folded_json(broken_lines(SEED)), self.expected)
        self.assertEqual(folded_json(broken_lines(without_diacritics(SEED), 64)), self.expected)

    def test_it_reads_the_seed_with_ocr_spacing_noise(self):
        self.assertEqual(folded_json(ocr_spacing(SEED)), self.expected)

    def test_it_reads_decomposed_unicode_and_windows_line_ends(self):
        self.assertEqual(folded_json(unicodedata.normalize("NFD", SEED)), self.expected)
        self.assertEqual(folded_json(SEED.replace("\n", "\r\n")), self.expected)

    def test_it_reads_the_seed_with_or_without_blank_lines_between_paragraphs(self):
        self.assertEqual(folded_json(SEED.replace("\n\n", "\n")), self.expected)
        self.assertEqual(folded_json(SEED.replace("\n", "\n\n")), self.expected)
