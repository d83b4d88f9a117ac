"""Reads of plans: who sees which plan, the deployment board, what waits for a unit."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from lantoa.accounts.scope import visible_units

from .models import Deployment, Plan, PlanStatus


def visible_plans(user, *, on=None):
    """Plans issued in the user's scope, and issued plans received in it or by a unit above it
    (the plans whose lines the user's unit may log activities under)."""
    plans = Plan.objects.all()
    if user.is_authenticated and user.is_federation_admin:
        return plans
    units = visible_units(user).values("pk")
    chain = user.unit.ancestors(on=on or timezone.localdate()) if user.unit_id else []
    above = [unit.pk for unit in chain[:-1]]
    received = Deployment.objects.filter(plan=OuterRef("pk"), unit__in=units)
    received_above = Deployment.objects.filter(plan=OuterRef("pk"), unit__in=above)
    issued = Q(status=PlanStatus.ISSUED)
    return plans.filter(
        Q(issuer__in=units)
        | issued & Q(Exists(received))
        | issued & Q(issuer__in=above)
        | issued & Q(Exists(received_above))
    )


def can_see_issuer(user, plan):
    return visible_units(user).filter(pk=plan.issuer_id).exists()


def waiting_deployments(unit):
    """Issued plans the unit has not acknowledged yet."""
    return (
        Deployment.objects.waiting()
        .filter(unit=unit, plan__status=PlanStatus.ISSUED)
        .select_related("plan", "plan__issuer")
        .order_by("acknowledge_due_on", "pk")
    )


@dataclass
class LevelCount:
    level: int
    units: int
    acknowledged: int
    with_plan: int
    overdue: int

    @property
    def waiting(self):
        return self.units - self.acknowledged


def deployment_board(plan, *, today):
    """The receiving units of `plan` with their state, and counts for every level of the cascade
    below it (level 1: the units this plan went to; level 2: the units their plans went to; …)."""
    rows = list(
        plan.deployments.select_related("unit__kind", "acknowledged_by", "subplan").order_by(
            "unit__kind__rank", "unit__name"
        )
    )
    drafts = {
        draft.issuer_id: draft
        for draft in Plan.objects.filter(parent=plan, status=PlanStatus.DRAFT).order_by("pk")
    }
    for row in rows:
        row.draft = drafts.get(row.unit_id) if row.subplan_id is None else None
        row.ack_overdue = row.acknowledgement_overdue(today)
        row.plan_overdue = row.subplan_overdue(today)
    overdue = Q(acknowledged_at__isnull=True, acknowledge_due_on__lt=today) | Q(
        subplan__isnull=True, subplan_due_on__lt=today
    )
    counts = (
        Deployment.objects.filter(plan__in=Plan.objects.below(plan), plan__status=PlanStatus.ISSUED)
        .values("plan__depth")
        .annotate(
            units=Count("pk"),
            acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
            with_plan=Count("pk", filter=Q(subplan__isnull=False)),
            overdue=Count("pk", filter=overdue),
        )
        .order_by("plan__depth")
    )
    levels = [
        LevelCount(
            level=row["plan__depth"] - plan.depth + 1,
            units=row["units"],
            acknowledged=row["acknowledged"],
            with_plan=row["with_plan"],
            overdue=row["overdue"],
        )
        for row in counts
    ]
    return rows, levels
