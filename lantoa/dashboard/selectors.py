"""The reads behind the dashboard: the consolidated figures, the completeness of reports, the
plan's targets and a quarterly trend of a unit's subtree for a period.

Every figure comes from the reports' own code (`consolidate`, `completeness`, `reporting_plan`,
the indicators), so the dashboard and the consolidated report can never disagree; each group of
figures is one set-based read whatever the number of units below.
"""

from dataclasses import dataclass

from lantoa.accounts.scope import visible_units
from lantoa.activities.selectors import subtree_totals_by_window
from lantoa.periods.period import Period, WindowRule
from lantoa.reports import indicators as registry
from lantoa.reports.selectors import (
    Consolidation,
    Tallies,
    completeness_counts,
    consolidate,
    plan_years,
    reporting_plan,
    unit_depth,
)
from lantoa.units.models import Unit

# The figures of each quarter of the trend: those the activity log alone yields.
TREND_CODES = (
    "dissemination.count",
    "talk.count",
    "visual.count",
    "media.count",
    "activities.count",
    "participants",
)


@dataclass
class Dashboard:
    unit: Unit
    period: Period
    rule: str
    plan: object  # the Plan the unit reports on in the period's year, or None
    consolidation: Consolidation
    targets: dict  # {indicator code: target quantity}
    board: Tallies
    trend: list  # [(quarter Period, {indicator code: value})]

    @property
    def window(self):
        return self.consolidation.window

    @property
    def values(self):
        """The figures of the whole subtree, as the consolidated report gives them."""
        return self.consolidation.total.values


def dashboard(unit, period, *, today):
    """Every figure of `unit`'s dashboard for `period`, in a number of queries that does not
    depend on the number of units below it."""
    plan = reporting_plan(unit, period.year)
    rule = plan.window_rule if plan else WindowRule.DECREE_09
    consolidation = consolidate(unit, period, rule=rule)
    targets = {}
    if plan is not None:
        targets = registry.targets(plan.targets_for(unit, period), consolidation.indicators)
    return Dashboard(
        unit=unit,
        period=period,
        rule=rule,
        plan=plan,
        consolidation=consolidation,
        targets=targets,
        board=completeness_counts(unit, period),
        trend=quarterly_trend(unit, period.year, rule=rule, today=today),
    )


def quarterly_trend(unit, year, *, rule, today):
    """[(quarter, {code: value})] for the quarters of `year` that have begun by `today`: the
    activity log's sums of the subtree per quarter (one grouped read where the rollup holds
    them), by the reports' indicators."""
    indicators = [indicator for indicator in registry.INDICATORS if indicator.code in TREND_CODES]
    start, end = Period.whole_year(year).window(rule)
    quarters = [
        quarter
        for quarter in Period.whole_year(year).subperiods()
        if quarter.window(rule)[0] <= today
    ]
    found = subtree_totals_by_window(
        unit, [quarter.window(rule) for quarter in quarters], depth=unit_depth(unit, start, end)
    )
    trend = []
    for quarter, rows in zip(quarters, found, strict=True):
        values = registry.tabulate({"activities": rows}, indicators, line=lambda row: None)
        summed = values.get(None) or registry.blank(indicators)
        trend.append((quarter, registry.derive(summed, indicators)))
    return trend


def default_unit(user, *, today):
    """The unit a dashboard opens on: the user's own, or for an administrator without one the
    first root of the tree."""
    if user.unit_id is not None:
        return user.unit
    if user.is_federation_admin:
        return Unit.objects.roots(on=today).order_by("kind__rank", "name").first()
    return None


def default_period(unit, *, today):
    """The latest year with a plan the unit reports on (not in the future), else this year."""
    years = [year for year in plan_years(unit) if year <= today.year]
    return Period.whole_year(years[0] if years else today.year)


def trail(user, unit, *, on):
    """The unit's ancestors the user may see, from the top: the way back up a drill-down."""
    ancestors = unit.ancestors(on=on)[:-1]
    visible = set(
        visible_units(user).filter(pk__in=[a.pk for a in ancestors]).values_list("pk", flat=True)
    )
    return [ancestor for ancestor in ancestors if ancestor.pk in visible]


def visible_ids(user, units):
    """The ids of `units` the user may open (a unit moved out of the subtree since the period
    still counts in it, but the user may no longer see it)."""
    ids = [unit.pk for unit in units]
    if not ids:
        return set()
    return set(visible_units(user).filter(pk__in=ids).values_list("pk", flat=True))
