from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, Evidence, ImportJob, MediaOutlet


@admin.register(MediaOutlet)
class MediaOutletAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "rank", "is_active"]
    list_editable = ["rank", "is_active"]
    search_fields = ["name", "code"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fk_name = "activity"
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at", "removed_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "unit", "title", "participants", "items", "deleted_at"]
    list_filter = ["kind", "place_kind"]
    search_fields = ["search_text", "unit__code"]
    date_hierarchy = "date"
    autocomplete_fields = ["unit", "place"]
    readonly_fields = ["items", "version", "created_by", "updated_by", "deleted_at", "import_job"]
    inlines = [EvidenceInline]

    def get_queryset(self, request):
        return Activity.all_objects.select_related("unit")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "original_name",
        "created_by",
        "status",
        "total_rows",
        "created_count",
    ]
    list_filter = ["status"]
    readonly_fields = [field.name for field in ImportJob._meta.fields]
