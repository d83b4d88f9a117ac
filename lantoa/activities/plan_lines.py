"""Which line of which plan an activity may be logged under: the rules, in one place.

An activity of unit U held on day D may be logged under the activity line L of plan P when
1. L is of the activity's kind: a talk goes under a line about talks. Lines about emulation
   movements and difficulties never match, since those are not logged here;
2. P is issued. A draft may still change or never be issued; an issued plan is frozen, and a
   correction cannot remove a line that activities are logged under (`Activity.plan_line` is
   PROTECT: the plan's editor is told, and the activities keep their line);
3. P is a plan of D's calendar year. Plans are yearly and named so ("năm 2018"); which report
   counts an activity is decided by its date and the report's data window, not by its line;
4. P was issued or received by U or by a unit above U on day D (the chain as the tree stood that
   day, as the activity's level columns record it). A unit carries out its own plans, the plans
   it received and those of the units above it: a grassroots union logs a talk under its
   district's plan, which it received, or under the province's plan, which its district
   received. A sibling's plans are never on that chain.

`line_error` states the rules; `activity_line_error` checks one activity (the form, through
`Activity.clean`). `PlanLineIndex` loads the plans reaching a set of units at once, for imports,
templates and generated data, which check rows with no query.

Imports add a rule of their own: a row's date must fall in the year of an issued plan that
reaches its unit (rule 4 without a line), so that a mistyped year does not slip into the log
unnoticed among thousands of rows.

In spreadsheets a line is written as its plan's number and symbol and its number within the plan,
`10/KH-LĐLĐ – 3`, with the issuing unit's code in brackets when another issued plan of the same
year has the same number and symbol: `05/KH-LĐLĐ (BT-CT) – 3`.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from lantoa.accounts.scope import visible_units
from lantoa.outreach import OutreachKind
from lantoa.plans.models import ActivityLine, Deployment, Plan, PlanStatus, number_symbol
from lantoa.sql import batched
from lantoa.text import fold
from lantoa.units.models import Unit

SEPARATOR = " – "
_LABEL = re.compile(
    r"^(?P<number>\d+)\s*/\s*(?P<symbol>.+?)\s*(?:\((?P<code>[^()]+)\))?\s*[-–—]\s*(?P<line>\d+)$"
)


@dataclass(frozen=True)
class Label:
    """A plan line as written in a spreadsheet cell, read."""

    number: int
    symbol: str  # as written
    code: str  # the issuing unit's code, upper case, or ""
    order: int

    @property
    def key(self):
        return (self.number, symbol_key(self.symbol))

    @property
    def plan(self):
        return number_symbol(self.number, self.symbol)


def symbol_key(symbol):
    return fold(symbol).replace(" ", "")


def parse_label(text):
    """The Label of `10/KH-LĐLĐ – 3` or `05/KH-LĐLĐ (BT-CT) – 3`; None if it is not one."""
    found = _LABEL.match(str(text).strip())
    if found is None:
        return None
    return Label(
        number=int(found["number"]),
        symbol=" ".join(found["symbol"].split()),
        code=(found["code"] or "").strip().upper(),
        order=int(found["line"]),
    )


def line_label(number, symbol, order, code=""):
    plan = number_symbol(number, symbol)
    return f"{plan} ({code}){SEPARATOR}{order}" if code else f"{plan}{SEPARATOR}{order}"


def label_example():
    return line_label(10, "KH-LĐLĐ", 3)


def ambiguous_numbers(years=None):
    """(number, symbol key, year) shared by several issued plans: their labels need the code."""
    plans = Plan.objects.filter(status=PlanStatus.ISSUED)
    if years is not None:
        plans = plans.filter(year__in=years)
    counts = {}
    for number, symbol, year in plans.order_by().values_list("number", "symbol", "year"):
        key = (number, symbol_key(symbol), year)
        counts[key] = counts.get(key, 0) + 1
    return {key for key, count in counts.items() if count > 1}


# --- the rules ------------------------------------------------------------------------------


def _kind_label(kind):
    return OutreachKind(kind).label if kind in OutreachKind.values else kind


def line_error(line, plan, *, kind, day, unit, reaches):
    """The rule (see the module's docstring) that logging an activity of `kind` held by `unit` on
    `day` under `line` of `plan` breaks, in words; None when it breaks none.

    `reaches()` says whether the plan was issued or received by the unit or a unit above it on
    that day; it is asked last, as it may query.
    """
    names = {"plan": number_symbol(plan.number, plan.symbol), "line": line.order}
    if line.kind != kind:
        return _("Line %(line)s of plan %(plan)s is about “%(line_kind)s”, not “%(kind)s”.") % {
            **names,
            "line_kind": _kind_label(line.kind),
            "kind": _kind_label(kind),
        }
    if plan.status != PlanStatus.ISSUED:
        return (
            _("Plan %(plan)s has not been issued: activities are logged under issued plans only.")
            % names
        )
    if plan.year != day.year:
        return _(
            "Plan %(plan)s is the plan of %(plan_year)s, and this activity took place in "
            "%(year)s: choose a line of a plan of %(year)s."
        ) % {**names, "plan_year": plan.year, "year": day.year}
    if not reaches():
        return _(
            "Neither %(unit)s nor a unit above it issued or received this plan: choose a line "
            "of a plan your unit carries out."
        ) % {"unit": unit}
    return None


def activity_line_error(activity):
    """The broken rule of an activity's plan line (unit, date and kind valid), or None."""
    line = activity.plan_line
    plan = line.plan

    def reaches():
        path = [unit.pk for unit in activity.unit.ancestors(on=activity.date)]
        return (
            plan.issuer_id in path
            or Deployment.objects.filter(plan_id=plan.pk, unit_id__in=path).exists()
        )

    return line_error(
        line, plan, kind=activity.kind, day=activity.date, unit=activity.unit, reaches=reaches
    )


def no_plan_message(unit, year):
    return _(
        "No issued plan of %(year)s reaches %(unit)s (issued or received by it or a unit above "
        "it): check the date; if it is right, the plan of %(year)s must be issued in Lan Tỏa "
        "before its activities are imported."
    ) % {"unit": unit, "year": year}


# --- many activities at once ----------------------------------------------------------------


@dataclass(eq=False)
class IndexedPlan:
    pk: int
    year: int
    issuer_id: int
    issuer_code: str
    issuer_name: str
    number: int
    symbol: str
    subject: str
    depth: int
    date: object  # the day it was issued
    status: str = PlanStatus.ISSUED
    lines: dict = field(default_factory=dict)  # order → IndexedLine

    @property
    def number_symbol(self):
        return number_symbol(self.number, self.symbol)


@dataclass(frozen=True)
class Choice:
    plan: "IndexedPlan"
    lines: list
    rank: tuple


@dataclass(eq=False)
class IndexedLine:
    pk: int
    order: int
    kind: str
    text: str
    plan: IndexedPlan


class PlanLineIndex:
    """The issued plans that reach some units, with their lines, read in four queries.

    `units`: ids (a list or a values queryset) of the units whose plans count, issued or
    received; None for every unit. `years`: the plans' years, None for all. With
    `read_reach=False` the plans and lines are read but not which units received them (the
    nation's plans went to 130,000 unions): `read_reach()` reads that for the units a caller
    meets, before it asks which plans reach them.
    """

    def __init__(self, *, units=None, years=None, read_reach=True):
        plans = Plan.objects.filter(status=PlanStatus.ISSUED).order_by("pk")
        if years is not None:
            plans = plans.filter(year__in=years)
        deployments = Deployment.objects.filter(plan__in=plans).order_by()
        if units is not None:
            deployments = deployments.filter(unit_id__in=units)
            plans = plans.filter(Q(issuer_id__in=units) | Q(pk__in=deployments.values("plan_id")))
        self.plans = {}
        self._by_label = {}
        self._reach = {}  # unit id → ids of the plans it issued or received
        fields = ["pk", "year", "issuer_id", "issuer__code", "issuer__short_name", "number"]
        for row in plans.values_list(*fields, "symbol", "subject", "depth", "date"):
            plan = IndexedPlan(*row)
            self.plans[plan.pk] = plan
            key = (plan.number, symbol_key(plan.symbol), plan.year)
            self._by_label.setdefault(key, []).append(plan)
            self._reach.setdefault(plan.issuer_id, set()).add(plan.pk)
        self._deployments = deployments
        # The units whose received plans were read; None when every unit's were.
        self._reach_read = None
        if read_reach:
            self._add_reach(deployments)
        else:
            self._reach_read = set()
        lines = ActivityLine.objects.filter(plan__in=plans.values("pk")).order_by()
        for pk, plan_id, order, kind, text in lines.values_list(
            "pk", "plan_id", "order", "kind", "text"
        ):
            plan = self.plans[plan_id]
            plan.lines[order] = IndexedLine(pk, order, kind, text, plan)
        self.ambiguous = ambiguous_numbers(years)
        self._reaching = {}
        self._checked = {}

    def _add_reach(self, deployments):
        for plan_id, unit_id in deployments.values_list("plan_id", "unit_id"):
            if plan_id in self.plans:
                self._reach.setdefault(unit_id, set()).add(plan_id)

    def read_reach(self, unit_ids):
        """Read which of the indexed plans `unit_ids` received, unless read already: a query
        per batch of units."""
        if self._reach_read is None:
            return
        todo = set(unit_ids) - self._reach_read
        for batch in batched(sorted(todo)):
            self._add_reach(self._deployments.filter(unit_id__in=batch))
        self._reach_read.update(todo)

    @classmethod
    def for_user(cls, user, *, tree, visible=None):
        """The plans that may reach any unit the user logs for, on any date: those issued or
        received by the units they see (`visible`: their ids, read when not given) or by any
        unit that ever sat above one of them (`tree`: a TreeHistory holding the visible units).
        Which units received them is read by `read_reach`."""
        if user.is_federation_admin:
            return cls(read_reach=False)
        if visible is None:
            visible = set(visible_units(user).values_list("pk", flat=True))
        above = tree.ever_above(visible) - visible
        units = Unit.objects.filter(
            Q(pk__in=visible_units(user).values("pk")) | Q(pk__in=above)
        ).values("pk")
        return cls(units=units, read_reach=False)

    def reaching(self, path, year):
        """{plan id: nearness} of the plans of `year` issued or received on the chain `path`
        (root first). Nearness is (distance, how): the distance counts the units between the
        activity's unit and the nearest unit of the chain that issued or received the plan, and
        at the same distance a unit's own plan (0) is nearer than one it received (1)."""
        key = (path, year)
        found = self._reaching.get(key)
        if found is None:
            if self._reach_read is not None and not self._reach_read.issuperset(path):
                # Answering from a partial index would call the unit's plans unreachable.
                raise LookupError(f"The plans received on {path} were not read.")
            found = {}
            for distance, unit_id in enumerate(reversed(path)):
                for plan_id in self._reach.get(unit_id, ()):
                    plan = self.plans[plan_id]
                    if plan.year == year:
                        nearness = (distance, 0 if plan.issuer_id == unit_id else 1)
                        found[plan_id] = min(found.get(plan_id, nearness), nearness)
            self._reaching[key] = found
        return found

    def eligible(self, path, year, kind):
        """[Choice(plan, lines, rank)] of `kind` that an activity on the chain `path` in `year`
        may be logged under: the nearest plans first and, as near, a plan before the plans it
        was drawn up from."""
        choices = []
        for plan_id, nearness in self.reaching(path, year).items():
            plan = self.plans[plan_id]
            lines = [line for _order, line in sorted(plan.lines.items()) if line.kind == kind]
            if lines:
                choices.append(Choice(plan, lines, (*nearness, -plan.depth)))
        choices.sort(key=lambda choice: (choice.rank, -choice.plan.number, choice.plan.pk))
        return choices

    def label(self, line):
        plan = line.plan
        ambiguous = (plan.number, symbol_key(plan.symbol), plan.year) in self.ambiguous
        return line_label(
            plan.number, plan.symbol, line.order, plan.issuer_code if ambiguous else ""
        )

    def lines_of_kind(self, kind):
        """Every indexed line of `kind`, the newest plans first: the template's drop-down."""
        plans = sorted(self.plans.values(), key=lambda plan: (-plan.year, plan.depth, plan.number))
        return [
            line
            for plan in plans
            for _order, line in sorted(plan.lines.items())
            if line.kind == kind
        ]

    def check(self, activity, path, label):
        """[(field, message)] for an imported activity (unit, date and kind valid) on the chain
        `path`, with the Label of its plan line cell or None; links the line when it is valid.
        The year rule of imports is checked here too."""
        year = activity.date.year
        key = (label, path, year, activity.kind)
        result = self._checked.get(key)
        if result is None:
            result = self._checked[key] = self._check(activity, path, year, label)
        line_id, errors = result
        activity.plan_line_id = line_id
        return errors

    def _check(self, activity, path, year, label):
        reaching = self.reaching(path, year)
        if not reaching:
            return None, [("date", no_plan_message(activity.unit, year))]
        if label is None:
            return None, []
        candidates = self._by_label.get((*label.key, year), [])
        if label.code:
            candidates = [plan for plan in candidates if plan.issuer_code.upper() == label.code]
        if not candidates:
            message = _(
                "No issued plan %(plan)s of %(year)s was found: check its number and symbol "
                "(the import template lists the plans and their lines)."
            ) % {"plan": label.plan, "year": year}
            return None, [("plan_line", message)]
        near = [plan for plan in candidates if plan.pk in reaching]
        if len(near) > 1:
            plan = near[0]
            message = _(
                "Several plans %(plan)s of %(year)s reach %(unit)s: add the issuing unit's code, "
                "e.g. %(example)s."
            ) % {
                "plan": plan.number_symbol,
                "year": year,
                "unit": activity.unit,
                "example": line_label(plan.number, plan.symbol, label.order, plan.issuer_code),
            }
            return None, [("plan_line", message)]
        plan = (near or candidates)[0]
        line = plan.lines.get(label.order)
        if line is None:
            message = _(
                "Plan %(plan)s has no line %(line)s: its lines are numbered 1 to %(count)s."
            )
            return None, [
                (
                    "plan_line",
                    message
                    % {"plan": plan.number_symbol, "line": label.order, "count": len(plan.lines)},
                )
            ]
        error = line_error(
            line,
            plan,
            kind=activity.kind,
            day=activity.date,
            unit=activity.unit,
            reaches=lambda: plan.pk in reaching,
        )
        if error:
            return None, [("plan_line", error)]
        return line.pk, []


# --- reading lines for pages and exports ----------------------------------------------------


def eligible_lines(unit, day, kind):
    """[Choice] that an activity of `kind` held by `unit` on `day` may be logged under, nearest
    first (see PlanLineIndex.eligible), in five queries."""
    path = tuple(ancestor.pk for ancestor in unit.ancestors(on=day))
    return PlanLineIndex(units=list(path), years=[day.year]).eligible(path, day.year, kind)


def default_line(choices):
    """The line a new activity starts with: the one line of its kind in the nearest plan, when
    no other plan is as near. Officers carry out their unit's own plan, which is drawn up from
    the plans above and whose lines link to theirs: most activities belong there, and an
    optional field left empty would leave the plan's figures empty. None when it is not clear."""
    if not choices or len(choices[0].lines) != 1:
        return None
    if len(choices) > 1 and choices[1].rank == choices[0].rank:
        return None
    return choices[0].lines[0]


def export_labels(line_ids):
    """{line id: label} of the given lines, in two queries."""
    rows = (
        ActivityLine.objects.filter(pk__in=line_ids)
        .order_by()
        .values_list(
            "pk", "order", "plan__number", "plan__symbol", "plan__year", "plan__issuer__code"
        )
    )
    rows = list(rows)
    ambiguous = ambiguous_numbers({row[4] for row in rows})
    return {
        pk: line_label(
            number, symbol, order, code if (number, symbol_key(symbol), year) in ambiguous else ""
        )
        for pk, order, number, symbol, year, code in rows
    }


def line_counts(plan, activities):
    """{line id of `plan`: how many of `activities` are logged under it, or under a line of a
    plan drawn up from it that adapts it}, in two queries."""
    below = Plan.objects.below(plan)
    parents, own = {}, set()
    lines = ActivityLine.objects.filter(plan__in=below).order_by()
    for pk, plan_id, parent_id in lines.values_list("pk", "plan_id", "parent_line_id"):
        parents[pk] = parent_id
        if plan_id == plan.pk:
            own.add(pk)
    counts = (
        activities.filter(plan_line__plan__in=below)
        .order_by()
        .values_list("plan_line_id")
        .annotate(n=Count("id"))
    )
    totals = {}
    for line_id, count in counts:
        top, seen = line_id, set()
        while top is not None and top not in own and top not in seen:
            seen.add(top)
            top = parents.get(top)
        if top in own:
            totals[top] = totals.get(top, 0) + count
    return totals
