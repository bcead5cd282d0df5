"""What every event service checks first: the actor's right on the event (`selectors.require_event`, the
same check as the pages') and the event's stage in its lifecycle."""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from doanket.accounts.models import User
from doanket.people.models import Person
from doanket.people.selectors import people_visible

from ..models import AFTER_HELD, BEFORE_CLOSE, BEFORE_HELD, Event

__all__ = ["AFTER_HELD", "BEFORE_CLOSE", "BEFORE_HELD", "require_open_plan", "require_person_seen", "require_status"]


def require_person_seen(actor: User | None, person: Person) -> None:
    """A guest, speaker or invitee picked by hand must be someone the actor sees in the people directory
    (the pages offer only those): anyone else is refused with a 403, as a forged form deserves."""
    if actor is not None and not people_visible(actor).filter(pk=person.pk).exists():
        raise PermissionDenied


def require_status(event: Event, allowed: Collection[str], message: str | None = None) -> None:
    if event.status not in allowed:
        raise ValidationError(message or _("Không thể thực hiện khi sự kiện ở trạng thái “%(status)s”.")
                              % {"status": event.get_status_display()})


def require_open_plan(event: Event) -> None:
    require_status(event, BEFORE_CLOSE, _("Sự kiện đã kết thúc và báo cáo; hãy mở lại (về “Đã tổ chức”) để sửa."))
