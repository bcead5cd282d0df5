from __future__ import annotations

from doanket.core.permissions import Permission


class SupervisionPerm(Permission):
    VIEW = "supervision.view"
    MANAGE = "supervision.manage"  # plans, activities, teams, the lifecycle, recommendations, escalation
    TRACK = "supervision.track"  # record answers and implementation progress of recommendations
