"""The tree as the plan-document parser matches names against it: plain values, read once."""

from lantoa.units.models import Unit, UnitKind

from .unit_names import KnownKind, KnownUnit, UnitIndex


def known_units(on):
    """The units existing on `on`, as `unit_names.KnownUnit`s."""
    units = Unit.objects.existing_on(on).select_related("kind")
    return [
        KnownUnit(unit.pk, unit.name, unit.short_name, unit.abbreviation, unit.kind.code)
        for unit in units
    ]


def known_kinds():
    return [
        KnownKind(kind.code, kind.name, kind.plural_name, kind.abbreviation)
        for kind in UnitKind.objects.all()
    ]


def unit_index(on):
    """A `UnitIndex` of the tree as it stood on `on`, to match recipients and task units."""
    return UnitIndex(known_units(on), known_kinds())
