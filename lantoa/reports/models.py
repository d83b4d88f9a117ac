"""Periodic reports (Báo cáo) of every unit on a plan it received, their frozen submissions, the
upper level's review, adjustments to computed figures, and the log of reminders sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lantoa.periods.models import PeriodLock
from lantoa.periods.period import Period
from lantoa.plans.models import Plan, number_symbol
from lantoa.units.models import Unit

TYPE_CODE = "BC"
TYPE_TITLE = "BÁO CÁO"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")


# The narrative sections unions write in every periodic report, in print order:
# (field, label on the page, heading in the document).
SECTIONS = [
    ("results", _("Results achieved"), "KẾT QUẢ ĐẠT ĐƯỢC"),
    ("shortcomings", _("Shortcomings and their causes"), "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
    ("difficulties", _("Difficulties and proposals"), "KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ"),
    ("next_tasks", _("Tasks for the next period"), "NHIỆM VỤ TRỌNG TÂM KỲ TỚI"),
]


class Report(models.Model):
    """What `unit` reports on `plan` for `period`: its figures are computed from the records of
    the unit's subtree in the period's data window; its text is written by the unit's officers.
    The upper level reads the frozen copy of the latest submission."""

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="reports", verbose_name=_("plan")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("reporting unit")
    )
    period = models.CharField(_("period"), max_length=8)
    reviewer = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports_to_review",
        verbose_name=_("reports to"),
        help_text=_("The level above on the last day of the data window; empty at the top."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    deadline = models.DateField(_("due on"))

    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=40)
    place = models.CharField(_("place in the date line"), max_length=80, blank=True)
    subject = models.CharField(_("subject line"), max_length=500)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line."))
    archive = models.CharField(_("archive line"), max_length=80, blank=True, default="VP")
    signer_on_behalf = models.CharField(
        _("signs on behalf of"), max_length=80, blank=True, default="TM. BAN THƯỜNG VỤ"
    )
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)

    results = models.TextField(_("results achieved"), blank=True)
    shortcomings = models.TextField(_("shortcomings and their causes"), blank=True)
    difficulties = models.TextField(_("difficulties and proposals"), blank=True)
    next_tasks = models.TextField(_("tasks for the next period"), blank=True)

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    late = models.BooleanField(_("late"), null=True, help_text=_("Set by the first submission."))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    lock = models.ForeignKey(
        PeriodLock,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("period lock"),
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-period", "unit__kind__rank", "unit__name"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit", "period"], name="one_report_per_plan_unit_period"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "period"]),
            models.Index(fields=["reviewer", "status"]),
        ]

    def __str__(self):
        return f"{self.unit} · {self.period_obj.label}"

    def get_absolute_url(self):
        return reverse("report_detail", args=[self.pk])

    @property
    def period_obj(self):
        return Period.parse(self.period)

    @property
    def window(self):
        return self.period_obj.window(self.plan.window_rule)

    @property
    def number_symbol(self):
        return number_symbol(self.number, self.symbol)

    @property
    def is_editable(self):
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    @property
    def recipients_list(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class Submission(models.Model):
    """A report as it was sent: every figure and text, frozen (see `snapshot.freeze`)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("submission"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    deadline = models.DateField(_("due on"))
    late = models.BooleanField(_("late"))
    content = models.JSONField(_("content"))

    class Meta:
        ordering = ["report", "-number"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_submission_number")
        ]

    def __str__(self):
        return f"{self.report} #{self.number}"


class EventAction(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for changes")
    ACCEPTED = "accepted", _("accepted")
    REOPENED = "reopened", _("reopened the period")


class ReportEvent(models.Model):
    """One step of a report's workflow: who, when, with what comment."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=EventAction.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    comment = models.TextField(_("comment"), blank=True)
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["report", "at", "pk"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self):
        return f"{self.report} {self.action}"


class Adjustment(models.Model):
    """A figure the unit corrects by hand, with its reason: shown beside the computed one, which
    is never overwritten."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="adjustments")
    indicator = models.CharField(_("indicator"), max_length=60)
    value = models.PositiveBigIntegerField(_("adjusted figure"))
    reason = models.TextField(_("reason"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "indicator"]
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_adjustment_each"),
            models.CheckConstraint(condition=~Q(reason=""), name="adjustment_has_a_reason"),
        ]

    def __str__(self):
        return f"{self.indicator} = {self.value}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("before the deadline")
    AFTER = "after", _("after the deadline")


class ReminderLog(models.Model):
    """A reminder sent about one expected report; the unique key makes `send_reminders` safe to
    run any number of times."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=8)
    kind = models.CharField(max_length=6, choices=ReminderKind.choices)
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit", "period", "kind"], name="one_reminder_of_each_kind"
            )
        ]

    def __str__(self):
        return f"{self.unit} {self.period} {self.kind}"
