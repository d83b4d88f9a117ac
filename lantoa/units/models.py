"""The union tree: units, their effective-dated parent links, headcounts and places."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lantoa.text import fold, search_terms

# Deeper trees than this are data errors (a cycle); the recursive queries stop there.
MAX_DEPTH = 12
# Records summed over subtrees (activities, headcounts) carry their unit's chain of ancestors in
# columns level_0 (the root: the province, or the nation) … level_4, so that a report reads the
# subtree of a unit at level k as `level_k = unit` instead of walking the tree (PERFORMANCE.md).
LEVELS = 5


def level_field(depth):
    return f"level_{depth}"


LEVEL_FIELDS = tuple(level_field(depth) for depth in range(LEVELS))


def level_column():
    """A level column: the id of the ancestor at that level, or None below the unit's own."""
    return models.BigIntegerField(null=True, blank=True, editable=False)


def census_day(year):
    """The day a year's headcount is placed in the tree on: the year's last."""
    return datetime.date(year, 12, 31)


def levels_of(path):
    """The level columns' values for a chain of unit ids from the root down: the first LEVELS
    of them, then None."""
    return (*path[:LEVELS], *[None] * (LEVELS - len(path)))


# The scope of a user is the subtree as it stands today, plus closed units as they stood when
# they closed, so that the records of a merged-away union stay visible to the unit above it.
_LINK_TABLE = "units_unitlink"
_UNIT_TABLE = "units_unit"

_SUBTREE_ON_DATE = f"""
WITH RECURSIVE subtree(id, depth) AS (
    SELECT CAST(%s AS BIGINT), 0
    UNION ALL
    SELECT l.unit_id, s.depth + 1
    FROM {_LINK_TABLE} l JOIN subtree s ON l.parent_id = s.id
    WHERE s.depth < {MAX_DEPTH} AND l.valid_from <= %s AND (l.valid_to IS NULL OR l.valid_to > %s)
)
SELECT id FROM subtree"""

_SCOPE_SUBTREE = f"""
WITH RECURSIVE subtree(id, depth) AS (
    SELECT CAST(%s AS BIGINT), 0
    UNION ALL
    SELECT l.unit_id, s.depth + 1
    FROM {_LINK_TABLE} l
    JOIN subtree s ON l.parent_id = s.id
    JOIN {_UNIT_TABLE} c ON c.id = l.unit_id
    WHERE s.depth < {MAX_DEPTH} AND (l.valid_to IS NULL OR l.valid_to = c.closed_on)
)
SELECT id FROM subtree"""

_ANCESTORS_ON_DATE = f"""
WITH RECURSIVE up(id, depth) AS (
    SELECT CAST(%s AS BIGINT), 0
    UNION ALL
    SELECT l.parent_id, u.depth + 1
    FROM {_LINK_TABLE} l JOIN up u ON l.unit_id = u.id
    WHERE u.depth < {MAX_DEPTH} AND l.valid_from <= %s AND (l.valid_to IS NULL OR l.valid_to > %s)
)
SELECT {_UNIT_TABLE}.*, up.depth AS distance
FROM up JOIN {_UNIT_TABLE} ON {_UNIT_TABLE}.id = up.id
ORDER BY up.depth DESC"""


class UnitKind(models.Model):
    """A kind of union unit. Kinds are rows so that a federation can add its own."""

    PROVINCIAL_FEDERATION = "provincial_federation"
    DISTRICT_FEDERATION = "district_federation"
    SECTOR_UNION = "sector_union"
    CIVIL_SERVANTS_UNION = "civil_servants_union"
    INDUSTRIAL_PARKS_UNION = "industrial_parks_union"
    COMMUNE_UNION = "commune_union"
    GRASSROOTS_UNION = "grassroots_union"

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    plural_name = models.CharField(
        _("plural name"),
        max_length=160,
        blank=True,
        help_text=_("How a plan names all units of this kind, e.g. “LĐLĐ các huyện, thành phố”."),
    )
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=50, help_text=_("Smaller ranks are listed first.")
    )

    class Meta:
        ordering = ["rank", "name"]
        verbose_name = _("unit kind")
        verbose_name_plural = _("unit kinds")

    def __str__(self):
        return self.name


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, unit, *, on):
        """The unit and every unit below it on the given date."""
        unit_id = getattr(unit, "pk", unit)
        return self.filter(id__in=RawSQL(_SUBTREE_ON_DATE, (unit_id, on, on)))

    def scope_of(self, unit):
        """The units a user of `unit` may see: its subtree today and its closed units."""
        unit_id = getattr(unit, "pk", unit)
        return self.filter(id__in=RawSQL(_SCOPE_SUBTREE, (unit_id,)))

    def children_of(self, unit, *, on):
        unit_id = getattr(unit, "pk", unit)
        links = UnitLink.objects.active_on(on).filter(parent_id=unit_id)
        return self.filter(id__in=links.values("unit_id"))

    def roots(self, *, on):
        linked = UnitLink.objects.active_on(on).values("unit_id")
        return self.existing_on(on).exclude(id__in=linked)

    def existing_on(self, on):
        return self.filter(opened_on__lte=on).filter(
            Q(closed_on__isnull=True) | Q(closed_on__gt=on)
        )

    def search(self, query):
        queryset = self
        for term in search_terms(query):
            queryset = queryset.filter(search_text__contains=term)
        return queryset


class Unit(models.Model):
    kind = models.ForeignKey(
        UnitKind, on_delete=models.PROTECT, related_name="units", verbose_name=_("kind")
    )
    name = models.CharField(
        _("full name"),
        max_length=255,
        help_text=_("As it heads official documents, e.g. “Liên đoàn Lao động huyện Châu Thành”."),
    )
    short_name = models.CharField(
        _("short name"), max_length=120, help_text=_("E.g. “LĐLĐ huyện Châu Thành”.")
    )
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=30,
        help_text=_("Used in document symbols such as 10/KH-LĐLĐ."),
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    opened_on = models.DateField(_("established on"), default=datetime.date(2000, 1, 1))
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_("First day on which the unit no longer exists (merged, dissolved)."),
    )
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["kind__rank", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gt=models.F("opened_on")),
                name="unit_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join([self.name, self.short_name, self.code]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("unit_detail", args=[self.pk])

    def exists_on(self, on):
        return self.opened_on <= on and (self.closed_on is None or self.closed_on > on)

    def parent_on(self, on):
        link = self.parent_links.active_on(on).select_related("parent").first()
        return link.parent if link else None

    def ancestors(self, *, on):
        """The chain from the root down to this unit on the given date, in one query."""
        return list(Unit.objects.raw(_ANCESTORS_ON_DATE, [self.pk, on, on]))


class UnitLinkQuerySet(models.QuerySet):
    def active_on(self, on):
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))


class UnitLink(models.Model):
    """`unit` sits directly below `parent` from `valid_from` up to, not including, `valid_to`."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="parent_links")
    parent = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="child_links")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    history = HistoricalRecords()
    objects = UnitLinkQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "valid_from"]
        verbose_name = _("parent link")
        verbose_name_plural = _("parent links")
        indexes = [
            models.Index(fields=["parent", "valid_from"]),
            models.Index(fields=["unit", "valid_from"]),
            # The changes of the tree between two dates (`selectors.units_moved_between`).
            models.Index(fields=["valid_from"], name="unitlink_starts"),
            models.Index(fields=["valid_to"], name="unitlink_ends"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="unitlink_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~Q(unit=models.F("parent")), name="unitlink_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.unit} → {self.parent} ({self.valid_from}–{self.valid_to or '…'})"


class Headcount(models.Model):
    """People directly in a unit in a year; a subtree's headcount is the sum over its units."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="headcounts")
    year = models.PositiveSmallIntegerField(_("year"))
    members = models.PositiveIntegerField(_("union members"), default=0)
    workers = models.PositiveIntegerField(_("workers (CNVCLĐ)"), default=0)
    industrial_workers = models.PositiveIntegerField(
        _("of which industrial workers"),
        default=0,
        help_text=_("Workers in enterprises and industrial parks: the plan's primary target."),
    )

    # The unit's ancestors on the year's census day (`census_day`), kept by `stamp_levels` on
    # save and by `services.headcounts_restamp` when the tree changes.
    level_0 = level_column()
    level_1 = level_column()
    level_2 = level_column()
    level_3 = level_column()
    level_4 = level_column()

    history = HistoricalRecords(excluded_fields=list(LEVEL_FIELDS))

    class Meta:
        ordering = ["unit", "-year"]
        verbose_name = _("headcount")
        verbose_name_plural = _("headcounts")
        indexes = [
            # A year's people of a deep unit's subtree, walked unit by unit, without the table.
            models.Index(
                fields=["year", "unit", "members", "workers", "industrial_workers"],
                name="headcount_year_people",
            ),
            # A year's people per child of a unit at level k (`selectors.STAMPED_DEPTHS`): one
            # range of this index.
            *(
                models.Index(
                    fields=[
                        "year",
                        level_field(depth),
                        level_field(depth + 1),
                        "members",
                        "workers",
                        "industrial_workers",
                    ],
                    name=f"headcount_level{depth}_people",
                )
                for depth in (0, 1)
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_headcount_per_unit_year"),
            models.CheckConstraint(
                condition=Q(industrial_workers__lte=models.F("workers")),
                name="industrial_workers_within_workers",
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"

    def save(self, *args, **kwargs):
        self.stamp_levels()
        if kwargs.get("update_fields"):
            kwargs["update_fields"] = {*kwargs["update_fields"], *LEVEL_FIELDS}
        super().save(*args, **kwargs)

    def stamp_levels(self):
        path = [unit.pk for unit in Unit(pk=self.unit_id).ancestors(on=census_day(self.year))]
        for name, value in zip(LEVEL_FIELDS, levels_of(path), strict=True):
            setattr(self, name, value)

    def clean(self):
        if self.industrial_workers > self.workers:
            raise ValidationError(
                {
                    "industrial_workers": _(
                        "Industrial workers are part of the workers: they cannot be more."
                    )
                }
            )
        if self.members > self.workers:
            raise ValidationError(
                {"members": _("Union members are workers too: they cannot be more than workers.")}
            )


class PlaceKind(models.TextChoices):
    AGENCY = "agency", _("Agency or public unit")
    ENTERPRISE = "enterprise", _("Enterprise")
    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
    BOARDING_AREA = "boarding_area", _("Workers' boarding-house area")
    OTHER = "other", _("Other")


class PlaceQuerySet(models.QuerySet):
    def search(self, query):
        queryset = self
        for term in search_terms(query):
            queryset = queryset.filter(search_text__contains=term)
        return queryset


class Place(models.Model):
    """Where outreach happens: enterprise, industrial park, boarding-house area, agency."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="places", verbose_name=_("unit")
    )
    kind = models.CharField(_("kind of place"), max_length=20, choices=PlaceKind.choices)
    name = models.CharField(_("name"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    industrial_park = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enterprises",
        limit_choices_to={"kind": PlaceKind.INDUSTRIAL_PARK},
        verbose_name=_("in industrial park"),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords()
    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join([self.name, self.address]))
        super().save(*args, **kwargs)

    def clean(self):
        if self.industrial_park_id and self.kind == PlaceKind.INDUSTRIAL_PARK:
            raise ValidationError(
                {"industrial_park": _("An industrial park cannot lie inside another one.")}
            )
