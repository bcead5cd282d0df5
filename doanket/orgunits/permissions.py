from __future__ import annotations

from doanket.core.permissions import Permission


class UnitPerm(Permission):
    VIEW = "unit.view"
    MANAGE = "unit.manage"
