from __future__ import annotations

from doanket.core.permissions import Permission


class MovementPerm(Permission):
    VIEW = "movement.view"
    MANAGE = "movement.manage"  # launch campaigns, set indicators and targets, roll out, decide titles
    REPORT = "movement.report"  # record an area's results and activities; registrations and meetings
