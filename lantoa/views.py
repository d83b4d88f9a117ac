"""Pages that gather several apps: the home page."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lantoa.accounts.models import Notification
from lantoa.accounts.scope import visible_units
from lantoa.plans.selectors import waiting_deployments
from lantoa.reports.selectors import needing_attention
from lantoa.units.models import Headcount, Unit

NOTIFICATIONS_SHOWN = 5


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
    if unit is not None and user.can_edit:
        waiting = list(waiting_deployments(unit)[:2])
        if waiting:
            attention.append(
                {
                    "kind": "plans",
                    "count": waiting_deployments(unit).count(),
                    "first": waiting[0],
                    "url": reverse("plan_list") + "?status=waiting",
                }
            )
    reports = needing_attention(user, today=today)
    if reports["due"]:
        first = reports["due"][0]
        attention.append(
            {
                "kind": "reports_due",
                "count": len(reports["due"]),
                "first": first,
                "overdue": first.deadline < today,
                "url": reverse("report_list"),
            }
        )
    if reports["returned"]:
        attention.append(
            {
                "kind": "reports_returned",
                "count": len(reports["returned"]),
                "first": reports["returned"][0],
                "url": reports["returned"][0].get_absolute_url(),
            }
        )
    if reports["to_review"]:
        attention.append(
            {
                "kind": "reports_to_review",
                "count": len(reports["to_review"]),
                "url": reverse("report_list") + "#to-review",
            }
        )
    unread = Notification.objects.unread().filter(user=user)
    context = {
        "notifications": list(unread[:NOTIFICATIONS_SHOWN]),
        "unread_count": unread.count(),
        "unit": unit,
        "attention": attention,
        "visible_count": visible_units(user).existing_on(today).count(),
        "today": today,
    }
    return render(request, "home.html", context)
