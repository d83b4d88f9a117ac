from django.conf import settings
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from lantoa.templatetags.lantoa import num, percent
from lantoa.test import ScenarioTestCase


class LanguageTestCase(ScenarioTestCase):
    def test_it_speaks_vietnamese_to_a_browser_set_to_english(self):
        response = self.client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertContains(response, "Đăng nhập")

    def test_it_speaks_english_once_the_user_chooses_it(self):
        self.login(self.officer_a)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = self.client.get(reverse("home"))
        self.assertContains(response, "Needs your attention")
        self.assertEqual(self.client.cookies[settings.LANGUAGE_COOKIE_NAME].value, "en")

    def test_it_goes_back_to_the_page_in_the_address_bar_after_switching(self):
        self.login(self.officer_a)
        response = self.client.post(
            reverse("set_language"), {"language": "en"}, HTTP_REFERER="http://testserver/reports/"
        )
        self.assertEqual(response["Location"], "http://testserver/reports/")


class NumberTestCase(SimpleTestCase):
    def test_it_groups_thousands_as_each_language_writes_them(self):
        written = {}
        for language in ["vi", "en", "vi"]:
            with translation.override(language):
                written.setdefault(language, set()).add(num(1234567))
        self.assertEqual(written, {"vi": {"1.234.567"}, "en": {"1,234,567"}})

    def test_it_rounds_a_share_to_the_nearest_tenth_as_each_language_writes_it(self):
        written = {}
        for language in ["vi", "en"]:
            with translation.override(language):
                written[language] = [percent(0.1239), percent(12.3456), percent(0)]
        self.assertEqual(
            written, {"vi": ["12,4%", "1234,6%", "0,0%"], "en": ["12.4%", "1234.6%", "0.0%"]}
        )
