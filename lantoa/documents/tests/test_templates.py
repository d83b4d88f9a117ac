"""Administrators download the DOCX template, adjust it in Word and upload it again."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from docx import Document

from lantoa.documents.models import DocumentTemplate
from lantoa.documents.official import sample_document
from lantoa.documents.rendering import render_docx
from lantoa.documents.tests.docx_text import docx_lines
from lantoa.test import ScenarioTestCase


def adjusted_template(content, *, old="{{ issuer }}", new="CƠ QUAN: {{ issuer }}"):
    """The template as a federation edits it in Word: here, a changed header line."""
    document = Document(io.BytesIO(content))
    for table in document.tables:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.text = run.text.replace(old, new)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(content, name="khuon-mau.docx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


class TemplateUploadTestCase(ScenarioTestCase):
    def setUp(self):
        self.media = self.enterContext(override_settings(MEDIA_ROOT=self.enterContext(_tmp())))
        self.login(self.admin)

    def download(self, which):
        response = self.client.get(reverse("document_template_download") + f"?file={which}")
        self.assertEqual(response.status_code, 200)
        return response.content

    def test_it_prints_documents_through_an_uploaded_template(self):
        adjusted = adjusted_template(self.download("default"))
        response = self.client.post(
            reverse("document_template"), {"file": upload(adjusted), "note": "Mẫu Bến Tre"}
        )
        self.assertRedirects(response, reverse("document_template"))
        self.assertIn("CƠ QUAN: LIÊN ĐOÀN LAO ĐỘNG TỈNH MẪU", docx_lines(self.download("sample")))
        self.assertIn(
            "CƠ QUAN: LIÊN ĐOÀN LAO ĐỘNG TỈNH MẪU", docx_lines(render_docx(sample_document()))
        )

    def test_it_refuses_a_template_without_the_body_styles_and_keeps_the_one_in_use(self):
        buffer = io.BytesIO()
        Document().save(buffer)
        response = self.client.post(
            reverse("document_template"), {"file": upload(buffer.getvalue())}
        )
        self.assertContains(response, "Khuôn mẫu thiếu các kiểu định dạng")
        self.assertIsNone(DocumentTemplate.objects.active())

    def test_it_refuses_a_template_whose_tags_are_broken(self):
        broken = adjusted_template(self.download("default"), old="{{ issuer }}", new="{{ issuer ")
        response = self.client.post(reverse("document_template"), {"file": upload(broken)})
        self.assertContains(response, "Không thể điền nội dung vào khuôn mẫu")
        self.assertFalse(DocumentTemplate.objects.exists())

    def test_it_refuses_a_file_that_is_not_a_word_document(self):
        response = self.client.post(
            reverse("document_template"), {"file": upload(b"not a docx", "mau.docx")}
        )
        self.assertContains(response, "không phải văn bản Word")

    def test_it_goes_back_to_the_built_in_template_and_keeps_the_upload(self):
        self.client.post(
            reverse("document_template"),
            {"file": upload(adjusted_template(self.download("default")))},
        )
        self.client.post(reverse("document_template"), {"action": "default"})
        self.assertEqual(self.download("current"), self.download("default"))
        self.assertEqual(DocumentTemplate.objects.count(), 1)

    def test_it_keeps_officers_out_of_the_template_pages(self):
        self.login(self.officer_a)
        self.assertEqual(self.client.get(reverse("document_template")).status_code, 403)


def _tmp():
    import tempfile

    return tempfile.TemporaryDirectory(prefix="lantoa-media-")
