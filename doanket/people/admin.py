from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Assignment, Person, Position


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "body", "rank"]
    exclude = ["sort_key"]

    def save_model(self, request, obj, form, change):
        obj.refresh_derived()
        super().save_model(request, obj, form, change)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "unit", "birth_year"]
    search_fields = ["search_text"]
    raw_id_fields = ["unit"]
    exclude = ["search_text", "sort_key"]

    def save_model(self, request, obj, form, change):
        obj.refresh_derived()
        super().save_model(request, obj, form, change)


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "position", "unit", "start_date", "end_date"]
    raw_id_fields = ["person", "unit", "branch"]
