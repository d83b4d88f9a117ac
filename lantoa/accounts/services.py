"""Writes about users: notifications in Lan Tỏa and by e-mail."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification, User

logger = logging.getLogger(__name__)


@transaction.atomic
def notify_users(*, users, message, url="", email_subject=None):
    """Notify `users` in Lan Tỏa and, given an `email_subject`, by e-mail to those who have an
    address. The e-mails leave after the transaction commits; a mail server that fails does not
    undo the notifications. Returns the notifications created."""
    users = [user for user in users if user.is_active]
    notifications = Notification.objects.bulk_create(
        Notification(user=user, message=message, url=url) for user in users
    )
    if email_subject:
        link = f"{settings.SITE_URL.rstrip('/')}{url}" if url else ""
        body = f"{message}\n\n{link}".strip()
        mails = [
            (email_subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            for user in users
            if user.email
        ]
        if mails:
            transaction.on_commit(lambda: _send(mails))
    return notifications


def notify_unit_users(*, unit, message, url="", email_subject=None):
    """Notify the active users of `unit` (see `notify_users`)."""
    users = User.objects.filter(unit=unit, is_active=True)
    return notify_users(users=users, message=message, url=url, email_subject=email_subject)


def _send(mails):
    try:
        send_mass_mail(mails, fail_silently=False)
    except OSError:
        logger.exception("Sending %d notification e-mails failed", len(mails))


def notifications_mark_read(*, user, ids=None):
    """Mark the user's unread notifications (all, or those of `ids`) as read; returns how many."""
    unread = Notification.objects.unread().filter(user=user)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
