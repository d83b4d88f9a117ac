"""Writes to the union tree that touch several rows."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Unit, UnitLink
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
