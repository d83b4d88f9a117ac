"""Writes of the activity log: one activity with its history and version check, its evidence,
activities in bulk (imports, demo data), and re-stamping after the tree changed.

Every write of one activity or its evidence first asks the core whether the period it falls in
is closed (`periods.locks`): a record dated inside a period whose report was accepted is refused
with `PeriodLocked` (a ValidationError) until the upper level reopens the period."""

import contextlib
import functools
import itertools
import operator
import os
import re
import threading

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantoa.periods.locks import LockIndex, PeriodLocked, check_open
from lantoa.sql import batched
from lantoa.units.selectors import TreeHistory

from . import evidence as evidence_checks
from . import importer, rollup
from .models import LEVEL_FIELDS, Activity, ActivityDraft, Evidence, ImportJob, derive, stamp_levels

BULK_BATCH = 2000


class StaleEdit(Exception):
    """Someone saved the activity after the user opened it: their save must not be overwritten."""

    def __init__(self, current):
        super().__init__("stale version")
        self.current = current

    @property
    def message(self):
        current = self.current
        who = current.updated_by.display_name if current.updated_by else _("someone")
        local = timezone.localtime(current.updated_at)
        return _(
            "%(user)s saved this activity at %(time)s, after you opened it. Your changes have not "
            "been saved: check what is saved now, then save again to keep yours."
        ) % {"user": who, "time": f"{local:%H:%M %d/%m/%Y}"}


def _touch(activity, user):
    activity.updated_by = user
    activity.updated_at = timezone.now()
    activity._history_user = user


def _check_new_place(activity):
    """The period the activity will count in (its unit's chain on its date) must be open."""
    check_open(activity.unit.ancestors(on=activity.date), activity.date)


def _check_stored_place(activity):
    """The period the activity counts in as stored (its ancestor columns) must be open."""
    check_open(activity.levels, activity.date)


@transaction.atomic
def activity_create(*, activity, user, uploads=()):
    """Save a new activity (unit, kind and fields already set and validated) and its evidence."""
    _check_new_place(activity)
    _touch(activity, user)
    activity.created_by, activity.created_at = user, activity.updated_at
    activity.save()
    for upload in uploads:
        evidence_add(activity=activity, upload=upload, user=user)
    return activity


@transaction.atomic
def activity_update(*, activity, user, expected_version, uploads=()):
    """Save changes made from version `expected_version`; StaleEdit if another save came first."""
    current = (
        Activity.all_objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .get(pk=activity.pk)
    )
    if current.version != expected_version:
        raise StaleEdit(current)
    # Both where it counted and where it will count: moving a record out of a closed period
    # changes that period's figures as much as editing it there.
    _check_stored_place(current)
    _check_new_place(activity)
    _keep_imported_state(current)
    _touch(activity, user)
    activity.version = current.version + 1
    activity.save()
    for upload in uploads:
        evidence_add(activity=activity, upload=upload, user=user)
    return activity


def _keep_imported_state(current):
    # Imported rows have no history row (see ImportJob); write their state as imported before
    # the first change, so that the history still shows what came in.
    if not current.history.exists():
        Activity.history.bulk_history_create(
            [current], default_user=current.created_by, default_date=current.created_at
        )


@transaction.atomic
def activity_delete(*, activity, user):
    """Soft delete: the row stays, with who deleted it and when, and can be restored."""
    _check_stored_place(activity)
    _keep_imported_state(activity)
    activity.deleted_at, activity.deleted_by = timezone.now(), user
    _touch(activity, user)
    activity.version += 1
    activity.save()
    return activity


@transaction.atomic
def activity_restore(*, activity, user):
    _check_stored_place(activity)
    activity.deleted_at, activity.deleted_by = None, None
    _touch(activity, user)
    activity.version += 1
    activity.save()
    return activity


def evidence_add(*, activity, upload, user):
    """Store a checked upload (evidence.check_upload) under MEDIA_ROOT, with a thumbnail."""
    _check_stored_place(activity)
    item = Evidence(
        activity=activity,
        content_type=upload.content_type,
        original_name=upload.name[:255],
        size=upload.size,
        uploaded_by=user,
    )
    item.file.save(f"evidence{item.extension}", upload.file, save=False)
    if upload.is_image:
        stem = os.path.splitext(os.path.basename(item.file.name))[0]
        item.thumbnail.save(
            f"evidence/thumbnails/{stem}.jpg", evidence_checks.thumbnail(upload.file), save=False
        )
    item.save()
    return item


def evidence_remove(*, item, user):
    _check_stored_place(item.activity)
    item.removed_at, item.removed_by = timezone.now(), user
    item.save(update_fields=["removed_at", "removed_by"])
    return item


def evidence_restore(*, item):
    _check_stored_place(item.activity)
    item.removed_at, item.removed_by = None, None
    item.save(update_fields=["removed_at", "removed_by"])
    return item


def activities_bulk_create(activities, *, history=None, batch_size=BULK_BATCH):
    """Insert many new activities (ActivityDraft objects) at once.

    Derived fields and ancestor columns are filled in memory; `history` is a TreeHistory to
    reuse (one query to build). Places and outlets must be set as objects with their ids. No
    history rows are written: the caller records the batch (ImportJob).
    """
    history = history or TreeHistory()
    for activity in activities:
        _complete(activity, history)
    return _insert_complete(activities, batch_size=batch_size)


def _insert_complete(activities, *, batch_size=BULK_BATCH):
    """Insert drafts whose derived fields and ancestor columns are set, and add them into the
    rollup (one upsert for them all: the rows of one rollup key are spread over the batches)."""
    iterator = iter(activities)
    created = 0
    with transaction.atomic():
        while batch := list(itertools.islice(iterator, batch_size)):
            _insert(batch)
            created += len(batch)
        rollup.apply(rollup.deltas_of(activities))
    return created


def _complete(activity, history):
    derive(activity, keep_fingerprint=bool(activity.fingerprint))
    stamp_levels(activity, history.path(activity.unit_id, activity.date))


# Django's column types, as psycopg names them for a binary COPY.
_PG_TYPE_NAMES = {"timestamp": "timestamptz", "integer": "int4", "bigint": "int8"}


def _columns():
    fields = [field for field in Activity._meta.concrete_fields if not field.primary_key]
    table = connection.ops.quote_name(Activity._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    return fields, table, columns, operator.attrgetter(*(field.attname for field in fields))


@contextlib.contextmanager
def _pg_copy():
    """A function that sends one activity to PostgreSQL's binary COPY, until the block ends.

    Binary: no text formatting of values on this side, no parsing on the server's.
    """
    fields, table, columns, values = _columns()
    types = [re.split(r"[ (]", field.db_type(connection), maxsplit=1)[0] for field in fields]
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)") as copy,
    ):
        copy.set_types([_PG_TYPE_NAMES.get(name, name) for name in types])
        yield lambda activity: copy.write_row(values(activity))


def _insert(activities):
    """INSERT without the ORM's per-value preparation, which costs more than the database does.

    Django's bulk_create prepares each of the ~40 values of each row through the field API and,
    on SQLite, splits a batch into statements of 999 parameters (25 rows); here one prepared
    statement runs over the whole batch (SQLite), or the rows are streamed with COPY (PostgreSQL).
    Values need no conversion but dates and times, which SQLite stores as text.
    """
    if connection.vendor == "postgresql":
        with _pg_copy() as send:
            for activity in activities:
                send(activity)
        return
    fields, table, columns, values = _columns()
    converters = {}
    for index, field in enumerate(fields):
        internal = field.get_internal_type()
        if internal == "DateField":
            converters[index] = connection.ops.adapt_datefield_value
        elif internal == "DateTimeField":
            converters[index] = functools.lru_cache(maxsize=64)(
                connection.ops.adapt_datetimefield_value
            )

    def row(activity):
        data = list(values(activity))
        for index, convert in converters.items():
            if data[index] is not None:
                data[index] = convert(data[index])
        return data

    placeholders = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",
            [row(activity) for activity in activities],
        )


@transaction.atomic
def activities_restamp(*, unit_ids, since):
    """Re-stamp the ancestor columns of the units' activities dated on or after `since`.

    A unit's path is the same over runs of dates between two changes of the tree, so the rows
    are updated by (unit, run of dates): a handful of UPDATEs per unit, deleted rows included.
    Refused with PeriodLocked when a live record would move in or out of a closed period of a
    unit above the moved ones: the accepted report's figures must not change.
    """
    unit_ids = list(unit_ids)
    if not unit_ids:
        return
    history = TreeHistory()
    pairs = (
        Activity.all_objects.filter(unit_id__in=unit_ids, date__gte=since)
        .values_list("unit_id", "date")
        .distinct()
        .order_by("unit_id", "date")
    )
    _check_moves_open(unit_ids, since, history)
    probe = ActivityDraft()
    moved = f"unit_id IN ({', '.join(['%s'] * len(unit_ids))}) AND date >= %s"
    params = [*unit_ids, connection.ops.adapt_datefield_value(since)]
    before = rollup.grouped(moved, params)
    for unit_id, rows in itertools.groupby(pairs, key=lambda pair: pair[0]):
        runs = []
        for _unit, day in rows:
            path = history.path(unit_id, day)
            if runs and runs[-1][2] == path:
                runs[-1][1] = day
            else:
                runs.append([day, day, path])
        for first, last, path in runs:
            probe.unit, probe.date = unit_id, first
            stamp_levels(probe, path)
            Activity.all_objects.filter(unit_id=unit_id, date__gte=first, date__lte=last).update(
                **{name: getattr(probe, name) for name in LEVEL_FIELDS}
            )
    rollup.apply(rollup.difference(before, rollup.grouped(moved, params)))


def _check_moves_open(unit_ids, since, history):
    locks = LockIndex()
    if not locks:
        return
    moved = set(unit_ids)
    stored = (
        Activity.objects.filter(unit_id__in=unit_ids, date__gte=since)
        .order_by()
        .values_list("unit_id", "date", *LEVEL_FIELDS)
        .distinct()
    )
    for unit_id, day, *levels in stored:
        path = history.path(unit_id, day)
        if tuple(levels) == (*path, *[None] * (len(levels) - len(path))):
            continue
        above = {level for level in (*levels, *path) if level is not None} - moved
        lock = locks.covering(above, day)
        if lock is not None:
            raise PeriodLocked(lock, day)


PROGRESS_EVERY = 5000


def activities_import(*, path, user, job=None, name=""):
    """Import the activities of an XLSX or CSV file at `path`, all or nothing.

    Returns the ImportJob (created unless given): DONE with `created_count`, or FAILED with every
    row's errors and nothing saved. The job's progress is saved as rows are checked. On SQLite
    the rows are checked, then inserted in one transaction; on PostgreSQL each checked row is sent
    (COPY) while the next ones are checked, in a transaction rolled back at the first wrong row.
    Callable directly (benchmarks, commands).
    """
    if job is None:
        job = ImportJob.objects.create(
            created_by=user,
            original_name=name or os.path.basename(path),
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    with translation.override(job.language):
        try:
            _import_file(job, path, user)
        except importer.FileError as error:
            _finish(job, ImportJob.Status.FAILED, errors=[[0, "", str(error)]], error_count=1)
    return job


def _import_file(job, path, user):
    reader = importer.open_rows(path)
    rows = importer.RowImporter(user, today=timezone.localdate())
    rows.serial_to_date = reader.serial_to_date
    job.status, job.total_rows = ImportJob.Status.READING, reader.estimated_rows
    job.save(update_fields=["status", "total_rows", "updated_at"])
    if connection.vendor == "postgresql":
        _import_streaming(job, reader, rows, user)
    else:
        _import_in_two_passes(job, reader, rows, user)


# Rows are checked a window at a time: what a window names (units, their places in the tree, the
# plans they received) is read in a few queries before its rows are checked.
WINDOW_ROWS = 20_000


def _windows(reader, rows):
    """The file's activity rows under its header, in lists of WINDOW_ROWS (number, values); `rows`
    (the RowImporter) takes the header first."""
    return batched(_rows_under_header(reader, rows), WINDOW_ROWS)


def _rows_under_header(reader, rows):
    header_found = False
    empty = True
    for number, values in reader.rows():
        if not header_found:
            header_found = rows.take_header(values)
            if not header_found and number >= importer.HEADER_SEARCH_ROWS:
                raise rows.missing_header_error()
            continue
        empty = False
        yield number, values
    if not header_found:
        raise rows.missing_header_error()
    if empty:
        raise importer.FileError(_("The file has no activity rows under its header."))


def _stamp_batch(activity, job, user, now):
    activity.import_job_id = job.pk
    activity.created_by_id = activity.updated_by_id = user.pk
    activity.created_at = activity.updated_at = now


def _import_in_two_passes(job, reader, rows, user):
    """SQLite: check every row (progress saved as it goes), then insert them all at once.

    One writer at a time: the write lock is taken only for the insert.
    """
    count = 0
    for window in _windows(reader, rows):
        rows.prepare(window)
        for number, values in window:
            rows.add_row(number, values)
            count += 1
            if count % PROGRESS_EVERY == 0:
                ImportJob.objects.filter(pk=job.pk).update(
                    processed_rows=count, total_rows=max(count, reader.estimated_rows)
                )
    job.total_rows = job.processed_rows = count
    if rows.error_count:
        _finish(job, ImportJob.Status.FAILED, errors=rows.errors, error_count=rows.error_count)
        return
    job.status = ImportJob.Status.SAVING
    job.save(update_fields=["status", "total_rows", "processed_rows", "updated_at"])
    now = timezone.now()
    try:
        with transaction.atomic():
            # No other writer until the commit: the rows inserted now get the ids above it.
            before_first = Activity.all_objects.aggregate(last=Max("id"))["last"] or 0
            for activity in rows.activities:
                _stamp_batch(activity, job, user, now)
            # The importer has completed the drafts (derived fields, ancestor columns). In date
            # order, four of the indexes take them page after page: 10% less time inserting.
            by_date = sorted(rows.activities, key=operator.attrgetter("date"))
            for batch in batched(by_date, BULK_BATCH):
                _insert(batch)
            if rows.mark_inserted_duplicates(job=job, after_id=before_first):
                raise _Refused
            rollup.add_rows("id > %s AND import_job_id = %s", [before_first, job.pk])
            job.created_count = len(rows.activities)
            _finish(job, ImportJob.Status.DONE)
    except _Refused:
        _finish(job, ImportJob.Status.FAILED, errors=rows.errors, error_count=rows.error_count)


def _import_streaming(job, reader, rows, user):
    """PostgreSQL: each checked row goes to the server (COPY) while the next ones are checked.

    The server maintains the indexes on its own core meanwhile. All in one transaction, rolled
    back if any row is wrong; the progress is saved through a second connection, outside it.
    """
    now = timezone.now()
    count = sent = 0
    # The header and the first window are read before the COPY starts: what they name comes
    # from the database, which a connection busy with a COPY cannot answer.
    windows = _windows(reader, rows)
    window = next(windows)
    rows.prepare(window)
    try:
        with _side_connection() as side, transaction.atomic():
            before_first = _draw_activity_id()
            while window:
                with _pg_copy() as send:
                    for number, values in window:
                        rows.add_row(number, values)
                        count += 1
                        if not rows.error_count:
                            for activity in rows.activities[sent:]:
                                _stamp_batch(activity, job, user, now)
                                send(activity)
                            sent = len(rows.activities)
                        if count % PROGRESS_EVERY == 0:
                            _save_progress(side, job, count, max(count, reader.estimated_rows))
                    # The next rows are read from the file while the server indexes these.
                    window = next(windows, None)
                if window:
                    rows.prepare(window)
            if rows.error_count:
                raise _Refused
            if rows.mark_inserted_duplicates(job=job, after_id=before_first):
                raise _Refused
            # The rows are in the table: the server sums them straight into the rollup.
            rollup.add_rows("id > %s AND import_job_id = %s", [before_first, job.pk])
            job.total_rows = job.processed_rows = count
            job.created_count = sent
            _finish(job, ImportJob.Status.DONE)
    except _Refused:
        job.total_rows = job.processed_rows = count
        _finish(job, ImportJob.Status.FAILED, errors=rows.errors, error_count=rows.error_count)


def _draw_activity_id():
    """Draw an id from the activity table's sequence (PostgreSQL): the rows inserted afterwards
    get larger ones, so that an import finds its rows by a range of the primary key."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Activity._meta.db_table]
        )
        return cursor.fetchone()[0]


@contextlib.contextmanager
def _side_connection():
    """A second connection to the same database, committing at once (progress of a job)."""
    main = connections[DEFAULT_DB_ALIAS]
    side = type(main)(main.settings_dict, alias=main.alias)
    try:
        yield side
    finally:
        side.close()


def _save_progress(side, job, done, total):
    table = connection.ops.quote_name(ImportJob._meta.db_table)
    with side.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET processed_rows = %s, total_rows = %s, updated_at = %s "
            "WHERE id = %s",
            [done, total, timezone.now(), job.pk],
        )


class _Refused(Exception):
    """A row is wrong or already logged: roll the import back."""


def _finish(job, status, *, errors=(), error_count=0):
    job.status = status
    job.errors = [list(error) for error in errors]
    job.error_count = error_count
    job.finished_at = timezone.now()
    job.save()


def run_import_job(job_id):
    """Run a stored import job; the target of the background thread of large uploads."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    try:
        activities_import(path=job.file.path, user=job.created_by, job=job)
    except Exception:
        with translation.override(job.language):
            _finish(
                job,
                ImportJob.Status.FAILED,
                errors=[
                    [0, "", _("The import stopped on an unexpected error; nothing was saved.")]
                ],
                error_count=1,
            )
        raise


def start_import_thread(job):
    """Run a large import in the background; the job page polls its progress."""

    def run():
        try:
            run_import_job(job.pk)
        finally:
            # A thread has its own database connection: give it back.
            connection.close()

    threading.Thread(target=run, name=f"activity-import-{job.pk}", daemon=True).start()
