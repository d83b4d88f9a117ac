from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.accounts.scope import (
    admin_required,
    can_edit_unit,
    get_unit_for_user,
    visible_units,
)

from . import sections, selectors, services
from .forms import HeadcountForm, PlaceForm, UnitForm
from .models import Headcount, Place, Unit, UnitLink

SEARCH_LIMIT = 200
TREE_DEPTH = 2


def unit_list(request):
    today = timezone.localdate()
    query = request.GET.get("q", "").strip()
    visible = visible_units(request.user)
    context = {"query": query}
    if query:
        current_parent = Prefetch(
            "parent_links",
            queryset=UnitLink.objects.active_on(today).select_related("parent"),
            to_attr="current_links",
        )
        results = list(
            visible.search(query)
            .select_related("kind")
            .prefetch_related(current_parent)[: SEARCH_LIMIT + 1]
        )
        context.update(results=results[:SEARCH_LIMIT], truncated=len(results) > SEARCH_LIMIT)
    else:
        if request.user.is_federation_admin:
            roots = Unit.objects.roots(on=today)
        else:
            roots = visible.filter(pk=request.user.unit_id)
        trees = [selectors.tree_nodes(root, on=today, max_depth=TREE_DEPTH) for root in roots]
        _mark_hidden_children(trees, today)
        context["trees"] = trees
    if request.htmx:
        return render(request, "units/unit_list.html#results", context)
    return render(request, "units/unit_list.html", context)


def _mark_hidden_children(trees, today):
    """Tell each unit at the bottom of the shown tree how many children it hides (one query)."""
    leaves = {}

    def walk(node, depth):
        unit, children = node
        if depth == TREE_DEPTH:
            leaves[unit.pk] = unit
        for child in children:
            walk(child, depth + 1)

    for tree in trees:
        walk(tree, 0)
    for unit_id, count in selectors.children_counts(list(leaves), on=today).items():
        leaves[unit_id].hidden_children = count


def unit_detail(request, pk):
    unit = get_unit_for_user(request, pk)
    today = timezone.localdate()
    visible_ids = set(visible_units(request.user).values_list("pk", flat=True))
    ancestors = [u for u in unit.ancestors(on=today)[:-1] if u.pk in visible_ids]
    children = list(Unit.objects.children_of(unit, on=today).select_related("kind"))
    grandchildren = selectors.children_counts([child.pk for child in children], on=today)
    headcounts = list(unit.headcounts.all())
    years = [row.year for row in headcounts] or [today.year]
    subtree_totals = selectors.subtree_headcounts(unit, on=today, years=years)
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "parent": unit.parent_on(today),
        "children": [(child, grandchildren.get(child.pk, 0)) for child in children],
        "headcounts": [(row, subtree_totals.get(row.year)) for row in headcounts],
        "places": unit.places.select_related("industrial_park"),
        "users": unit.users.filter(is_active=True),
        "can_edit": can_edit_unit(request.user, unit),
        "is_admin": request.user.is_federation_admin,
        "sections": sections.render_sections(request, unit),
    }
    return render(request, "units/unit_detail.html", context)


@admin_required
def unit_create(request):
    parent = None
    if request.GET.get("parent", "").isdigit():
        parent = get_unit_for_user(request, int(request.GET["parent"]))
    form = UnitForm(request.POST or None, parents=Unit.objects.all(), initial={"parent": parent})
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(
                unit=form.save(commit=False),
                parent=form.cleaned_data["parent"],
                valid_from=form.cleaned_data["effective_from"] or form.cleaned_data["opened_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Unit “%(unit)s” created.") % {"unit": unit})
            return redirect(unit)
    return render(request, "units/unit_form.html", {"form": form, "parent": parent})


@admin_required
def unit_edit(request, pk):
    unit = get_unit_for_user(request, pk, edit=True)
    others = Unit.objects.exclude(pk=unit.pk)
    form = UnitForm(request.POST or None, instance=unit, parents=others)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                unit = form.save()
                new_parent = form.cleaned_data["parent"]
                if new_parent is not None:
                    services.unit_move(
                        unit=unit, new_parent=new_parent, on=form.cleaned_data["effective_from"]
                    )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Unit “%(unit)s” saved.") % {"unit": unit})
            return redirect(unit)
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})


@admin_required
def place_create(request, pk):
    unit = get_unit_for_user(request, pk, edit=True)
    form = PlaceForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        place = form.save()
        messages.success(request, _("Place “%(place)s” added.") % {"place": place})
        return redirect(unit)
    return render(request, "units/place_form.html", {"form": form, "unit": unit})


@admin_required
def place_edit(request, pk):
    place = get_object_or_404(Place.objects.select_related("unit"), pk=pk)
    unit = get_unit_for_user(request, place.unit_id, edit=True)
    form = PlaceForm(request.POST or None, instance=place, unit=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Place “%(place)s” saved.") % {"place": place})
        return redirect(unit)
    return render(request, "units/place_form.html", {"form": form, "unit": unit, "place": place})


def headcount_edit(request, pk):
    unit = get_unit_for_user(request, pk, edit=True)
    year = request.POST.get("year") or request.GET.get("year")
    instance = None
    if year and str(year).isdigit():
        instance = Headcount.objects.filter(unit=unit, year=int(year)).first()
    form = HeadcountForm(request.POST or None, instance=instance, unit=unit)
    if request.method == "POST" and form.is_valid():
        headcount = form.save()
        messages.success(
            request,
            _("Headcounts of %(year)s saved.") % {"year": headcount.year},
        )
        return redirect(unit)
    return render(request, "units/headcount_form.html", {"form": form, "unit": unit})
