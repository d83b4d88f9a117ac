from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantoa.accounts.scope import admin_required, can_edit_unit, check_unit, visible_units
from lantoa.documents.document_text import DocumentError
from lantoa.documents.errors import error_message
from lantoa.documents.plan_parser import parse_plan
from lantoa.documents.rendering import (
    DOCX_MIME,
    ConversionError,
    docx_to_pdf,
    pdf_available,
    render_docx,
)
from lantoa.documents.selectors import known_kinds, known_units
from lantoa.documents.services import next_number
from lantoa.units.models import Unit, UnitKind

from . import document, imports, sections, selectors, services
from .forms import (
    IMPORT_FIELDS,
    ActivityLineFormSet,
    CorrectionForm,
    ImportLineFormSet,
    ImportRecipientFormSet,
    ImportTaskFormSet,
    ImportTextFormSet,
    IssueForm,
    PlanCreateForm,
    PlanFilterForm,
    PlanForm,
    PlanImportForm,
    PlanUploadForm,
    RecipientFormSet,
    TargetFormSet,
    TaskFormSet,
)
from .models import Deployment, Plan, PlanImport, PlanStatus

LIST_LIMIT = 200


def _plan_for_user(request, pk, *, edit=False):
    """A plan the user may see (else 404); with `edit`, one whose issuer they may change (403)."""
    plan = get_object_or_404(
        selectors.visible_plans(request.user).select_related("issuer__kind", "parent__issuer"),
        pk=pk,
    )
    if edit and not can_edit_unit(request.user, plan.issuer):
        raise PermissionDenied
    return plan


def _units_below(issuer):
    today = timezone.localdate()
    return Unit.objects.children_of(issuer, on=today).existing_on(today).select_related("kind")


def plan_list(request):
    user = request.user
    plans = selectors.visible_plans(user)
    years = sorted(set(plans.values_list("year", flat=True)), reverse=True)
    issuers = Unit.objects.filter(pk__in=plans.values("issuer_id")).select_related("kind")
    form = PlanFilterForm(request.GET or None, years=years, issuers=issuers)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            plans = plans.search(data["q"])
        if data["year"]:
            plans = plans.filter(year=data["year"])
        if data["issuer"]:
            plans = plans.filter(issuer_id=data["issuer"])
        status = data["status"]
        if status in PlanStatus.values:
            plans = plans.filter(status=status)
        elif status == form.RECEIVED:
            plans = plans.filter(deployments__unit_id=user.unit_id)
        elif status == form.WAITING:
            plans = plans.filter(
                deployments__unit_id=user.unit_id, deployments__acknowledged_at__isnull=True
            )
    plans = list(plans.select_related("issuer")[: LIST_LIMIT + 1])
    received = {
        deployment.plan_id: deployment
        for deployment in Deployment.objects.filter(
            unit_id=user.unit_id, plan__in=[plan.pk for plan in plans]
        )
    }
    for plan in plans:
        plan.received = received.get(plan.pk)
    context = {
        "form": form,
        "plans": plans[:LIST_LIMIT],
        "truncated": len(plans) > LIST_LIMIT,
        "can_create": user.can_edit,
        "can_import": user.is_federation_admin,
    }
    if request.htmx:
        return render(request, "plans/plan_list.html#results", context)
    return render(request, "plans/plan_list.html", context)


def plan_create(request):
    if not request.user.can_edit:
        raise PermissionDenied
    issuers = visible_units(request.user).existing_on(timezone.localdate()).select_related("kind")
    form = PlanCreateForm(
        request.POST or None, issuers=issuers, initial={"issuer": request.user.unit_id}
    )
    if request.method == "POST" and form.is_valid():
        issuer = check_unit(request.user, form.cleaned_data["issuer"], edit=True)
        try:
            plan = services.plan_create_draft(
                issuer=issuer,
                user=request.user,
                year=form.cleaned_data["year"],
                subject=form.cleaned_data["subject"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft created. Write its content, then issue it."))
            return redirect("plan_edit", pk=plan.pk)
    return render(request, "plans/plan_create.html", {"form": form})


def _version_content(plan, request):
    """The content to show or print: a version asked for by `?version=`, else the live plan."""
    number = request.GET.get("version", "")
    if number.isdigit():
        version = plan.versions.filter(number=int(number)).first()
        if version is None:
            raise Http404
        return version.content, version
    return document.snapshot(plan), None


def plan_detail(request, pk):
    plan = _plan_for_user(request, pk)
    user = request.user
    today = timezone.localdate()
    content, shown_version = _version_content(plan, request)
    can_edit = can_edit_unit(user, plan.issuer)
    sees_issuer = selectors.can_see_issuer(user, plan)
    own_deployments = (
        list(
            plan.deployments.filter(unit__in=visible_units(user).values("pk"))
            .select_related("unit", "acknowledged_by", "subplan")
            .order_by("unit__kind__rank", "unit__name")
        )
        if not sees_issuer
        else []
    )
    for deployment in own_deployments:
        deployment.own_plan = (
            deployment.subplan
            or Plan.objects.filter(parent=plan, issuer=deployment.unit).order_by("pk").first()
        )
        deployment.can_act = can_edit_unit(user, deployment.unit)
    board, levels = (
        selectors.deployment_board(plan, today=today)
        if plan.is_issued and sees_issuer
        else ([], [])
    )
    versions = list(plan.versions.select_related("created_by"))
    for version in versions:
        version.changed_labels = [
            str(document.SECTION_LABELS[key])
            for key in version.changed_sections
            if key in document.SECTION_LABELS
        ]
    context = {
        "plan": plan,
        "doc": document.official_document(content),
        "shown_version": shown_version,
        "versions": versions,
        "schedule": plan.schedule(),
        "subplans": selectors.visible_plans(user)
        .filter(parent=plan)
        .select_related("issuer")
        .order_by("issuer__kind__rank", "issuer__name"),
        "own_deployments": own_deployments,
        "board": board,
        "levels": levels,
        "can_edit": can_edit,
        "issue_problems": services.issue_problems(plan) if plan.is_draft and can_edit else [],
        "pdf_available": pdf_available(),
        "today": today,
        "sections": sections.render_sections(request, plan),
    }
    return render(request, "plans/plan_detail.html", context)


def plan_edit(request, pk):
    plan = _plan_for_user(request, pk, edit=True)
    units = _units_below(plan.issuer)
    data = request.POST or None
    form = PlanForm(data, instance=plan)
    formsets = [
        ActivityLineFormSet(data, instance=plan, prefix="lines"),
        TaskFormSet(data, instance=plan, prefix="tasks", units=units),
        RecipientFormSet(data, instance=plan, prefix="recipients", units=units),
    ]
    correction = CorrectionForm(data) if plan.is_issued else None
    if request.method == "POST":
        # Every form is validated, so that all their errors show at once.
        valid = form.is_valid()
        for formset in formsets:
            valid &= formset.is_valid()
        if correction is not None:
            valid &= correction.is_valid()
        if valid:
            note = correction.cleaned_data["change_note"] if correction else ""
            try:
                version = services.plan_save(
                    plan=plan, user=request.user, forms=[form], formsets=formsets, change_note=note
                )
            except ProtectedError:
                form.add_error(
                    None,
                    _(
                        "An activity line that other records refer to cannot be removed; "
                        "change its text instead."
                    ),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _saved_message(correction, version))
                return redirect(plan)
    context = {
        "plan": plan,
        "form": form,
        "lines": formsets[0],
        "tasks": formsets[1],
        "recipients": formsets[2],
        "correction": correction,
    }
    return render(request, "plans/plan_form.html", context)


def _saved_message(correction, version):
    if correction is None:
        return _("Draft saved.")
    if version is None:
        return _("Nothing was changed: the plan keeps its current version.")
    return _("Correction saved as version %(number)s.") % {"number": version.number}


def plan_targets(request, pk):
    plan = _plan_for_user(request, pk, edit=True)
    units = _units_below(plan.issuer)
    data = request.POST or None
    formset = TargetFormSet(data, plan=plan, units=units, prefix="targets")
    correction = CorrectionForm(data) if plan.is_issued else None
    if request.method == "POST":
        valid = formset.is_valid() & (correction is None or correction.is_valid())
        if valid:
            note = correction.cleaned_data["change_note"] if correction else ""
            try:
                version = services.plan_save(
                    plan=plan, user=request.user, forms=[], formsets=[formset], change_note=note
                )
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(request, _saved_message(correction, version))
                return redirect(plan)
    context = {"plan": plan, "formset": formset, "correction": correction}
    return render(request, "plans/plan_targets.html", context)


def plan_issue(request, pk):
    plan = _plan_for_user(request, pk, edit=True)
    if plan.is_issued:
        messages.info(request, _("This plan has already been issued."))
        return redirect(plan)
    today = timezone.localdate()
    proposed = plan.number or next_number(unit=plan.issuer, year=today.year)
    form = IssueForm(request.POST or None, initial={"number": proposed, "date": today})
    problems = services.issue_problems(plan)
    if request.method == "POST" and form.is_valid() and not problems:
        try:
            services.plan_issue(
                plan=plan,
                user=request.user,
                number=form.cleaned_data["number"],
                date=form.cleaned_data["date"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            plan.refresh_from_db()
            messages.success(
                request,
                _("Plan %(number)s issued and sent to %(count)s units.")
                % {"number": plan.number_symbol, "count": plan.deployments.count()},
            )
            return redirect(plan)
    context = {
        "plan": plan,
        "form": form,
        "problems": problems,
        "units": services.recipient_units(plan, on=today).order_by("kind__rank", "name"),
    }
    return render(request, "plans/plan_issue.html", context)


def _filename(plan, content, extension):
    number = content["number"] or "du-thao"
    return f"KH-{number}-{content['year']}-{plan.issuer.code}.{extension}"


def plan_docx(request, pk):
    plan = _plan_for_user(request, pk)
    content, _version = _version_content(plan, request)
    response = HttpResponse(
        render_docx(document.official_document(content)), content_type=DOCX_MIME
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, content, "docx")}"'
    return response


def plan_pdf(request, pk):
    plan = _plan_for_user(request, pk)
    content, _version = _version_content(plan, request)
    if not pdf_available():
        return render(request, "plans/pdf_unavailable.html", {"plan": plan})
    try:
        pdf = docx_to_pdf(render_docx(document.official_document(content)))
    except ConversionError:
        return render(
            request, "plans/pdf_unavailable.html", {"plan": plan, "failed": True}, status=503
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(plan, content, "pdf")}"'
    return response


def plan_remind(request, pk):
    plan = _plan_for_user(request, pk, edit=True)
    waiting = list(plan.deployments.waiting().select_related("unit"))
    if request.method == "POST" and plan.is_issued:
        reminded, unreachable = services.plan_remind(plan=plan, user=request.user)
        if reminded:
            messages.success(
                request,
                _("Reminder sent to the users of %(count)s units.") % {"count": len(reminded)},
            )
        if unreachable:
            messages.warning(
                request,
                _("Nobody uses Lan Tỏa in these units; contact them directly: %(units)s")
                % {"units": ", ".join(unit.short_name for unit in unreachable)},
            )
        return redirect(plan)
    return render(request, "plans/plan_remind.html", {"plan": plan, "waiting": waiting})


def plan_delete(request, pk):
    plan = _plan_for_user(request, pk, edit=True)
    if plan.is_issued:
        messages.info(
            request,
            _(
                "An issued plan cannot be deleted: it has gone to its recipients. Correct it "
                "instead."
            ),
        )
        return redirect(plan)
    if request.method == "POST":
        services.plan_delete(plan=plan, user=request.user)
        messages.success(
            request, _("Draft plan “%(subject)s” deleted.") % {"subject": plan.subject or "—"}
        )
        return redirect("plan_list")
    return render(request, "plans/plan_delete.html", {"plan": plan})


def _deployment_for_user(request, pk):
    deployment = get_object_or_404(
        Deployment.objects.select_related("plan__issuer", "unit__kind"), pk=pk
    )
    check_unit(request.user, deployment.unit, edit=True)
    return deployment


def deployment_acknowledge(request, pk):
    deployment = _deployment_for_user(request, pk)
    if request.method == "POST":
        if services.deployment_acknowledge(deployment=deployment, user=request.user):
            messages.success(
                request,
                _("%(unit)s acknowledged plan %(number)s.")
                % {"unit": deployment.unit.short_name, "number": deployment.plan.number_symbol},
            )
        return redirect(deployment.plan)
    return render(request, "plans/deployment_acknowledge.html", {"deployment": deployment})


def deployment_subplan(request, pk):
    deployment = _deployment_for_user(request, pk)
    existing = Plan.objects.filter(parent=deployment.plan, issuer=deployment.unit).first()
    if request.method == "POST":
        plan = services.plan_draft_from_parent(deployment=deployment, user=request.user)
        if existing is None:
            messages.success(
                request,
                _("Your plan is drafted from %(number)s. Adapt it to your unit, then issue it.")
                % {"number": deployment.plan.number_symbol},
            )
        return redirect("plan_edit", pk=plan.pk)
    context = {"deployment": deployment, "existing": existing}
    return render(request, "plans/deployment_subplan.html", context)


@admin_required
def plan_import(request):
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan_import = services.plan_import_upload(
                data=upload.read(), filename=upload.name, user=request.user
            )
        except DocumentError as error:
            form.add_error("file", error_message(error))
        else:
            return redirect("plan_import_review", pk=plan_import.pk)
    return render(request, "plans/plan_import.html", {"form": form})


def _pk(value):
    return int(value) if str(value or "").isdigit() else None


def _import_units(issuer_pk, imported, today):
    """The units an imported plan's tasks and recipients may name: those the document was
    matched to, the issuer and the units right below it."""
    ids = imports.matched_unit_ids(imported) | {issuer_pk}
    below = Unit.objects.children_of(issuer_pk, on=today).values("pk") if issuer_pk else []
    return (
        Unit.objects.filter(Q(pk__in=ids) | Q(pk__in=below))
        .select_related("kind")
        .order_by("kind__rank", "name")
    )


# The review screen, in the order the document reads: groups of the plan's own fields and the
# lists beside them. A field's source is the document line of the field named second.
IMPORT_BLOCKS = [
    (
        "fields",
        gettext_lazy("Header"),
        [
            ("issuer", "issuer_name"),
            ("superior", "superior"),
            ("issuer_name", "issuer_name"),
            ("number", "number"),
            ("symbol", "symbol"),
            ("place", "place"),
            ("date", "date"),
            ("year", "date"),
            ("doc_type", "doc_type"),
            ("subject", "subject"),
        ],
    ),
    ("list", "bases", gettext_lazy("Legal bases"), gettext_lazy("Add a basis")),
    ("fields", gettext_lazy("Introduction"), [("introduction", "introduction")]),
    (
        "list",
        "purposes",
        gettext_lazy("I. Purposes and requirements"),
        gettext_lazy("Add a purpose"),
    ),
    (
        "fields",
        gettext_lazy("II. Content: audiences"),
        [
            ("content_heading", "content_heading"),
            ("audience", "audience"),
            ("primary_target", "primary_target"),
        ],
    ),
    ("list", "activity_lines", gettext_lazy("II.2 Activity lines"), gettext_lazy("Add a line")),
    ("list", "tasks", gettext_lazy("III. Implementation tasks"), gettext_lazy("Add a task")),
    ("list", "recipients", gettext_lazy("Recipients (Nơi nhận)"), gettext_lazy("Add a recipient")),
    (
        "fields",
        gettext_lazy("Archive and signer"),
        [
            ("archive", "archive"),
            ("signer_on_behalf", "signer_on_behalf"),
            ("signer_title", "signer_title"),
            ("signer_name", "signer_name"),
        ],
    ),
]
IMPORT_PREFIXES = {
    "bases": "bases",
    "purposes": "purposes",
    "activity_lines": "lines",
    "tasks": "tasks",
    "recipients": "recipients",
}


def _recipient_match(recipient):
    if recipient["unit"]:
        return _("Read as a unit of the tree")
    if recipient["unit_kinds"]:
        return _("Read as every unit of a kind")
    return _("Read as an outside body: it only gets a copy")


def _import_forms(data, imported, *, issuers, units, today):
    fields = imported.fields
    kinds = dict(UnitKind.objects.values_list("code", "pk"))
    initial = {name: fields.get(name) for name in [*IMPORT_FIELDS, "doc_type"]}
    initial.update(
        issuer=imported.issuer_id,
        year=fields.get("year") or today.year,
        **{f"signer_{part}": value for part, value in fields["signer"].items()},
    )
    form = PlanImportForm(data, initial=initial, issuers=issuers)
    initials = {
        "bases": [{"text": text} for text in fields["bases"]],
        "purposes": [{"text": text} for text in fields["purposes"]],
        "activity_lines": fields["activity_lines"],
        "tasks": [
            {**task, "unit_kinds": [kinds[code] for code in task["unit_kinds"]]}
            for task in fields["tasks"]
        ],
        "recipients": [
            {**row, "unit_kinds": [kinds[code] for code in row["unit_kinds"]]}
            for row in fields["recipients"]
        ],
    }
    formset_classes = {
        "bases": ImportTextFormSet,
        "purposes": ImportTextFormSet,
        "activity_lines": ImportLineFormSet,
        "tasks": ImportTaskFormSet,
        "recipients": ImportRecipientFormSet,
    }
    formsets = {}
    for name, formset_class in formset_classes.items():
        formset = formset_class(
            data,
            prefix=IMPORT_PREFIXES[name],
            initial=initials[name],
            units=units if name in ("tasks", "recipients") else None,
        )
        sources = imported.sources[name]
        missing = imported.missing_items.get(name, set())
        notes = imported.notes.get(name, {})
        for position, row in enumerate(formset.forms):
            row.source = sources[position] if position < len(sources) else None
            row.missing = position in missing
            row.note = notes.get(position)
            if name == "tasks" and position < len(imported.named_units):
                row.named_units = imported.named_units[position]
            if name == "recipients" and position < len(fields["recipients"]):
                row.match_label = _recipient_match(fields["recipients"][position])
        formsets[name] = formset
    return form, formsets


def _import_blocks(form, formsets, imported):
    issuer_note = (
        _("The document names no unit of the tree as its issuer: your own unit is proposed.")
        if imported.matched_issuer_id is None
        else ""
    )
    blocks = []
    for block in IMPORT_BLOCKS:
        if block[0] == "list":
            _kind, name, title, add_label = block
            blocks.append(
                {
                    "title": title,
                    "formset": formsets[name],
                    "add_label": add_label,
                    "missing": name in imported.missing,
                }
            )
            continue
        _kind, title, names = block
        rows = [
            {
                "field": form[name],
                "source": imported.sources.get(source),
                "missing": name in imported.missing,
                "note": issuer_note if name == "issuer" else "",
            }
            for name, source in names
        ]
        blocks.append({"title": title, "rows": rows})
    return blocks


def _missing_labels(form, imported):
    """The labels of what the document lacks, in the order it would read."""
    labels = []
    for block in IMPORT_BLOCKS:
        if block[0] == "list":
            if block[1] in imported.missing:
                labels.append(str(block[2]))
            continue
        labels += [str(form[name].label) for name, _source in block[2] if name in imported.missing]
    return labels


def _import_rows(formsets):
    lines = formsets["activity_lines"].rows()
    return {
        "bases": [row["text"] for row in formsets["bases"].rows()],
        "purposes": [row["text"] for row in formsets["purposes"].rows()],
        "activity_lines": [{"kind": row["kind"], "text": row["text"]} for row in lines],
        "tasks": [
            {
                "text": row["text"],
                "assignee": row["assignee"],
                "unit_kinds": list(row["unit_kinds"]),
                "units": list(row["units"]),
            }
            for row in formsets["tasks"].rows()
        ],
        "recipients": [
            {"name": row["name"], "unit": row["unit"], "unit_kinds": list(row["unit_kinds"])}
            for row in formsets["recipients"].rows()
        ],
    }


@admin_required
def plan_import_review(request, pk):
    plan_import = get_object_or_404(
        PlanImport.objects.select_related("plan"), pk=pk, uploaded_by=request.user
    )
    if plan_import.plan_id is not None:
        messages.info(request, _("This document has already been saved as a draft plan."))
        return redirect(plan_import.plan)
    today = timezone.localdate()
    parsed = parse_plan(plan_import.text)
    day = parsed.date.value if parsed.date else today
    imported = imports.imported_plan(
        parsed, units=known_units(day), kinds=known_kinds(), fallback_issuer_id=request.user.unit_id
    )
    data = request.POST or None
    issuer_pk = _pk(data.get("issuer")) if data else imported.issuer_id
    form, formsets = _import_forms(
        data,
        imported,
        issuers=Unit.objects.existing_on(today)
        .select_related("kind")
        .order_by("kind__rank", "name"),
        units=_import_units(issuer_pk, imported, today),
        today=today,
    )
    if request.method == "POST":
        valid = form.is_valid()
        for formset in formsets.values():
            valid &= formset.is_valid()
        if valid:
            try:
                plan = services.plan_import_save(
                    plan_import=plan_import,
                    issuer=form.cleaned_data["issuer"],
                    user=request.user,
                    **form.draft_fields(),
                    **_import_rows(formsets),
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("Draft plan created from %(file)s. Check it, then issue it.")
                    % {"file": plan_import.filename},
                )
                return redirect(plan)
    context = {
        "plan_import": plan_import,
        "form": form,
        "blocks": _import_blocks(form, formsets, imported),
        "missing": _missing_labels(form, imported),
        "lines": parsed.source_lines,
    }
    return render(request, "plans/plan_import_review.html", context)
