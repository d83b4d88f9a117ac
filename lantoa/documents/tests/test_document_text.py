"""Uploaded files: what can be read, and the error for what cannot."""

from pathlib import Path

from django.test import SimpleTestCase

from lantoa.documents.document_text import EmptyDocument, UnreadableDocument, document_text
from lantoa.documents.plan_parser import NotAPlan, read_plan

SEED = (Path(__file__).parent / "fixtures" / "seed_plan.txt").read_text(encoding="utf-8")


class DocumentTextTestCase(SimpleTestCase):
    def test_it_reads_utf8_with_or_without_a_byte_order_mark_and_utf16(self):
        for data in [
            SEED.encode(),
            b"\xef\xbb\xbf" + SEED.encode(),
            SEED.encode("utf-16"),
        ]:
            self.assertEqual(document_text(data).splitlines(), SEED.splitlines())

    def test_it_refuses_an_empty_file(self):
        for data in [b"", b"  \n\r\n\t"]:
            with self.assertRaises(EmptyDocument):
                document_text(data, "ke-hoach.txt")

    def test_it_refuses_binary_data(self):
        with self.assertRaises(UnreadableDocument) as raised:
            document_text(bytes(range(256)) * 4, "ke-hoach.txt")
        self.assertEqual(raised.exception.reason, "binary")

    def test_it_says_what_to_do_with_old_word_and_pdf_files(self):
        with self.assertRaises(UnreadableDocument) as doc:
            document_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, "ke-hoach.doc")
        with self.assertRaises(UnreadableDocument) as pdf:
            document_text(b"%PDF-1.7\n...", "ke-hoach.pdf")
        self.assertEqual((doc.exception.reason, pdf.exception.reason), ("doc", "pdf"))

    def test_it_refuses_a_damaged_docx(self):
        with self.assertRaises(UnreadableDocument) as raised:
            document_text(b"PK\x03\x04 not really a zip", "ke-hoach.docx")
        self.assertEqual(raised.exception.reason, "docx")


class PlanOrNotTestCase(SimpleTestCase):
    def test_it_refuses_another_type_of_document(self):
        report = SEED.replace("KẾ HOẠCH", "BÁO CÁO").replace("/KH-", "/BC-")
        with self.assertRaises(NotAPlan) as raised:
            read_plan(report.encode())
        self.assertEqual(raised.exception.doc_type, "BÁO CÁO")

    def test_it_refuses_text_that_is_no_administrative_document(self):
        with self.assertRaises(NotAPlan):
            read_plan("Biên bản họp tổ.\nHôm nay trời đẹp, cả tổ đi tham quan.\n".encode())

    def test_it_accepts_a_plan_whose_header_was_lost(self):
        body = SEED[SEED.index("I. MỤC ĐÍCH") :]
        plan = read_plan(body.encode())
        self.assertEqual(len(plan.activity_lines), 6)
        self.assertIn("doc_type", plan.missing)
