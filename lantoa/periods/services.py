"""Writes of the periods app: closing a unit's period and reopening it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PeriodLock


@transaction.atomic
def period_lock(*, unit, period, window, user, reference, now=None):
    """Close `unit`'s `period` (data `window`: first and last day) for the records of its
    subtree. `reference` names what closed it (`report:12`): the core imports no edge app."""
    start, end = window
    return PeriodLock.objects.create(
        unit=unit,
        period=str(period),
        start=start,
        end=end,
        reference=reference,
        locked_by=user,
        locked_at=now or timezone.now(),
    )


@transaction.atomic
def period_reopen(*, lock, user, reason, now=None):
    """Open a closed period again, saying why; the lock stays as the log of both actions."""
    if not reason.strip():
        raise ValidationError(_("Say why the period is reopened."))
    locked = PeriodLock.objects.select_for_update().get(pk=lock.pk)
    if locked.reopened_at is not None:
        raise ValidationError(_("This period has already been reopened."))
    locked.reopened_at = now or timezone.now()
    locked.reopened_by = user
    locked.reopen_reason = reason.strip()
    locked.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    return locked
