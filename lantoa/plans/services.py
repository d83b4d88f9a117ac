"""Writes of plans: drafting, issuing, correcting, deploying to the receiving units."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantoa.accounts.models import User
from lantoa.accounts.services import notify_unit_users, notify_users
from lantoa.documents.plan_parser import read_plan
from lantoa.documents.services import number_take
from lantoa.periods.workdays import workday_after
from lantoa.text import fold, short_date
from lantoa.units.models import Unit, UnitKind

from . import document
from .models import (
    TYPE_CODE,
    ActivityLine,
    Deployment,
    Plan,
    PlanImport,
    PlanStatus,
    PlanVersion,
    Recipient,
    Target,
    Task,
    TaskAssignee,
)

# The confederation above every provincial federation: the superior body of a top-level plan.
CONFEDERATION = "Tổng LĐLĐ Việt Nam"

# Fields a draft can be created with, as the plan-document parser produces them (its `issuer`
# and `superior` texts arrive as `issuer_name` and `superior`).
TEXT_FIELDS = {
    "year",
    "number",
    "symbol",
    "place",
    "date",
    "superior",
    "issuer_name",
    "subject",
    "introduction",
    "content_heading",
    "audience",
    "primary_target",
    "archive",
    "report_quarterly",
    "report_half_yearly",
    "report_yearly",
    "window_rule",
    "grassroots_deadline_days",
    "upper_deadline_days",
    "province_deadline_days",
    "acknowledge_days",
    "subplan_days",
}
LINE_FIELDS = {"bases", "purposes"}
PLAN_TYPE_NAMES = {"kh", "ke hoach"}


def _first_lower(text):
    return text[:1].lower() + text[1:] if text else text


def draft_defaults(issuer):
    """What a new plan of `issuer` starts with: the wording of the unit's previous plan, else
    what the tree says."""
    today = timezone.localdate()
    previous = Plan.objects.filter(issuer=issuer).order_by("-created_at", "-pk").first()
    parent_unit = issuer.parent_on(today)
    defaults = {
        "symbol": f"{TYPE_CODE}-{issuer.abbreviation}",
        "issuer_name": issuer.name,
        "superior": parent_unit.short_name if parent_unit else CONFEDERATION,
        "year": today.year,
    }
    if previous is not None:
        defaults.update(
            place=previous.place,
            superior=previous.superior,
            issuer_name=previous.issuer_name,
            archive=previous.archive,
            signer_on_behalf=previous.signer_on_behalf,
            signer_title=previous.signer_title,
            signer_name=previous.signer_name,
        )
    return defaults


def _set_path(plan):
    parent = plan.parent
    plan.path = f"{parent.path if parent else '/'}{plan.pk}/"
    plan.depth = parent.depth + 1 if parent else 0
    Plan.objects.filter(pk=plan.pk).update(path=plan.path, depth=plan.depth)


def _unit(value):
    if value is None or isinstance(value, Unit):
        return value
    return Unit.objects.get(pk=value)


def _kinds(values):
    values = list(values or [])
    if all(isinstance(value, UnitKind) for value in values):
        return values
    return list(UnitKind.objects.filter(code__in=values))


@transaction.atomic
def plan_create_draft(
    *,
    issuer,
    user,
    parent=None,
    doc_type=None,
    bases=(),
    purposes=(),
    activity_lines=(),
    tasks=(),
    recipients=(),
    signer=None,
    **fields,
):
    """A new draft plan of `issuer`, from the fields the plan-document parser produces.

    activity_lines: [{kind, text, targets?: [{quantity, per, unit_kind (code) | unit}]}]
    tasks: [{text, assignee?, unit_kinds? (codes), units? (ids or units)}]
    recipients: [{name, unit? (id or unit), unit_kinds? (codes)}]
    signer: {on_behalf, title, name}
    """
    unknown = set(fields) - TEXT_FIELDS
    if unknown:
        raise TypeError(f"unknown plan fields: {', '.join(sorted(unknown))}")
    if doc_type and fold(doc_type) not in PLAN_TYPE_NAMES:
        raise ValidationError(
            _("This document is a “%(type)s”, not a plan (KH).") % {"type": doc_type}
        )
    values = {**draft_defaults(issuer), **{k: v for k, v in fields.items() if v is not None}}
    if fields.get("date") and not fields.get("year"):
        values["year"] = fields["date"].year
    for name, items in [("bases", bases), ("purposes", purposes)]:
        values[name] = items if isinstance(items, str) else "\n".join(items)
    if signer:
        values.update(
            signer_on_behalf=signer.get("on_behalf") or "",
            signer_title=signer.get("title") or "",
            signer_name=signer.get("name") or "",
        )
    plan = Plan(issuer=issuer, parent=parent, created_by=user, **values)
    plan.full_clean(exclude=["path", "depth", "created_by"])
    plan.save()
    _set_path(plan)
    _create_lines(plan, activity_lines)
    _create_tasks(plan, tasks)
    _create_recipients(plan, recipients)
    return plan


# An upload nobody saved is kept this long, for the reviewer to come back to.
IMPORT_KEPT_FOR = datetime.timedelta(days=7)


@transaction.atomic
def plan_import_upload(*, data, filename, user, now=None):
    """Read an uploaded plan document (the bytes of a .docx, .txt or .md file) and keep its text
    for the review screen. Raises the parser's `DocumentError`s for a file that is no plan."""
    parsed = read_plan(data, filename)
    now = now or timezone.now()
    PlanImport.objects.filter(plan__isnull=True, uploaded_at__lt=now - IMPORT_KEPT_FOR).delete()
    return PlanImport.objects.create(
        filename=filename[:255], text="\n".join(parsed.source_lines), uploaded_by=user
    )


@transaction.atomic
def plan_import_save(*, plan_import, issuer, user, **fields):
    """The reviewed import as a new draft plan (see `plan_create_draft` for `fields`). An import
    already saved, by a second click or another tab, returns the draft made the first time."""
    locked = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    if locked.plan_id is not None:
        return locked.plan
    plan = plan_create_draft(issuer=issuer, user=user, **fields)
    locked.plan = plan
    locked.save(update_fields=["plan"])
    plan_import.plan = plan
    return plan


def _create_lines(plan, lines):
    for order, line in enumerate(lines, start=1):
        created = ActivityLine.objects.create(
            plan=plan,
            order=order,
            kind=line["kind"],
            text=line["text"],
            parent_line=line.get("parent_line"),
        )
        for target in line.get("targets", ()):
            kind = target.get("unit_kind")
            Target.objects.create(
                line=created,
                quantity=target["quantity"],
                per=target.get("per") or "Q",
                unit_kind=UnitKind.objects.get(code=kind) if isinstance(kind, str) else kind,
                unit=_unit(target.get("unit")),
            )


def _create_tasks(plan, tasks):
    for order, task in enumerate(tasks, start=1):
        units = [_unit(unit) for unit in task.get("units") or []]
        kinds = _kinds(task.get("unit_kinds"))
        assignee = task.get("assignee") or (
            TaskAssignee.UNITS
            if units
            else TaskAssignee.KINDS
            if kinds
            else TaskAssignee.RECIPIENTS
        )
        created = Task.objects.create(plan=plan, order=order, text=task["text"], assignee=assignee)
        created.units.set(units)
        created.unit_kinds.set(kinds)


def _create_recipients(plan, recipients):
    for order, recipient in enumerate(recipients, start=1):
        created = Recipient.objects.create(
            plan=plan, order=order, name=recipient["name"], unit=_unit(recipient.get("unit"))
        )
        created.unit_kinds.set(_kinds(recipient.get("unit_kinds")))


def recipient_units(plan, *, on):
    """The units an issued plan goes to: the named ones, and every unit of the recipients' kinds
    below the issuer, as the tree stands on `on`."""
    recipients = list(plan.recipients.prefetch_related("unit_kinds"))
    named = [recipient.unit_id for recipient in recipients if recipient.unit_id]
    kinds = {kind.pk for recipient in recipients for kind in recipient.unit_kinds.all()}
    below = Unit.objects.subtree_of(plan.issuer, on=on).values("pk")
    return (
        Unit.objects.existing_on(on)
        .filter(Q(pk__in=named) | Q(kind__in=kinds, pk__in=below))
        .exclude(pk=plan.issuer_id)
        .select_related("kind")
    )


def issue_problems(plan):
    """What keeps a draft from being issued, in words for its writer."""
    problems = []
    if not plan.subject.strip():
        problems.append(_("The subject line is empty."))
    if not plan.place.strip():
        problems.append(_("The place of the date line is empty."))
    if not (plan.signer_title.strip() and plan.signer_name.strip()):
        problems.append(_("The signer's title and name are missing."))
    if not plan.activity_lines.exists():
        problems.append(_("The plan has no activity line."))
    if not plan.recipients.exists():
        problems.append(_("The plan has no recipient."))
    return problems


def _in_default_language(function):
    """Messages to other users are written in the site's language, not the sender's."""

    def wrapped(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapped


@transaction.atomic
def plan_issue(*, plan, user, number=None, date=None, now=None):
    """Issue a draft: number it in the issuer's register, freeze version 1, deploy it to every
    receiving unit and tell their users."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_draft:
        raise ValidationError(_("This plan has already been issued."))
    problems = issue_problems(plan)
    if problems:
        raise ValidationError(problems)
    now = now or timezone.now()
    date = date or timezone.localdate(now)
    plan.date = date
    plan.number = number_take(
        unit=plan.issuer,
        year=date.year,
        symbol=plan.symbol,
        subject=plan.subject,
        number=number or plan.number,
    )
    plan.status = PlanStatus.ISSUED
    plan.issued_at = now
    plan.issued_by = user
    plan.save()
    PlanVersion.objects.create(
        plan=plan, number=1, content=document.snapshot(plan), created_by=user, created_at=now
    )
    units = _deploy(plan, now=now)
    if plan.parent_id:
        Deployment.objects.filter(plan_id=plan.parent_id, unit_id=plan.issuer_id).update(
            subplan=plan
        )
    _announce(plan, units)
    return plan


def _deploy(plan, *, now):
    """Deployments for the receiving units that have none yet; returns those units."""
    day = timezone.localdate(now)
    already = set(plan.deployments.values_list("unit_id", flat=True))
    units = [unit for unit in recipient_units(plan, on=day) if unit.pk not in already]
    acknowledge_by = workday_after(day, plan.acknowledge_days) if plan.acknowledge_days else day
    subplan_by = workday_after(day, plan.subplan_days) if plan.subplan_days else None
    Deployment.objects.bulk_create(
        Deployment(
            plan=plan,
            unit=unit,
            received_at=now,
            acknowledge_due_on=acknowledge_by,
            subplan_due_on=subplan_by,
        )
        for unit in units
    )
    return units


@_in_default_language
def _announce(plan, units):
    if not units:
        return
    message = _("%(issuer)s sent plan %(number)s to your unit: %(subject)s") % {
        "issuer": plan.issuer.short_name,
        "number": plan.number_symbol,
        "subject": plan.subject,
    }
    notify_users(
        users=User.objects.filter(unit__in=units, is_active=True),
        message=message[:500],
        url=plan.get_absolute_url(),
    )


@transaction.atomic
def plan_delete(*, plan, user):
    """Delete a draft with its lines, tasks and recipients; an issued plan stays for good.

    The history keeps the deleted draft, and a deployment whose own plan it was may draft again.
    """
    if plan.is_issued:
        raise ValidationError(_("An issued plan cannot be deleted."))
    plan._history_user = user
    plan.delete()


@transaction.atomic
def plan_save(*, plan, user, forms, formsets, change_note=""):
    """Save an edited plan (its forms and formsets, already valid). An issued plan is frozen: its
    edit is a correction, which becomes the next version, says what changed, reaches the units
    the new version adds and tells every receiving unit. Returns that version, else None."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.is_issued and not change_note.strip():
        raise ValidationError(_("Say what the correction changes."))
    for form in forms:
        form.save(commit=False)
    plan.save()
    for formset in formsets:
        formset.save()
    if locked.is_issued:
        return _record_correction(plan, user=user, change_note=change_note.strip())
    return None


def _record_correction(plan, *, user, change_note):
    """The next version, or None when the saved content equals the current version."""
    previous = plan.versions.order_by("-number").first()
    content = document.snapshot(plan)
    changes = document.changed_sections(previous.content, content)
    if not changes:
        return None
    version = PlanVersion.objects.create(
        plan=plan,
        number=previous.number + 1,
        content=content,
        change_note=change_note,
        changed_sections=changes,
        created_by=user,
    )
    now = timezone.now()
    _deploy(plan, now=now)
    _announce_correction(plan, version)
    return version


@_in_default_language
def _announce_correction(plan, version):
    message = _("Plan %(number)s was corrected (version %(version)s): %(note)s") % {
        "number": plan.number_symbol,
        "version": version.number,
        "note": version.change_note,
    }
    notify_users(
        users=User.objects.filter(unit__deployments__plan=plan, is_active=True),
        message=message[:500],
        url=plan.get_absolute_url(),
    )


@transaction.atomic
def deployment_acknowledge(*, deployment, user, now=None):
    """The receiving unit confirms it has the plan. A second click changes nothing."""
    updated = Deployment.objects.filter(pk=deployment.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now or timezone.now(), acknowledged_by=user
    )
    deployment.refresh_from_db()
    return bool(updated)


@transaction.atomic
def plan_draft_from_parent(*, deployment, user):
    """The receiving unit's own plan, drafted from the plan it received: the same activity lines
    and the targets for kinds of units, the receivers' tasks, its own units as recipients. An
    existing one is returned instead of a second."""
    parent, unit = deployment.plan, deployment.unit
    existing = Plan.objects.filter(parent=parent, issuer=unit).order_by("pk").first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    lines = [
        {
            "kind": line.kind,
            "text": line.text,
            "parent_line": line,
            "targets": [
                {"quantity": target.quantity, "per": target.per, "unit_kind": target.unit_kind}
                for target in line.targets.all()
                if target.unit_kind_id
            ],
        }
        for line in parent.activity_lines.prefetch_related("targets__unit_kind")
    ]
    tasks = [
        {
            "text": task.text,
            "assignee": task.assignee,
            "unit_kinds": list(task.unit_kinds.all()),
        }
        for task in parent.tasks.prefetch_related("unit_kinds")
        if task.assignee in (TaskAssignee.RECIPIENTS, TaskAssignee.KINDS)
    ]
    child_kinds = UnitKind.objects.filter(
        units__in=Unit.objects.children_of(unit, on=today).existing_on(today)
    ).distinct()
    recipients = [
        {"name": f"{parent.issuer.short_name} (để báo cáo)"},
        *({"name": kind.plural_name or kind.name, "unit_kinds": [kind]} for kind in child_kinds),
    ]
    subject = _first_lower(parent.subject)
    return plan_create_draft(
        issuer=unit,
        user=user,
        parent=parent,
        place=draft_defaults(unit).get("place") or parent.place,
        year=parent.year,
        subject=parent.subject,
        bases=[
            f"Kế hoạch số {parent.number_symbol} ngày {short_date(parent.date)} "
            f"của {parent.issuer.short_name} về {subject}"
        ],
        introduction=f"{unit.short_name} xây dựng Kế hoạch {subject} "
        "với những nội dung cụ thể như sau:",
        purposes=parent.purposes,
        content_heading=parent.content_heading,
        audience=parent.audience,
        primary_target=parent.primary_target,
        activity_lines=lines,
        tasks=tasks,
        recipients=recipients,
        report_quarterly=parent.report_quarterly,
        report_half_yearly=parent.report_half_yearly,
        report_yearly=parent.report_yearly,
        window_rule=parent.window_rule,
        grassroots_deadline_days=parent.grassroots_deadline_days,
        upper_deadline_days=parent.upper_deadline_days,
        province_deadline_days=parent.province_deadline_days,
        acknowledge_days=parent.acknowledge_days,
    )


@transaction.atomic
@_in_default_language
def plan_remind(*, plan, user, now=None):
    """Remind the units that have not acknowledged the plan, in Lan Tỏa and by e-mail.
    Returns (units reminded, units nobody could be told because they have no user)."""
    now = now or timezone.now()
    waiting = list(plan.deployments.waiting().select_related("unit"))
    url = reverse("plan_detail", args=[plan.pk])
    message = _(
        "Reminder: %(issuer)s is waiting for your unit to acknowledge plan %(number)s "
        "(due %(due)s): %(subject)s"
    )
    subject = _("Reminder: plan %(number)s is waiting for your acknowledgement") % {
        "number": plan.number_symbol
    }
    reminded, unreachable = [], []
    for deployment in waiting:
        text = message % {
            "issuer": plan.issuer.short_name,
            "number": plan.number_symbol,
            "due": short_date(deployment.acknowledge_due_on),
            "subject": plan.subject,
        }
        sent = notify_unit_users(
            unit=deployment.unit, message=text[:500], url=url, email_subject=subject
        )
        (reminded if sent else unreachable).append(deployment.unit)
    Deployment.objects.filter(pk__in=[d.pk for d in waiting]).update(
        reminded_at=now, reminders=F("reminders") + 1
    )
    return reminded, unreachable
