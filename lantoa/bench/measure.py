"""The benchmark: report and dashboard pages end to end against the bare SQL floor, XLSX import
throughput and a burst of concurrent writers, on the data of generate_data.

Pages go through Django's test client, logged in as the administrator, after a warm-up; the
floor is the aggregate the consolidated report needs, written by hand against the raw activity
rows (per child unit, kind and place kind, over the subtree through the ancestor columns, in the
report's data window). Every measurement leaves the data as it found it.
"""

import datetime
import math
import os
import platform
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass

from django.db import connection, connections
from django.db.models import Count, Max
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from lantoa.accounts.models import Notification, Role, User
from lantoa.activities.indexes import LEVELS, level_field
from lantoa.activities.layout import COLUMNS_BY_KEY
from lantoa.activities.models import Activity, ImportJob, MediaOutlet, Subtype
from lantoa.activities.services import activities_import, activity_create
from lantoa.bench import generate
from lantoa.documents.models import OutgoingNumber
from lantoa.outreach import OutreachKind
from lantoa.periods.period import Period, WindowRule
from lantoa.plans.models import Deployment, Plan, PlanStatus
from lantoa.reports import services as report_services
from lantoa.reports.indicators import INDICATORS
from lantoa.reports.models import Report, ReportEvent, Submission
from lantoa.reports.selectors import consolidate, reporting_plan, unit_depth
from lantoa.units.models import PlaceKind, Unit, UnitKind

DASHBOARD_PATH = "/dashboard/"
# Spelled out rather than imported from the activities app: the floor is written independently
# of the code it measures.
SUMS = (
    "participants",
    "women",
    "industrial_workers",
    "items",
    "banners",
    "panels",
    "posters",
    "paintings",
)


# --- what is measured ---------------------------------------------------------------------


@dataclass
class Subject:
    """A unit the benchmark reads: `role` names it in the results (root, province, …)."""

    role: str
    unit: Unit


def percentile(values, share):
    """Nearest-rank percentile: the smallest value at or above `share` of the values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _timed(function, runs, warmup):
    for _ in range(warmup):
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def subjects(scale):
    """The root and, going down, the busiest unit of each level below it in the last year with
    data (ties broken by id): the province (national scale), a district federation and a
    grassroots union. Deterministic for given data."""
    year = last_year()
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    today = timezone.localdate()
    root = Unit.objects.roots(on=today).order_by("pk").first()
    found = [Subject("root", root)]
    roles = (
        ["province", "district", "grassroots"]
        if scale == "national"
        else [
            "district",
            "grassroots",
        ]
    )
    wanted = {
        "province": UnitKind.PROVINCIAL_FEDERATION,
        "district": UnitKind.DISTRICT_FEDERATION,
        "grassroots": UnitKind.GRASSROOTS_UNION,
    }
    parent, depth = root, 0
    for role in roles:
        if depth + 1 >= LEVELS:
            break
        child = level_field(depth + 1)
        counts = (
            Activity.objects.filter(
                **{level_field(depth): parent.pk},
                **{f"{child}__isnull": False},
                date__gte=start,
                date__lte=end,
            )
            .filter(**{f"{child}__in": Unit.objects.filter(kind__code=wanted[role]).values("pk")})
            .values(child)
            .annotate(n=Count("id"))
            .order_by("-n", child)
        )
        best = counts.first()
        if best is None:
            break
        parent, depth = Unit.objects.get(pk=best[child]), depth + 1
        found.append(Subject(role, parent))
    return found


def last_year():
    latest = Activity.objects.aggregate(latest=Max("date"))["latest"]
    return (latest or timezone.localdate()).year


def periods():
    """The year and its last quarter, the last year with data."""
    year = last_year()
    return {"year": Period.whole_year(year), "quarter": Period.quarter(year, 4)}


def _window(unit, period):
    plan = reporting_plan(unit, period.year)
    rule = plan.window_rule if plan else WindowRule.DECREE_09
    return period.window(rule)


# --- the floor ------------------------------------------------------------------------------


def floor_sql(depth):
    quote = connection.ops.quote_name
    table = quote(Activity._meta.db_table)
    child = quote(level_field(depth + 1)) if depth + 1 < LEVELS else "NULL"
    sums = ", ".join(f"SUM({quote(name)})" for name in SUMS)
    return (
        f"SELECT {child}, kind, place_kind, COUNT(*), {sums} FROM {table} "
        f"WHERE {quote(level_field(depth))} = %s AND date >= %s AND date <= %s "
        f"AND deleted_at IS NULL GROUP BY {child}, kind, place_kind"
    )


def floor_rows(unit, period):
    """The bare aggregate: [(child, kind, place_kind, count, *SUMS)] of the unit's subtree in
    the report's window. The unit's level comes from the tree, as the report takes it."""
    start, end = _window(unit, period)
    depth = unit_depth(unit, start, end)
    with connection.cursor() as cursor:
        cursor.execute(floor_sql(depth), [unit.pk, start, end])
        return cursor.fetchall()


def _floor_runner(unit, period):
    """A function running the floor query alone (window and depth looked up beforehand)."""
    start, end = _window(unit, period)
    sql, params = floor_sql(unit_depth(unit, start, end)), [unit.pk, start, end]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


# The report's figures that come from the activity rows, as the floor computes them.
_FLOOR_FIGURES = {
    "activities.count": lambda kind, place, row: row["count"],
    "participants": lambda kind, place, row: row["participants"],
    "participants.women": lambda kind, place, row: row["women"],
    "participants.industrial_workers": lambda kind, place, row: row["industrial_workers"],
    **{
        f"{kind.value}.count": (lambda kind, place, row, k=kind.value: row["count"] * (kind == k))
        for kind in (
            OutreachKind.DISSEMINATION,
            OutreachKind.TALK,
            OutreachKind.VISUAL,
            OutreachKind.MEDIA,
        )
    },
    **{
        f"{kind.value}.participants": (
            lambda kind, place, row, k=kind.value: row["participants"] * (kind == k)
        )
        for kind in (OutreachKind.DISSEMINATION, OutreachKind.TALK)
    },
    **{
        f"place.{value}": (lambda kind, place, row, v=value: row["count"] * (place == v))
        for value in PlaceKind.values
    },
    **{
        f"visual.{name}": (
            lambda kind, place, row, n=name: row[n] * (kind == OutreachKind.VISUAL.value)
        )
        for name in ("banners", "panels", "posters", "paintings", "items")
    },
}


def floor_figures(rows):
    """{child id, None (the unit's own) and "total": {indicator code: value}} from floor rows,
    for every report figure that the activity rows alone give."""
    figures = {}
    for child, kind, place, count, *sums in rows:
        row = {
            "count": count,
            **{name: int(value or 0) for name, value in zip(SUMS, sums, strict=True)},
        }
        for key in (child, "total"):
            line = figures.setdefault(key, dict.fromkeys(_FLOOR_FIGURES, 0))
            for code, value in _FLOOR_FIGURES.items():
                line[code] += value(kind, place, row)
    return figures


def report_figures(unit, period):
    """The same figures as the consolidated report gives them (lines with no activity left
    out, as the floor has no row for them)."""
    start, end = _window(unit, period)
    rule = WindowRule.DECREE_09
    plan = reporting_plan(unit, period.year)
    if plan is not None:
        rule = plan.window_rule
    consolidation = consolidate(unit, period, rule=rule)
    assert consolidation.window == (start, end)
    codes = [indicator.code for indicator in INDICATORS if indicator.code in _FLOOR_FIGURES]
    figures = {}
    for line in consolidation.lines:
        values = {code: line.values[code] for code in codes}
        if not values["activities.count"]:
            continue
        key = (
            "total"
            if line.role == line.TOTAL
            else (None if line.role == line.OWN else line.unit.pk)
        )
        figures[key] = values
    return figures


# --- pages --------------------------------------------------------------------------------


def _client(user):
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client


def dashboard_available():
    try:
        resolve(DASHBOARD_PATH)
    except Resolver404:
        return False
    return True


def _page(client, url):
    def get():
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    return get


def measure_pages(scale, *, runs, warmup=3, say=print):
    admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    client = _client(admin)
    found = subjects(scale)
    notes = []
    dashboard = dashboard_available()
    if not dashboard:
        notes.append(f"dashboard skipped: {DASHBOARD_PATH} does not resolve in this build")
    results = []
    for subject in found:
        for name, period in periods().items():
            floor = statistics.median(_timed(_floor_runner(subject.unit, period), runs, warmup))
            pages = [
                (
                    "consolidated",
                    reverse("report_consolidated", args=[subject.unit.pk, str(period)]),
                )
            ]
            if dashboard:
                pages.append(
                    ("dashboard", f"{DASHBOARD_PATH}?unit={subject.unit.pk}&period={period}")
                )
            for page, url in pages:
                times = _timed(_page(client, url), runs, warmup)
                p95 = percentile(times, 0.95)
                result = {
                    "name": f"{page}/{subject.role}/{name}",
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(p95, 1),
                    "floor_ms": round(floor, 1),
                    "ratio": round(p95 / floor, 2) if floor else None,
                }
                results.append(result)
                say(_row(result))
    return results, found, notes


def _row(result):
    return (
        f"{result['name']:<34} p50 {result['p50_ms']:>8.1f} ms  p95 {result['p95_ms']:>8.1f} ms"
        f"  floor {result['floor_ms']:>7.1f} ms  ratio {result['ratio']}"
    )


# --- import -------------------------------------------------------------------------------


def _import_rows(count, seed=7):
    """(unit code, kind, fields) of `count` new activities of the grassroots unions, dated in
    the last year. They say what the generated activities say, drawn from the generator's
    pools (`generate.draw_entry`), so that they are as long as the stored rows and are stored
    where such rows go; each one is distinct from every stored one (its title says so)."""
    rng = random.Random(seed)
    year = last_year()
    today = timezone.localdate()
    units = list(
        Unit.objects.filter(kind__code=UnitKind.GRASSROOTS_UNION)
        .existing_on(datetime.date(year, 1, 1))
        .existing_on(datetime.date(year, 12, 31))
        .order_by("pk")
        .values_list("code", flat=True)[:2000]
    )
    outlets = dict(MediaOutlet.objects.values_list("code", "pk"))
    outlet_names = dict(MediaOutlet.objects.values_list("pk", "name"))
    for number in range(count):
        kind = rng.choices(generate.KINDS, weights=generate.MIX_GRASSROOTS)[0]
        entry = generate.draw_entry(rng, kind, "enterprise", outlets)
        day = min(today, datetime.date(year, 1, 1) + datetime.timedelta(rng.randrange(365)))
        title = entry.title.replace("{year}", str(year))
        row = {
            "kind": str(OutreachKind(kind).label),
            "unit": rng.choice(units),
            "date": day,
            "title": f"{title} ({number + 1})",
            "subtype": str(Subtype(entry.subtype).label) if entry.subtype else None,
        }
        if kind == OutreachKind.MEDIA:
            row.update(outlet=outlet_names[entry.outlet], link=entry.link or None)
        else:
            row.update(place_kind=str(PlaceKind(entry.place_kind).label), location=entry.location)
        if kind == OutreachKind.VISUAL:
            visual = ("banners", "panels", "posters", "paintings")
            row.update(zip(visual, entry.visual, strict=True))
        elif kind != OutreachKind.MEDIA:
            participants = rng.randint(10, 200)
            row.update(
                participants=participants,
                women=round(participants * entry.women),
                industrial_workers=round(participants * entry.industrial),
                materials=entry.materials or None,
                speakers=entry.speakers or None,
            )
        yield row


def build_import_file(path, count):
    """An XLSX in the import layout: one sheet, a header row, `count` activity rows."""
    keys = [
        "kind",
        "unit",
        "date",
        "subtype",
        "title",
        "place_kind",
        "location",
        "participants",
        "women",
        "industrial_workers",
        "banners",
        "panels",
        "posters",
        "paintings",
        "materials",
        "speakers",
        "outlet",
        "link",
    ]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hoạt động")
    with translation.override("vi"):
        sheet.append([str(COLUMNS_BY_KEY[key].header) for key in keys])
        for row in _import_rows(count):
            sheet.append([row.get(key) for key in keys])
    workbook.save(path)


def measure_import(*, rows, runs=3, say=print):
    """Rows per second of `activities_import` of an XLSX of `rows` activities, imported `runs`
    times (each run's rows and job deleted before the next): [rate of each run].

    One import's rate varies by a tenth from run to run on PostgreSQL, with how many of the pages
    it writes come first after a checkpoint (full-page images); the bench reports the median."""
    admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    rates = []
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "import.xlsx")
        build_import_file(path, rows)
        for _run in range(runs):
            start = time.perf_counter()
            with translation.override("vi"):
                job = activities_import(path=path, user=admin, name="bench-import.xlsx")
            seconds = time.perf_counter() - start
            try:
                if job.status != ImportJob.Status.DONE:
                    raise RuntimeError(f"the import was refused: {job.errors[:3]}")
                rate = job.created_count / seconds
                say(f"import: {job.created_count} rows in {seconds:.1f} s = {rate:,.0f} rows/s")
                rates.append(round(rate))
            finally:
                Activity.all_objects.filter(import_job=job).delete()
                job.delete()
    return rates


# --- write burst --------------------------------------------------------------------------

# Rows the burst may add beyond activities, removed afterwards by id (newer than the start).
_BURST_TABLES = [Notification, ReportEvent, Submission, Report, OutgoingNumber]


def _owed_reports(clients):
    """Per writer, a list of (plan, unit, period) it may submit: reports the grassroots unions
    owe on their plans of the last year and have not started, dealt out so that no two writers
    share a unit."""
    year = last_year()
    plans = Plan.objects.filter(status=PlanStatus.ISSUED, year=year)
    started = set(Report.objects.values_list("unit_id", "period"))
    deployments = (
        Deployment.objects.filter(plan__in=plans, unit__kind__code=UnitKind.GRASSROOTS_UNION)
        .select_related("plan", "unit__kind")
        .order_by("unit_id", "plan_id")
    )
    shares = [[] for _ in range(clients)]
    for number, deployment in enumerate(deployments[: 200 * clients]):
        for period in deployment.plan.reporting_periods():
            if (deployment.unit_id, str(period)) not in started:
                shares[number % clients].append((deployment.plan, deployment.unit, period))
    return shares


def measure_burst(*, clients, seconds, say=print):
    """`clients` threads, each with its own connection, for `seconds`: each logs activities
    through `activity_create` and, every fifth write, submits a report through the reports
    services. Returns the counts; everything written is removed afterwards."""
    admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    marks = {model: model.objects.aggregate(top=Max("pk"))["top"] or 0 for model in _BURST_TABLES}
    owed = _owed_reports(clients)
    year = last_year()
    units = list(
        Unit.objects.filter(kind__code=UnitKind.GRASSROOTS_UNION)
        .existing_on(datetime.date(year, 12, 31))
        .existing_on(datetime.date(year, 1, 1))
        .order_by("pk")[:500]
    )
    activity_ids, submission_ids, errors = [], [], []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    start_line = threading.Barrier(clients)

    def writer(number):
        rng = random.Random(number)
        mine = owed[number]
        try:
            start_line.wait()
            count = 0
            while time.monotonic() < deadline:
                count += 1
                try:
                    if count % 5 == 0 and mine:
                        plan, unit, period = mine.pop()
                        report = report_services.report_start(
                            plan=plan, unit=unit, period=period, user=admin
                        )
                        submission = report_services.report_submit(report=report, user=admin)
                        with lock:
                            submission_ids.append(submission.pk)
                    else:
                        unit = rng.choice(units)
                        participants = rng.randint(10, 150)
                        activity = Activity(
                            unit=unit,
                            kind=OutreachKind.TALK,
                            subtype=Subtype.SEMINAR,
                            date=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                            title=f"Burst {number}-{count}",
                            place_kind=PlaceKind.OTHER,
                            location="Hội trường",
                            participants=participants,
                            women=participants // 2,
                        )
                        activity_create(activity=activity, user=admin)
                        with lock:
                            activity_ids.append(activity.pk)
                except Exception as error:
                    with lock:
                        errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    found = Activity.all_objects.filter(pk__in=activity_ids).count()
    found += Submission.objects.filter(pk__in=submission_ids).count()
    writes = len(activity_ids) + len(submission_ids)
    result = {
        "clients": clients,
        "seconds": seconds,
        "writes": writes,
        "errors": len(errors),
        "lost": writes - found,
    }
    say(
        f"burst: {clients} writers for {seconds} s: {len(activity_ids)} activities and "
        f"{len(submission_ids)} reports submitted, {len(errors)} errors, {result['lost']} lost"
    )
    for error in sorted(set(errors))[:5]:
        say(f"  error: {error}")
    # Clean up: the activities through the queryset (which keeps the summary in step), then
    # every row of the reports' tables newer than the burst.
    created = Activity.all_objects.filter(pk__in=activity_ids)
    Activity.history.filter(id__in=activity_ids).delete()
    created.delete()
    Report.history.filter(id__in=Report.objects.filter(pk__gt=marks[Report]).values("pk")).delete()
    for model in _BURST_TABLES:
        model.objects.filter(pk__gt=marks[model]).delete()
    return result


# --- the machine --------------------------------------------------------------------------


def cpu_counters():
    """(steal, total) time of all the CPUs so far, from /proc/stat; None where there is none."""
    try:
        with open("/proc/stat") as handle:
            ticks = [int(value) for value in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return (ticks[7] if len(ticks) > 7 else 0), sum(ticks)


def python_probe_ms(runs=5):
    """The fastest of `runs` runs of a fixed loop of plain Python, in ms.

    Virtual machines with the same CPU model name ran this project's Python at speeds a factor
    of two apart: this says how fast the machine was, so that runs on two machines can be
    compared."""
    best = math.inf
    for _run in range(runs):
        start = time.perf_counter()
        total = 0
        for number in range(1_000_000):
            total += number
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def machine(since=None):
    """The machine's description; `since`: `cpu_counters()` at the start of the run, for the
    share of CPU time the host gave to other virtual machines meanwhile (steal)."""
    model, memory = "", 0
    try:
        with open("/proc/cpuinfo") as handle:
            model = next(
                (line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")),
                "",
            )
        with open("/proc/meminfo") as handle:
            kilobytes = next(int(line.split()[1]) for line in handle if line.startswith("MemTotal"))
            memory = round(kilobytes / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model or platform.processor(),
        "ram_gb": memory,
        "python": platform.python_version(),
        "os": platform.platform(),
        "python_probe_ms": python_probe_ms(),
        # The machine is shared: a load above its cores makes every figure slower.
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "steal_percent": _steal_percent(since, cpu_counters()),
    }


def _steal_percent(before, after):
    if before is None or after is None or after[1] <= before[1]:
        return None
    return round(100 * (after[0] - before[0]) / (after[1] - before[1]), 1)


def engine():
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"postgresql {version // 10000}.{version % 10000}"
    import sqlite3

    return f"sqlite {sqlite3.sqlite_version}"
