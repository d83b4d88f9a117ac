"""Remind units of reports due soon or overdue (meant for cron, once a day)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from lantoa.reports.services import REMIND_AFTER_DAYS, REMIND_BEFORE_DAYS, reminders_send


class Command(BaseCommand):
    help = (
        f"Remind the officers of every unit whose report is due within {REMIND_BEFORE_DAYS} days "
        f"or overdue (up to {REMIND_AFTER_DAYS} days), in Lan Tỏa and by e-mail. Each reminder "
        "is sent once, however often this runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Act as if today were this day (YYYY-MM-DD); default: today."
        )

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        logs = reminders_send(today=today)
        before = sum(1 for log in logs if log.kind == "before")
        self.stdout.write(
            f"{len(logs)} reminders sent ({before} before a deadline, {len(logs) - before} after), "
            f"to {sum(log.recipients for log in logs)} users."
        )
