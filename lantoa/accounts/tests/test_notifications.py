from django.core import mail
from django.urls import reverse

from lantoa.accounts.models import Notification
from lantoa.accounts.services import notify_unit_users
from lantoa.test import ScenarioTestCase, make_user


class NotificationTestCase(ScenarioTestCase):
    def notify(self, **kwargs):
        with self.captureOnCommitCallbacks(execute=True):
            return notify_unit_users(
                unit=self.district_a, message="Kế hoạch mới", url="/plans/", **kwargs
            )

    def test_it_notifies_the_active_users_of_the_unit_only(self):
        gone = make_user("left_a", self.district_a, "officer")
        gone.is_active = False
        gone.save()
        self.notify()
        users = set(Notification.objects.values_list("user__username", flat=True))
        self.assertEqual(users, {"officer_a", "viewer_a"})

    def test_it_sends_an_e_mail_with_the_link_when_given_a_subject(self):
        self.notify(email_subject="Nhắc nhở")
        self.assertEqual(sorted(m.to[0] for m in mail.outbox), ["officer_a@x.vn", "viewer_a@x.vn"])
        self.assertIn("/plans/", mail.outbox[0].body)

    def test_it_sends_no_e_mail_without_a_subject(self):
        self.notify()
        self.assertEqual(mail.outbox, [])

    def test_it_shows_unread_notifications_on_the_home_page(self):
        self.notify()
        self.login(self.officer_a)
        self.assertContains(self.client.get(reverse("home")), "Kế hoạch mới")

    def test_it_marks_a_notification_read_and_follows_its_link(self):
        self.notify()
        notification = Notification.objects.get(user=self.officer_a)
        self.login(self.officer_a)
        response = self.client.post(reverse("notification_list"), {"id": notification.pk})
        self.assertRedirects(response, "/plans/", fetch_redirect_response=False)
        notification.refresh_from_db()
        self.assertIsNotNone(notification.read_at)
        self.assertNotContains(self.client.get(reverse("home")), "Kế hoạch mới")

    def test_it_leaves_other_users_notifications_alone(self):
        self.notify()
        theirs = Notification.objects.get(user=self.viewer_a)
        self.login(self.officer_b)
        self.client.post(reverse("notification_list"), {"id": theirs.pk})
        theirs.refresh_from_db()
        self.assertIsNone(theirs.read_at)
