from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Headcount, Place, Unit, UnitKind, UnitLink


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "abbreviation", "rank"]
    list_editable = ["rank"]


class UnitLinkInline(admin.TabularInline):
    model = UnitLink
    fk_name = "unit"
    extra = 0
    autocomplete_fields = ["parent"]


class HeadcountInline(admin.TabularInline):
    model = Headcount
    extra = 0


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "kind", "code", "opened_on", "closed_on"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code", "search_text"]
    inlines = [UnitLinkInline, HeadcountInline]


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "unit", "industrial_park", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "search_text"]
    autocomplete_fields = ["unit", "industrial_park"]
