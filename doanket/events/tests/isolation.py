"""Events' part of tests/test_isolation.py: an event of the ward with one of each of its parts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from doanket.events import services
from doanket.events.models import EventType, Material
from doanket.people.models import Person, Position

# The invitee's pages take a personal code, and the code is the credential: whoever holds it may open
# the page, whichever ward they belong to (what it shows is tested in doanket/events/tests). So the
# isolation rule for a code is that an unknown one answers 404 and shows nothing.
UNKNOWN_CODE = "KHONGCOMA234"

ROUTE_WORDS = {"su-kien": "event", "doi-tuong": "rule", "thu-moi": "invitation", "khach-moi": "guest",
               "bao-cao-vien": "speaker", "chuong-trinh": "item", "tai-lieu": "material", "loi-moi": "code"}


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    return foreign_event_records(scope.person)


def may_404(route: str, user_reach) -> bool:
    """A certificate PDF of an event where nobody was present has nothing to show; the planted material
    has no file on disk."""
    return route.endswith("chung-nhan.pdf") or route.startswith("quan-ly/su-kien/tai-lieu/")


def foreign_event_records(person: Person) -> dict[str, int | str]:
    """An event of the person's ward with one of each of its parts; the ids by route word's kind."""
    ward = person.unit
    tz = timezone.get_default_timezone()
    start = dt.datetime(2022, 9, 20, 14, 0, tzinfo=tz)
    event = services.event_create(actor=None, title=f"Hội nghị của {ward.name}",
                                  event_type=EventType.objects.get(code="hoi-nghi"), organiser=ward, starts_at=start,
                                  ends_at=start + dt.timedelta(hours=3))
    invitation = services.invitation_add(actor=None, event=event, person=person)
    rule = services.rule_add(actor=None, event=event, root=ward, positions=Position.objects.filter(
        assignments__person=person).distinct())
    speaker = services.speaker_add(actor=None, event=event, person=person)
    material = Material.objects.create(event=event, file="events/materials/khong-co.pdf", original_name="x.pdf",
                                       kind="pdf", size=1)
    return {
        "event": event.pk, "invitation": invitation.pk, "rule": rule.pk, "speaker": speaker.pk,
        "guest": services.guest_add(actor=None, event=event, person=person).pk,
        "item": services.programme_item_add(actor=None, event=event, title="Chủ đề", speaker=speaker).pk,
        "material": material.pk, "code": UNKNOWN_CODE,
    }
