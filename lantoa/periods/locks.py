"""Closed periods, as the apps that own records check them before a write.

A lock on unit U covers every record of U's subtree dated inside its window; records carry their
ancestors (as the tree stood on their date), so "is this record locked?" is "does an active lock
name one of its ancestors and hold its date?".
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lantoa.text import short_date

from .models import PeriodLock
from .period import Period


class PeriodLocked(ValidationError):
    """A write to a record in a closed period; the message says whose, which period and whom to
    ask. A ValidationError, so that forms show it like any other refusal."""

    def __init__(self, lock, day):
        self.lock = lock
        super().__init__(locked_message(lock, day), code="period_locked")


def locked_message(lock, day):
    locker = lock.locked_by
    return _(
        "The figures of %(unit)s for %(period)s (%(start)s–%(end)s) were closed on %(locked_on)s "
        "when their report was accepted: a record dated %(day)s can no longer be changed. To "
        "correct it, ask %(who)s (%(where)s) to reopen the period."
    ) % {
        "unit": lock.unit,
        "period": Period.parse(lock.period).label,
        "start": short_date(lock.start),
        "end": short_date(lock.end),
        "locked_on": short_date(lock.locked_at.date()),
        "day": short_date(day),
        "who": locker.display_name,
        "where": locker.unit or _("the federation"),
    }


def _ids(units):
    return [getattr(unit, "pk", unit) for unit in units if unit is not None]


def covering_lock(units, day):
    """The active lock that closes `day` for a record whose ancestors are `units` (the unit's
    chain, ids or units, None allowed), or None. One query."""
    ids = _ids(units)
    if not ids or day is None:
        return None
    return (
        PeriodLock.objects.covering(ids, day)
        .select_related("unit", "locked_by__unit")
        .order_by("start", "pk")
        .first()
    )


def check_open(units, day):
    """Raise PeriodLocked when a record of `units`' chain dated `day` may not change."""
    lock = covering_lock(units, day)
    if lock is not None:
        raise PeriodLocked(lock, day)


class LockIndex:
    """Every active lock in memory, for checking many records (an import) with one query."""

    def __init__(self):
        self._by_unit = {}
        for lock in PeriodLock.objects.active().select_related("unit", "locked_by__unit"):
            self._by_unit.setdefault(lock.unit_id, []).append(lock)

    def __bool__(self):
        return bool(self._by_unit)

    def covering(self, units, day):
        for unit_id in _ids(units):
            for lock in self._by_unit.get(unit_id, ()):
                if lock.start <= day <= lock.end:
                    return lock
        return None
