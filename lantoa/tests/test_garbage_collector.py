from unittest import mock

from django.test import SimpleTestCase
from django.urls import reverse

from lantoa.middleware import FreezeLongLivedObjectsMiddleware


class FreezeTestCase(SimpleTestCase):
    def setUp(self):
        patcher = mock.patch.object(FreezeLongLivedObjectsMiddleware, "frozen", False)
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_it_freezes_the_objects_alive_after_the_first_response_only(self):
        with mock.patch("lantoa.middleware.gc") as collector:
            first = self.client.get(reverse("login"))
            self.client.get(reverse("login"))
        self.assertEqual(first.status_code, 200)
        self.assertEqual(collector.collect.call_count, 1)
        self.assertEqual(collector.freeze.call_count, 1)
        self.assertTrue(FreezeLongLivedObjectsMiddleware.frozen)
