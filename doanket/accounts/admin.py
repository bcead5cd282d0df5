from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    raw_id_fields = ["unit"]
    extra = 1


@admin.register(User)
class DoanKetUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Đoàn Kết", {"fields": ("unit", "full_name")}))
    raw_id_fields = ["unit"]
    inlines = [RoleGrantInline]
    list_display = ["username", "full_name", "unit", "is_active", "is_superuser"]
