"""The event itself: list, create, edit, lifecycle, the event page; its programme, guests of honour,
speakers and the chair's conclusions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doanket.accounts.http import AuthedRequest
from doanket.core.views import button, submit
from doanket.events.permissions import EventPerm
from doanket.people import selectors as people_selectors

from ... import selectors, services
from ...forms import ConcludeForm, EventFilter, EventForm, GuestForm, ProgrammeItemForm, SpeakerForm
from ._common import PAGE_SIZE, context, detail_url, part_added, part_removed, units

EDITABLE = ("title", "event_type", "organiser", "organiser_label", "starts_at", "ends_at", "venue",
            "audience_label", "description")


@login_required
@require_GET
def event_list(request: AuthedRequest) -> HttpResponse:
    form = EventFilter(request.GET or None, years=selectors.event_years(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.event_list(request.user, status=filters.get("status") or "",
                                  event_type=filters.get("event_type"), year=filters.get("year"))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.event_counts(request.user, page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    can_create = units(request, EventPerm.MANAGE).exists()
    return render(request, "events/list.html", {"form": form, "page": page, "query": query.urlencode(),
                                                "can_create": can_create, "nav": "events"})


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: AuthedRequest) -> HttpResponse:
    choices = units(request, EventPerm.MANAGE)
    if not choices.exists():
        raise PermissionDenied
    form = EventForm(request.POST or None, units=choices, initial={"organiser": choices.first()})
    event = submit(request, form, lambda data: services.event_create(actor=request.user, **data),
                   lambda event: _("Đã tạo sự kiện “%(title)s” (dự thảo).") % {"title": event.title})
    if event:
        return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "nav": "events", "title": _("Tạo sự kiện")})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)
    form = EventForm(request.POST or None, units=units(request, EventPerm.MANAGE),
                     initial={f: getattr(event, f) for f in EDITABLE})
    if submit(request, form, lambda data: services.event_update(actor=request.user, event=event, **data),
              _("Đã lưu thay đổi.")):
        return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "event": event, "nav": "events",
                                                "title": _("Sửa sự kiện")})


@login_required
@require_POST
def event_transition(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)
    return button(request, lambda: services.event_transition(actor=request.user, event=event,
                                                             to=request.POST.get("to", "")),
                  lambda moved: _("Sự kiện chuyển sang “%(status)s”.") % {"status": moved.get_status_display()},
                  then=detail_url(pk))


@login_required
@require_GET
def event_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk)
    access = selectors.event_access(request.user, event)
    return render(request, "events/detail.html", context(
        request, event, access, attendance=selectors.attendance(event, access),
        feedback=selectors.feedback_summary(event, access), history=selectors.event_history(request.user, event)))


# -- programme, guests, speakers -------------------------------------------------------------------

@login_required
@require_POST
def programme_item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)
    speakers = selectors.event_speakers(event)

    def add(data: dict[str, Any]) -> Any:
        speaker = next((s for s in speakers if s.pk == data["speaker"]), None)
        return services.programme_item_add(actor=request.user, event=event, title=data["title"],
                                           time=data["time"], speaker=speaker)

    return part_added(request, event, "programme", lambda post, _files: ProgrammeItemForm(post, speakers=speakers), add)


@login_required
@require_POST
def programme_item_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    item = selectors.access_programme_item(request.user, pk)
    return button(request, lambda: services.programme_item_remove(actor=request.user, item=item),
                  then=lambda: part_removed(request, item.event, "programme"))


@login_required
@require_POST
def guest_add(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)

    def add(data: dict[str, Any]) -> Any:
        person = people_selectors.person_get(request.user, data["person"])
        return services.guest_add(actor=request.user, event=event, person=person,
                                  position_label=data["position_label"])

    return part_added(request, event, "guests", lambda post, _files: GuestForm(post), add)


@login_required
@require_POST
def guest_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    guest = selectors.access_guest(request.user, pk)
    return button(request, lambda: services.guest_remove(actor=request.user, guest=guest),
                  then=lambda: part_removed(request, guest.event, "guests"))


@login_required
@require_POST
def speaker_add(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)

    def add(data: dict[str, Any]) -> Any:
        person = people_selectors.person_get(request.user, data["person"]) if data.get("person") else None
        return services.speaker_add(actor=request.user, event=event, person=person, full_name=data["full_name"],
                                    title=data["title"], affiliation=data["affiliation"])

    return part_added(request, event, "speakers", lambda post, _files: SpeakerForm(post), add)


@login_required
@require_POST
def speaker_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    speaker = selectors.access_speaker(request.user, pk)
    return button(request, lambda: services.speaker_remove(actor=request.user, speaker=speaker),
                  then=lambda: part_removed(request, speaker.event, "speakers"))


# -- conclusions -----------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def conclude(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)
    guests = [g.person for g in selectors.event_guests(event)]
    people = guests + ([event.concluded_by] if event.concluded_by and event.concluded_by not in guests else [])
    form = ConcludeForm(request.POST or None, people=people, initial={
        "conclusion": event.conclusion, "concluded_by": event.concluded_by_id,
        "concluded_by_label": event.concluded_by_label})

    def save(data: dict[str, Any]) -> Any:
        chair = next((p for p in people if p.pk == data["concluded_by"]), None)
        return services.event_conclude(actor=request.user, event=event, conclusion=data["conclusion"],
                                       concluded_by=chair, concluded_by_label=data["concluded_by_label"])

    if submit(request, form, save, _("Đã ghi kết luận.")):
        return redirect(detail_url(pk, "conclusion"))
    return render(request, "events/form.html", {"form": form, "event": event, "nav": "events",
                                                "title": _("Kết luận của chủ trì")})
