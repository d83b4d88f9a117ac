from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Holiday(models.Model):
    """A day off besides weekends and the fixed public holidays: Tết, the Hùng Kings' day, and the
    days the government moves each year. Deadlines counted in working days skip them."""

    day = models.DateField(_("day"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["day"]
        verbose_name = _("day off")
        verbose_name_plural = _("days off")

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {self.name}"


class PeriodLockQuerySet(models.QuerySet):
    def active(self):
        return self.filter(reopened_at__isnull=True)

    def covering(self, unit_ids, day):
        """Active locks on any of `unit_ids` whose window holds `day`."""
        return self.active().filter(unit_id__in=unit_ids, start__lte=day, end__gte=day)


class PeriodLock(models.Model):
    """A unit's reporting period, closed to changes: the records of the unit's subtree dated
    from `start` to `end` are what an accepted report was computed from.

    Written when the upper level accepts a report (`reference` names it: the core knows no
    reports); the apps that own records check `locks.check_open` before every write. Reopening
    keeps the row, with who reopened it, when and why: the lock's history is the log.
    """

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="period_locks", verbose_name=_("unit")
    )
    period = models.CharField(_("period"), max_length=8, help_text=_("2018Q1, 2018S1 or 2018."))
    start = models.DateField(_("data from"))
    end = models.DateField(_("data up to"))
    reference = models.CharField(
        _("locked by the acceptance of"),
        max_length=80,
        help_text=_("The record whose acceptance closed the period, e.g. report:12."),
    )
    locked_at = models.DateTimeField(_("locked at"))
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("locked by"),
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )
    reopen_reason = models.TextField(_("why it was reopened"), blank=True)

    objects = PeriodLockQuerySet.as_manager()

    class Meta:
        ordering = ["-locked_at", "-pk"]
        verbose_name = _("period lock")
        verbose_name_plural = _("period locks")
        indexes = [
            models.Index(
                fields=["unit", "end"],
                condition=Q(reopened_at__isnull=True),
                name="periodlock_active",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="periodlock_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(reopened_at__isnull=True) | ~Q(reopen_reason=""),
                name="periodlock_reopened_with_a_reason",
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.period} ({self.start:%d/%m/%Y}–{self.end:%d/%m/%Y})"

    @property
    def is_active(self):
        return self.reopened_at is None
