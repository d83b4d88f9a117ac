"""Reporting periods (`2018Q1`, `2018S2`, `2018`, DHIS2's identifiers) and their data windows."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_PERIOD_ID = re.compile(r"^\s*(\d{4})\s*(?:([QqSs])\s*([1-4]))?\s*$")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodKind(models.TextChoices):
    QUARTER = "Q", gettext_lazy("Quarter")
    HALF = "S", gettext_lazy("Six months")
    YEAR = "Y", gettext_lazy("Year")


class WindowRule(models.TextChoices):
    """Which days a period's figures are taken from."""

    DECREE_09 = "decree09", gettext_lazy("Decree 09/2019: from the 15th to the 14th")
    CALENDAR = "calendar", gettext_lazy("Calendar months")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    index: int = 0

    def __post_init__(self):
        valid = {PeriodKind.QUARTER: range(1, 5), PeriodKind.HALF: range(1, 3)}
        if self.kind == PeriodKind.YEAR:
            if self.index != 0:
                raise ValueError("a year has no index")
        elif self.kind not in valid or self.index not in valid[self.kind]:
            raise ValueError(f"invalid period {self.kind}{self.index}")

    @classmethod
    def parse(cls, text):
        """`2018Q1`, `2018S2` or `2018`; raises ValueError with a message users can read."""
        match = _PERIOD_ID.match(str(text or ""))
        if not match:
            raise ValueError(
                _("“%(text)s” is not a period: write 2018Q1, 2018S1 or 2018.") % {"text": text}
            )
        year, kind, index = match.groups()
        if kind is None:
            return cls(int(year), PeriodKind.YEAR)
        return cls(int(year), kind.upper(), int(index))

    @classmethod
    def quarter(cls, year, index):
        return cls(year, PeriodKind.QUARTER, index)

    @classmethod
    def half(cls, year, index):
        return cls(year, PeriodKind.HALF, index)

    @classmethod
    def whole_year(cls, year):
        return cls(year, PeriodKind.YEAR)

    @classmethod
    def all_of_year(cls, year):
        """The seven periods of a year, in the order reports are listed."""
        return [
            *(cls.quarter(year, q) for q in range(1, 5)),
            cls.half(year, 1),
            cls.half(year, 2),
            cls.whole_year(year),
        ]

    @classmethod
    def containing(cls, day, kind, rule=WindowRule.DECREE_09):
        """The period of `kind` whose data window under `rule` holds `day`."""
        year, month = day.year, day.month
        if rule == WindowRule.DECREE_09 and day.day >= 15:
            month += 1
            if month == 13:
                year, month = year + 1, 1
        if kind == PeriodKind.QUARTER:
            return cls.quarter(year, (month - 1) // 3 + 1)
        if kind == PeriodKind.HALF:
            return cls.half(year, 1 if month <= 6 else 2)
        return cls.whole_year(year)

    def __str__(self):
        if self.kind == PeriodKind.YEAR:
            return str(self.year)
        return f"{self.year}{self.kind}{self.index}"

    @property
    def label(self):
        if self.kind == PeriodKind.QUARTER:
            return _("Quarter %(roman)s/%(year)s") % {
                "roman": _ROMAN[self.index],
                "year": self.year,
            }
        if self.kind == PeriodKind.HALF:
            if self.index == 1:
                return _("First six months of %(year)s") % {"year": self.year}
            return _("Last six months of %(year)s") % {"year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    @property
    def months(self):
        """First and last calendar month of the period."""
        if self.kind == PeriodKind.QUARTER:
            return 3 * self.index - 2, 3 * self.index
        if self.kind == PeriodKind.HALF:
            return 6 * self.index - 5, 6 * self.index
        return 1, 12

    def window(self, rule=WindowRule.DECREE_09):
        """First and last day (inclusive) whose records count for this period under `rule`."""
        first_month, last_month = self.months
        if rule == WindowRule.CALENDAR:
            last_day = calendar.monthrange(self.year, last_month)[1]
            return (
                datetime.date(self.year, first_month, 1),
                datetime.date(self.year, last_month, last_day),
            )
        start_year, start_month = self.year, first_month - 1
        if start_month == 0:
            start_year, start_month = self.year - 1, 12
        return datetime.date(start_year, start_month, 15), datetime.date(self.year, last_month, 14)

    def contains(self, day, rule=WindowRule.DECREE_09):
        start, end = self.window(rule)
        return start <= day <= end

    def subperiods(self):
        """The quarters of a half or a year, for trends."""
        first, last = self.months
        return [Period.quarter(self.year, q) for q in range((first + 2) // 3, last // 3 + 1)]
