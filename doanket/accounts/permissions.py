"""Roles and what they allow. A role is granted on a unit and reaches that unit's subtree."""

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


class Perm(StrEnum):
    UNIT_VIEW = "unit.view"
    UNIT_MANAGE = "unit.manage"
    PERSON_VIEW = "person.view"
    PERSON_MANAGE = "person.manage"
    PERSON_VIEW_PRIVATE = "person.view_private"  # unmasked phone and ID number
    DATA_IMPORT = "data.import"
    DATA_EXPORT = "data.export"
    HISTORY_VIEW = "history.view"
    CATALOGUE_MANAGE = "catalogue.manage"  # the shared catalogue of positions
    USER_MANAGE = "user.manage"  # accounts and role grants of the subtree


_READ = {Perm.UNIT_VIEW, Perm.PERSON_VIEW}

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.ADMIN: frozenset(Perm),
    Role.STANDING: frozenset(_READ | {Perm.PERSON_VIEW_PRIVATE, Perm.DATA_EXPORT, Perm.HISTORY_VIEW, Perm.UNIT_MANAGE,
                                      Perm.PERSON_MANAGE}),
    Role.DATA_ENTRY: frozenset(_READ | {Perm.UNIT_MANAGE, Perm.PERSON_MANAGE, Perm.DATA_IMPORT, Perm.DATA_EXPORT,
                                        Perm.HISTORY_VIEW}),
    Role.EDITOR: frozenset(_READ),
    Role.VIEWER: frozenset(_READ),
}


def roles_with(perm: Perm) -> list[str]:
    return [role for role, perms in ROLE_PERMS.items() if perm in perms]
