"""What the event pages share: the event page's context, its sections re-rendered after a change,
unit choices, downloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from doanket.accounts.http import AuthedRequest
from doanket.core.downloads import download_response
from doanket.core.permissions import Permission
from doanket.core.views import Success, submit
from doanket.orgunits import selectors as unit_selectors
from doanket.orgunits.models import OrgUnit

from ... import selectors, services
from ...forms import GuestForm, InvitationSearch, MaterialForm, ProgrammeItemForm, SpeakerForm
from ...models import AFTER_HELD, BEFORE_CLOSE, BEFORE_HELD, Event, EventStatus
from ...services.attendance import CHECKIN_STATUSES
from ...services.materials import max_bytes

PAGE_SIZE = 50


def htmx(request: AuthedRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def units(request: AuthedRequest, perm: Permission) -> QuerySet[OrgUnit]:
    return unit_selectors.unit_choices(request.user, perm)


def download(content: bytes, filename: str, mime: str, *, inline: bool = False) -> HttpResponse:
    return download_response(content, filename, mime, inline=inline)  # no-store: names of people


def invitation_url(request: AuthedRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("events_public:invitation_public", args=[code]))


def detail_url(event_id: int, section: str = "") -> str:
    return reverse("events:detail", args=[event_id]) + (f"#{section}" if section else "")


def transitions(event: Event) -> list[tuple[str, str, bool]]:
    """(target, label, backward) of the moves open to the event, the next step first: a move back (a reported
    event reopened) is labelled and styled as one, never as the way forward."""
    order = list(EventStatus.values)
    moves = [(s, str(EventStatus(s).label), order.index(s) < order.index(event.status))
             for s in services.TRANSITIONS[event.status]]
    return sorted(moves, key=lambda m: m[2])


def context(request: AuthedRequest, event: Event, access: selectors.EventAccess, **extra: Any) -> dict[str, Any]:
    """The event page: every section, with empty forms unless `extra` brings the posted one back."""
    speakers = selectors.event_speakers(event)
    result: dict[str, Any] = {
        "event": event,
        "access": access,
        "nav": "events",
        "can_edit": access.manage and event.status in BEFORE_CLOSE,
        "can_invite": access.manage and event.status in BEFORE_HELD,
        "after_held": event.status in AFTER_HELD,
        "checkin_now": access.checkin and event.status in CHECKIN_STATUSES,
        "transitions": transitions(event) if access.manage else [],
        "programme": selectors.event_programme(event),
        "guests": selectors.event_guests(event),
        "speakers": speakers,
        "rules": selectors.event_rules(event) if access.full_view else [],
        "materials": selectors.event_materials(event),
        "counts": selectors.attendance_counts(event, access),
        "search_form": InvitationSearch(),
        "invitations": Paginator(selectors.invitation_list(event, access), PAGE_SIZE).get_page(1),
        "programme_form": ProgrammeItemForm(speakers=speakers),
        "speaker_form": SpeakerForm(),
        "guest_form": GuestForm(),
        "material_form": MaterialForm(),
        "max_mb": max_bytes() // (1024 * 1024),
    }
    result.update(extra)
    return result


def section(request: AuthedRequest, event: Event, access: selectors.EventAccess, name: str,
            **extra: Any) -> HttpResponse:
    """After a change: the section for HTMX, else back to the page at that section (a posted form's
    errors then shown at the top)."""
    if htmx(request):
        return render(request, f"events/sections/_{name}.html", context(request, event, access, **extra))
    for form in extra.values():
        for errors in getattr(form, "errors", {}).values():
            for error in errors:
                messages.error(request, error)
    return redirect(detail_url(event.pk, name))


def part_removed(request: AuthedRequest, event: Event, name: str) -> HttpResponse:
    """The section a part (programme item, guest, speaker, material) was removed from."""
    return section(request, event, selectors.event_access(request.user, event), name)


# The section of each part and the name its form has in the page's context.
_PART_FORMS = {"programme": "programme_form", "guests": "guest_form", "speakers": "speaker_form",
               "materials": "material_form"}


def part_added(request: AuthedRequest, event: Event, name: str, make_form: Callable[[Any, Any], forms.BaseForm],
               add: Callable[[dict[str, Any]], Any], success: Success = None) -> HttpResponse:
    """A part added from its form on the event page (`make_form(data, files)`; `add(cleaned_data)` calls the
    service): the section again, with an empty form after success, or the form with the service's reasons."""
    form = make_form(request.POST, request.FILES)
    if submit(request, form, add, success):
        form = make_form(None, None)
    return section(request, event, selectors.event_access(request.user, event), name, **{_PART_FORMS[name]: form})
