"""Photos and scans: what a file is comes from its content; files are served only in scope."""

from django.test import override_settings
from django.urls import reverse
from PIL import Image

from lantoa.activities.models import Evidence
from lantoa.test import ScenarioTestCase

from .factories import PDF_BYTES, image_bytes, make_activity, upload


class EvidenceTestCase(ScenarioTestCase):
    def setUp(self):
        self.activity = make_activity(self.grassroots_a, user=self.officer_a)
        self.login(self.officer_a)

    def attach(self, *files):
        return self.client.post(
            reverse("evidence_add", args=[self.activity.pk]), {"evidence": list(files)}
        )

    def test_it_attaches_a_photo_with_a_thumbnail(self):
        response = self.attach(upload("hinh.jpg", image_bytes("JPEG"), "image/jpeg"))
        self.assertRedirects(response, self.activity.get_absolute_url())
        item = Evidence.objects.get()
        self.assertEqual((item.content_type, item.original_name), ("image/jpeg", "hinh.jpg"))
        with item.thumbnail.open("rb") as handle, Image.open(handle) as thumb:
            self.assertLessEqual(max(thumb.size), 480)

    def test_it_attaches_a_pdf_scan_and_several_files_at_once(self):
        self.attach(
            upload("bien-ban.pdf", PDF_BYTES, "application/pdf"),
            upload("anh.png", image_bytes("PNG"), "image/png"),
        )
        self.assertEqual(
            sorted(Evidence.objects.values_list("content_type", flat=True)),
            ["application/pdf", "image/png"],
        )

    def test_it_refuses_a_file_whose_content_is_not_what_its_name_claims(self):
        response = self.attach(upload("hinh.jpg", PDF_BYTES, "image/jpeg"))
        self.assertContains(
            response, "“hinh.jpg” được đặt tên là tệp JPEG nhưng nội dung là tệp PDF."
        )
        self.assertFalse(Evidence.objects.exists())

    def test_it_refuses_a_program_disguised_as_a_photo(self):
        response = self.attach(upload("anh.jpg", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg"))
        self.assertContains(
            response, "không phải ảnh (JPEG, PNG, WebP) cũng không phải bản scan PDF"
        )
        self.assertFalse(Evidence.objects.exists())

    def test_it_refuses_an_image_format_it_does_not_take(self):
        response = self.attach(upload("anh.gif", image_bytes("GIF"), "image/gif"))
        self.assertContains(response, "không phải ảnh (JPEG, PNG, WebP)")

    @override_settings(EVIDENCE_MAX_MB=1)
    def test_it_refuses_a_file_over_the_size_limit(self):
        big = image_bytes("PNG", size=(3000, 3000)) + b"\x00" * (1024 * 1024)
        response = self.attach(upload("anh.png", big, "image/png"))
        self.assertContains(response, "chỉ nhận tệp tối đa 1 MB")

    def test_it_attaches_evidence_while_logging_the_activity(self):
        response = self.client.post(
            f"{reverse('activity_create')}?kind=visual",
            {
                "kind": "visual",
                "unit": self.grassroots_a.pk,
                "date": "2018-03-21",
                "place_kind": "industrial_park",
                "banners": 2,
                "evidence": [upload("pano.webp", image_bytes("WEBP"), "image/webp")],
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Evidence.objects.get().activity.kind, "visual")

    def test_it_serves_the_file_through_the_scope_check(self):
        self.attach(upload("hinh.jpg", image_bytes("JPEG"), "image/jpeg"))
        item = Evidence.objects.get()
        response = self.client.get(reverse("evidence_file", args=[item.pk]))
        self.assertEqual(response["Content-Type"], "image/jpeg")
        self.assertEqual(b"".join(response.streaming_content), image_bytes("JPEG"))
        self.login(self.officer_b)
        self.assertEqual(self.client.get(reverse("evidence_file", args=[item.pk])).status_code, 404)
        thumbnail = reverse("evidence_thumbnail", args=[item.pk])
        self.assertEqual(self.client.get(thumbnail).status_code, 404)

    def test_it_stores_uploads_outside_the_static_files_under_a_random_name(self):
        self.attach(upload("hinh.jpg", image_bytes("JPEG"), "image/jpeg"))
        item = Evidence.objects.get()
        self.assertTrue(item.file.name.startswith("evidence/"))
        self.assertNotIn("hinh", item.file.name)

    def test_it_removes_a_file_and_puts_it_back(self):
        self.attach(upload("hinh.jpg", image_bytes("JPEG"), "image/jpeg"))
        item = Evidence.objects.get()
        self.client.post(reverse("evidence_remove", args=[item.pk]))
        response = self.client.get(self.activity.get_absolute_url())
        self.assertEqual(response.context["evidence"], [])
        self.client.post(reverse("evidence_restore", args=[item.pk]))
        item.refresh_from_db()
        self.assertIsNone(item.removed_at)

    def test_it_lets_viewers_see_but_not_attach(self):
        self.attach(upload("hinh.jpg", image_bytes("JPEG"), "image/jpeg"))
        item = Evidence.objects.get()
        self.login(self.viewer_a)
        self.assertEqual(self.client.get(reverse("evidence_file", args=[item.pk])).status_code, 200)
        response = self.attach(upload("khac.jpg", image_bytes("JPEG"), "image/jpeg"))
        self.assertEqual(response.status_code, 403)
