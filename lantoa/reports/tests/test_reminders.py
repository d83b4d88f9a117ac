"""Reminders a few days before a deadline and once after it, in Lan Tỏa and by e-mail, sent
once however often the command runs."""

import datetime
import io

from django.core import mail
from django.core.management import call_command

from lantoa.accounts.models import Notification
from lantoa.reports.models import ReminderKind, ReminderLog
from lantoa.reports.services import reminders_send

from .factories import ReportsTestCase

# Grassroots unions' first-quarter reports are due on 15/3/2018, the districts' on 19/3.
BEFORE_GRASSROOTS = datetime.date(2018, 3, 13)
AFTER_GRASSROOTS = datetime.date(2018, 3, 16)


class RemindersTestCase(ReportsTestCase):
    def sent(self):
        return set(ReminderLog.objects.values_list("unit__code", "period", "kind"))

    def test_it_reminds_units_a_few_days_before_their_deadline(self):
        with self.captureOnCommitCallbacks(execute=True):
            reminders_send(today=BEFORE_GRASSROOTS)
        self.assertEqual(
            self.sent(),
            {("A-1", "2018Q1", ReminderKind.BEFORE), ("B-1", "2018Q1", ReminderKind.BEFORE)},
        )
        notification = Notification.objects.get(user=self.officer_a1)
        self.assertIn("15/3/2018", notification.message)
        self.assertIn("Quý I/2018", notification.message)
        self.assertEqual(
            sorted(message.to[0] for message in mail.outbox),
            [self.officer_a1.email, self.officer_b1.email],
        )

    def test_it_reminds_once_more_after_the_deadline(self):
        reminders_send(today=BEFORE_GRASSROOTS)
        reminders_send(today=AFTER_GRASSROOTS)
        self.assertIn(("A-1", "2018Q1", ReminderKind.AFTER), self.sent())
        self.assertIn(("A", "2018Q1", ReminderKind.BEFORE), self.sent())
        self.assertIn(
            "chưa gửi", Notification.objects.filter(user=self.officer_a1).latest("pk").message
        )

    def test_it_sends_nothing_twice(self):
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_reminders", date=AFTER_GRASSROOTS.isoformat(), stdout=io.StringIO())
        first = (ReminderLog.objects.count(), Notification.objects.count(), len(mail.outbox))
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_reminders", date=AFTER_GRASSROOTS.isoformat(), stdout=io.StringIO())
        second = (ReminderLog.objects.count(), Notification.objects.count(), len(mail.outbox))
        self.assertEqual(first, second)
        self.assertGreater(first[0], 0)

    def test_it_does_not_remind_a_unit_that_has_submitted(self):
        self.submitted(self.grassroots_a, self.officer_a1, day=datetime.date(2018, 3, 12))
        reminders_send(today=BEFORE_GRASSROOTS)
        self.assertEqual(self.sent(), {("B-1", "2018Q1", ReminderKind.BEFORE)})
