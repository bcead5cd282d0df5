"""Roles, and the base of every domain's permission enum.

A role is granted on a unit and reaches that unit's subtree. Each domain declares its own permissions
as a `Permission` enum in its `permissions.py` and says which roles hold them by default in its
`domain.py`; `doanket.core.domains.role_perms()` assembles the table.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị đơn vị")
    STANDING = "standing", _("Ban Thường trực")
    EDITOR = "editor", _("Biên tập viên")
    DATA_ENTRY = "data_entry", _("Cán bộ nhập liệu")
    VIEWER = "viewer", _("Xem")


class Permission(StrEnum):
    """Base of the domains' permission enums (values "<domain>.<verb>", unique across the project).
    The administrator role holds every permission of every domain."""
