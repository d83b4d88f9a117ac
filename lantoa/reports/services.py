"""Writes of reports: a unit drafts and submits, the level above returns or accepts (which closes
the unit's period for changes) and may reopen; reminders before and after deadlines."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantoa.accounts.models import Role, User
from lantoa.accounts.services import notify_users
from lantoa.documents.services import number_take
from lantoa.periods.services import period_lock, period_reopen
from lantoa.plans.models import Plan
from lantoa.text import short_date

from . import content as report_content
from . import indicators as registry
from .models import (
    TYPE_CODE,
    Adjustment,
    EventAction,
    ReminderKind,
    ReminderLog,
    Report,
    ReportEvent,
    ReportStatus,
    Submission,
)
from .rules import can_review, can_write
from .selectors import expected_one, reminders_due

# Reminders: this many days before a deadline, and once after it, for this long.
REMIND_BEFORE_DAYS = 3
REMIND_AFTER_DAYS = 30
# Period words of a report's subject line, as unions write them.
_PERIOD_WORDS = {
    "Q": lambda period: f"quý {['I', 'II', 'III', 'IV'][period.index - 1]} năm {period.year}",
    "S": lambda period: (
        f"6 tháng đầu năm {period.year}" if period.index == 1 else f"6 tháng cuối năm {period.year}"
    ),
    "Y": lambda period: f"năm {period.year}",
}


def period_words(period):
    """`quý I năm 2018`, `6 tháng đầu năm 2018`, `năm 2018`."""
    return _PERIOD_WORDS[period.kind](period)


def _in_default_language(function):
    """Messages to other users are written in the site's language, not the sender's."""

    def wrapped(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapped


def _officers(unit_ids):
    return User.objects.filter(
        unit_id__in=unit_ids, is_active=True, role__in=[Role.OFFICER, Role.ADMIN]
    )


def _reviewers(report):
    if report.reviewer_id is not None:
        return _officers([report.reviewer_id])
    return User.objects.filter(is_active=True, role=Role.ADMIN)


def _log(report, action, user, now, comment="", submission=None):
    return ReportEvent.objects.create(
        report=report, action=action, by=user, at=now, comment=comment, submission=submission
    )


def _defaults(plan, unit, period):
    """The header of a new report: what the unit's latest own plan says, else the plan's."""
    end = period.window(plan.window_rule)[1]
    reviewer = unit.parent_on(end)
    own = Plan.objects.filter(issuer=unit).exclude(signer_name="").order_by("-date", "-pk").first()
    source = own or plan
    if reviewer is None:
        # The top of the tree reports outside it: to the bodies the plan names without a unit.
        recipients = [
            recipient.name
            for recipient in plan.recipients.filter(unit__isnull=True, unit_kinds__isnull=True)
        ]
    else:
        recipients = [reviewer.short_name]
    return {
        "reviewer": reviewer,
        "symbol": f"{TYPE_CODE}-{unit.abbreviation}",
        "place": source.place,
        "subject": f"Kết quả thực hiện Kế hoạch số {plan.number_symbol} {period_words(period)}",
        "recipients": "\n".join(recipients),
        "archive": source.archive or "VP",
        "signer_on_behalf": source.signer_on_behalf,
        "signer_title": source.signer_title if own else "",
        "signer_name": source.signer_name if own else "",
    }


@transaction.atomic
def report_start(*, plan, unit, period, user):
    """The unit's report on `plan` for `period`, created as a draft the first time. Only a
    report the unit owes can be started."""
    if not can_write(user, unit):
        raise PermissionDenied
    owed = expected_one(plan, unit, period)
    if owed is not None and owed.report is not None:
        return owed.report
    if owed is None:
        raise ValidationError(
            _("%(unit)s owes no report on plan %(plan)s for %(period)s.")
            % {"unit": unit, "plan": plan.number_symbol, "period": period.label}
        )
    return Report.objects.create(
        plan=plan,
        unit=unit,
        period=str(period),
        created_by=user,
        deadline=owed.deadline,
        **_defaults(plan, unit, period),
    )


EDITABLE_FIELDS = [
    "subject",
    "place",
    "recipients",
    "archive",
    "signer_on_behalf",
    "signer_title",
    "signer_name",
    "results",
    "shortcomings",
    "difficulties",
    "next_tasks",
]


def _editable(report):
    if not report.is_editable:
        raise ValidationError(
            _("This report has been submitted: it can change only if the upper level returns it.")
        )


@transaction.atomic
def report_save(*, report, user, expected_version, **fields):
    """Save the report's text and header; refused when someone saved it since `expected_version`
    or when it is no longer a draft."""
    if not can_write(user, report.unit):
        raise PermissionDenied
    current = Report.objects.select_for_update().get(pk=report.pk)
    _editable(current)
    if current.version != expected_version:
        raise ValidationError(
            _(
                "Someone saved this report after you opened it. Your changes have not been "
                "saved: reload the page, then make them again."
            )
        )
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    current._history_user = user
    current.save()
    return current


@transaction.atomic
def adjustment_set(*, report, indicator, value, reason, user):
    """Record (or change) the unit's own figure for `indicator`, beside the computed one."""
    if not can_write(user, report.unit):
        raise PermissionDenied
    _editable(report)
    known = registry.by_code(registry.indicator_list())
    if indicator not in known or not known[indicator].adjustable:
        raise ValidationError(_("This figure cannot be adjusted."))
    if not reason.strip():
        raise ValidationError(_("Say why the figure is adjusted."))
    adjustment, _created = Adjustment.objects.update_or_create(
        report=report,
        indicator=indicator,
        defaults={"value": value, "reason": reason.strip(), "updated_by": user},
    )
    return adjustment


@transaction.atomic
def adjustment_remove(*, report, indicator, user):
    if not can_write(user, report.unit):
        raise PermissionDenied
    _editable(report)
    Adjustment.objects.filter(report=report, indicator=indicator).delete()


@transaction.atomic
def report_submit(*, report, user, now=None):
    """Freeze every figure and text of the report as a submission and send it up: on time or
    late against the plan's deadline for the unit's level. The first submission takes the
    report's number in the unit's register."""
    if not can_write(user, report.unit):
        raise PermissionDenied
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("plan__issuer", "unit", "reviewer")
        .get(pk=report.pk)
    )
    _editable(report)
    now = now or timezone.now()
    today = timezone.localdate(now)
    report.deadline = report.plan.deadline_for(report.period_obj, report.unit)
    if report.number is None:
        report.number = number_take(
            unit=report.unit, year=today.year, symbol=report.symbol, subject=report.subject
        )
    late = today > report.deadline
    number = report.submissions.count() + 1
    report.status = ReportStatus.SUBMITTED
    if report.first_submitted_at is None:
        report.first_submitted_at, report.late = now, late
    report.version += 1
    report._history_user = user
    content = report_content.build(report, frozen_at=now, document_date=today)
    submission = Submission.objects.create(
        report=report,
        number=number,
        submitted_at=now,
        submitted_by=user,
        deadline=report.deadline,
        late=late,
        content=content,
    )
    report.save()
    _log(report, EventAction.SUBMITTED, user, now, submission=submission)
    _announce_submission(report, number)
    return submission


@_in_default_language
def _announce_submission(report, number):
    if number == 1:
        text = _("%(unit)s submitted its report for %(period)s.")
    else:
        text = _("%(unit)s submitted its report for %(period)s again, corrected.")
    notify_users(
        users=_reviewers(report),
        message=text % {"unit": report.unit.short_name, "period": report.period_obj.label},
        url=report.get_absolute_url(),
    )


def _reviewing(report, user):
    if not can_review(user, report):
        raise PermissionDenied
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("plan", "unit")
        .get(pk=report.pk)
    )
    if locked.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned or accepted."))
    return locked


@transaction.atomic
def report_return(*, report, user, comment, now=None):
    """Send a submitted report back to its unit with what to change."""
    if not comment.strip():
        raise ValidationError(_("Say what the unit should change."))
    report = _reviewing(report, user)
    now = now or timezone.now()
    report.status = ReportStatus.RETURNED
    report.version += 1
    report._history_user = user
    report.save()
    _log(report, EventAction.RETURNED, user, now, comment=comment.strip())
    _announce_review(report, user, comment.strip(), returned=True)
    return report


@transaction.atomic
def report_accept(*, report, user, comment="", now=None):
    """Accept a submitted report; the unit's period closes: the records of its subtree dated in
    the data window can no longer change until the period is reopened."""
    report = _reviewing(report, user)
    now = now or timezone.now()
    report.status = ReportStatus.ACCEPTED
    report.accepted_at, report.accepted_by = now, user
    report.lock = period_lock(
        unit=report.unit,
        period=report.period,
        window=report.window,
        user=user,
        reference=f"report:{report.pk}",
        now=now,
    )
    report.version += 1
    report._history_user = user
    report.save()
    _log(report, EventAction.ACCEPTED, user, now, comment=comment.strip())
    _announce_review(report, user, comment.strip(), returned=False)
    return report


@transaction.atomic
def report_reopen(*, report, user, reason, now=None):
    """Reopen the period of an accepted report, saying why: its records may change again and the
    report goes back to its unit, to be corrected and submitted again."""
    if not can_review(user, report):
        raise PermissionDenied
    report = Report.objects.select_for_update(of=("self",)).select_related("lock").get(pk=report.pk)
    if report.status != ReportStatus.ACCEPTED or report.lock is None:
        raise ValidationError(_("Only the period of an accepted report can be reopened."))
    now = now or timezone.now()
    period_reopen(lock=report.lock, user=user, reason=reason, now=now)
    report.status = ReportStatus.RETURNED
    report.lock = None
    report.version += 1
    report._history_user = user
    report.save()
    _log(report, EventAction.REOPENED, user, now, comment=reason.strip())
    _announce_reopening(report, user, reason.strip())
    return report


@_in_default_language
def _announce_review(report, user, comment, *, returned):
    values = {
        "unit": user.unit.short_name if user.unit else user.display_name,
        "period": report.period_obj.label,
        "comment": comment,
    }
    if returned:
        message = _("%(unit)s returned your report for %(period)s: %(comment)s") % values
    elif comment:
        message = _("%(unit)s accepted your report for %(period)s: %(comment)s") % values
    else:
        message = _("%(unit)s accepted your report for %(period)s.") % values
    notify_users(
        users=_officers([report.unit_id]),
        message=message[:500],
        url=report.get_absolute_url(),
        email_subject=_("Report returned for changes") if returned else None,
    )


@_in_default_language
def _announce_reopening(report, user, reason):
    message = _(
        "%(unit)s reopened the period of your report for %(period)s: %(reason)s. Correct the "
        "records and submit the report again."
    ) % {
        "unit": user.unit.short_name if user.unit else user.display_name,
        "period": report.period_obj.label,
        "reason": reason,
    }
    notify_users(
        users=_officers([report.unit_id]),
        message=message[:500],
        url=report.get_absolute_url(),
        email_subject=_("Report period reopened"),
    )


# --- reminders ----------------------------------------------------------------------------


@transaction.atomic
def reminders_send(*, today=None, now=None):
    """Remind the officers of every unit whose report is due within REMIND_BEFORE_DAYS, or
    overdue, in Lan Tỏa and by e-mail: once before and once after each deadline, however often
    this runs (the log's unique key). Returns the reminders sent."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    due = reminders_due(today, before_days=REMIND_BEFORE_DAYS, after_days=REMIND_AFTER_DAYS)
    sent = set(
        ReminderLog.objects.filter(
            plan__in={item.plan.pk for item, _kind in due},
            period__in={str(item.period) for item, _kind in due},
        ).values_list("plan_id", "unit_id", "period", "kind")
    )
    logs = []
    for item, kind in due:
        if (*item.key, kind) in sent:
            continue
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(
                    plan=item.plan, unit=item.unit, period=str(item.period), kind=kind, sent_at=now
                )
        except IntegrityError:  # another run got there first
            continue
        log.recipients = _remind(item, kind)
        log.save(update_fields=["recipients"])
        logs.append(log)
    return logs


@_in_default_language
def _remind(item, kind):
    values = {
        "unit": item.unit.short_name,
        "period": item.period.label,
        "plan": item.plan.number_symbol,
        "deadline": short_date(item.deadline),
    }
    if kind == ReminderKind.BEFORE:
        subject = _("Report due soon")
        message = _(
            "The report of %(unit)s for %(period)s on plan %(plan)s is due on %(deadline)s."
        )
    else:
        subject = _("Report overdue")
        message = _(
            "%(unit)s has not sent its report for %(period)s on plan %(plan)s, due on %(deadline)s."
        )
    url = reverse(
        "report_start",
        kwargs={"plan": item.plan.pk, "unit": item.unit.pk, "period": str(item.period)},
    )
    notified = notify_users(
        users=_officers([item.unit.pk]),
        message=(message % values)[:500],
        url=url,
        email_subject=subject,
    )
    return len(notified)
