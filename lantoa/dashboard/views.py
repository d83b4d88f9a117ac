from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.accounts.scope import check_unit, get_unit_for_user
from lantoa.periods.period import Period
from lantoa.text import short_date

from . import figures, selectors, workbook

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Years outside these have no calendar dates to compute windows from, or no plausible data.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _unit(request, today):
    """The unit asked for by `?unit=`, else the user's own: 404 outside the user's scope."""
    text = request.GET.get("unit", "")
    if text:
        if not text.isdigit():
            raise Http404
        return get_unit_for_user(request, int(text))
    unit = selectors.default_unit(request.user, today=today)
    if unit is None:
        raise Http404
    return check_unit(request.user, unit)


def _period(request, unit, today):
    """(period, None) for `?period=` (or the default one), or (None, message) when unreadable."""
    text = request.GET.get("period", "").strip()
    if not text:
        return selectors.default_period(unit, today=today), None
    try:
        period = Period.parse(text)
    except ValueError as error:
        return None, str(error)
    if not FIRST_YEAR <= period.year <= LAST_YEAR:
        return None, _("The year must be between %(first)s and %(last)s.") % {
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
    return period, None


def _invalid(request, unit, today, error):
    context = {
        "unit": unit,
        "error": error,
        "fallback": figures.dashboard_url(unit.pk, selectors.default_period(unit, today=today)),
    }
    return render(request, "dashboard/dashboard_invalid.html", context, status=400)


def _period_links(unit, period):
    """The periods of the year and the years around it, as dashboard links."""
    links = [
        {"period": other, "url": figures.dashboard_url(unit.pk, other), "current": other == period}
        for other in Period.all_of_year(period.year)
    ]
    around = [
        {"year": year, "url": figures.dashboard_url(unit.pk, Period.whole_year(year))}
        for year in (period.year - 1, period.year + 1)
    ]
    return links, around


def dashboard(request):
    today = timezone.localdate()
    unit = _unit(request, today)
    period, error = _period(request, unit, today)
    if error:
        return _invalid(request, unit, today, error)
    dash = selectors.dashboard(unit, period, today=today)
    children = [line.unit for line in dash.consolidation.children]
    tables = figures.tables(dash, linked=selectors.visible_ids(request.user, children))
    periods, years = _period_links(unit, period)
    start, end = dash.window
    context = {
        "unit": unit,
        "period": period,
        "dash": dash,
        "window_text": f"{short_date(start)} – {short_date(end)}",
        "cards": figures.cards(dash),
        "tables": [table for table in tables if table.code != "headline"],
        "charts": {table.code: figures.chart_data(table) for table in tables if table.chart},
        "periods": periods,
        "years": years,
        "trail": [
            {"unit": ancestor, "url": figures.dashboard_url(ancestor.pk, period)}
            for ancestor in selectors.trail(request.user, unit, on=end)
        ],
        "xlsx_url": figures.dashboard_url(unit.pk, period, name="dashboard_xlsx"),
    }
    template = "dashboard/dashboard.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#body"
    return render(request, template, context)


def dashboard_xlsx(request):
    today = timezone.localdate()
    unit = _unit(request, today)
    period, error = _period(request, unit, today)
    if error:
        return _invalid(request, unit, today, error)
    dash = selectors.dashboard(unit, period, today=today)
    response = HttpResponse(workbook.workbook(dash), content_type=XLSX_MIME)
    response["Content-Disposition"] = (
        f'attachment; filename="bang-dieu-khien-{period}-{unit.code}.xlsx"'
    )
    return response
