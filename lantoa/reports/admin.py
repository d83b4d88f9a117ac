from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Adjustment, ReminderLog, Report, ReportEvent, Submission


class SubmissionInline(admin.TabularInline):
    model = Submission
    extra = 0
    fields = ["number", "submitted_at", "submitted_by", "deadline", "late"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    fields = ["action", "at", "by", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AdjustmentInline(admin.TabularInline):
    model = Adjustment
    extra = 0
    fields = ["indicator", "value", "reason", "updated_by", "updated_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    """Workflow steps happen on the report's page, where they are checked and logged."""

    list_display = ["unit", "period", "plan", "status", "deadline", "late", "first_submitted_at"]
    list_filter = ["status", "period", "late"]
    search_fields = ["unit__name", "unit__code", "subject"]
    inlines = [AdjustmentInline, SubmissionInline, EventInline]
    readonly_fields = [
        "plan",
        "unit",
        "period",
        "reviewer",
        "status",
        "deadline",
        "number",
        "first_submitted_at",
        "late",
        "accepted_at",
        "accepted_by",
        "lock",
        "created_by",
    ]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "plan", "kind", "sent_at", "recipients"]
    list_filter = ["kind", "period"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
