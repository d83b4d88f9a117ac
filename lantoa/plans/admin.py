from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActivityLine, Deployment, Plan, PlanVersion, Recipient, Target, Task


class ActivityLineInline(admin.StackedInline):
    model = ActivityLine
    extra = 0
    fields = ["order", "kind", "text"]


class TaskInline(admin.StackedInline):
    model = Task
    extra = 0
    filter_horizontal = ["unit_kinds", "units"]


class RecipientInline(admin.TabularInline):
    model = Recipient
    extra = 0
    autocomplete_fields = ["unit"]


class VersionInline(admin.TabularInline):
    model = PlanVersion
    extra = 0
    fields = ["number", "created_at", "created_by", "change_note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["number_symbol", "subject", "issuer", "year", "date", "status"]
    list_filter = ["status", "year"]
    search_fields = ["search_text"]
    autocomplete_fields = ["issuer", "parent"]
    readonly_fields = ["status", "number", "date", "issued_at", "issued_by"]
    inlines = [ActivityLineInline, TaskInline, RecipientInline, VersionInline]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["line", "quantity", "per", "unit_kind", "unit"]
    autocomplete_fields = ["unit"]


@admin.register(Deployment)
class DeploymentAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "unit", "received_at", "acknowledged_at", "subplan"]
    list_filter = ["acknowledged_at"]
    search_fields = ["unit__search_text", "plan__search_text"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["plan", "subplan", "acknowledged_by"]
