import datetime
import os

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantoa.accounts.scope import can_edit_unit, get_record_for_user, restrict
from lantoa.outreach import OutreachKind
from lantoa.periods.locks import PeriodLocked
from lantoa.plans.models import ActivityLine
from lantoa.plans.selectors import visible_plans
from lantoa.text import short_date
from lantoa.units.models import Unit
from lantoa.units.selectors import TreeHistory

from . import layout, selectors, services
from .forms import (
    ActivityFilterForm,
    ActivityForm,
    EvidenceForm,
    ImportForm,
    allowed_places,
    plan_title,
)
from .models import (
    ACTIVITY_KINDS,
    Activity,
    Evidence,
    ImportJob,
    MediaOutlet,
    field_label,
    fields_of,
)
from .plan_lines import PlanLineIndex, line_counts
from .templatetags.activity_tags import KIND_ICONS

PAGE_SIZE = 50


def _kind_from(request, default=OutreachKind.DISSEMINATION):
    kind = request.POST.get("kind") or request.GET.get("kind") or default
    return kind if kind in KIND_ICONS else default


def _kinds():
    return [(kind.value, kind.label, KIND_ICONS[kind]) for kind in ACTIVITY_KINDS]


def _filtered(request):
    form = ActivityFilterForm(request.GET or None, user=request.user)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    queryset = selectors.activities_for(request.user, deleted=bool(filters.get("deleted")))
    if "plan" in form.errors:
        # A plan the user may not see (or a draft) lists nothing, rather than everything.
        return form, queryset.none()
    return form, selectors.filter_activities(queryset, filters)


class _CountedPaginator(Paginator):
    """The list's totals query already counted the rows: don't count them twice."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["count"] = count


def activity_list(request):
    form, activities = _filtered(request)
    summary = selectors.totals(activities)
    records = activities.select_related("unit", "place", "outlet", "plan_line__plan")
    page = _CountedPaginator(records, PAGE_SIZE, count=summary["count"]).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "summary": summary,
        "query": query.urlencode(),
    }
    if request.htmx:
        return render(request, "activities/activity_list.html#results", context)
    return render(request, "activities/activity_list.html", context)


def activity_export(request):
    _form, activities = _filtered(request)
    stamp = timezone.localdate().strftime("%Y%m%d")
    if request.GET.get("format") == "csv":
        response = StreamingHttpResponse(
            layout.csv_lines(activities), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="hoat-dong-{stamp}.csv"'
        return response
    handle = layout.export_xlsx(activities)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"hoat-dong-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _initial_from(request, kind):
    names = set(fields_of(kind))
    return {key: value for key, value in request.GET.items() if key in names and value}


def activity_create(request):
    if not request.user.can_edit:
        raise PermissionDenied
    kind = _kind_from(request)
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        kind=kind,
        user=request.user,
        initial=_initial_from(request, kind),
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(
                activity=form.save(commit=False),
                user=request.user,
                uploads=form.cleaned_data["evidence"],
            )
        except ValidationError as error:  # e.g. a tree too deep to stamp
            form.add_error(None, error)
        else:
            messages.success(request, _("Activity logged: %(title)s.") % {"title": activity})
            return redirect(activity)
    context = {"form": form, "kind": kind, "kinds": _kinds()}
    if request.htmx and request.method == "GET":
        return render(request, "activities/activity_form.html#form", context)
    return render(request, "activities/activity_form.html", context)


def activity_edit(request, pk):
    activity = get_record_for_user(request, Activity.objects.select_related("unit"), pk, edit=True)
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        instance=activity,
        kind=activity.kind,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                activity=form.save(commit=False),
                user=request.user,
                expected_version=form.cleaned_data["version"] or 0,
                uploads=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except services.StaleEdit as stale:
            form.add_error(None, stale.message)
            # Saving again now is a choice made knowing the other save: let it through.
            form.data = form.data.copy()
            form.data["version"] = stale.current.version
        else:
            messages.success(request, _("Activity saved."))
            return redirect(activity)
    context = {"form": form, "kind": activity.kind, "activity": activity}
    return render(request, "activities/activity_form.html", context)


_NOT_SHOWN_IN_HISTORY = {"version", "updated_at", "updated_by", "deleted_by", "items"}


def _history(activity):
    """The activity's saves, newest first, with what each changed, as people read it."""
    records = list(activity.history.select_related("history_user").order_by("-history_date")[:30])
    entries = []
    for index, newer in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        changes, action = [], _("logged") if newer.history_type == "+" else _("changed")
        if older is not None:
            for change in newer.diff_against(older).changes:
                if change.field == "deleted_at":
                    action = _("deleted") if change.new else _("restored")
                elif change.field not in _NOT_SHOWN_IN_HISTORY:
                    changes.append(
                        {
                            "label": field_label(change.field, activity.kind),
                            "old": _readable(change.field, change.old),
                            "new": _readable(change.field, change.new),
                        }
                    )
        entries.append({"record": newer, "action": action, "changes": changes})
    return entries


def _readable(name, value):
    if value in (None, ""):
        return "—"
    if name == "plan_line":
        line = ActivityLine.objects.select_related("plan").filter(pk=value).first()
        return f"{line.plan.number_symbol} – {line.order}" if line else value
    field = Activity._meta.get_field(name)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        found = field.related_model._default_manager.filter(pk=value).first()
        return str(found) if found else value
    if isinstance(value, datetime.date):
        return short_date(value)
    return value


def _detail_rows(activity):
    """(label, value, type) of the kind's fields that have a value, for the detail page."""
    rows = []
    for name in fields_of(activity.kind):
        if name in ("unit", "title"):
            continue
        field = Activity._meta.get_field(name)
        value, kind = getattr(activity, name), "text"
        if name == "plan_line":
            kind = "plan_line"
        elif field.choices:
            value = getattr(activity, f"get_{name}_display")()
        elif name in layout.NUMBER_COLUMNS:
            kind = "number"
            value = value or None
        elif name in layout.DATE_COLUMNS:
            kind = "date"
        elif name == "link":
            kind = "link"
        if value not in ("", None):
            rows.append({"label": field_label(name, activity.kind), "value": value, "type": kind})
    return rows


def activity_detail(request, pk):
    activity = get_record_for_user(
        request,
        Activity.all_objects.select_related(
            "unit",
            "place",
            "outlet",
            "created_by",
            "updated_by",
            "deleted_by",
            "import_job",
            "plan_line__plan__issuer",
        ),
        pk,
    )
    plan = activity.plan_line.plan if activity.plan_line_id else None
    evidence = list(activity.evidence.select_related("uploaded_by", "removed_by"))
    context = {
        "activity": activity,
        "fields": _detail_rows(activity),
        "evidence": [item for item in evidence if item.removed_at is None],
        "removed_evidence": [item for item in evidence if item.removed_at is not None],
        "history": _history(activity),
        "can_edit": can_edit_unit(request.user, activity.unit),
        "plan_visible": plan is not None
        and visible_plans(request.user).filter(pk=plan.pk).exists(),
    }
    return render(request, "activities/activity_detail.html", context)


def _confirm(request, *, title, question, action, cancel, danger=False):
    return render(
        request,
        "activities/confirm.html",
        {
            "title": title,
            "question": question,
            "action": action,
            "cancel": cancel,
            "danger": danger,
        },
    )


def activity_delete(request, pk):
    activity = get_record_for_user(request, Activity.objects.select_related("unit"), pk, edit=True)
    if request.method == "POST":
        try:
            services.activity_delete(activity=activity, user=request.user)
        except PeriodLocked as locked:
            messages.error(request, locked.message)
            return redirect(activity)
        messages.success(
            request, _("Activity deleted. It can be restored from the activity's page.")
        )
        return redirect(f"{reverse('activity_list')}?deleted=on")
    return _confirm(
        request,
        title=_("Delete an activity"),
        question=_("Delete “%(title)s”? It will count in no report until it is restored.")
        % {"title": activity},
        action=_("Delete"),
        cancel=activity.get_absolute_url(),
        danger=True,
    )


def activity_restore(request, pk):
    activity = get_record_for_user(
        request,
        Activity.all_objects.filter(deleted_at__isnull=False).select_related("unit"),
        pk,
        edit=True,
    )
    if request.method == "POST":
        try:
            services.activity_restore(activity=activity, user=request.user)
        except PeriodLocked as locked:
            messages.error(request, locked.message)
        else:
            messages.success(request, _("Activity restored."))
        return redirect(activity)
    return _confirm(
        request,
        title=_("Restore an activity"),
        question=_("Restore “%(title)s”? It will count in reports again.") % {"title": activity},
        action=_("Restore"),
        cancel=activity.get_absolute_url(),
    )


def _evidence_for(request, pk, *, edit=False):
    return get_record_for_user(
        request,
        Evidence.objects.select_related("activity", "activity__unit"),
        pk,
        unit_field="activity__unit",
        edit=edit,
    )


def _serve(stored, *, content_type, filename=None):
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=content_type, filename=filename)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def evidence_file(request, pk):
    item = _evidence_for(request, pk)
    return _serve(item.file, content_type=item.content_type, filename=item.original_name)


def evidence_thumbnail(request, pk):
    item = _evidence_for(request, pk)
    if not item.thumbnail:
        raise Http404
    return _serve(item.thumbnail, content_type="image/jpeg")


def evidence_add(request, pk):
    activity = get_record_for_user(request, Activity.objects.select_related("unit"), pk, edit=True)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            for upload in form.cleaned_data["evidence"]:
                services.evidence_add(activity=activity, upload=upload, user=request.user)
        except PeriodLocked as locked:
            form.add_error(None, locked)
        else:
            messages.success(request, _("Files attached."))
            return redirect(activity)
    return render(request, "activities/evidence_form.html", {"form": form, "activity": activity})


def evidence_remove(request, pk):
    item = _evidence_for(request, pk, edit=True)
    if request.method == "POST":
        try:
            services.evidence_remove(item=item, user=request.user)
        except PeriodLocked as locked:
            messages.error(request, locked.message)
        else:
            messages.success(
                request, _("File removed. It can be put back from the activity's page.")
            )
        return redirect(item.activity)
    return _confirm(
        request,
        title=_("Remove a file"),
        question=_("Remove “%(name)s” from this activity?") % {"name": item.original_name},
        action=_("Remove"),
        cancel=item.activity.get_absolute_url(),
        danger=True,
    )


def evidence_restore(request, pk):
    item = _evidence_for(request, pk, edit=True)
    if request.method == "POST":
        try:
            services.evidence_restore(item=item)
        except PeriodLocked as locked:
            messages.error(request, locked.message)
        else:
            messages.success(request, _("File put back."))
        return redirect(item.activity)
    return _confirm(
        request,
        title=_("Put a file back"),
        question=_("Attach “%(name)s” to this activity again?") % {"name": item.original_name},
        action=_("Put back"),
        cancel=item.activity.get_absolute_url(),
    )


def _import_jobs_for(user):
    jobs = ImportJob.objects.select_related("created_by")
    return jobs if user.is_federation_admin else jobs.filter(created_by=user)


def activity_import(request):
    if not request.user.can_edit:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob(
            created_by=request.user,
            original_name=os.path.basename(upload.name)[:255],
            language=translation.get_language() or settings.LANGUAGE_CODE,
            total_rows=0,
        )
        job.file.save(os.path.basename(upload.name), upload, save=False)
        job.save()
        if upload.size > settings.ACTIVITY_IMPORT_BACKGROUND_BYTES:
            services.start_import_thread(job)
        else:
            services.run_import_job(job.pk)
        return redirect(job)
    context = {
        "form": form,
        "kinds": _kinds(),
        "jobs": _import_jobs_for(request.user)[:10],
        "max_mb": settings.ACTIVITY_IMPORT_MAX_MB,
    }
    return render(request, "activities/import.html", context)


def activity_import_template(request):
    if not request.user.can_edit:
        raise PermissionDenied
    kind = _kind_from(request)
    units = restrict(Unit.objects.all(), request.user, unit_field="pk").order_by("code")
    places = allowed_places(request.user).filter(is_active=True).order_by("name")
    index = PlanLineIndex.for_user(request.user, tree=TreeHistory())
    plan_lines = [
        (
            index.label(line),
            plan_title(
                line.plan.number, line.plan.symbol, line.plan.issuer_name, line.plan.subject
            ),
            line.text,
        )
        for line in index.lines_of_kind(kind)
    ]
    content = layout.template_xlsx(
        kind,
        units=list(units),
        places=list(places),
        outlets=list(MediaOutlet.objects.filter(is_active=True)),
        plan_lines=plan_lines,
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{kind}.xlsx"'
    return response


def activity_import_job(request, pk):
    job = get_object_or_404(_import_jobs_for(request.user), pk=pk)
    context = {"job": job}
    if request.htmx:
        return render(request, "activities/import_job.html#progress", context)
    return render(request, "activities/import_job.html", context)


def unit_timeline_section(request, unit):
    """The unit page's section: the latest activities of the unit and the units below it."""
    records = selectors.unit_timeline(request.user, unit)
    return render_to_string(
        "activities/unit_timeline.html",
        {
            "unit": unit,
            "records": records,
            "can_log": can_edit_unit(request.user, unit),
        },
        request=request,
    )


def plan_activities_section(request, plan):
    """The plan page's section: how many activities the user may see are logged under each of
    its lines, with those logged under the lines of the plans drawn up from it."""
    if not plan.is_issued:
        return ""
    counts = line_counts(plan, restrict(Activity.objects.all(), request.user))
    kinds = {kind.value for kind in ACTIVITY_KINDS}
    lines = [line for line in plan.activity_lines.all() if line.kind in kinds]
    for line in lines:
        line.logged = counts.get(line.pk, 0)
    return render_to_string(
        "activities/plan_activities.html",
        {"plan": plan, "lines": lines, "total": sum(counts.values())},
        request=request,
    )
