from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Citizen, Poll


@admin.register(Poll)
class PollAdmin(SimpleHistoryAdmin):
    list_display = ["title", "unit", "status", "opens_at", "closes_at"]
    raw_id_fields = ["unit", "area", "created_by"]


@admin.register(Citizen)
class CitizenAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "confirmed_at"]
    search_fields = ["email"]
