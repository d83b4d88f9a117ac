"""Writes to the union tree that touch several rows."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from lantoa.sql import batched

from .models import LEVEL_FIELDS, Headcount, Unit, UnitLink, census_day, levels_of
from .selectors import TreeHistory, ever_below
from .signals import tree_changed


@transaction.atomic
def unit_create(*, unit, parent, valid_from):
    """Save a new unit and, unless it is a root, link it below `parent` from `valid_from`."""
    if parent is not None and not parent.exists_on(valid_from):
        raise ValidationError(_("The parent unit does not exist on that date."))
    unit.opened_on = min(unit.opened_on, valid_from) if unit.opened_on else valid_from
    unit.save()
    if parent is not None:
        UnitLink.objects.create(unit=unit, parent=parent, valid_from=valid_from)
    return unit


@transaction.atomic
def unit_move(*, unit, new_parent, on):
    """Place `unit` and its subtree below `new_parent` from `on`; earlier history is kept."""
    current = unit.parent_links.select_for_update().active_on(on).first()
    if current and current.parent_id == new_parent.pk:
        return current
    if (
        new_parent.pk == unit.pk
        or Unit.objects.subtree_of(unit, on=on).filter(pk=new_parent.pk).exists()
    ):
        raise ValidationError(_("A unit cannot be moved below itself or one of its own units."))
    if not new_parent.exists_on(on):
        raise ValidationError(_("The new parent unit does not exist on that date."))
    if unit.parent_links.filter(valid_from__gt=on).exists():
        raise ValidationError(_("This unit already has a later move; change that one first."))

    moved_ids = list(Unit.objects.subtree_of(unit, on=on).values_list("id", flat=True))
    if current is not None:
        if current.valid_from == on:
            current.delete()
        else:
            current.valid_to = on
            current.save(update_fields=["valid_to"])
    link = UnitLink.objects.create(unit=unit, parent=new_parent, valid_from=on)
    # Sent inside the transaction: re-stamped records commit or roll back with the move.
    tree_changed.send(sender=Unit, unit_ids=moved_ids, since=on)
    return link


@transaction.atomic
def headcounts_restamp(*, unit_ids):
    """Re-stamp the level columns of the headcounts of `unit_ids` and of every unit that ever sat
    below one of them, from the tree on each census day.

    Run whenever a parent link is saved or deleted (`receivers`), whoever writes it: a changed
    link moves the unit's whole subtree. Only the rows whose levels change are written.
    """
    headcounts = Headcount.objects.order_by()
    rows = []
    for batch in batched(sorted(ever_below(unit_ids))):
        rows += headcounts.filter(unit_id__in=batch).values_list(
            "pk", "unit_id", "year", *LEVEL_FIELDS
        )
    tree = TreeHistory(unit_ids={unit_id for _pk, unit_id, *_rest in rows})
    changed = []
    for pk, unit_id, year, *stamped in rows:
        levels = levels_of(tree.path(unit_id, census_day(year)))
        if tuple(stamped) != levels:
            changed.append((*levels, pk))
    if not changed:
        return
    table = connection.ops.quote_name(Headcount._meta.db_table)
    columns = ", ".join(f"{connection.ops.quote_name(name)} = %s" for name in LEVEL_FIELDS)
    with connection.cursor() as cursor:
        for batch in batched(changed):
            cursor.executemany(f"UPDATE {table} SET {columns} WHERE id = %s", batch)
