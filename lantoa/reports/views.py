from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantoa.accounts.scope import get_record_for_user, get_unit_for_user, visible_units
from lantoa.documents.rendering import (
    DOCX_MIME,
    ConversionError,
    docx_to_pdf,
    pdf_available,
    render_docx,
)
from lantoa.periods.period import Period, WindowRule
from lantoa.plans.selectors import visible_plans
from lantoa.text import short_date

from . import content as report_content
from . import document, indicators, selectors, services
from .forms import AdjustmentForm, CommentForm, ReportForm
from .models import EventAction, Report, ReportStatus
from .rules import can_review, can_write

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _posted(request):
    """The POST data, even empty, for a form sent without fields (an optional comment)."""
    return request.POST if request.method == "POST" else None


def _period(text):
    try:
        return Period.parse(text)
    except ValueError as error:
        raise Http404 from error


def _report_for_user(request, pk):
    return get_record_for_user(
        request,
        Report.objects.select_related(
            "plan__issuer", "unit__kind", "reviewer", "accepted_by", "lock"
        ),
        pk,
    )


def _shown(request, report):
    """(content, submission) to show: a submission asked for by `?submission=`; the latest one
    for anyone but the unit's writers while they may still change it; else the live draft."""
    number = request.GET.get("submission", "")
    if number.isdigit():
        submission = get_object_or_404(report.submissions, number=int(number))
        return submission.content, submission
    latest = report.submissions.select_related("submitted_by").first()
    writing = report.is_editable and can_write(request.user, report.unit)
    if latest is not None and not writing:
        return latest.content, latest
    return report_content.build(report), None


def report_list(request):
    user = request.user
    unit = user.unit
    today = timezone.localdate()
    context = {"unit": unit, "today": today, "to_review": selectors.reports_to_review(user)}
    if unit is not None:
        years = selectors.plan_years(unit) or [today.year]
        year = request.GET.get("year", "")
        year = int(year) if year.isdigit() and int(year) in years else years[0]
        expected = selectors.expected_for_unit(unit, years=[year])
        for item in expected:
            item.is_overdue = item.overdue(today)
        context.update(
            years=years,
            year=year,
            expected=expected,
            due=[item for item in expected if item.state in ("missing", "draft", "returned")],
            sent=[item for item in expected if item.state in ("submitted", "accepted")],
            periods=Period.all_of_year(year),
            can_write=can_write(user, unit),
        )
    return render(request, "reports/report_list.html", context)


def report_start(request, plan, unit, period):
    unit = get_unit_for_user(request, unit)
    plan = get_object_or_404(visible_plans(request.user), pk=plan)
    period = _period(period)
    item = selectors.expected_one(plan, unit, period)
    if item is None:
        raise Http404
    if item.report is not None:
        return redirect(item.report)
    writer = can_write(request.user, unit)
    if request.method == "POST":
        if not writer:
            raise PermissionDenied
        report = services.report_start(plan=plan, unit=unit, period=period, user=request.user)
        messages.success(
            request, _("Report started. Write its text, check the figures, then submit it.")
        )
        return redirect(report)
    consolidation = selectors.consolidate(unit, period, rule=plan.window_rule)
    targets = indicators.targets(plan.targets_for(unit, period), consolidation.indicators)
    view = report_content.ContentView(
        report_content.figures(consolidation, targets=targets), child_url=_consolidated_url(period)
    )
    context = {"item": item, "view": view, "can_write": writer, "today": timezone.localdate()}
    return render(request, "reports/report_start.html", context)


def report_detail(request, pk):
    report = _report_for_user(request, pk)
    user = request.user
    content, submission = _shown(request, report)
    view = report_content.ContentView(content, child_url=_consolidated_url(report.period))
    changed = []
    if submission is not None and report.status == ReportStatus.SUBMITTED:
        live = selectors.consolidate(report.unit, report.period_obj, rule=report.plan.window_rule)
        changed = [
            item
            for item in view.indicators
            if live.total.values.get(item["code"]) != content["computed"].get(item["code"])
        ]
    events = list(report.events.select_related("by", "submission"))
    returned = next(
        (
            event
            for event in reversed(events)
            if event.action in (EventAction.RETURNED, EventAction.REOPENED)
        ),
        None,
    )
    writer = can_write(user, report.unit)
    context = {
        "report": report,
        "view": view,
        "submission": submission,
        "submissions": list(report.submissions.select_related("submitted_by")),
        "events": events,
        "returned": returned if report.status == ReportStatus.RETURNED else None,
        "changed": changed,
        "doc": document.official_document(content),
        "can_write": writer and report.is_editable,
        "can_review": can_review(user, report),
        "pdf_available": pdf_available(),
        "has_children": bool(view.child_lines),
    }
    return render(request, "reports/report_detail.html", context)


def _writable(request, pk):
    """A report the user may write, and whether it can still change (a message says why not)."""
    report = _report_for_user(request, pk)
    if not can_write(request.user, report.unit):
        raise PermissionDenied
    if not report.is_editable:
        messages.info(
            request,
            _("This report has been submitted: it can change only if the upper level returns it."),
        )
    return report, report.is_editable


def report_edit(request, pk):
    report, editable = _writable(request, pk)
    if not editable:
        return redirect(report)
    form = ReportForm(_posted(request), instance=report)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        try:
            services.report_save(
                report=report,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Report saved."))
            return redirect(report)
    return render(request, "reports/report_edit.html", {"report": report, "form": form})


def report_adjust(request, pk):
    report, editable = _writable(request, pk)
    if not editable:
        return redirect(report)
    adjustable = [ind for ind in indicators.indicator_list() if ind.adjustable]
    code = request.POST.get("indicator") or request.GET.get("indicator", "")
    existing = report.adjustments.filter(indicator=code).first() if code else None
    if request.method == "POST" and "remove" in request.POST and existing is not None:
        services.adjustment_remove(report=report, indicator=code, user=request.user)
        messages.success(request, _("Adjustment removed: the computed figure counts again."))
        return redirect(report)
    consolidation = selectors.consolidate(
        report.unit, report.period_obj, rule=report.plan.window_rule, indicators=adjustable
    )
    initial = {"indicator": code}
    if existing is not None:
        initial.update(value=existing.value, reason=existing.reason)
    form = AdjustmentForm(
        _posted(request),
        initial=initial,
        indicators=adjustable,
        computed=consolidation.total.values,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adjustment_set(
                report=report,
                indicator=form.cleaned_data["indicator"],
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Adjustment saved."))
            return redirect(report)
    context = {"report": report, "form": form, "existing": existing}
    return render(request, "reports/report_adjust.html", context)


def report_submit(request, pk):
    report, editable = _writable(request, pk)
    if not editable:
        return redirect(report)
    if request.method == "POST":
        try:
            submission = services.report_submit(report=report, user=request.user)
        except ValidationError as error:  # submitted meanwhile, from another tab
            messages.error(request, error.messages[0])
        else:
            if submission.late:
                messages.warning(
                    request,
                    _("Report submitted, after the deadline of %(deadline)s.")
                    % {"deadline": short_date(submission.deadline)},
                )
            else:
                messages.success(request, _("Report submitted on time."))
        return redirect(report)
    today = timezone.localdate()
    deadline = report.plan.deadline_for(report.period_obj, report.unit)
    context = {"report": report, "deadline": deadline, "late": today > deadline, "today": today}
    return render(request, "reports/report_submit.html", context)


def _reviewed(request, pk, *, status=ReportStatus.SUBMITTED):
    """A report the user may review, and whether it waits for this step (a message if not)."""
    report = _report_for_user(request, pk)
    if not can_review(request.user, report):
        raise PermissionDenied
    if report.status != status:
        messages.info(request, _("This report is no longer waiting for this step."))
    return report, report.status == status


def _step(request, action, **arguments):
    """Take a review step; one another reviewer took meanwhile is a message, not an error."""
    try:
        action(user=request.user, **arguments)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return False
    return True


def report_return(request, pk):
    report, waiting = _reviewed(request, pk)
    if not waiting:
        return redirect(report)
    form = CommentForm(
        _posted(request),
        label=_("What should the unit change?"),
        help_text=_("The unit's officers get it in Lan Tỏa and by e-mail."),
    )
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        if not _step(request, services.report_return, report=report, comment=comment):
            return redirect(report)
        messages.success(
            request, _("Report returned to %(unit)s.") % {"unit": report.unit.short_name}
        )
        return redirect(report)
    context = {"report": report, "form": form, "step": "return"}
    return render(request, "reports/report_review.html", context)


def report_accept(request, pk):
    report, waiting = _reviewed(request, pk)
    if not waiting:
        return redirect(report)
    form = CommentForm(_posted(request), label=_("Comment (optional)"), required=False)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        if not _step(request, services.report_accept, report=report, comment=comment):
            return redirect(report)
        messages.success(
            request,
            _("Report accepted. The records of %(unit)s for %(period)s are now closed to changes.")
            % {"unit": report.unit.short_name, "period": report.period_obj.label},
        )
        return redirect(report)
    context = {"report": report, "form": form, "step": "accept"}
    return render(request, "reports/report_review.html", context)


def report_reopen(request, pk):
    report, waiting = _reviewed(request, pk, status=ReportStatus.ACCEPTED)
    if not waiting:
        return redirect(report)
    form = CommentForm(
        _posted(request),
        label=_("Why is the period reopened?"),
        help_text=_("Kept in the report's history and sent to the unit."),
    )
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["comment"]
        if not _step(request, services.report_reopen, report=report, reason=reason):
            return redirect(report)
        messages.success(
            request,
            _("Period reopened: %(unit)s can correct its records and submit the report again.")
            % {"unit": report.unit.short_name},
        )
        return redirect(report)
    context = {"report": report, "form": form, "step": "reopen"}
    return render(request, "reports/report_review.html", context)


def _filename(report, content, extension):
    number = content["document"]["number"] or "du-thao"
    return f"BC-{number}-{report.period}-{report.unit.code}.{extension}"


def report_docx(request, pk):
    report = _report_for_user(request, pk)
    content, _submission = _shown(request, report)
    response = HttpResponse(
        render_docx(document.official_document(content)), content_type=DOCX_MIME
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, content, "docx")}"'
    return response


def report_pdf(request, pk):
    report = _report_for_user(request, pk)
    content, _submission = _shown(request, report)
    if not pdf_available():
        return render(request, "reports/pdf_unavailable.html", {"report": report})
    try:
        pdf = docx_to_pdf(render_docx(document.official_document(content)))
    except ConversionError:
        return render(
            request, "reports/pdf_unavailable.html", {"report": report, "failed": True}, status=503
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(report, content, "pdf")}"'
    return response


def report_xlsx(request, pk):
    report = _report_for_user(request, pk)
    content, _submission = _shown(request, report)
    title = f"{content['document']['subject']}"
    response = HttpResponse(document.workbook(content, title=title), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, content, "xlsx")}"'
    return response


def _rule(request, unit, period):
    rule = request.GET.get("rule", "")
    if rule in WindowRule.values:
        return rule
    plan = selectors.reporting_plan(unit, period.year)
    return plan.window_rule if plan else WindowRule.DECREE_09


def _trail(user, unit, on):
    """The unit's ancestors the user may see, from the top: the way back up a drill-down."""
    ancestors = unit.ancestors(on=on)[:-1]
    visible = set(
        visible_units(user).filter(pk__in=[a.pk for a in ancestors]).values_list("pk", flat=True)
    )
    return [ancestor for ancestor in ancestors if ancestor.pk in visible]


def _consolidated_url(period):
    return lambda unit_id: reverse("report_consolidated", args=[unit_id, period])


def report_consolidated(request, unit, period):
    unit = get_unit_for_user(request, unit)
    period = _period(period)
    rule = _rule(request, unit, period)
    consolidation = selectors.consolidate(unit, period, rule=rule)
    view = report_content.ContentView(
        report_content.figures(consolidation), child_url=_consolidated_url(period)
    )
    children = [line.unit.pk for line in consolidation.children]
    reports = list(
        Report.objects.filter(period=str(period), unit__in=[*children, unit.pk])
        .select_related("unit__kind")
        .order_by("unit__kind__rank", "unit__name", "pk")
    )
    context = {
        "unit": unit,
        "period": period,
        "rule": rule,
        "rules": WindowRule.choices,
        "view": view,
        "own_report": next((report for report in reports if report.unit_id == unit.pk), None),
        "unit_reports": [report for report in reports if report.unit_id != unit.pk],
        "periods": Period.all_of_year(period.year),
        "trail": _trail(request.user, unit, consolidation.window[1]),
    }
    return render(request, "reports/report_consolidated.html", context)


def report_consolidated_xlsx(request, unit, period):
    unit = get_unit_for_user(request, unit)
    period = _period(period)
    consolidation = selectors.consolidate(unit, period, rule=_rule(request, unit, period))
    content = report_content.figures(consolidation)
    title = _("Consolidated figures of %(unit)s, %(period)s") % {
        "unit": unit.short_name,
        "period": period.label,
    }
    response = HttpResponse(document.workbook(content, title=title), content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="tong-hop-{period}-{unit.code}.xlsx"'
    return response


def report_completeness(request, unit, period):
    unit = get_unit_for_user(request, unit)
    period = _period(period)
    board = selectors.completeness(unit, period)
    today = timezone.localdate()
    for item in board.expected:
        item.is_overdue = item.overdue(today)
    context = {
        "unit": unit,
        "period": period,
        "board": board,
        "periods": Period.all_of_year(period.year),
        "sent": sorted(
            (item for item in board.expected if item.submitted),
            key=lambda item: (item.unit.kind.rank, item.unit.name),
        ),
        "today": today,
        "consolidated_url": reverse("report_consolidated", args=[unit.pk, str(period)]),
    }
    return render(request, "reports/report_completeness.html", context)
