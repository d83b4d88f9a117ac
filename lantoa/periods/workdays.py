"""Working days, for deadlines: Decree 09/2019 wants at least one working day between the end of a
period's data window and the deadline of its report, and a later deadline for each level that
consolidates the reports of the level below."""

import datetime

from .period import WindowRule

# Labour Code 2019, art. 112: the public holidays on a fixed solar date. The lunar ones (Tết, the
# Hùng Kings' day) and the days the government moves each year are `Holiday` rows.
FIXED_HOLIDAYS = frozenset({(1, 1), (4, 30), (5, 1), (9, 2)})


def is_workday(day, holidays=frozenset()):
    """Monday to Friday, and neither a fixed public holiday nor one of `holidays`."""
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS and day not in holidays


def add_workdays(day, count, holidays=frozenset()):
    """The `count`-th working day after `day` (`day` itself never counts)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    current = day
    while count:
        current += datetime.timedelta(days=1)
        if is_workday(current, holidays):
            count -= 1
    return current


def holidays_between(first, last):
    """The days off recorded as `Holiday` rows from `first` to `last`, inclusive."""
    from .models import Holiday

    return frozenset(
        Holiday.objects.filter(day__gte=first, day__lte=last).values_list("day", flat=True)
    )


def span_of(count):
    """More calendar days than `count` working days can need, even with Tết's break inside."""
    return datetime.timedelta(days=2 * count + 21)


def workday_after(day, count):
    """`add_workdays` with the recorded holidays: one query."""
    return add_workdays(day, count, holidays_between(day, day + span_of(count)))


def report_deadline(period, *, rule=WindowRule.DECREE_09, workdays):
    """The day a report of `period` is due: `workdays` working days after its window closes."""
    return workday_after(period.window(rule)[1], workdays)
