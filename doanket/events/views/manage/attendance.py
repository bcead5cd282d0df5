"""On the day and after: check-in at the door (a code scanned or typed, or a name ticked), its live
counts, and attendance by unit. The check-in result is shown in place, so refusals are too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doanket.accounts.http import AuthedRequest
from doanket.core.views import attempt
from doanket.events.permissions import EventPerm

from ... import selectors, services
from ...forms import CheckInForm
from ...models import Event
from ...services.attendance import CHECKIN_STATUSES
from ._common import htmx


def _checkin_access(request: AuthedRequest, pk: int) -> tuple[Event, selectors.EventAccess]:
    event = selectors.access_event(request.user, pk, EventPerm.CHECKIN)
    return event, selectors.event_access(request.user, event)


def _arrival(request: AuthedRequest, event: Event) -> tuple[Any, ValidationError | None]:
    """The real arrival time given with a late check-in ("14:05" on the event's first day), or None."""
    form = CheckInForm({"code": "-", "arrived": request.POST.get("arrived", "")})
    if not form.is_valid():
        return None, ValidationError(list(form.errors["arrived"]))
    time = form.cleaned_data.get("arrived")
    if time is None:
        return None, None
    day = timezone.localtime(event.starts_at).date()
    return timezone.make_aware(dt.datetime.combine(day, time)), None


def _result(request: AuthedRequest, event: Event, access: selectors.EventAccess, form: CheckInForm, result: Any,
            refused: ValidationError | None, *, oob: bool) -> HttpResponse:
    """The check-in page, or only its result and counts for HTMX after a check-in."""
    context = {"event": event, "access": access, "form": form, "result": result,
               "error": " ".join(refused.messages) if refused is not None else None,
               "counts": selectors.attendance_counts(event, access, checkin_scope=True), "nav": "events",
               "oob": oob, "checkin_open": event.status in CHECKIN_STATUSES,
               "ended": timezone.now() > event.ends_at}
    if oob and htmx(request):
        return render(request, "events/_checkin_result.html", context)
    return render(request, "events/checkin.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: AuthedRequest, pk: int) -> HttpResponse:
    """The phone page at the door: scan or type a code, or tick a name."""
    event, access = _checkin_access(request, pk)
    form = CheckInForm(request.POST or None)
    result = refused = None
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        at = form.cleaned_data.get("arrived")
        at = timezone.make_aware(dt.datetime.combine(timezone.localtime(event.starts_at).date(), at)) if at else None
        result, refused = attempt(lambda: services.event_check_in(actor=request.user, event=event, code=code, at=at))
        form = CheckInForm(initial={"arrived": request.POST.get("arrived", "")})
    return _result(request, event, access, form, result, refused, oob=request.method == "POST")


@login_required
@require_GET
def checkin_counts(request: AuthedRequest, pk: int) -> HttpResponse:
    event, access = _checkin_access(request, pk)
    return render(request, "events/_checkin_count.html",
                  {"event": event, "counts": selectors.attendance_counts(event, access, checkin_scope=True)})


@login_required
@require_GET
def checkin_search(request: AuthedRequest, pk: int) -> HttpResponse:
    event, access = _checkin_access(request, pk)
    query = (request.GET.get("q") or "").strip()
    rows = selectors.checkin_list(event, access, query=query) if query else []
    return render(request, "events/_checkin_list.html", {"event": event, "rows": rows, "query": query})


@login_required
@require_POST
def invitation_checkin(request: AuthedRequest, pk: int) -> HttpResponse:
    """Tick a name in the list."""
    inv = selectors.access_invitation(request.user, pk, EventPerm.CHECKIN)
    access = selectors.event_access(request.user, inv.event)
    at, refused = _arrival(request, inv.event)
    result = None
    if refused is None:
        result, refused = attempt(lambda: services.invitation_check_in(actor=request.user, invitation=inv, at=at))
    return _result(request, inv.event, access, CheckInForm(), result, refused, oob=True)


@login_required
@require_GET
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk)
    access = selectors.event_access(request.user, event)
    return render(request, "events/attendance.html", {"event": event, "access": access, "nav": "events",
                                                      "attendance": selectors.attendance(event, access)})
