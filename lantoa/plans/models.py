"""Plans (Kế hoạch) as official documents: content, versions, and their cascade to the units."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lantoa.outreach import OutreachKind
from lantoa.periods.period import Period, PeriodKind, WindowRule
from lantoa.periods.workdays import add_workdays, holidays_between, report_deadline, span_of
from lantoa.text import fold, search_terms
from lantoa.units.models import Unit, UnitKind

TYPE_CODE = "KH"
TYPE_TITLE = "KẾ HOẠCH"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class ReportingLevel(models.TextChoices):
    """Who sends a report to whom; each level has its own deadline (Decree 09/2019)."""

    GRASSROOTS = "grassroots", _("Grassroots unions to the level above")
    UPPER = "upper", _("Upper-level unions to the province")
    PROVINCE = "province", _("The province to the advisory council")

    @classmethod
    def of_unit(cls, unit):
        return cls.of_kind(unit.kind.code)

    @classmethod
    def of_kind(cls, code):
        """The level of a unit of the kind with this code."""
        if code == UnitKind.GRASSROOTS_UNION:
            return cls.GRASSROOTS
        if code == UnitKind.PROVINCIAL_FEDERATION:
            return cls.PROVINCE
        return cls.UPPER


class PlanQuerySet(models.QuerySet):
    def search(self, query):
        queryset = self
        for term in search_terms(query):
            queryset = queryset.filter(search_text__contains=term)
        return queryset

    def below(self, plan):
        """The plan and every plan drawn up from it, at any depth."""
        return self.filter(path__startswith=plan.path)


class Plan(models.Model):
    issuer = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="plans", verbose_name=_("issuing unit")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subplans",
        verbose_name=_("implements the plan"),
    )
    # "/12/40/": the ids from the top plan of the cascade down to this one, for set-based reads
    # of a whole cascade (`PlanQuerySet.below`); depth 0 is a plan of its own.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("year of the plan"))

    number = models.PositiveIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("Given when the plan is issued: the next number of the unit's register."),
    )
    symbol = models.CharField(
        _("symbol"), max_length=40, help_text=_("Type code and the unit's abbreviation: KH-LĐLĐ.")
    )
    place = models.CharField(
        _("place"), max_length=80, blank=True, help_text=_("As in “Bến Tre, ngày …”.")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    superior = models.CharField(
        _("superior body"), max_length=200, blank=True, help_text=_("E.g. TỔNG LĐLĐ VIỆT NAM.")
    )
    issuer_name = models.CharField(
        _("issuing body in the header"),
        max_length=200,
        help_text=_("E.g. LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE."),
    )
    subject = models.CharField(_("subject line"), max_length=500)

    bases = models.TextField(
        _("legal bases"),
        blank=True,
        help_text=_("The documents this plan implements, one per line."),
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("The sentence after the bases, e.g. “LĐLĐ tỉnh xây dựng Kế hoạch … như sau:”."),
    )
    purposes = models.TextField(
        _("purposes and requirements"), blank=True, help_text=_("One per line; numbered in print.")
    )
    content_heading = models.CharField(
        _("heading of the content section"), max_length=200, default="NỘI DUNG THỰC HIỆN"
    )
    audience = models.TextField(_("audience"), blank=True)
    primary_target = models.TextField(_("primary target group"), blank=True)
    archive = models.CharField(
        _("archive line"), max_length=80, blank=True, default="VP", help_text=_("E.g. VP, TG.")
    )
    signer_on_behalf = models.CharField(
        _("signs on behalf of"), max_length=80, blank=True, default="TM. BAN THƯỜNG VỤ"
    )
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)

    report_quarterly = models.BooleanField(_("quarterly reports"), default=True)
    report_half_yearly = models.BooleanField(_("six-monthly reports"), default=True)
    report_yearly = models.BooleanField(_("yearly report"), default=True)
    window_rule = models.CharField(
        _("data window"), max_length=10, choices=WindowRule.choices, default=WindowRule.DECREE_09
    )
    grassroots_deadline_days = models.PositiveSmallIntegerField(
        _("grassroots unions report within (working days)"), default=1
    )
    upper_deadline_days = models.PositiveSmallIntegerField(
        _("upper-level unions report within (working days)"), default=3
    )
    province_deadline_days = models.PositiveSmallIntegerField(
        _("the province reports within (working days)"), default=5
    )
    acknowledge_days = models.PositiveSmallIntegerField(
        _("acknowledge receipt within (working days)"), default=3
    )
    subplan_days = models.PositiveSmallIntegerField(
        _("issue their own plan within (working days)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the receiving units need not write a plan of their own."),
    )

    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-date", "-pk"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        indexes = [models.Index(fields=["issuer", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(grassroots_deadline_days__gte=1)
                & Q(upper_deadline_days__gt=F("grassroots_deadline_days"))
                & Q(province_deadline_days__gt=F("upper_deadline_days")),
                name="plan_deadlines_follow_the_levels",
                violation_error_message=_(
                    "Each level needs a later deadline than the level below it: grassroots "
                    "unions first (at least 1 working day), then upper-level unions, then the "
                    "province."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(number__isnull=False) & Q(date__isnull=False)),
                name="issued_plan_has_number_and_date",
            ),
        ]

    def __str__(self):
        return f"{self.number_symbol} {self.subject}"

    def save(self, *args, **kwargs):
        self.search_text = fold(
            " ".join([self.number_symbol, self.subject, self.issuer_name, self.bases])
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("plan_detail", args=[self.pk])

    @property
    def is_draft(self):
        return self.status == PlanStatus.DRAFT

    @property
    def is_issued(self):
        return self.status == PlanStatus.ISSUED

    @property
    def number_symbol(self):
        """`10/KH-LĐLĐ`, `05/KH-LĐLĐ`; a draft has no number yet: `…/KH-LĐLĐ`."""
        return number_symbol(self.number, self.symbol)

    @property
    def bases_list(self):
        return _lines(self.bases)

    @property
    def purposes_list(self):
        return _lines(self.purposes)

    # The reporting schedule, read by the reports.

    def reporting_periods(self):
        """The periods of the plan's year that get a report, in the order reports are listed."""
        wanted = {
            PeriodKind.QUARTER: self.report_quarterly,
            PeriodKind.HALF: self.report_half_yearly,
            PeriodKind.YEAR: self.report_yearly,
        }
        return [period for period in Period.all_of_year(self.year) if wanted[period.kind]]

    def deadline_days(self, level):
        return {
            ReportingLevel.GRASSROOTS: self.grassroots_deadline_days,
            ReportingLevel.UPPER: self.upper_deadline_days,
            ReportingLevel.PROVINCE: self.province_deadline_days,
        }[level]

    def deadline(self, period, level):
        """The day the reports of `period` are due at `level`."""
        return report_deadline(period, rule=self.window_rule, workdays=self.deadline_days(level))

    def schedule(self, *, holidays=None):
        """[{period, window, deadlines: {level: day}}] for every reporting period of the plan,
        with the recorded holidays read once (or given: `holidays_around(plans)` for many)."""
        periods = self.reporting_periods()
        if not periods:
            return []
        windows = {period: period.window(self.window_rule) for period in periods}
        if holidays is None:
            ends = [end for _start, end in windows.values()]
            holidays = holidays_between(min(ends), max(ends) + span_of(self.province_deadline_days))
        return [
            {
                "period": period,
                "window": windows[period],
                "deadlines": {
                    level.value: add_workdays(
                        windows[period][1], self.deadline_days(level), holidays
                    )
                    for level in ReportingLevel
                },
            }
            for period in periods
        ]

    def deadlines(self, period):
        """{level: due day} for `period`."""
        return {level: self.deadline(period, level) for level in ReportingLevel}

    def deadline_for(self, period, unit):
        return self.deadline(period, ReportingLevel.of_unit(unit))

    def expected_reporters(self):
        """The units that received this plan: they report on it."""
        return Unit.objects.filter(deployments__plan=self)

    def targets_for(self, unit, period):
        """{activity line: quantity} that `unit` must reach in `period` under this plan."""
        result = {}
        for target in Target.objects.filter(line__plan=self).for_unit(unit):
            quantity = target.quantity_for(period)
            if quantity is not None:
                result[target.line] = result.get(target.line, 0) + quantity
        return result


def number_symbol(number, symbol):
    # Decree 30/2020 writes numbers below 10 with a leading zero.
    return f"{number:02d}/{symbol}" if number else f"…/{symbol}"


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ActivityLine(models.Model):
    """One line of the plan's content (II.2 of the seed): one outreach kind, its text, its targets.
    The activity log links recorded activities to these lines."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activity_lines")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind of activity"), max_length=20, choices=OutreachKind.choices)
    text = models.TextField(_("text"))
    parent_line = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adaptations",
        verbose_name=_("adapts the line"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("activity line")
        verbose_name_plural = _("activity lines")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class TargetQuerySet(models.QuerySet):
    def for_unit(self, unit):
        return self.filter(Q(unit=unit) | Q(unit__isnull=True, unit_kind_id=unit.kind_id))


class Target(models.Model):
    """A quantitative target of an activity line: at least `quantity` activities per period, for
    every receiving unit of a kind or for one named unit."""

    line = models.ForeignKey(
        ActivityLine,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("activity line"),
    )
    quantity = models.PositiveIntegerField(_("at least"))
    per = models.CharField(
        _("per"), max_length=1, choices=PeriodKind.choices, default=PeriodKind.QUARTER
    )
    unit_kind = models.ForeignKey(
        UnitKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for each unit of the kind"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("or for the unit"),
    )

    history = HistoricalRecords()
    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["line", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=True, unit_kind__isnull=False)
                | Q(unit__isnull=False, unit_kind__isnull=True),
                name="target_for_a_kind_or_a_unit",
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="target_at_least_one"),
        ]

    def __str__(self):
        return f"{self.quantity}/{self.per} {self.unit or self.unit_kind}"

    # How many periods of each kind a longer period holds.
    _PER_YEAR = {PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}

    def quantity_for(self, period):
        """The target over `period`: a quarterly target counts twice in a half and four times in
        a year; a yearly target has no share in a quarter (None)."""
        per_year = self._PER_YEAR[self.per]
        periods_per_year = self._PER_YEAR[period.kind]
        if per_year % periods_per_year:
            return None
        return self.quantity * per_year // periods_per_year


class TaskAssignee(models.TextChoices):
    DEPARTMENT = "department", _("The propaganda department")
    RECIPIENTS = "recipients", _("Every receiving unit")
    KINDS = "kinds", _("Every unit of the kinds")
    UNITS = "units", _("The named units")


class Task(models.Model):
    """An implementation task (III of the seed) and whom it falls to."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))
    assignee = models.CharField(
        _("assigned to"),
        max_length=12,
        choices=TaskAssignee.choices,
        default=TaskAssignee.RECIPIENTS,
    )
    unit_kinds = models.ManyToManyField(
        UnitKind, blank=True, related_name="+", verbose_name=_("kinds of units")
    )
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("units"))

    history = HistoricalRecords(m2m_fields=[unit_kinds, units])

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self):
        return self.text[:80]


class Recipient(models.Model):
    """A line of the `Nơi nhận` block: one unit, a whole group of units (every unit of some kinds
    below the issuer: “LĐLĐ các huyện, thành phố”), or an outside body that only gets a copy."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("as printed"), max_length=255)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    unit_kinds = models.ManyToManyField(
        UnitKind, blank=True, related_name="+", verbose_name=_("every unit of the kinds")
    )

    history = HistoricalRecords(m2m_fields=[unit_kinds])

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self):
        return self.name


class PlanVersion(models.Model):
    """An issued state of a plan, frozen: version 1 when issued, one more per correction."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("content"))
    change_note = models.TextField(_("what changed"), blank=True)
    changed_sections = models.JSONField(_("changed sections"), default=list)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["plan", "-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number")
        ]

    def __str__(self):
        return f"{self.plan.number_symbol} v{self.number}"


class DeploymentQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(acknowledged_at__isnull=True)


class Deployment(models.Model):
    """An issued plan as one receiving unit has it: received, acknowledged, its own plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="deployments")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="deployments", verbose_name=_("unit")
    )
    received_at = models.DateTimeField(_("received at"))
    acknowledge_due_on = models.DateField(_("acknowledge by"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    subplan_due_on = models.DateField(_("own plan due on"), null=True, blank=True)
    subplan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("own plan"),
    )
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    history = HistoricalRecords()
    objects = DeploymentQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "unit__kind__rank", "unit__name"]
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="one_deployment_per_unit")
        ]
        indexes = [models.Index(fields=["unit", "acknowledged_at"])]

    def __str__(self):
        return f"{self.plan.number_symbol} → {self.unit}"

    def acknowledgement_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.acknowledged_at is None and self.acknowledge_due_on < today

    def subplan_overdue(self, today=None):
        today = today or timezone.localdate()
        return (
            self.subplan_id is None
            and self.subplan_due_on is not None
            and self.subplan_due_on < today
        )


class PlanImport(models.Model):
    """A plan document uploaded for import, waiting for its review: the text read from it, kept
    so that the review screen survives a reload. Saving links the draft made from it; unsaved
    imports are dropped after a week (`services.IMPORT_KEPT_FOR`)."""

    filename = models.CharField(_("file name"), max_length=255)
    text = models.TextField(_("text of the document"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("draft made from it"),
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("imported plan document")
        verbose_name_plural = _("imported plan documents")

    def __str__(self):
        return self.filename
