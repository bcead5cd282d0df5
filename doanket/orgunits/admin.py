"""Operators' admin (superusers only): raw access for repairs, not the product's interface."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Branch, LineageLink, MemberOrganisation, OrgUnit, UnitType


@admin.register(OrgUnit)
class OrgUnitAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(OrgUnit, exclude=["sort_key", "search_text"])
    list_display = ["name", "code", "unit_type", "valid_from", "valid_to"]
    search_fields = ["name", "code", "search_text"]
    list_filter = ["unit_type"]


@admin.register(LineageLink)
class LineageLinkAdmin(SimpleHistoryAdmin):
    list_display = ["predecessor", "kind", "successor", "effective_date"]
    raw_id_fields = ["predecessor", "successor"]


admin.site.register(UnitType)
admin.site.register(MemberOrganisation)


@admin.register(Branch)
class BranchAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "unit"]
    raw_id_fields = ["unit"]
