from __future__ import annotations

from doanket.core.permissions import Permission


class EventPerm(Permission):
    VIEW = "event.view"
    MANAGE = "event.manage"  # plan, invite, move through the lifecycle, conclude
    CHECKIN = "event.checkin"  # record attendance on the day
