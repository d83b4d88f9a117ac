"""The outreach kinds of a plan's activity lines: codes shared by plans, the activity log, the
reports and the plan-document parser (which keeps the same codes without importing Django)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutreachKind(models.TextChoices):
    DISSEMINATION = "dissemination", _("Dissemination and training")
    VISUAL = "visual", _("Visual propaganda")
    TALK = "talk", _("Seminars, talks and exchanges")
    MEDIA = "media", _("Media items")
    EMULATION = "emulation", _("Emulation movements and exemplary models")
    DIFFICULTY = "difficulty", _("Difficulties and proposals")
