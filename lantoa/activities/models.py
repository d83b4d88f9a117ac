"""The outreach activity log: one row per activity a unit held, whatever its kind.

Every report sums the same columns (unit, kind, date, place kind, participants, women, industrial
workers, items) over a subtree; the ancestor columns `level_0` … `level_4` hold the unit's chain
as the tree stood on the activity's date, so that a report for a past period rolls up over the
tree of then (see indexes.py and PERFORMANCE.md).
"""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lantoa.outreach import OutreachKind
from lantoa.text import fold, search_terms
from lantoa.units.models import LEVEL_FIELDS, Place, PlaceKind, Unit, level_column

from . import rollup
from .indexes import ACTIVITY_INDEXES, LEVELS, level_field
from .plan_lines import activity_line_error

# Emulation movements and difficulties get workflows of their own; they are not logged here.
ACTIVITY_KINDS = [
    OutreachKind.DISSEMINATION,
    OutreachKind.VISUAL,
    OutreachKind.TALK,
    OutreachKind.MEDIA,
]
KIND_CHOICES = [(kind.value, kind.label) for kind in ACTIVITY_KINDS]
DUPLICATE_MESSAGE = _(
    "This activity is already logged (same unit, kind, date, place, subject and figures)."
)


class Subtype(models.TextChoices):
    """The form an activity took, within its kind (the media item type for media)."""

    DISSEMINATION = "dissemination", _("Dissemination")
    TRAINING = "training", _("Training")
    SEMINAR = "seminar", _("Seminar")
    THEMATIC_TALK = "thematic_talk", _("Thematic talk")
    EXCHANGE = "exchange", _("Startup exchange")
    ARTICLE = "article", _("Article")
    NEWS = "news", _("News item")
    BROADCAST = "broadcast", _("Broadcast")
    REPORT = "report", _("Report")


KIND_SUBTYPES = {
    OutreachKind.DISSEMINATION: [Subtype.DISSEMINATION, Subtype.TRAINING],
    OutreachKind.TALK: [Subtype.SEMINAR, Subtype.THEMATIC_TALK, Subtype.EXCHANGE],
    OutreachKind.MEDIA: [Subtype.ARTICLE, Subtype.NEWS, Subtype.BROADCAST, Subtype.REPORT],
    OutreachKind.VISUAL: [],
}

# What every activity has, then what each kind adds. Forms, the detail page, the import template
# and the validation rules all follow these lists.
COMMON_FIELDS = ["unit", "date", "plan_line", "title", "notes"]
PLACE_FIELDS = ["place_kind", "place", "location"]
PEOPLE_FIELDS = ["participants", "women", "industrial_workers"]
VISUAL_COUNTS = ["banners", "panels", "posters", "paintings"]
KIND_FIELDS = {
    OutreachKind.DISSEMINATION: ["subtype", *PLACE_FIELDS, *PEOPLE_FIELDS, "materials"],
    OutreachKind.VISUAL: [*PLACE_FIELDS, *VISUAL_COUNTS, "end_date"],
    OutreachKind.TALK: ["subtype", *PLACE_FIELDS, *PEOPLE_FIELDS, "speakers"],
    OutreachKind.MEDIA: ["subtype", "outlet", "link"],
}
SPECIFIC_FIELDS = [
    "subtype",
    *PLACE_FIELDS,
    *PEOPLE_FIELDS,
    "materials",
    *VISUAL_COUNTS,
    "end_date",
    "speakers",
    "outlet",
    "link",
]


def fields_of(kind):
    return [*COMMON_FIELDS, *KIND_FIELDS.get(kind, [])]


def field_label(field, kind):
    """A field's label as the people of that kind of activity say it."""
    if field == "date":
        return {
            OutreachKind.VISUAL: _("Displayed from"),
            OutreachKind.MEDIA: _("Published on"),
        }.get(kind, _("Date"))
    if field == "title":
        return _("Title") if kind == OutreachKind.MEDIA else _("Subject")
    if field == "subtype":
        return _("Item type") if kind == OutreachKind.MEDIA else _("Form")
    return capfirst(Activity._meta.get_field(field).verbose_name)


class MediaOutlet(models.Model):
    """Where media items appear. A list the federation edits: its own newspaper, radio-TV …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=50, help_text=_("Smaller ranks are listed first.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("media outlet")
        verbose_name_plural = _("media outlets")

    def __str__(self):
        return self.name


class ImportJob(models.Model):
    """One uploaded file of activities: who, when, which file, how far, and every row's error.

    Imported rows point at their job instead of writing a history row each (that would halve the
    import speed); the job and its file are the record of how they came in.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        READING = "reading", _("Checking the rows")
        SAVING = "saving", _("Saving")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Refused")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    language = models.CharField(max_length=10, default="vi")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(_("activities created"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    # [row number, column header, message] — the first ERRORS_KEPT of them.
    errors = models.JSONField(default=list, blank=True)

    ERRORS_KEPT = 2000

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("activity import")
        verbose_name_plural = _("activity imports")

    def __str__(self):
        return self.original_name or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("activity_import_job", args=[self.pk])

    @property
    def is_running(self):
        return self.status in {self.Status.PENDING, self.Status.READING, self.Status.SAVING}

    @property
    def is_stale(self):
        # A running job that has not moved for this long died with its server process.
        return self.is_running and timezone.now() - self.updated_at > datetime.timedelta(minutes=10)

    @property
    def percent(self):
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))


class ActivityQuerySet(models.QuerySet):
    def levels_of(self, unit):
        """The levels at which `unit` appears in these records (usually one)."""
        unit_id = getattr(unit, "pk", unit)
        return [
            depth
            for depth in range(LEVELS)
            if self.filter(**{level_field(depth): unit_id}).exists()
        ]

    def in_subtree(self, unit, depth=None):
        """Records of `unit` and the units below it, on the tree as it stood on each record's date.

        Give `depth` (0 for a root) when it is known, e.g. from `unit.ancestors(on=…)`: the query
        then uses that level's index alone. Without it, the levels where the unit occurs are
        looked up first (a unit moved to another depth by a reorganisation has two).
        """
        unit_id = getattr(unit, "pk", unit)
        depths = [depth] if depth is not None else self.levels_of(unit_id)
        if not depths:
            return self.none()
        condition = Q()
        for level in depths:
            condition |= Q(**{level_field(level): unit_id})
        return self.filter(condition)

    def within(self, unit, start, end, depth=None):
        """Records of `unit`'s subtree dated from `start` to `end`, both included."""
        return self.in_subtree(unit, depth).filter(date__gte=start, date__lte=end)

    def delete(self):
        """Delete the rows for good, taking them out of the rollup in the same transaction."""
        with transaction.atomic():
            ids = self.order_by().values("pk")
            sql, params = ids.query.sql_with_params()
            before = rollup.grouped(f"id IN ({sql})", params)
            result = super().delete()
            rollup.apply(rollup.add({}, before, sign=-1))
        return result

    def search(self, query):
        queryset = self
        for term in search_terms(query):
            queryset = queryset.filter(search_text__contains=term)
        return queryset


class LiveActivityManager(models.Manager):
    """Soft-deleted activities count nowhere unless asked for through `Activity.all_objects`."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


def _count(verbose_name, help_text=""):
    return models.PositiveIntegerField(verbose_name, default=0, help_text=help_text)


class Activity(models.Model):
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("unit"),
        db_index=False,  # served by the (unit, date) index
    )
    kind = models.CharField(_("kind of activity"), max_length=20, choices=KIND_CHOICES)
    subtype = models.CharField(_("form"), max_length=20, choices=Subtype.choices, blank=True)
    date = models.DateField(_("date"))
    end_date = models.DateField(
        _("displayed until"),
        null=True,
        blank=True,
        help_text=_("Leave empty if still on display."),
    )
    title = models.CharField(_("subject"), max_length=300, blank=True)
    place_kind = models.CharField(
        _("kind of place"), max_length=20, choices=PlaceKind.choices, blank=True
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("place"),
        db_index=False,  # places are almost never deleted; the check may scan
    )
    location = models.CharField(
        _("place details"),
        max_length=255,
        blank=True,
        help_text=_("Where exactly, if the place is not in the list: hall, workshop, address."),
    )
    participants = _count(_("participants"))
    women = _count(_("of which women"))
    industrial_workers = _count(
        _("of which industrial workers"),
        _("Workers in enterprises and industrial parks: the plan's primary target."),
    )
    banners = _count(_("banners"))
    panels = _count(_("panels"))
    posters = _count(_("posters"))
    paintings = _count(_("propaganda paintings"))
    # Summed by reports: the number of visual items put up, or 1 per media item.
    items = models.PositiveIntegerField(_("items"), default=0, editable=False)
    materials = models.TextField(_("materials used"), blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    outlet = models.ForeignKey(
        MediaOutlet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("media outlet"),
        db_index=False,
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Optional; the rules are in plan_lines.py. PROTECT: a correction of an issued plan cannot
    # take away the line that activities were logged under.
    plan_line = models.ForeignKey(
        "plans.ActivityLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("plan line"),
        db_index=False,  # a partial index, see indexes.py
    )

    level_0 = level_column()
    level_1 = level_column()
    level_2 = level_column()
    level_3 = level_column()
    level_4 = level_column()
    fingerprint = models.CharField(max_length=32, editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        db_index=False,
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        db_index=False,
        verbose_name=_("updated by"),
    )
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        db_index=False,
        verbose_name=_("deleted by"),
    )
    import_job = models.ForeignKey(
        ImportJob,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        editable=False,
        db_index=False,
        verbose_name=_("imported from"),
    )

    history = HistoricalRecords(excluded_fields=[*LEVEL_FIELDS, "fingerprint", "search_text"])
    objects = LiveActivityManager.from_queryset(ActivityQuerySet)()
    all_objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = ACTIVITY_INDEXES
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in ACTIVITY_KINDS]),
                name="activity_kind_is_logged_here",
            ),
            models.CheckConstraint(
                condition=Q(women__lte=models.F("participants"))
                & Q(industrial_workers__lte=models.F("participants")),
                name="activity_parts_within_participants",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="activity_display_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return self.display_title

    def save(self, *args, **kwargs):
        self.refresh_derived()
        self.stamp_levels(tuple(unit.pk for unit in self.unit.ancestors(on=self.date)))
        with transaction.atomic():
            before = self._stored_contributions()
            super().save(*args, **kwargs)
            rollup.apply(rollup.difference(before, rollup.contributions(self)))

    def get_absolute_url(self):
        return reverse("activity_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            before = self._stored_contributions()
            result = super().delete(*args, **kwargs)
            rollup.apply(rollup.add({}, before, sign=-1))
        return result

    def _stored_contributions(self):
        """What the row as stored adds to the rollup (read again: the instance may be edited)."""
        if self._state.adding or self.pk is None:
            return {}
        stored = (
            Activity.all_objects.filter(pk=self.pk)
            .values(*rollup.SOURCE_FIELDS, *LEVEL_FIELDS)
            .first()
        )
        return rollup.contributions(stored) if stored else {}

    @property
    def display_title(self):
        if self.title:
            return self.title
        where = self.place.name if self.place_id else self.location
        label = self.get_subtype_display() if self.subtype else self.get_kind_display()
        return f"{label} · {where}" if where else str(label)

    @property
    def levels(self):
        return tuple(getattr(self, name) for name in LEVEL_FIELDS)

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    def clean(self):
        errors = rule_errors(self, today=timezone.localdate())
        valid = self.unit_id and self.date and not errors.keys() & {"unit", "date", "kind"}
        if self.plan_line_id and valid:
            problem = activity_line_error(self)
            if problem:
                errors["plan_line"] = problem
        if errors:
            raise ValidationError(errors)

    def refresh_derived(self, *, keep_fingerprint=False):
        derive(self, keep_fingerprint=keep_fingerprint)

    def stamp_levels(self, path):
        """Set the ancestor columns from the unit's path (root first) on the activity's date."""
        stamp_levels(self, path)


class ActivityDraft:
    """A new activity as a plain object: what imports and demo data check and insert in bulk.

    It has every column of Activity as an attribute (the model's defaults, as class attributes)
    plus `unit`, `place` and `outlet` objects, and costs a tenth of a model instance to make.
    `rule_errors`, `fingerprint`, `derive` and `stamp_levels` take either.
    """

    unit = place = outlet = None

    def __init__(self, **values):
        self.__dict__.update(values)


for _field in Activity._meta.concrete_fields:
    setattr(
        ActivityDraft,
        _field.attname,
        None if _field.has_default() and callable(_field.default) else _field.get_default(),
    )


def derive(activity, *, keep_fingerprint=False, fold=fold):
    """Items, place kind, fingerprint and search text from the fields people enter.

    `keep_fingerprint` when the caller has just computed it from the same fields (imports).
    `fold`: a memoizing one when many activities share places, locations and outlets (imports).
    """
    if activity.kind == OutreachKind.VISUAL:
        activity.items = activity.banners + activity.panels + activity.posters + activity.paintings
    elif activity.kind == OutreachKind.MEDIA:
        activity.items = 1
    else:
        activity.items = 0
    if activity.place_id and not activity.place_kind:
        activity.place_kind = activity.place.kind
    if not keep_fingerprint:
        activity.fingerprint = fingerprint(activity, fold=fold)
    # Folding works character by character, so the folded parts joined by spaces are the fold of
    # the joined text; folded parts can be reused from the fingerprint and the other rows.
    parts = (
        activity.title,
        activity.place.name if activity.place_id else "",
        activity.location,
        activity.speakers,
        activity.materials,
        activity.outlet.name if activity.outlet_id else "",
        activity.notes,
    )
    activity.search_text = " ".join([folded for part in parts if part and (folded := fold(part))])


def stamp_levels(activity, path):
    """Set the ancestor columns from the unit's path (root first) on the activity's date."""
    if len(path) > LEVELS:
        raise ValidationError(
            _(
                "The union tree above %(unit)s is %(depth)s levels deep on %(date)s; activities "
                "can be filed at most %(max)s levels deep. Ask the administrator to check the "
                "tree."
            )
            % {
                "unit": activity.unit,
                "depth": len(path),
                "date": activity.date.strftime("%d/%m/%Y"),
                "max": LEVELS,
            }
        )
    for depth, name in enumerate(LEVEL_FIELDS):
        setattr(activity, name, path[depth] if depth < len(path) else None)


def fingerprint(activity, *, fold=fold):
    """The duplicate key: same unit, kind, date, form, title, place and figures.

    Notes, materials, speakers and the display end are left out: two rows that differ only
    there describe the same activity twice. `fold` as for `derive`.
    """
    key = "\x1f".join(
        map(
            str,
            [
                activity.unit_id,
                activity.kind,
                activity.date.isoformat() if activity.date else "",
                activity.subtype,
                fold(activity.title),
                activity.place_id or "",
                fold(activity.location),
                activity.participants,
                activity.women,
                activity.industrial_workers,
                activity.banners,
                activity.panels,
                activity.posters,
                activity.paintings,
                activity.outlet_id or "",
                activity.link.strip(),
            ],
        )
    )
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


_EMPTY = {
    "subtype": "",
    "place_kind": "",
    "place": None,
    "location": "",
    "participants": 0,
    "women": 0,
    "industrial_workers": 0,
    "materials": "",
    "banners": 0,
    "panels": 0,
    "posters": 0,
    "paintings": 0,
    "end_date": None,
    "speakers": "",
    "outlet": None,
    "link": "",
}


# Per kind, the fields that do not apply to it: (field, attribute read, its empty value).
# Place and outlet are read through their ids.
_NOT_APPLICABLE = {
    kind: [
        (field, f"{field}_id" if field in ("place", "outlet") else field, _EMPTY[field])
        for field in SPECIFIC_FIELDS
        if field not in fields
    ]
    for kind, fields in KIND_FIELDS.items()
}


def rule_errors(activity, *, today):
    """{field: message} for every rule of the activity's kind it breaks; empty when valid.

    The one place the kinds' rules live: the form and the import both ask here. The unit must be
    loaded (`activity.unit`); place and outlet are read through their ids and loaded objects.
    """
    errors = {}
    kind = activity.kind
    if kind not in KIND_FIELDS:
        return {
            "kind": _(
                "Only dissemination, visual propaganda, talks and media items are logged here."
            )
        }
    kind_label = OutreachKind(kind).label
    for field, attribute, empty in _NOT_APPLICABLE[kind]:
        value = getattr(activity, attribute)
        if value != empty and value is not None:
            errors[field] = _("Does not apply to %(kind)s: leave it empty.") % {"kind": kind_label}

    day = activity.date
    if day is not None:
        if day > today:
            errors["date"] = _(
                "This date is in the future: log an activity once it has taken place."
            )
        elif activity.unit_id and not activity.unit.exists_on(day):
            errors["date"] = _("%(unit)s did not exist on that date.") % {"unit": activity.unit}

    fields = KIND_FIELDS[kind]
    allowed_subtypes = KIND_SUBTYPES[kind]
    if "subtype" in fields and "subtype" not in errors:
        if not activity.subtype:
            errors["subtype"] = _("Choose the form.")
        elif activity.subtype not in allowed_subtypes:
            errors["subtype"] = _("“%(form)s” is not a form of %(kind)s.") % {
                "form": dict(Subtype.choices).get(activity.subtype, activity.subtype),
                "kind": kind_label,
            }

    if "place_kind" in fields:
        place = activity.place if activity.place_id else None
        if place is not None and activity.place_kind and activity.place_kind != place.kind:
            errors["place_kind"] = _("%(place)s is a place of the kind “%(kind)s”.") % {
                "place": place.name,
                "kind": place.get_kind_display(),
            }
        elif not activity.place_kind and place is None:
            errors["place_kind"] = _("Say what kind of place it was.")

    if "participants" in fields:
        if activity.participants <= 0:
            errors["participants"] = _("Give the number of participants.")
        if activity.women > activity.participants:
            errors["women"] = _("Women are counted among the participants: they cannot be more.")
        if activity.industrial_workers > activity.participants:
            errors["industrial_workers"] = _(
                "Industrial workers are counted among the participants: they cannot be more."
            )

    if kind == OutreachKind.VISUAL:
        if not any(getattr(activity, field) for field in VISUAL_COUNTS):
            errors["banners"] = _("Count at least one banner, panel, poster or painting.")
        if activity.end_date and day and activity.end_date < day:
            errors["end_date"] = _("The display cannot end before it starts.")

    if kind == OutreachKind.MEDIA:
        if not activity.outlet_id:
            errors["outlet"] = _("Choose where the item appeared.")
        if not activity.title.strip():
            errors["title"] = _("Give the title of the item.")
    return errors


def _evidence_path(evidence, filename):
    # Random names: the original one is kept in the row, never trusted on disk.
    day = timezone.localdate()
    return f"evidence/{day:%Y/%m}/{uuid.uuid4().hex}{evidence.extension}"


class ActivityRollup(models.Model):
    """The sums of the activity rows per upper unit, child, half-month, kind, place kind and
    media outlet: see rollup.py. Written only by rollup.py."""

    depth = models.PositiveSmallIntegerField()
    unit_id = models.BigIntegerField()
    half_month = models.DateField()
    kind = models.CharField(max_length=20)
    place_kind = models.CharField(max_length=20)
    child = models.BigIntegerField()
    outlet = models.BigIntegerField()
    count = models.BigIntegerField()
    participants = models.BigIntegerField()
    women = models.BigIntegerField()
    industrial_workers = models.BigIntegerField()
    items = models.BigIntegerField()
    banners = models.BigIntegerField()
    panels = models.BigIntegerField()
    posters = models.BigIntegerField()
    paintings = models.BigIntegerField()

    class Meta:
        constraints = [
            # Also the index of every read: a unit at a depth over a range of half-months.
            models.UniqueConstraint(fields=rollup.KEY_COLUMNS, name="activity_rollup_key"),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.half_month} {self.kind}: {self.count}"


class Evidence(models.Model):
    """A photo or scan attached to an activity, served only through a view that checks scope."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("activity")
    )
    file = models.FileField(_("file"), upload_to=_evidence_path, max_length=255)
    thumbnail = models.FileField(max_length=255, blank=True)
    content_type = models.CharField(max_length=40)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.original_name

    @property
    def extension(self):
        return {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}.get(
            self.content_type, ".pdf"
        )

    @property
    def is_image(self):
        return self.content_type.startswith("image/")
