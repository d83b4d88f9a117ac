"""Reads of reports: the consolidated figures of a subtree, the reports expected from the units,
their completeness and timeliness, and the lists of the reports page."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import TruncDate
from django.utils.timezone import localdate

from lantoa.accounts.models import Role, User
from lantoa.periods.period import Period, WindowRule
from lantoa.periods.workdays import holidays_between, span_of
from lantoa.plans.models import Deployment, Plan, PlanStatus, ReportingLevel
from lantoa.units.models import Unit, UnitLink
from lantoa.units.selectors import subtree_branches

from .indicators import SOURCES, added, blank, derive, indicator_list, tabulate
from .models import ReminderKind, Report, ReportStatus

# --- consolidation ------------------------------------------------------------------------


@dataclass
class Line:
    """A line of a consolidated table: a child unit, the unit's own records, or the total."""

    CHILD, OWN, TOTAL = "child", "own", "total"

    unit: Unit | None
    role: str
    values: dict


@dataclass
class Consolidation:
    """The figures of `unit`'s subtree for `period`, per child unit and in total."""

    unit: Unit
    period: Period
    rule: str
    window: tuple
    indicators: list
    children: list
    own: Line
    total: Line

    @property
    def lines(self):
        return [*self.children, self.own, self.total]


def unit_depth(unit, start, end):
    """The unit's level in the tree (0: a root) through the window, or None when a
    reorganisation moved it to another level inside the window (the selectors then look it
    up)."""
    first = len(unit.ancestors(on=start)) - 1
    last = len(unit.ancestors(on=end)) - 1
    return first if first == last else None


def consolidate(unit, period, *, rule=WindowRule.DECREE_09, indicators=None):
    """The set-based rollup of `unit`'s subtree over the tree as it stood in the period: one
    grouped read per source, then every indicator of every line in Python. The total is the
    sum of the children's lines and the unit's own, by construction."""
    start, end = period.window(rule)
    indicators = indicators if indicators is not None else indicator_list()
    depth = unit_depth(unit, start, end)
    lines = tabulate(
        {source.name: source.fetch(unit, start, end, depth=depth) for source in SOURCES},
        indicators,
    )
    # The children of the end of the window, and those that rolled records up through: ids
    # first, so that the units are read by key (an OR of both made PostgreSQL scan a nation).
    current = Unit.objects.children_of(unit, on=end).existing_on(end).values_list("pk", flat=True)
    ids = {*current, *(key for key in lines if key is not None)}
    children = Unit.objects.filter(pk__in=ids).select_related("kind").order_by("kind__rank", "name")

    def line(of, role, values):
        return Line(of, role, derive(dict(values), indicators))

    empty = blank(indicators)
    return Consolidation(
        unit=unit,
        period=period,
        rule=rule,
        window=(start, end),
        indicators=indicators,
        children=[line(child, Line.CHILD, lines.get(child.pk, empty)) for child in children],
        own=line(unit, Line.OWN, lines.get(None, empty)),
        total=line(None, Line.TOTAL, added(lines.values(), indicators)),
    )


def reporting_plan(unit, year):
    """The plan `unit` reports on in `year`: one it received, else one it issued at the top of a
    cascade; None when there is none."""
    return (
        Plan.objects.filter(status=PlanStatus.ISSUED, year=year)
        .filter(_reported_on_by(unit))
        .order_by("date", "pk")
        .first()
    )


def _reported_on_by(unit):
    """Plans the unit received, or issued at the top of a cascade. The received ones through a
    subquery on the unit's deployments: a join would read every deployment of a nation."""
    received = Deployment.objects.filter(unit=unit).values("plan_id")
    return Q(pk__in=received) | Q(parent__isnull=True, issuer=unit)


# --- expected reports ---------------------------------------------------------------------


@dataclass
class Expected:
    """A report a unit owes on a plan for a period, with the report if it has one."""

    plan: Plan
    unit: Unit
    period: Period
    window: tuple
    deadline: object
    level: str
    branch: int | None = None
    report: Report | None = None

    @property
    def key(self):
        return (self.plan.pk, self.unit.pk, str(self.period))

    @property
    def state(self):
        return self.report.status if self.report else "missing"

    @property
    def submitted(self):
        return self.report is not None and self.report.first_submitted_at is not None

    @property
    def late(self):
        return self.submitted and bool(self.report.late)

    def overdue(self, today):
        return not self.submitted and today > self.deadline


@dataclass(frozen=True)
class Recipient:
    """A unit that received a plan, or issued it at the top of a cascade (it reports on it to the
    body outside the tree), with what deciding whether it owes a report needs; `unit` is the
    Unit itself where the caller lists the reports, None where it only counts them."""

    unit_id: int
    received_on: datetime.date
    opened_on: datetime.date
    closed_on: datetime.date | None
    level: str
    unit: Unit | None = None

    @classmethod
    def of(cls, unit, received_on):
        return cls(
            unit.pk,
            received_on,
            unit.opened_on,
            unit.closed_on,
            ReportingLevel.of_unit(unit).value,
            unit,
        )

    def owes(self, end):
        """Whether it owes the report of a period whose data window closes on `end`: it had
        received the plan and still existed then (a closed unit is never expected, so
        completeness never passes 100%)."""
        return (
            self.received_on <= end
            and self.opened_on <= end
            and (self.closed_on is None or self.closed_on > end)
        )


def _recipients(plans, deployments):
    """{plan id: [Recipient]}: the deployments (with their units), and for a plan at the top of
    a cascade its issuer."""
    found = defaultdict(list)
    for deployment in deployments:
        found[deployment.plan_id].append(
            Recipient.of(deployment.unit, localdate(deployment.received_at))
        )
    _add_issuers(found, plans)
    return found


def _recipient_facts(plans, units):
    """{plan id: [Recipient]} of `plans` among `units` (a queryset; None: anywhere), read as
    values: no model instance per deployment, for the counts of a whole province or nation."""
    found = defaultdict(list)
    # The day received, in the database: 130,000 timestamps cost a second to convert here.
    rows = _among(Deployment.objects.filter(plan__in=plans), units).values_list(
        "plan_id",
        "unit_id",
        TruncDate("received_at"),
        "unit__opened_on",
        "unit__closed_on",
        "unit__kind__code",
    )
    levels = {}
    for plan_id, unit_id, received_on, opened_on, closed_on, kind_code in rows:
        level = levels.get(kind_code)
        if level is None:
            level = levels[kind_code] = ReportingLevel.of_kind(kind_code).value
        found[plan_id].append(Recipient(unit_id, received_on, opened_on, closed_on, level))
    _add_issuers(found, plans)
    return found


def _add_issuers(found, plans):
    for plan in plans:
        if plan.parent_id is None and plan.issued_at is not None:
            found[plan.pk].append(Recipient.of(plan.issuer, localdate(plan.issued_at)))


def _holidays_around(plans):
    """The days off every plan's deadlines may skip, in one query: from the first plan year's
    windows (which start in the previous December) to well after the last one's."""
    if not plans:
        return frozenset()
    years = [plan.year for plan in plans]
    longest = max(plan.province_deadline_days for plan in plans)
    return holidays_between(
        datetime.date(min(years) - 1, 12, 1), datetime.date(max(years), 12, 31) + span_of(longest)
    )


def _owed(plans, recipients, periods=None, units=None):
    """(plan, schedule row, Recipient) of every report owed on `plans` (issued) for `periods`
    (all of each plan's when None), keeping the units in `units` (ids) when given: the one
    rule of which reports are expected, whether they are listed or counted."""
    # A union of the nation reads the year's 400 plans: only those it received are scheduled.
    plans = [plan for plan in plans if recipients.get(plan.pk)]
    holidays = _holidays_around(plans)
    for plan in plans:
        for row in plan.schedule(holidays=holidays):
            if periods is not None and row["period"] not in periods:
                continue
            end = row["window"][1]
            for recipient in recipients[plan.pk]:
                if units is not None and recipient.unit_id not in units:
                    continue
                if recipient.owes(end):
                    yield plan, row, recipient


def _expectations(plans, recipients, periods=None, units=None):
    """The Expected reports of `_owed`, with their reports attached."""
    plans = list(plans)
    result = [
        _expected(plan, row, recipient)
        for plan, row, recipient in _owed(plans, recipients, periods, units)
    ]
    _attach_reports(result, plans)
    return result


def _expected(plan, row, recipient, branch=None):
    return Expected(
        plan=plan,
        unit=recipient.unit,
        period=row["period"],
        window=row["window"],
        deadline=row["deadlines"][recipient.level],
        level=recipient.level,
        branch=branch,
    )


def _attach_reports(expected, plans):
    if not expected:
        return
    periods = {str(item.period) for item in expected}
    reports = Report.objects.filter(plan__in=[plan.pk for plan in plans], period__in=periods)
    found = {(report.plan_id, report.unit_id, report.period): report for report in reports}
    for item in expected:
        item.report = found.get(item.key)
        if item.report is not None:
            item.report.plan, item.report.unit = item.plan, item.unit


def _issued(queryset):
    return queryset.filter(status=PlanStatus.ISSUED).select_related("issuer__kind")


def expected_one(plan, unit, period):
    """The report `unit` owes on `plan` for `period` (with the report if started), or None when
    it owes none: the same rule as every list of expected reports, in a few queries."""
    if plan.status != PlanStatus.ISSUED or period not in plan.reporting_periods():
        return None
    if plan.parent_id is None and plan.issuer_id == unit.pk:
        deployments = []
    else:
        deployments = Deployment.objects.filter(plan=plan, unit=unit).select_related("unit__kind")
    found = _expectations(
        [plan], _recipients([plan], deployments), periods={period}, units={unit.pk}
    )
    return found[0] if found else None


def expected_for_unit(unit, *, years):
    """Every report `unit` owes in `years`, on every plan it received or issued at the top."""
    plans = list(
        _issued(Plan.objects.filter(year__in=years))
        .filter(Q(deployments__unit=unit) | Q(parent__isnull=True, issuer=unit))
        .distinct()
    )
    deployments = Deployment.objects.filter(plan__in=plans, unit=unit).select_related("unit__kind")
    expected = _expectations(plans, _recipients(plans, deployments), units={unit.pk})
    return sorted(expected, key=lambda item: (item.deadline, item.plan.pk))


def _units_below(unit, on):
    """`unit`'s subtree on a date, as a queryset to narrow a read to; None for a root, whose
    reads need no narrowing (the recursive filter costs a nation a third of a second)."""
    if not UnitLink.objects.active_on(on).filter(unit_id=unit.pk).exists():
        return None
    return Unit.objects.subtree_of(unit, on=on)


def _among(queryset, units):
    return queryset if units is None else queryset.filter(unit__in=units)


def _owed_in_subtree(unit, period, read_recipients):
    """(plan, schedule row, Recipient, branch) of every report owed for `period` by `unit` and
    the units below it (the tree as it stood when each plan's data window closed), `branch`
    being the child of `unit` it falls under; `read_recipients(plans, units)` reads the
    recipients of the plans among a queryset of units."""
    plans = [
        plan
        for plan in _issued(Plan.objects.filter(year=period.year))
        if period in plan.reporting_periods()
    ]
    for rule in {plan.window_rule for plan in plans}:
        end = period.window(rule)[1]
        same_rule = [plan for plan in plans if plan.window_rule == rule]
        branches = subtree_branches(unit, on=end)
        recipients = read_recipients(same_rule, _units_below(unit, end))
        for plan, row, recipient in _owed(same_rule, recipients, {period}, branches):
            yield plan, row, recipient, branches[recipient.unit_id][0]


def expected_in_subtree(unit, period):
    """Every report expected for `period` from `unit` and the units below it, each with the
    `branch` (child of `unit`) it falls under."""

    def read_recipients(plans, units):
        deployments = _among(Deployment.objects.filter(plan__in=plans), units)
        return _recipients(plans, deployments.select_related("unit__kind"))

    expected, plans = [], {}
    for plan, row, recipient, branch in _owed_in_subtree(unit, period, read_recipients):
        plans[plan.pk] = plan
        expected.append(_expected(plan, row, recipient, branch))
    _attach_reports(expected, plans.values())
    return expected


def expected_for_plans(plans, *, periods=None):
    """Every report expected on `plans` (issued), for `periods` or all their periods."""
    plans = list(plans)
    deployments = Deployment.objects.filter(plan__in=plans).select_related("unit__kind")
    return _expectations(plans, _recipients(plans, deployments), periods=periods)


def reminders_due(today, *, before_days, after_days):
    """(expected report, ReminderKind) for every report not yet submitted whose deadline is at
    most `before_days` away, or passed at most `after_days` ago."""
    plans = _issued(Plan.objects.filter(year__in=[today.year - 1, today.year]))
    due = []
    soon = today + datetime.timedelta(days=before_days)
    oldest = today - datetime.timedelta(days=after_days)
    for item in expected_for_plans(plans):
        if item.submitted:
            continue
        if today <= item.deadline <= soon:
            due.append((item, ReminderKind.BEFORE))
        elif oldest <= item.deadline < today:
            due.append((item, ReminderKind.AFTER))
    return due


# --- completeness -------------------------------------------------------------------------


@dataclass
class Tally:
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0

    def count(self, *, submitted, late):
        self.expected += 1
        if submitted:
            self.submitted += 1
            if late:
                self.late += 1
            else:
                self.on_time += 1
        else:
            self.missing += 1

    @property
    def rate(self):
        return self.submitted / self.expected if self.expected else None


@dataclass
class Tallies:
    """The counts of the reports expected for `period` below `unit`."""

    unit: Unit
    period: Period
    total: Tally
    branches: dict  # {child id (None: the unit itself): Tally}
    levels: list  # (ReportingLevel, Tally)


@dataclass
class Board(Tallies):
    """The counts per child unit, with the missing reports (each with `contacts`: the unit's
    officers)."""

    rows: list = field(default_factory=list)  # (child unit or None for the unit itself, Tally)
    missing: list = field(default_factory=list)
    expected: list = field(default_factory=list)


def _tallies(unit, period, owed):
    """Tallies of `owed` ((branch, level, submitted, late) each)."""
    total, branches, per_level = Tally(), defaultdict(Tally), defaultdict(Tally)
    for branch, level, submitted, late in owed:
        total.count(submitted=submitted, late=late)
        branches[branch].count(submitted=submitted, late=late)
        per_level[level].count(submitted=submitted, late=late)
    levels = [(level, per_level[level.value]) for level in ReportingLevel if level in per_level]
    return Tallies(unit=unit, period=period, total=total, branches=dict(branches), levels=levels)


def completeness(unit, period):
    """Expected, submitted, on time, late and missing reports of `period` below `unit`, per
    child unit and per level, with the missing units and whom to call."""
    expected = expected_in_subtree(unit, period)
    tallies = _tallies(
        unit, period, ((item.branch, item.level, item.submitted, item.late) for item in expected)
    )
    # The children of the tree as it stood at the end of the period's window, and those that
    # owed reports.
    end = period.window(expected[0].plan.window_rule if expected else WindowRule.DECREE_09)[1]
    current = Unit.objects.children_of(unit, on=end).existing_on(end).values_list("pk", flat=True)
    ids = {*current, *(branch for branch in tallies.branches if branch is not None)}
    children = Unit.objects.filter(pk__in=ids).select_related("kind").order_by("kind__rank", "name")
    rows = [(None, tallies.branches.get(None, Tally()))]
    rows += [(child, tallies.branches.get(child.pk, Tally())) for child in children]
    missing = [item for item in expected if not item.submitted]
    contacts = defaultdict(list)
    officers = User.objects.filter(
        unit_id__in={item.unit.pk for item in missing},
        is_active=True,
        role__in=[Role.OFFICER, Role.ADMIN],
    ).order_by("last_name", "first_name")
    for officer in officers:
        contacts[officer.unit_id].append(officer)
    for item in missing:
        item.contacts = contacts.get(item.unit.pk, [])
    missing.sort(key=lambda item: (item.deadline, item.unit.kind.rank, item.unit.name))
    return Board(**vars(tallies), rows=rows, missing=missing, expected=expected)


def completeness_counts(unit, period):
    """The Tallies of `completeness` alone, read as values (no model instance per expected
    report): what the dashboard shows of a province or a nation."""
    owed, plans = [], {}
    for plan, _row, recipient, branch in _owed_in_subtree(unit, period, _recipient_facts):
        plans[plan.pk] = plan
        owed.append((plan.pk, recipient.unit_id, branch, recipient.level))
    by_rule = defaultdict(list)
    for plan in plans.values():
        by_rule[plan.window_rule].append(plan.pk)
    status = {}
    for rule, plan_ids in by_rule.items():
        # The reports of the subtree only: a plan of the nation has reports from every union.
        reports = _among(
            Report.objects.filter(plan__in=plan_ids, period=str(period)),
            _units_below(unit, period.window(rule)[1]),
        )
        for plan_id, unit_id, first_submitted_at, late in reports.values_list(
            "plan_id", "unit_id", "first_submitted_at", "late"
        ):
            status[(plan_id, unit_id)] = (first_submitted_at is not None, bool(late))
    return _tallies(
        unit,
        period,
        (
            (branch, level, *status.get((plan_id, unit_id), (False, False)))
            for plan_id, unit_id, branch, level in owed
        ),
    )


# --- lists of the reports page ------------------------------------------------------------


def reports_to_review(user):
    """Submitted reports waiting for the user's unit to accept or return them (the federation's
    administrators also get those of other roots of the tree, if any)."""
    if not user.can_edit or (user.unit_id is None and not user.is_federation_admin):
        return Report.objects.none()
    condition = Q(reviewer_id=user.unit_id)
    if user.is_federation_admin:
        condition |= Q(reviewer__isnull=True)
    return (
        Report.objects.filter(condition, status=ReportStatus.SUBMITTED)
        .exclude(unit_id=user.unit_id)
        .select_related("unit__kind", "plan")
        .order_by("deadline", "unit__name")
    )


def plan_years(unit):
    """The years of the issued plans the unit reports on, newest first."""
    return sorted(
        set(
            Plan.objects.filter(status=PlanStatus.ISSUED)
            .filter(_reported_on_by(unit))
            .values_list("year", flat=True)
        ),
        reverse=True,
    )


# Reports shown on the home page: due within this many days, or overdue since at most that many.
DUE_SOON_DAYS = 7
OVERDUE_SHOWN_DAYS = 90


def needing_attention(user, *, today):
    """What the home page asks of the user about reports: their unit's reports due soon or
    overdue and not sent, those returned to it, and those waiting for the user's review."""
    unit = user.unit
    due, returned = [], []
    if unit is not None and user.can_edit:
        expected = expected_for_unit(unit, years=[today.year - 1, today.year])
        soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
        oldest = today - datetime.timedelta(days=OVERDUE_SHOWN_DAYS)
        due = [item for item in expected if not item.submitted and oldest <= item.deadline <= soon]
        returned = list(
            Report.objects.filter(unit=unit, status=ReportStatus.RETURNED)
            .select_related("unit")
            .order_by("deadline")
        )
    return {"due": due, "returned": returned, "to_review": list(reports_to_review(user)[:50])}
