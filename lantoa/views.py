"""Pages that gather several apps: the home page."""

from django.shortcuts import render
from django.utils import timezone

from lantoa.accounts.scope import visible_units
from lantoa.units.models import Headcount, Unit


def home(request):
    user = request.user
    today = timezone.localdate()
    unit = user.unit
    attention = []
    if unit is not None and user.can_edit:
        subtree = Unit.objects.subtree_of(unit, on=today).existing_on(today)
        counted = Headcount.objects.filter(year=today.year, unit__in=subtree).values("unit_id")
        without_headcount = subtree.exclude(pk__in=counted).count()
        if without_headcount:
            attention.append(
                {
                    "kind": "headcount",
                    "count": without_headcount,
                    "year": today.year,
                    "url": unit.get_absolute_url(),
                }
            )
    context = {
        "unit": unit,
        "attention": attention,
        "visible_count": visible_units(user).existing_on(today).count(),
        "today": today,
    }
    return render(request, "home.html", context)
