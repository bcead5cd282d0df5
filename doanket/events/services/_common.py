"""What every event service checks first: the actor's right on the organiser's subtree and the
event's stage in its lifecycle."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from doanket.accounts.selectors import user_reach
from doanket.events.permissions import EventPerm

from ..models import Event, EventStatus

# Stages in which the plan (programme, guests, speakers, audience) may still change.
BEFORE_CLOSE = (EventStatus.DRAFT, EventStatus.PLANNED, EventStatus.OPEN, EventStatus.HELD)
BEFORE_HELD = (EventStatus.DRAFT, EventStatus.PLANNED, EventStatus.OPEN)
AFTER_HELD = (EventStatus.HELD, EventStatus.REPORTED)


def require_manage(actor: Any, event: Event) -> None:
    """EVENT_MANAGE on the organiser's subtree. `actor=None` is the system (demo loader, scripts).
    The views have already answered 404 for events the actor cannot see."""
    if actor is not None and not user_reach(actor, EventPerm.MANAGE).covers(event.organiser.path):
        raise PermissionDenied


def require_status(event: Event, allowed: Collection[str], message: str | None = None) -> None:
    if event.status not in allowed:
        raise ValidationError(message or _("Không thể thực hiện khi sự kiện ở trạng thái “%(status)s”.")
                              % {"status": event.get_status_display()})


def require_open_plan(event: Event) -> None:
    require_status(event, BEFORE_CLOSE, _("Sự kiện đã kết thúc và báo cáo; hãy mở lại (về “Đã tổ chức”) để sửa."))
