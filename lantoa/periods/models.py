from django.db import models
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
