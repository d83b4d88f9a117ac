from django.urls import reverse

from lantoa.test import ScenarioTestCase, make_unit
from lantoa.units.models import Unit, UnitKind


class UnitSearchTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_unit(
            "C",
            UnitKind.DISTRICT_FEDERATION,
            "Liên đoàn Lao động huyện Chợ Lách",
            cls.province,
            short_name="LĐLĐ huyện Chợ Lách",
        )
        make_unit(
            "KN",
            UnitKind.GRASSROOTS_UNION,
            "Công đoàn cơ sở Trung tâm Hỗ trợ khởi nghiệp",
            cls.district_a,
            short_name="CĐCS Trung tâm khởi nghiệp",
        )

    def search(self, query):
        self.login(self.admin)
        return self.client.get(reverse("unit_list"), {"q": query})

    def test_it_finds_a_unit_typed_without_diacritics(self):
        response = self.search("giong trom")
        self.assertContains(response, "LĐLĐ huyện Giồng Trôm")
        self.assertNotContains(response, "LĐLĐ huyện Châu Thành")

    def test_it_treats_d_stroke_as_d(self):
        response = self.search("ldld cho lach")
        self.assertContains(response, "LĐLĐ huyện Chợ Lách")

    def test_it_finds_words_with_diacritics_from_plain_letters(self):
        response = self.search("khoi nghiep")
        self.assertContains(response, "CĐCS Trung tâm khởi nghiệp")

    def test_it_ignores_case_and_accents_in_the_query_too(self):
        response = self.search("GIỒNG trôm")
        self.assertContains(response, "LĐLĐ huyện Giồng Trôm")

    def test_it_searches_within_the_users_scope_only(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("unit_list"), {"q": "ldld"})
        self.assertContains(response, "LĐLĐ huyện Châu Thành")
        self.assertNotContains(response, "Giồng Trôm")

    def test_it_answers_htmx_with_the_results_fragment_only(self):
        self.login(self.admin)
        response = self.client.get(reverse("unit_list"), {"q": "cho lach"}, HTTP_HX_REQUEST="true")
        self.assertContains(response, "LĐLĐ huyện Chợ Lách")
        self.assertNotContains(response, "<html")

    def test_it_matches_every_word_in_any_order(self):
        self.assertEqual(
            list(Unit.objects.search("trom giong").values_list("code", flat=True)), ["B"]
        )
