"""Who sees what: the one place every page, export and API endpoint asks.

A user sees their unit's subtree (as it stands today, plus the units closed inside it); officers
may also change records there; federation administrators see and change everything.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from lantoa.units.models import Unit


def visible_units(user):
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.is_federation_admin:
        return Unit.objects.all()
    if user.unit_id is None:
        return Unit.objects.none()
    return Unit.objects.scope_of(user.unit_id)


def can_view_unit(user, unit):
    return visible_units(user).filter(pk=getattr(unit, "pk", unit)).exists()


def can_edit_unit(user, unit):
    return user.is_authenticated and user.can_edit and can_view_unit(user, unit)


def restrict(queryset, user, *, unit_field="unit"):
    """Narrow a queryset of records to those whose `unit_field` the user may see."""
    if user.is_authenticated and user.is_federation_admin:
        return queryset
    return queryset.filter(**{f"{unit_field}__in": visible_units(user).values("pk")})


def get_unit_for_user(request, pk, *, edit=False):
    """The unit `pk` if the user may see it (and change its records when `edit`), else 404/403."""
    unit = get_object_or_404(Unit.objects.select_related("kind"), pk=pk)
    return check_unit(request.user, unit, edit=edit)


def check_unit(user, unit, *, edit=False):
    """Return `unit` if `user` may see it (and change its records when `edit`), else 404/403.

    Units out of scope answer 404, as if they did not exist; a viewer asking to change a unit
    they can see gets 403.
    """
    if not can_view_unit(user, unit):
        raise Http404
    if edit and not user.can_edit:
        raise PermissionDenied
    return unit


def get_record_for_user(request, queryset, pk, *, unit_field="unit", edit=False):
    """A record of `queryset` whose unit the user may see (and change, when `edit`)."""
    record = get_object_or_404(restrict(queryset, request.user, unit_field=unit_field), pk=pk)
    if edit and not request.user.can_edit:
        raise PermissionDenied
    return record


def admin_required(view):
    """Only federation administrators (the province's propaganda department) pass."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_federation_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
