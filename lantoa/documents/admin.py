from django.contrib import admin

from .models import DocumentTemplate, OutgoingNumber


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "uploaded_by", "uploaded_at", "is_active"]
    readonly_fields = ["uploaded_by", "uploaded_at"]


@admin.register(OutgoingNumber)
class OutgoingNumberAdmin(admin.ModelAdmin):
    list_display = ["number", "symbol", "year", "unit", "subject", "taken_at"]
    list_filter = ["year"]
    search_fields = ["symbol", "subject", "unit__search_text"]
    autocomplete_fields = ["unit"]
