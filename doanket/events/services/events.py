"""The event itself, its lifecycle, its programme, guests of honour, speakers and conclusions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from doanket.accounts.models import User
from doanket.accounts.selectors import user_reach
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.events.permissions import EventPerm
from doanket.orgunits.models import OrgUnit
from doanket.people.models import Person

from ..labels import event_day, level_word, person_label_on, speaker_affiliation, unit_phrase
from ..models import Event, EventStatus, EventType, Guest, ProgrammeItem, Speaker
from ..selectors import require_event
from ._common import require_open_plan, require_person_seen, require_status

EVENT_FIELDS = ("title", "event_type", "organiser", "organiser_label", "starts_at", "ends_at", "venue",
                "audience_label", "description")

# Where an event may go from each stage. Going back one step is allowed to correct a mistake,
# except out of "held" (what happened stays recorded); "reported" reopens to "held" for corrections.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    EventStatus.DRAFT: (EventStatus.PLANNED,),
    EventStatus.PLANNED: (EventStatus.OPEN, EventStatus.DRAFT),
    EventStatus.OPEN: (EventStatus.HELD, EventStatus.PLANNED),
    EventStatus.HELD: (EventStatus.REPORTED,),
    EventStatus.REPORTED: (EventStatus.HELD,),
}


def default_organiser_label(unit: OrgUnit) -> str:
    """"Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân"."""
    if level_word(unit.name):
        return f"Ban Thường trực Ủy ban MTTQ Việt Nam {unit_phrase(unit.name)}"
    return f"Ban Thường trực {unit.name}"


def _check_times(starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    if starts_at is None:
        raise ValidationError({"starts_at": [_("Cần nhập thời gian bắt đầu (dd/mm/yyyy HH:MM).")]})
    if ends_at is None:
        raise ValidationError({"ends_at": [_("Cần nhập thời gian kết thúc (dd/mm/yyyy HH:MM).")]})
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValueError("event times must be timezone-aware")
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": [_("Thời gian kết thúc phải sau thời gian bắt đầu.")]})


def _prepare(event: Event) -> None:
    for name in ("title", "organiser_label", "venue", "audience_label"):
        setattr(event, name, normalize_text(getattr(event, name)))
    if not event.title:
        raise ValidationError({"title": [_("Cần nhập tên sự kiện.")]})
    if not event.organiser_label:
        event.organiser_label = default_organiser_label(event.organiser)
    _check_times(event.starts_at, event.ends_at)


def _check_organiser(actor: User | None, unit: OrgUnit) -> None:
    """The organiser is a choice on the event's form: a unit outside the actor's MANAGE reach is refused
    there, on the field (the event itself does not exist yet, so there is nothing to answer 403 about)."""
    if actor is not None and not user_reach(actor, EventPerm.MANAGE).covers(unit.path):
        raise ValidationError({"organiser": [_("Bạn không có quyền tổ chức sự kiện cho đơn vị này.")]})


@transaction.atomic
def event_create(*, actor: User | None, title: str, event_type: EventType, organiser: OrgUnit, starts_at: dt.datetime,
                 ends_at: dt.datetime, organiser_label: str = "", venue: str = "", audience_label: str = "",
                 description: str = "") -> Event:
    """A new event, in draft."""
    _check_organiser(actor, organiser)
    event = Event(title=title, event_type=event_type, organiser=organiser, organiser_label=organiser_label,
                  starts_at=starts_at, ends_at=ends_at, venue=venue, audience_label=audience_label,
                  description=description)
    _prepare(event)
    return validate_and_save(event, actor)


@transaction.atomic
def event_update(*, actor: User | None, event: Event, **changes: Any) -> Event:
    require_event(actor, event, EventPerm.MANAGE)
    require_open_plan(event)
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "organiser" in changes and changes["organiser"] != event.organiser:
        _check_organiser(actor, changes["organiser"])
    for name, value in changes.items():
        setattr(event, name, value)
    _prepare(event)
    return validate_and_save(event, actor)


@transaction.atomic
def event_transition(*, actor: User | None, event: Event, to: str) -> Event:
    """Move the event to another stage of draft → planned → open → held → reported."""
    require_event(actor, event, EventPerm.MANAGE)
    event = Event.objects.select_for_update().select_related("organiser").get(pk=event.pk)
    if to not in TRANSITIONS.get(event.status, ()):
        raise ValidationError(_("Không thể chuyển sự kiện từ “%(old)s” sang “%(new)s”.") % {
            "old": event.get_status_display(), "new": EventStatus(to).label if to in EventStatus.values else to})
    if to == EventStatus.OPEN and not event.invitations.exists():
        raise ValidationError(_("Chưa có danh sách mời: hãy thêm đối tượng mời và lập danh sách trước khi mở "
                                "đăng ký."))
    if to == EventStatus.HELD and event.status == EventStatus.OPEN and event.starts_at > timezone.now():
        raise ValidationError(_("Sự kiện chưa đến giờ bắt đầu nên chưa thể ghi là đã tổ chức."))
    event.status = to
    return validate_and_save(event, actor, update_fields=["status"])


@transaction.atomic
def event_conclude(*, actor: User | None, event: Event, conclusion: str, concluded_by: Person | None = None,
                   concluded_by_label: str = "") -> Event:
    """The chair's conclusions, after the event. The chair's position is taken from their terms on the
    day (or from the guest list) unless written by hand."""
    require_event(actor, event, EventPerm.MANAGE)
    require_status(event, (EventStatus.HELD,), _("Chỉ ghi kết luận khi sự kiện đã tổ chức và chưa kết thúc."))
    text = (conclusion or "").strip()
    if not text:
        raise ValidationError({"conclusion": [_("Cần nhập nội dung kết luận.")]})
    label = normalize_text(concluded_by_label)
    if concluded_by is not None and not label:
        guest = event.guests.filter(person=concluded_by).first()
        label = guest.position_label if guest else person_label_on(concluded_by, event_day(event.starts_at))
    event.conclusion = text
    event.concluded_by = concluded_by
    event.concluded_by_label = label if concluded_by is not None else ""
    return validate_and_save(event, actor, update_fields=["conclusion", "concluded_by", "concluded_by_label"])


def _next_order(qs: Any) -> int:
    return (qs.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def guest_add(*, actor: User | None, event: Event, person: Person, position_label: str = "") -> Guest:
    """A guest of honour, with the positions they held on the day ("UVTV, Chủ tịch Ủy ban MTTQ Việt Nam
    quận") unless written by hand."""
    require_event(actor, event, EventPerm.MANAGE)
    require_open_plan(event)
    require_person_seen(actor, person)
    label = normalize_text(position_label) or person_label_on(person, event_day(event.starts_at))
    guest = Guest(event=event, person=person, position_label=label, order=_next_order(event.guests))
    return validate_and_save(guest, actor)


@transaction.atomic
def guest_remove(*, actor: User | None, guest: Guest) -> None:
    require_event(actor, guest.event, EventPerm.MANAGE)
    require_open_plan(guest.event)
    as_actor(guest, actor)
    guest.delete()


@transaction.atomic
def speaker_add(*, actor: User | None, event: Event, person: Person | None = None, full_name: str = "", title: str = "",
                affiliation: str = "") -> Speaker:
    """A speaker from the tree (name, title and post on the day — or their former post — filled in) or
    from outside it (written by hand)."""
    require_event(actor, event, EventPerm.MANAGE)
    require_open_plan(event)
    if person is not None:
        require_person_seen(actor, person)
        full_name = full_name or person.full_name
        title = title or person.title
        affiliation = affiliation or speaker_affiliation(person, event_day(event.starts_at))
    speaker = Speaker(event=event, person=person, full_name=normalize_text(full_name), title=normalize_text(title),
                      affiliation=normalize_text(affiliation), order=_next_order(event.speakers))
    if not speaker.full_name:
        raise ValidationError({"full_name": [_("Cần nhập họ và tên báo cáo viên hoặc chọn một người.")]})
    return validate_and_save(speaker, actor)


@transaction.atomic
def speaker_remove(*, actor: User | None, speaker: Speaker) -> None:
    require_event(actor, speaker.event, EventPerm.MANAGE)
    require_open_plan(speaker.event)
    as_actor(speaker, actor)
    speaker.delete()


@transaction.atomic
def programme_item_add(*, actor: User | None, event: Event, title: str, time: dt.time | None = None,
                       speaker: Speaker | None = None, order: int | None = None) -> ProgrammeItem:
    require_event(actor, event, EventPerm.MANAGE)
    require_open_plan(event)
    if speaker is not None and speaker.event_id != event.pk:
        raise ValidationError({"speaker": [_("Báo cáo viên phải thuộc sự kiện này.")]})
    item = ProgrammeItem(event=event, title=normalize_text(title), time=time, speaker=speaker,
                         order=order if order is not None else _next_order(event.programme))
    if not item.title:
        raise ValidationError({"title": [_("Cần nhập nội dung.")]})
    return validate_and_save(item, actor)


@transaction.atomic
def programme_item_remove(*, actor: User | None, item: ProgrammeItem) -> None:
    require_event(actor, item.event, EventPerm.MANAGE)
    require_open_plan(item.event)
    as_actor(item, actor)
    item.delete()

