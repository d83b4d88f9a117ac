from django.contrib import admin

from .models import Holiday, PeriodLock


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["day", "name"]
    date_hierarchy = "day"
    search_fields = ["name"]


@admin.register(PeriodLock)
class PeriodLockAdmin(admin.ModelAdmin):
    """Read only: locks are written by accepting reports and reopened from the report's page,
    where the action is logged."""

    list_display = ["unit", "period", "start", "end", "locked_by", "locked_at", "reopened_at"]
    list_filter = ["period"]
    search_fields = ["unit__name", "unit__code", "reference"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
